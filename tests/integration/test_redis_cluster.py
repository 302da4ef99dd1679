"""The projector and the api on a real 3-master Redis Cluster: every script stays in one slot."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from kafka import KafkaProducer
from redis.cluster import RedisCluster

from sitrep_api.app import create_app
from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.keyspace import connect
from sitrep_api.projector import Projector
from sitrep_api.resolver import Resolver
from sitrep_api.resolver_worker import ResolverWorker
from sitrep_api.settings import Settings
from sitrep_api.state_writer import StateWriter
from sitrep_api.store import StateStore
from sitrep_cli.embedded import free_port, wait_for_port
from tests.conftest import running_in_thread, wait_until
from tests.integration.test_projector_store import seed_tagged

pytestmark = pytest.mark.integration


def _cluster_ports() -> list[int]:
    # Each node also listens on port + 10000 (the cluster bus): both must be free.
    ports: list[int] = []
    while len(ports) < 3:
        port = free_port()
        if port + 10000 < 65536 and port not in ports:
            ports.append(port)
    return ports


@pytest.fixture(scope="module")
def cluster_url() -> Iterator[str]:
    server, cli = shutil.which("redis-server"), shutil.which("redis-cli")
    assert server and cli, "redis-server and redis-cli are installed by `make install`"
    ports = _cluster_ports()
    procs = []
    with tempfile.TemporaryDirectory(prefix="sitrep-cluster-") as root:
        try:
            for port in ports:
                node = Path(root) / str(port)
                node.mkdir()
                procs.append(
                    subprocess.Popen(
                        [server, "--port", str(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                         "--cluster-config-file", "nodes.conf", "--dir", str(node), "--save", "",
                         "--appendonly", "no", "--protected-mode", "no"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    )
                )  # fmt: skip
            for port in ports:
                wait_for_port(port, 10)
            subprocess.run(
                [cli, "--cluster", "create", *(f"127.0.0.1:{p}" for p in ports),
                 "--cluster-replicas", "0", "--cluster-yes"],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
            deadline = time.monotonic() + 30
            while (
                b"cluster_state:ok"
                not in subprocess.run(
                    [cli, "-p", str(ports[0]), "cluster", "info"], capture_output=True, check=True
                ).stdout
            ):
                assert time.monotonic() < deadline, "the cluster did not become ok"
                time.sleep(0.2)
            yield f"redis://127.0.0.1:{ports[0]}/0"
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(10)


def test_projector_and_api_on_redis_cluster(cluster_url: str, isolated: dict[str, Any]) -> None:
    settings = Settings(
        **(isolated | {"redis_url": cluster_url}),
        redis_cluster=True,
        projector_group=f"p-{uuid.uuid4().hex[:8]}",
        projector_poll_ms=100,
    )
    client = connect(cluster_url, cluster=True)
    assert isinstance(client, RedisCluster)
    cluster: Any = client  # redis-py's cluster helpers are untyped
    assert len({n.port for n in cluster.get_primaries()}) == 3
    store = StateStore(client, settings.redis_prefix)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    tagged = seed_tagged()
    # Keys by position spread the events over the three partitions, so over three shards.
    for i, ev in enumerate(tagged + tagged[:4]):
        producer.send(
            settings.topic_tagged, key=f"k{i % 14}".encode(), value=ev.model_dump_json().encode()
        )
    producer.flush()
    producer.close()
    try:
        projector = Projector(settings, StateWriter(client, settings.redis_prefix))
        resolver = ResolverWorker(settings, Resolver(client, settings.redis_prefix))
        incidents = IncidentQueries(client, settings.redis_prefix)
        with running_in_thread(projector), running_in_thread(resolver):
            wait_until(lambda: store.state()["events_stored"] == 14, timeout=60)
            wait_until(lambda: incidents.summary()["reports"] == 14, timeout=60)
            assert len(store.shards()) >= 2
            slots = {cluster.keyslot(shard + "events") for shard in store.shards()}
            assert len(slots) == len(store.shards())  # one slot per shard, spread over the nodes
            with TestClient(create_app(settings)) as api:
                state = api.get("/v1/state").json()
                assert state["events_tallied"] == 14
                page = api.get("/v1/events", params={"limit": 100, "category": "military"}).json()
                assert len(page["items"]) == state["by_category"]["military"]
                assert api.get("/v1/places").json()["features"]
                assert api.get("/readyz").json()["ready"] is True
                # the state's version is read across the nodes: an unchanged answer is a 304
                etag = api.get("/v1/state").headers["etag"]
                again = api.get("/v1/state", headers={"If-None-Match": etag})
                assert again.status_code == 304
    finally:
        client.close()
