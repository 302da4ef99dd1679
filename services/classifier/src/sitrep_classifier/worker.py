"""The classifier's Kafka edge: consume raw events, tag them, produce, then commit.

A poll loop with manual commits: a batch is committed only after every tagged
record (or DLQ record) it produced was acknowledged. A record that cannot be
decoded or tagged goes to the DLQ with headers saying why, and the loop moves
on; a broker error is retried from the batch's first offsets with backoff.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError
from pydantic import ValidationError

from sitrep_classifier.tagger import Tagger
from sitrep_runtime.partitioner import keyed_producer
from sitrep_runtime.service import (
    ConsumerMetrics,
    HealthServer,
    LazyProducer,
    StopRequest,
    configure_logging,
    poll_loop,
    stop_on_signals,
)
from sitrep_schemas import TaggedEvent, UpdateEvent
from sitrep_schemas.events import decode_record
from sitrep_schemas.settings import SitrepSettings
from sitrep_schemas.topics import TAGGED_EVENT_SCHEMA, dlq_headers, record_headers

log = logging.getLogger(__name__)
_TAGGED = record_headers(TAGGED_EVENT_SCHEMA)
GROUP_ID = "sitrep-classifier"
Output = tuple[str, bytes | None, bytes, list[tuple[str, bytes]]]


def _where(record: Any) -> dict[str, Any]:
    return {"topic": record.topic, "partition": record.partition, "offset": record.offset}


class Settings(SitrepSettings):
    classifier_group: str = GROUP_ID
    classifier_host: str = "127.0.0.1"
    classifier_port: int = 8082
    classifier_poll_ms: int = 500


@dataclass
class ClassifierWorker:
    settings: Settings
    tagger: Tagger = field(default_factory=Tagger)
    metrics: ConsumerMetrics = field(default_factory=lambda: ConsumerMetrics("classifier"))
    stop_event: StopRequest = field(default_factory=StopRequest)
    consumer: KafkaConsumer | None = None
    producer: LazyProducer = field(init=False)

    def __post_init__(self) -> None:
        self.producer = LazyProducer(
            lambda: keyed_producer(self.settings.producer_config()), broken_by=(KafkaError,)
        )

    def ready(self) -> bool:
        return self.metrics.assigned

    def _open(self) -> None:
        self.consumer = KafkaConsumer(
            self.settings.topic_raw, **self.settings.consumer_config(self.settings.classifier_group)
        )
        self.producer.get()

    def _decode(self, record: Any) -> UpdateEvent | Output:
        """The record's event, or the DLQ record to produce when it is not one."""
        try:
            return decode_record(record.value, UpdateEvent)
        except (ValueError, ValidationError) as exc:
            log.warning("undecodable record sent to DLQ: %s", exc, extra=_where(record))
            return self._dead(record, "decode", exc)

    def _dead(self, record: Any, stage: str, exc: Exception) -> Output:
        self.metrics.records.labels("dlq").inc()
        headers = dlq_headers(
            stage, exc, record.topic, record.partition, record.offset, list(record.headers or [])
        )
        return self.settings.topic_dlq, record.key, record.value or b"", headers

    def _tagged(self, record: Any, tagged: TaggedEvent) -> Output:
        self.metrics.records.labels("tagged").inc()
        return self.settings.topic_tagged, record.key, tagged.model_dump_json().encode(), _TAGGED

    def handle_many(self, records: list[Any]) -> list[Output]:
        """(topic, key, value, headers) to produce for each raw record, in order.

        The batch is tagged in one `classify_many` call; if that raises, each event
        is tagged alone so that only the one that fails goes to the DLQ.
        """
        decoded = [self._decode(record) for record in records]
        events = [d for d in decoded if isinstance(d, UpdateEvent)]
        try:
            tagged = iter(self.tagger.classify_many(events))
        except Exception:  # a tagger bug must not stall the partition
            return [
                self._tag_one(record, d) if isinstance(d, UpdateEvent) else d
                for record, d in zip(records, decoded, strict=True)
            ]
        return [
            self._tagged(record, next(tagged)) if isinstance(d, UpdateEvent) else d
            for record, d in zip(records, decoded, strict=True)
        ]

    def _tag_one(self, record: Any, event: UpdateEvent) -> Output:
        try:
            return self._tagged(record, self.tagger.classify(event))
        except Exception as exc:  # a tagger bug must not stall the partition
            log.exception("tagging failed, record sent to DLQ", extra=_where(record))
            return self._dead(record, "classify", exc)

    def process_batch(self, batch: dict[TopicPartition, list[Any]]) -> None:
        assert self.consumer is not None
        producer = self.producer.get()
        records = [record for records in batch.values() for record in records]
        # A tagged event keeps its raw record's key, so with as many partitions on both
        # topics the default partitioner would put it in the raw record's partition:
        # say so, and skip its pure-Python murmur2 (~10 % of send()).
        same_layout = len(producer.partitions_for(self.settings.topic_tagged)) == len(
            self.consumer.partitions_for_topic(self.settings.topic_raw) or ()
        )
        futures = [
            producer.send(
                topic, key=key, value=value, headers=headers,
                partition=record.partition
                if same_layout and topic == self.settings.topic_tagged
                else None,
            )
            for record, (topic, key, value, headers) in zip(
                records, self.handle_many(records), strict=True
            )
        ]  # fmt: skip
        producer.flush()
        for future in futures:
            future.get(timeout=self.settings.kafka_request_timeout_ms / 1000)

    def run(self, on_ready: Callable[[], None] | None = None) -> None:
        self._open()
        assert self.consumer is not None

        def after_poll() -> None:
            nonlocal on_ready
            if on_ready is not None and self.metrics.assigned:
                on_ready()
                on_ready = None

        try:
            poll_loop(
                self.consumer,
                self.process_batch,
                self.stop_event,
                retriable=(KafkaError,),
                poll_ms=self.settings.classifier_poll_ms,
                metrics=self.metrics,
                after_poll=after_poll,
                on_failure=self.producer.after_failure,
            )
        finally:
            self.close()

    def close(self) -> None:
        self.producer.close(timeout=5)
        if self.consumer is not None:
            self.consumer.close()
            self.consumer = None


def main() -> None:
    settings = Settings()
    configure_logging(settings.log_level)
    worker = ClassifierWorker(settings)
    # The tagger's tables live as long as the process: keep them out of every full
    # collection the per-record garbage of the poll loop triggers.
    gc.freeze()
    stop_on_signals(worker.stop_event)
    health = HealthServer(
        settings.classifier_host, settings.classifier_port, worker.ready, worker.metrics.registry
    )
    health.start()
    started = time.monotonic()
    log.info(
        "classifier starting",
        extra={"topic": settings.topic_raw, "group": settings.classifier_group},
    )
    try:
        worker.run(
            on_ready=lambda: log.info("classifier assigned after %.1fs", time.monotonic() - started)
        )
    finally:
        health.stop()
