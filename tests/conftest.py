"""Shared fixtures: one real broker and one real Redis per test session.

The broker is, in order: `SITREP_KAFKA_BOOTSTRAP` if set, a testcontainers
Kafka where a Docker engine answers, else the embedded Tansu broker. Redis is
`SITREP_REDIS_URL`, a testcontainers Redis, or a redis-server of our own on a
free port. Tests never know which; they isolate by topic and key prefix. A
missing piece of infrastructure fails the test, it never skips it.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import redis

from sitrep_cli.embedded import EmbeddedKafka, EmbeddedRedis, create_topics, free_port

ROOT = Path(__file__).resolve().parents[1]
SEED_BULLETIN = ROOT / "seeds" / "bulletin-lead-day1007.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--repeat",
        type=int,
        default=1,
        help="run each fault scenario this many times (make test-faults REPEAT=N)",
    )


@functools.cache
def docker_answers() -> bool:
    """True where a Docker engine answers (then testcontainers provides Kafka and Redis)."""
    host = os.environ.get("DOCKER_HOST", "")
    if not host and not Path("/var/run/docker.sock").exists():
        return False
    try:
        import docker  # type: ignore[import-untyped]

        client = docker.from_env(timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    if address := os.environ.get("SITREP_KAFKA_BOOTSTRAP"):
        yield address
        return
    if docker_answers():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer().with_kraft() as kafka:
            yield kafka.get_bootstrap_server()
        return
    broker = EmbeddedKafka(free_port())
    broker.start()
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    if url := os.environ.get("SITREP_REDIS_URL"):
        yield url
        return
    if docker_answers():
        from testcontainers.redis import RedisContainer

        with RedisContainer() as container:
            host, port = container.get_container_host_ip(), container.get_exposed_port(6379)
            yield f"redis://{host}:{port}/0"
        return
    with tempfile.TemporaryDirectory(prefix="sitrep-redis-") as data:
        server = EmbeddedRedis(free_port(), data_dir=Path(data))
        server.start()
        try:
            yield server.url
        finally:
            server.stop()


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def isolated(kafka_bootstrap: str, redis_url: str) -> dict[str, Any]:
    """Settings fields of a test's own topics, groups and Redis key prefix."""
    tag = uuid.uuid4().hex[:10]
    fields: dict[str, Any] = {
        "kafka_bootstrap": kafka_bootstrap,
        "redis_url": redis_url,
        "redis_prefix": f"t{tag}",
        "topic_raw": f"t{tag}.raw",
        "topic_tagged": f"t{tag}.tagged",
        "topic_dlq": f"t{tag}.dlq",
        "topic_incidents": f"t{tag}.incidents",
        "topic_retractions": f"t{tag}.retractions",
        "kafka_request_timeout_ms": 10000,
    }
    names = ["topic_raw", "topic_tagged", "topic_dlq", "topic_incidents", "topic_retractions"]
    create_topics(kafka_bootstrap, [fields[n] for n in names], 3)
    return fields


def read_topic(
    bootstrap: str, topic: str, expect: int, timeout: float = 30.0, settle: float = 1.0
) -> list[Any]:
    """Every record of `topic` from the beginning: waits for `expect`, then `settle` s more for extras."""
    import time

    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        consumer.assign([TopicPartition(topic, p) for p in sorted(partitions)])
        consumer.seek_to_beginning()
        records: list[Any] = []
        deadline = time.monotonic() + timeout
        settle_until: float | None = None
        while time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
            if len(records) >= expect:
                settle_until = settle_until or time.monotonic() + settle
                if time.monotonic() >= settle_until:
                    break
        return records
    finally:
        consumer.close()


def wait_until(predicate: Any, timeout: float = 30.0, interval: float = 0.1) -> Any:
    """Poll `predicate` until it returns something truthy; fail with its last value."""
    import time

    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    assert value, f"condition not met within {timeout}s"
    return value


@contextmanager
def running_in_thread(worker: Any, timeout: float = 15.0) -> Iterator[None]:
    """`worker.run()` on a daemon thread for the block; then ask it to stop and
    fail if it has not stopped within `timeout` s."""
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    try:
        yield
    finally:
        worker.stop_event.set()
        thread.join(timeout=timeout)
    assert not thread.is_alive(), f"{type(worker).__name__} did not stop within {timeout} s"


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """An ASGI app served by uvicorn on a free port in this process: its base URL."""
    import time

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def assert_committed(directory: Path, pattern: str, expected: dict[str, str]) -> None:
    """Generated files committed under `directory` are exactly what the generator writes now."""
    committed = {p.name: p.read_text("utf-8") for p in directory.glob(pattern)}
    where = directory.relative_to(ROOT).as_posix()
    assert set(committed) == set(expected), f"run `make schemas` and commit {where}/"
    for name, text in expected.items():
        assert committed[name] == text, f"{name} is stale: run `make schemas` and commit it"
