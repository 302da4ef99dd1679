"""kill -9 the projector and the resolver in the middle of 10,000 events: after a restart the
counters equal a fold of the input computed here, with every duplicate counted once, and the
incidents equal what a clean resolver makes of the input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import redis
from kafka import KafkaProducer

from sitrep_api.contribution import NOT_TALLIED
from sitrep_api.store import StateStore
from sitrep_schemas import TaggedEvent
from tests.conftest import wait_until
from tests.folding import assert_incidents_are_fold, assert_state_is_fold
from tests.integration.test_projector_store import seed_tagged

pytestmark = pytest.mark.integration
SITREP = Path(sys.executable).parent / "sitrep"
CATEGORIES = ["military", "humanitarian", "political_diplomatic"]
TYPES = {"military": "remote.air_drone_strike", "humanitarian": "aid.humanitarian",
         "political_diplomatic": "diplomacy.meeting"}  # fmt: skip


def synthetic(n: int) -> list[TaggedEvent]:
    """n distinct events over 7 sources, three categories and the seed's places; every 50th is background."""
    seed = seed_tagged()
    out = []
    for i in range(n):
        base = seed[i % len(seed)]
        category = CATEGORIES[i % 3]
        event_type = "other.background" if i % 50 == 0 else TYPES[category]
        eid = f"{i + 1:032x}"
        update = base.event.model_copy(
            update={"event_id": eid, "source": f"src-{i % 7}", "position": i % 40 + 1}
        )
        out.append(base.model_copy(update={
            "event_id": eid, "event": update, "category": "other" if event_type in NOT_TALLIED else category,
            "event_type": event_type,
        }))  # fmt: skip
    return out


def test_kill_9_mid_stream_then_restart_counts_every_event_once(isolated: dict[str, Any]) -> None:
    events = synthetic(10_000)
    stream = events + events[:800]  # a producer retry re-sent 800 of them
    producer = KafkaProducer(
        bootstrap_servers=isolated["kafka_bootstrap"], acks="all", linger_ms=20
    )
    for ev in stream:
        producer.send(
            isolated["topic_tagged"],
            key=ev.event.source.encode(),
            value=ev.model_dump_json().encode(),
        )
    producer.flush()
    producer.close()

    env = dict(os.environ)
    env.update({f"SITREP_{k.upper()}": str(v) for k, v in isolated.items()})
    env.update(SITREP_PROJECTOR_GROUP=f"crash-{uuid.uuid4().hex[:8]}", SITREP_PROJECTOR_PORT="0",
               SITREP_RESOLVER_GROUP=f"crash-r-{uuid.uuid4().hex[:8]}", SITREP_RESOLVER_PORT="0",
               SITREP_LOG_LEVEL="WARNING")  # fmt: skip
    client = redis.Redis.from_url(isolated["redis_url"])
    store = StateStore(client, isolated["redis_prefix"])
    reports_key = f"{isolated['redis_prefix']}:{{inc}}:report"

    def stored() -> int:
        return int(store.state()["events_stored"]) if store.shards() else 0

    def resolved() -> int:
        return int(client.hlen(reports_key))

    def start(service: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([str(SITREP), service], env=env, stderr=subprocess.DEVNULL)

    running = {name: start(name) for name in ("projector", "resolver")}
    try:
        # kill -9 each mid-stream, the resolver (which places reports in incidents) too
        killed_at = {}
        for name, progress in (("projector", stored), ("resolver", resolved)):
            wait_until(lambda progress=progress: progress() >= 1_500, timeout=120, interval=0.02)
            running[name].send_signal(signal.SIGKILL)
            running[name].wait(10)
            killed_at[name] = progress()
            assert killed_at[name] < 10_000, f"the {name} finished before it could be killed"
            running[name] = start(name)
        started = time.monotonic()
        wait_until(lambda: stored() == 10_000 and resolved() == 10_000, timeout=240, interval=0.2)
        time.sleep(2)  # any redelivery still in flight would land now
        print(f"\nkilled at {killed_at}; recovered in {time.monotonic() - started:.1f}s")
    finally:
        for child in running.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
                child.wait(15)
    state = store.state()
    assert state["events_stored"] == 10_000
    assert_state_is_fold(state, events)
    # and the incidents, resolved by the killed resolver and its successor, are a fold too
    stored_members: dict[bytes, bytes] = client.hgetall(  # type: ignore[assignment]
        f"{isolated['redis_prefix']}:{{inc}}:member"
    )
    membership = {k.decode(): v.decode() for k, v in stored_members.items()}
    assert_incidents_are_fold(client, isolated["redis_prefix"], events, membership)
    client.close()
