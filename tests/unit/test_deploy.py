"""No Docker engine runs here, so the compose file's structure is checked instead of run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TOPICS = {"sitrep.updates.raw", "sitrep.updates.tagged", "sitrep.updates.dlq"}


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    return data


def test_compose_has_kafka_kraft_redis_and_the_four_services() -> None:
    services = compose()["services"]
    assert {"kafka", "redis", "ingest", "classifier", "projector", "api"} <= set(services)
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert "controller" in kafka["environment"]["KAFKA_PROCESS_ROLES"]
    assert services["redis"]["image"].startswith("redis:")
    for name in ("kafka", "redis", "ingest", "classifier", "projector", "api"):
        assert "healthcheck" in services[name], f"{name} has no healthcheck"


def test_services_run_the_cli_with_addresses_and_ports_of_the_design() -> None:
    services = compose()["services"]
    ports = {"ingest": "8081", "api": "8080"}
    for name in ("ingest", "classifier", "projector", "api"):
        svc = services[name]
        assert svc["command"] == [name]
        assert svc["build"]["dockerfile"] == "deploy/Dockerfile"
        env = svc["environment"]
        assert env["SITREP_KAFKA_BOOTSTRAP"] == "kafka:9092"
        assert env["SITREP_REDIS_URL"].startswith("redis://redis:6379")
        assert svc["depends_on"]["kafka"]["condition"] == "service_healthy"
        if name in ports:
            assert f"{ports[name]}:{ports[name]}" in svc["ports"]
            assert env[f"SITREP_{name.upper()}_PORT"] == ports[name]
    assert all(topic in "".join(services["topics"]["command"]) for topic in TOPICS)


def test_dockerfile_installs_every_package_and_runs_the_cli() -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text("utf-8")
    for package in (
        "schemas",
        "services/ingest",
        "services/classifier",
        "services/api",
        "services/cli",
    ):
        assert f"./{package}" in dockerfile
    assert 'ENTRYPOINT ["sitrep"]' in dockerfile
    for path in ("schemas/pyproject.toml", "services/cli/pyproject.toml"):
        assert (ROOT / path).exists()
