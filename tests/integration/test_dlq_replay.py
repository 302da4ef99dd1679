"""Poison on the raw topic: each kind lands once in the DLQ with its error headers, the
partition moves on, and `sitrep dlq replay` re-injects what a fixed tagger can now tag."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from kafka import KafkaProducer

from sitrep_classifier.tagger import Tagger
from sitrep_classifier.worker import ClassifierWorker, Settings
from sitrep_cli.dlq import list_dlq, replay
from sitrep_ingest.parsers import parse_feed
from sitrep_schemas import TaggedEvent
from sitrep_schemas.topics import REPLAYED_HEADER, UPDATE_EVENT_SCHEMA, record_headers
from tests.conftest import SEED_BULLETIN, read_topic, running_in_thread
from tests.faulty import FailsOn

pytestmark = pytest.mark.integration


def run_worker(settings: Settings, tagger: Tagger, tagged: int, dlq: int) -> None:
    """Run a classifier until the tagged and DLQ topics hold `tagged` and `dlq` records."""
    with running_in_thread(ClassifierWorker(settings, tagger=tagger)):
        assert (
            len(read_topic(settings.kafka_bootstrap, settings.topic_tagged, tagged, 60)) == tagged
        )
        assert len(read_topic(settings.kafka_bootstrap, settings.topic_dlq, dlq, 30)) == dlq


def test_poison_is_dead_lettered_once_and_replayed_after_a_fix(isolated: dict[str, Any]) -> None:
    settings = Settings(
        **isolated, classifier_group=f"g-{uuid.uuid4().hex[:8]}", classifier_poll_ms=100
    )
    good, bad = parse_feed(
        SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime.now(UTC)
    )[:2]
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    key = b"one-partition"  # everything on one partition: the poison comes first
    for value in (
        b"\x00\xffnot json",
        b'{"schema_version": 99, "event_id": "x", "text": "from a newer ingest"}',
        bad.model_dump_json().encode(),
        good.model_dump_json().encode(),
    ):
        headers = record_headers(UPDATE_EVENT_SCHEMA)  # as ingest sends them
        producer.send(settings.topic_raw, key=key, value=value, headers=headers).get(timeout=10)
    producer.close()

    run_worker(settings, FailsOn(bad.event_id), tagged=1, dlq=3)
    dead = list(list_dlq(settings))
    assert [(d["stage"], d["error_class"]) for d in dead] == [
        ("decode", "UnicodeDecodeError"),
        ("decode", "ValueError"),
        ("classify", "RuntimeError"),
    ]
    assert [d["original_offset"] for d in dead] == ["0", "1", "2"]
    assert all(d["original_topic"] == settings.topic_raw for d in dead)
    [dead_partition] = {
        r.partition for r in read_topic(settings.kafka_bootstrap, settings.topic_dlq, 3, 10)
    }

    summary = replay(settings, {"classify"})
    assert summary.replayed == {settings.topic_raw: 1}
    assert summary.skipped == {"decode": 2}
    assert replay(settings, {"classify"}).replayed == {}  # once, however often it runs

    # the replayed record is the original, headers and all, marked as replayed
    replayed = read_topic(settings.kafka_bootstrap, settings.topic_raw, 5, 30)[-1]
    assert replayed.value == bad.model_dump_json().encode()
    assert dict(replayed.headers) == {
        **dict(record_headers(UPDATE_EVENT_SCHEMA)),
        REPLAYED_HEADER: f"{dead_partition}:2".encode(),
    }

    run_worker(settings, Tagger(), tagged=2, dlq=3)  # the fixed tagger tags the replayed one
    tagged = read_topic(settings.kafka_bootstrap, settings.topic_tagged, 2, 30)
    ids = sorted(TaggedEvent.model_validate_json(r.value).event_id for r in tagged)
    assert ids == sorted([good.event_id, bad.event_id])
    assert len(read_topic(settings.kafka_bootstrap, settings.topic_dlq, 3, 10)) == 3
