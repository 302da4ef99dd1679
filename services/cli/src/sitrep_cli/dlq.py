"""`sitrep dlq list` / `sitrep dlq replay`: read the dead-letter topic, send records back after a fix.

Every DLQ record carries its original bytes and headers naming the stage that
refused it, the error, and the topic/partition/offset it came from
(`sitrep_schemas.topics`). `replay` produces each one, unchanged, back to its
original topic (keyed as before) and commits its progress in a consumer group
of its own, so a record is re-injected once however often replay runs.
Re-injecting an event twice would still count it once: the projector keys
everything by event id.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata

from sitrep_runtime.service import discard_producer
from sitrep_schemas.settings import SitrepSettings
from sitrep_schemas.topics import (
    DLQ_HEADER_ERROR_CLASS,
    DLQ_HEADER_ERROR_MESSAGE,
    DLQ_HEADER_OFFSET,
    DLQ_HEADER_PARTITION,
    DLQ_HEADER_STAGE,
    DLQ_HEADER_TOPIC,
    REPLAYED_HEADER,
    original_headers,
)

REPLAY_GROUP = "sitrep-dlq-replay"


def describe(record: Any) -> dict[str, Any]:
    """A DLQ record as one JSON-able line: where it is, why it is there, where it came from."""
    headers = {k: v.decode("utf-8", "replace") for k, v in record.headers or []}
    return {
        "dlq_partition": record.partition,
        "dlq_offset": record.offset,
        "stage": headers.get(DLQ_HEADER_STAGE),
        "error_class": headers.get(DLQ_HEADER_ERROR_CLASS),
        "error": headers.get(DLQ_HEADER_ERROR_MESSAGE),
        "original_topic": headers.get(DLQ_HEADER_TOPIC),
        "original_partition": headers.get(DLQ_HEADER_PARTITION),
        "original_offset": headers.get(DLQ_HEADER_OFFSET),
        "key": record.key.decode("utf-8", "replace") if record.key else None,
        "value": (record.value or b"")[:500].decode("utf-8", "replace"),
    }


def _records(consumer: KafkaConsumer, idle_s: float, join_s: float = 60.0) -> Iterator[Any]:
    """Records until none has arrived for `idle_s` (end offsets are not trusted on Tansu).

    The idle clock starts once the consumer has partitions (a group's first
    assignment takes seconds), and at the latest after `join_s`.
    """
    joined_by = time.monotonic() + join_s
    while not consumer.assignment() and time.monotonic() < joined_by:
        for records in consumer.poll(timeout_ms=200).values():
            yield from records
    last = time.monotonic()
    while time.monotonic() - last < idle_s:
        batch = consumer.poll(timeout_ms=200)
        for records in batch.values():
            last = time.monotonic()
            yield from records


def read_from_start(bootstrap: str, *topics: str, idle_s: float = 3.0) -> Iterator[Any]:
    """Every record of `topics` from offset 0, until none has arrived for `idle_s`."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    try:
        consumer.assign([
            TopicPartition(topic, p)
            for topic in topics
            for p in sorted(consumer.partitions_for_topic(topic) or ())
        ])  # fmt: skip
        consumer.seek_to_beginning()
        yield from _records(consumer, idle_s)
    finally:
        consumer.close()


def list_dlq(settings: SitrepSettings, idle_s: float = 3.0) -> Iterator[dict[str, Any]]:
    for record in read_from_start(settings.kafka_bootstrap, settings.topic_dlq, idle_s=idle_s):
        yield describe(record)


@dataclass
class ReplaySummary:
    replayed: Counter[str] = field(default_factory=Counter)  # by original topic
    skipped: Counter[str] = field(default_factory=Counter)  # by stage

    def line(self) -> str:
        done = ", ".join(f"{n} to {t}" for t, n in sorted(self.replayed.items())) or "nothing"
        skipped = ", ".join(f"{n} of stage {s}" for s, n in sorted(self.skipped.items()))
        return f"replayed {done}" + (f"; left {skipped}" if skipped else "")


def replay(
    settings: SitrepSettings,
    stages: set[str] | None = None,
    dry_run: bool = False,
    idle_s: float = 3.0,
) -> ReplaySummary:
    """Send DLQ records (of `stages`, or all) back to their original topics, once each."""
    group = REPLAY_GROUP + ("-" + "-".join(sorted(stages)) if stages else "")
    consumer = KafkaConsumer(settings.topic_dlq, **settings.consumer_config(group))
    producer = None if dry_run else KafkaProducer(**settings.producer_config())
    summary = ReplaySummary()
    try:
        for record in _records(consumer, idle_s):
            info = describe(record)
            if (stages and info["stage"] not in stages) or not info["original_topic"]:
                summary.skipped[str(info["stage"])] += 1
                continue
            summary.replayed[info["original_topic"]] += 1
            if producer is None:
                print(json.dumps(info))
                continue
            producer.send(
                info["original_topic"],
                key=record.key,
                value=record.value,
                headers=[
                    *original_headers(list(record.headers or [])),
                    (REPLAYED_HEADER, f"{record.partition}:{record.offset}".encode()),
                ],
            ).get(timeout=settings.kafka_request_timeout_ms / 1000)
            consumer.commit(
                {
                    TopicPartition(record.topic, record.partition): OffsetAndMetadata(
                        record.offset + 1, "", -1
                    )
                }
            )
        return summary
    finally:
        consumer.close()
        if producer is not None:
            discard_producer(producer)
