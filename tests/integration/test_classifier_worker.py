"""The classifier worker on the real broker: tags, dead-letters poison, commits, stops on request."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from sitrep_classifier.worker import ClassifierWorker, Settings
from sitrep_ingest.parsers import parse_feed
from sitrep_schemas import TaggedEvent
from tests.conftest import SEED_BULLETIN, read_topic, running_in_thread

pytestmark = pytest.mark.integration


def test_worker_tags_every_event_and_sends_poison_to_the_dlq(isolated: dict[str, Any]) -> None:
    settings = Settings(
        **isolated, classifier_group=f"g-{uuid.uuid4().hex[:8]}", classifier_poll_ms=100
    )
    events = parse_feed(SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime.now(UTC))
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    key = events[0].source.encode()
    values = [ev.model_dump_json().encode() for ev in events]
    values[7:7] = [b"{not json", b'{"schema_version": 99, "text": "from the future"}']
    sent = [producer.send(settings.topic_raw, key=key, value=v) for v in values]
    producer.flush()
    produced = [f.get(timeout=10) for f in sent]
    producer.close()

    with running_in_thread(ClassifierWorker(settings)):
        tagged = read_topic(settings.kafka_bootstrap, settings.topic_tagged, expect=14, timeout=60)
        dlq = read_topic(settings.kafka_bootstrap, settings.topic_dlq, expect=2, timeout=30)

    out = [TaggedEvent.model_validate_json(r.value) for r in sorted(tagged, key=lambda r: r.offset)]
    assert [t.event_id for t in out] == [e.event_id for e in events]  # per-source order kept
    assert {r.key for r in tagged} == {key}
    assert {dict(r.headers)["sitrep.schema"] for r in tagged} == {b"tagged_event.v1"}
    assert len(dlq) == 2
    headers = [dict(r.headers) for r in sorted(dlq, key=lambda r: r.offset)]
    assert [h["sitrep.original.offset"] for h in headers] == [b"7", b"8"]
    assert headers[0]["sitrep.error.class"] == b"JSONDecodeError"
    assert b"schema_version" in headers[1]["sitrep.error.message"]
    assert all(h["sitrep.original.topic"] == settings.topic_raw.encode() for h in headers)
    assert sorted(r.value for r in dlq) == sorted(
        [b"{not json", b'{"schema_version": 99, "text": "from the future"}']
    )

    # Offsets were committed after the produce: the group resumes after the last record.
    [partition] = {m.partition for m in produced}
    last = max(m.offset for m in produced)
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap, group_id=settings.classifier_group
    )
    try:
        assert consumer.committed(TopicPartition(settings.topic_raw, partition)) == last + 1
    finally:
        consumer.close()


def test_tagged_events_land_where_the_default_partitioner_puts_their_key(
    isolated: dict[str, Any],
) -> None:
    """The worker names the raw record's partition instead of hashing the key again: for
    every source, the tagged event must sit where murmur2 of its key would put it."""
    from kafka.partitioner.default import murmur2  # what the default partitioner hashes

    settings = Settings(
        **isolated, classifier_group=f"g-{uuid.uuid4().hex[:8]}", classifier_poll_ms=100
    )
    events = parse_feed(SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime.now(UTC))
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    keys = [f"source-{n}".encode() for n in range(12)]
    for n, key in enumerate(keys):
        producer.send(settings.topic_raw, key=key, value=events[n].model_dump_json().encode())
    producer.flush()
    producer.close()

    with running_in_thread(ClassifierWorker(settings)):
        tagged = read_topic(settings.kafka_bootstrap, settings.topic_tagged, expect=12, timeout=60)

    placed = {r.key: r.partition for r in tagged}
    assert set(placed) == set(keys)
    assert len(set(placed.values())) > 1  # the keys spread: the test can tell partitions apart
    for key, partition in placed.items():
        assert partition == (murmur2(key) & 0x7FFFFFFF) % 3, key
