"""The projector's effect on a real Redis: exactly once under redelivery, replay and re-tagging."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import redis
from kafka import KafkaProducer

from sitrep_api.projector import Projector
from sitrep_api.settings import Settings
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_api.store import EventQuery, StateStore
from sitrep_classifier.tagger import Tagger
from sitrep_ingest.parsers import parse_feed
from sitrep_schemas import ClassifierInfo, TaggedEvent
from tests.conftest import SEED_BULLETIN, read_topic, running_in_thread, wait_until

pytestmark = pytest.mark.integration
TOPIC = "sitrep.updates.tagged"


def seed_tagged() -> list[TaggedEvent]:
    tagger = Tagger()
    events = parse_feed(
        SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime(2025, 3, 4, tzinfo=UTC)
    )
    return [tagger.classify(e, now=datetime(2025, 3, 4, tzinfo=UTC)) for e in events]


def dump(client: redis.Redis, prefix: str, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every key under the prefix with its full value, for before/after comparisons."""
    out: dict[str, Any] = {}

    def text(value: bytes | str) -> str:
        return value.decode() if isinstance(value, bytes) else value

    for key in sorted(text(k) for k in client.scan_iter(match=f"{prefix}:*", count=1000)):
        if key.endswith(skip):
            continue
        kind = text(client.type(key))
        if kind == "hash":
            out[key] = client.hgetall(key)
        elif kind == "zset":
            out[key] = client.zrange(key, 0, -1, withscores=True)
        elif kind == "set":
            out[key] = sorted(client.smembers(key))
        elif kind == "list":
            out[key] = client.lrange(key, 0, -1)
        elif kind == "stream":
            out[key] = client.xrange(key)
        else:
            out[key] = client.get(key)
    return out


@pytest.fixture
def prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
def store(redis_client: redis.Redis, prefix: str) -> StateStore:
    return StateStore(redis_client, prefix)


@pytest.fixture
def writer(redis_client: redis.Redis, prefix: str) -> StateWriter:
    return StateWriter(redis_client, prefix)


def test_replaying_a_partition_from_offset_0_changes_nothing(
    store: StateStore, writer: StateWriter, redis_client: redis.Redis
) -> None:
    records = [AppliedRecord(TOPIC, 0, i, ev) for i, ev in enumerate(seed_tagged())]
    assert writer.apply(records) == [1] * 14
    assert not writer.replaying
    before = dump(redis_client, store.prefix)
    assert writer.apply(records, chunk=5) == [0] * 14
    assert dump(redis_client, store.prefix) == before
    assert store.state()["events_tallied"] == 14
    assert writer.applied_offset(0, TOPIC) == 13
    # the first refused chunk sent the shard's next ones straight to the per-event script;
    # the first chunk that comes out all new sends it back to merged writes
    assert writer.replaying == {writer.shard(0)}
    fresh = [
        AppliedRecord(TOPIC, 0, 14 + i, ev.model_copy(update={"event_id": uuid.uuid4().hex}))
        for i, ev in enumerate(seed_tagged()[:3])
    ]
    assert writer.apply(fresh) == [1] * 3
    assert not writer.replaying
    assert store.state()["events_tallied"] == 17


def test_a_large_offset_is_recorded_exactly(writer: StateWriter) -> None:
    """A batch's offset is kept as the record gave it, not through a Lua number."""
    offset = 123_456_789_012_345_678  # a double prints it as 1.2345678901235e+17
    [first, *_] = seed_tagged()
    assert writer.apply([AppliedRecord(TOPIC, 2, offset, first)]) == [1]
    assert writer.applied_offset(2, TOPIC) == offset


def test_same_event_at_new_offsets_counts_once(
    store: StateStore, writer: StateWriter, redis_client: redis.Redis
) -> None:
    tagged = seed_tagged()
    writer.apply([AppliedRecord(TOPIC, 1, i, ev) for i, ev in enumerate(tagged)])
    before = dump(redis_client, store.prefix, skip=("offsets",))
    # A re-sent feed that reached the topic again (e.g. a producer retry) lands at new offsets.
    assert (
        writer.apply([AppliedRecord(TOPIC, 1, 100 + i, ev) for i, ev in enumerate(tagged)])
        == [2] * 14
    )
    assert dump(redis_client, store.prefix, skip=("offsets",)) == before
    assert store.state()["by_source"] == {"frontline-digest": 14}


def test_newer_classifier_version_replaces_the_old_contribution(
    store: StateStore, writer: StateWriter
) -> None:
    tagged = seed_tagged()
    writer.apply([AppliedRecord(TOPIC, 2, i, ev) for i, ev in enumerate(tagged)])
    old = tagged[0]
    assert old.event_type == "battle.territory_taken"
    retagged = old.model_copy(
        update={
            "event_type": "assessment.analysis",
            "locations": [],
            "classifier": ClassifierInfo(name=old.classifier.name, version="99.0.0"),
        }
    )
    assert writer.apply([AppliedRecord(TOPIC, 2, 50, retagged)]) == [3]
    state = store.state()
    assert state["events_tallied"] == 14
    assert "battle.territory_taken" not in state["by_event_type"]
    assert state["by_event_type"]["assessment.analysis"] == 1
    assert "ukr:kopanky" not in {p["place_id"] for p in state["by_place"]}
    # The older version arriving late does not undo the newer one.
    assert writer.apply([AppliedRecord(TOPIC, 2, 51, old)]) == [2]
    assert store.state()["by_event_type"]["assessment.analysis"] == 1


