"""No Docker engine runs here, so the compose file's structure is checked instead of run."""

from __future__ import annotations

import re
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
        # the password-protected Redis unless the cluster profile's URL is given
        assert env["SITREP_REDIS_URL"] == (
            "${SITREP_REDIS_URL:-redis://:${SITREP_REDIS_PASSWORD:-change-me}@redis:6379/0}"
        )
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


def test_kafka_keeps_its_log_on_the_volume_and_listens_for_the_host() -> None:
    kafka = compose()["services"]["kafka"]
    env = kafka["environment"]
    volume = next(v for v in kafka["volumes"] if v.startswith("kafka-data:"))
    assert env["KAFKA_LOG_DIRS"] == volume.split(":", 1)[1]
    assert "HOST://localhost:29092" in env["KAFKA_ADVERTISED_LISTENERS"].split(",")
    assert "HOST:PLAINTEXT" in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(",")
    assert "29092:29092" in kafka["ports"]


def test_redis_wants_a_password_and_every_service_is_checked_for_readiness() -> None:
    services = compose()["services"]
    for name in ("redis", "redis-node-1", "redis-node-2", "redis-node-3"):
        command = services[name]["command"]
        assert command[command.index("--requirepass") + 1] == "${SITREP_REDIS_PASSWORD:-change-me}"
        assert services[name]["environment"]["REDISCLI_AUTH"]  # its health check authenticates
    for name in ("ingest", "classifier", "projector", "resolver", "api"):
        check = " ".join(services[name]["healthcheck"]["test"])
        assert "/readyz" in check, name


def test_the_cluster_profile_joins_three_masters() -> None:
    services = compose()["services"]
    nodes = [f"redis-node-{i}" for i in (1, 2, 3)]
    for node in nodes:
        assert services[node]["profiles"] == ["cluster"]
        assert "--cluster-enabled" in services[node]["command"]
        assert f"{node}:/data" in services[node]["volumes"]
    join = services["redis-cluster"]
    assert join["profiles"] == ["cluster"] and set(join["depends_on"]) == set(nodes)
    script = " ".join(join["command"])
    assert "--cluster create" in script and "--cluster-replicas 0" in script
    assert all(f"{node}:6379" in script for node in nodes)
    assert set(compose()["volumes"]) >= set(nodes)
    for name in ("ingest", "classifier", "projector", "resolver", "api"):
        # every service waits for the join when the profile is on, and only then
        wait = services[name]["depends_on"]["redis-cluster"]
        assert wait == {"condition": "service_completed_successfully", "required": False}


def test_every_variable_the_compose_file_reads_has_a_default() -> None:
    import re

    text = (ROOT / "docker-compose.yml").read_text("utf-8")
    names = re.findall(r"\$\{([A-Z_]+)(:-)?", text)
    assert names and all(default for _, default in names), names


def _pins() -> dict[str, str]:
    lines = (ROOT / "deploy" / "constraints.txt").read_text("utf-8").splitlines()
    pins = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {_canonical(name): version for name, version in pins}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lock_pins_what_is_installed_and_both_installs_use_it() -> None:
    """`make lock` writes deploy/constraints.txt; make install and the image install with it."""
    from importlib.metadata import distributions

    pins = _pins()
    installed = {
        _canonical(d.metadata["Name"]): d.version
        for d in distributions()
        if not _canonical(d.metadata["Name"]).startswith("sitrep")
        and _canonical(d.metadata["Name"]) not in {"pip", "setuptools", "wheel"}
    }
    unpinned = sorted(set(installed) - set(pins))
    assert not unpinned, (
        f"installed but not in deploy/constraints.txt (run `make lock`): {unpinned}"
    )
    moved = {n: (pins[n], v) for n, v in installed.items() if pins[n] != v}
    assert not moved, f"installed versions differ from the lock (run `make lock`): {moved}"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text("utf-8")
    assert "pip install -q -c deploy/constraints.txt $(PACKAGES)" in makefile
    assert "pip install -c deploy/constraints.txt ./schemas" in dockerfile


def test_the_embedded_redis_and_the_deployed_one_keep_the_same_aof_settings(
    tmp_path: Path,
) -> None:
    from sitrep_cli.embedded import EmbeddedRedis

    lines = (ROOT / "deploy" / "redis.conf").read_text("utf-8").splitlines()
    conf = dict(line.split(None, 1) for line in lines if line and not line.startswith("#"))
    command = EmbeddedRedis(6390, data_dir=tmp_path).command()  # built, not started
    flags = dict(zip(command[1::2], command[2::2], strict=False))
    for name in ("appendonly", "appendfsync", "auto-aof-rewrite-min-size",
                 "auto-aof-rewrite-percentage"):  # fmt: skip
        assert flags[f"--{name}"] == conf[name], name
