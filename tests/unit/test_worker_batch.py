"""The classifier worker tags a poll batch in one call, and isolates an event that breaks it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from sitrep_classifier.worker import ClassifierWorker, Settings
from sitrep_ingest.parsers import parse_feed
from sitrep_schemas import TaggedEvent, UpdateEvent
from tests.conftest import SEED_BULLETIN
from tests.faulty import FailsOn


class Record(NamedTuple):
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...] = (
        ("sitrep.schema", b"update_event.v1"),
    )  # as ingest sends


def _records(values: list[bytes]) -> list[Record]:
    return [Record("raw", 0, i, b"k", v) for i, v in enumerate(values)]


def _events() -> list[UpdateEvent]:
    return parse_feed(SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime.now(UTC))


def test_a_batch_is_tagged_in_one_call_in_record_order() -> None:
    events = _events()
    tagger = FailsOn("no such id")
    worker = ClassifierWorker(Settings(), tagger=tagger)
    values = [e.model_dump_json().encode() for e in events]
    values.insert(3, b"{not json")
    out = worker.handle_many(_records(values))
    assert tagger.batches == 1
    topics = [topic for topic, *_ in out]
    settings = worker.settings
    assert topics == [settings.topic_tagged] * 3 + [settings.topic_dlq] + [
        settings.topic_tagged
    ] * (len(events) - 3)
    tagged = [TaggedEvent.model_validate_json(v) for t, _, v, _ in out if t == topics[0]]
    assert [t.event_id for t in tagged] == [e.event_id for e in events]


def test_an_event_that_breaks_the_tagger_goes_alone_to_the_dlq() -> None:
    events = _events()
    bad = events[5]
    worker = ClassifierWorker(Settings(), tagger=FailsOn(bad.event_id))
    out = worker.handle_many(_records([e.model_dump_json().encode() for e in events]))
    dead = [(i, headers) for i, (topic, _, _, headers) in enumerate(out) if topic.endswith("dlq")]
    assert [i for i, _ in dead] == [5]
    headers = dict(dead[0][1])
    assert headers["sitrep.error.class"] == b"RuntimeError"
    assert headers["sitrep.original.offset"] == b"5"
    assert (
        headers["sitrep.schema"] == b"update_event.v1"
    )  # the original record's, kept for a replay
    assert out[5][2] == events[5].model_dump_json().encode()  # the original bytes, unchanged
    assert sum(topic == worker.settings.topic_tagged for topic, *_ in out) == len(events) - 1
    records: list[Any] = []
    assert worker.handle_many(records) == []