def test_background_is_stored_but_not_tallied(store: StateStore, writer: StateWriter) -> None:
    background = seed_tagged()[0].model_copy(
        update={"event_type": "other.background", "category": "other"}
    )
    writer.apply([AppliedRecord(TOPIC, 0, 0, background)])
    state = store.state()
    assert state["events_stored"] == 1 and state["events_tallied"] == 0
    assert state["by_category"] == {} and state["by_place"] == []
    items, _ = store.list_events(EventQuery(), 10, None)
    assert len(items) == 1


def test_projector_worker_applies_the_topic_and_dead_letters_garbage(
    isolated: dict[str, Any],
) -> None:
    settings = Settings(
        **isolated, projector_group=f"p-{uuid.uuid4().hex[:8]}", projector_poll_ms=100
    )
    client = redis.Redis.from_url(settings.redis_url)
    store = StateStore(client, settings.redis_prefix)
    writer = StateWriter(client, settings.redis_prefix)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    tagged = seed_tagged()
    for ev in tagged[:5]:
        producer.send(settings.topic_tagged, key=b"wim", value=ev.model_dump_json().encode())
    producer.send(
        settings.topic_tagged, key=b"wim", value=b'{"schema_version": 1, "event_id": "nope"}'
    )
    for ev in tagged[5:] + tagged[:3]:  # three duplicates at later offsets
        producer.send(settings.topic_tagged, key=b"wim", value=ev.model_dump_json().encode())
    producer.flush()
    producer.close()

    projector = Projector(settings, writer)
    with running_in_thread(projector):
        registry = projector.metrics.registry
        wait_until(
            lambda: (
                registry.get_sample_value(
                    "sitrep_projector_records_total", {"outcome": "duplicate"}
                )
                == 3
            ),
            timeout=60,
        )
        dlq = read_topic(settings.kafka_bootstrap, settings.topic_dlq, expect=1)
        assert projector.ready()
        lags = [
            s for m in projector.metrics.registry.collect() if m.name == "sitrep_projector_lag"
            for s in m.samples
        ]  # fmt: skip
        assert lags and all(
            s.value >= 0
            and s.labels["topic"] in (settings.topic_tagged, settings.topic_retractions)
            for s in lags
        )
        # how old each source's newest applied event is, for a staleness alert
        sources = {ev.event.source for ev in tagged}
        age = {
            source: registry.get_sample_value(
                "sitrep_projector_source_age_seconds", {"source": source}
            )
            for source in sources
        }
        assert all(value is not None and value >= 0 for value in age.values()), age
    assert len(dlq) == 1 and dict(dlq[0].headers)["sitrep.stage"] == b"project"

    # Replay the whole topic from offset 0 (a new group, the same state): nothing changes.
    before = dump(client, settings.redis_prefix)
    replayer = Projector(
        settings.model_copy(update={"projector_group": f"replay-{uuid.uuid4().hex[:8]}"}), writer
    )
    with running_in_thread(replayer):
        wait_until(
            lambda: (
                replayer.metrics.registry.get_sample_value(
                    "sitrep_projector_records_total", {"outcome": "replayed"}
                )
                == 17
            ),
            timeout=60,
        )
    assert dump(client, settings.redis_prefix) == before
    client.close()
    assert store.state()["events_tallied"] == 14


def comparable(client: redis.Redis, prefix: str) -> dict[str, Any]:
    """`dump` without what differs by construction between two prefixes: the prefix itself,
    stream entry ids (times), JSON spacing and the last digits of summed floats (the list
    of shards names them by prefix)."""

    def plain(value: Any) -> Any:
        if isinstance(value, bytes):
            try:
                return plain(json.loads(value))
            except ValueError:
                return value.decode()
        if isinstance(value, float):
            return round(value, 6)
        if isinstance(value, dict):
            return {plain(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    out = {}
    for key, value in dump(client, prefix, skip=(":shards",)).items():
        if key.endswith(":stream"):
            value = [fields for _, fields in value]
        out[key.removeprefix(prefix)] = plain(value)
    return out


def test_a_merged_chunk_leaves_what_event_by_event_leaves(
    redis_client: redis.Redis, tagged: list[TaggedEvent]
) -> None:
    """New events' chunks go as one merged write (batch_apply.py): the state is the one the
    per-event script leaves, down to every counter, index, figure sum and place."""
    merged = StateWriter(redis_client, f"t{uuid.uuid4().hex[:10]}")
    single = StateWriter(redis_client, f"t{uuid.uuid4().hex[:10]}", merged=False)
    records = [AppliedRecord(TOPIC, i % 3, i // 3, ev) for i, ev in enumerate(tagged)]
    statuses = merged.apply(records, chunk=8)
    assert statuses == single.apply(records, chunk=8)
    assert statuses.count(1) == len({ev.event_id for ev in tagged}) > 50
    assert comparable(redis_client, merged.prefix) == comparable(redis_client, single.prefix)
    figures = StateStore(redis_client, merged.prefix).figures(None, (), EventQuery())
    assert figures and figures == StateStore(redis_client, single.prefix).figures(
        None, (), EventQuery()
    )
    # a chunk that is not all new (stored ids at new offsets) is decided event by event
    again = [AppliedRecord(TOPIC, 0, 10_000 + i, ev) for i, ev in enumerate(tagged[:6:3])]
    assert merged.apply(again) == [2, 2]
