"""The projector: consume `sitrep.updates.tagged` and apply each event to Redis; consume
`sitrep.updates.retractions` and withdraw what they name.

Each event is applied by one Lua call that also records the partition offset,
so redelivery, crashes and replays never double count; a withdrawal leaves a tombstone and
counts once. Offsets are committed to Kafka only after Redis has the batch; a Redis or
broker error rewinds the batch and retries with backoff (the offset guard makes the retry
a no-op where it landed). Incidents are the resolver's (`resolver_worker`), a consumer
group of its own, so resolving never delays an event.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import redis
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError
from pydantic import ValidationError

from sitrep_api.keyspace import connect
from sitrep_api.settings import Settings
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_api.unstored import UnstoredTracker
from sitrep_runtime.service import (
    ConsumerMetrics,
    HealthServer,
    LazyProducer,
    SourceFreshness,
    StopRequest,
    configure_logging,
    poll_loop,
    stop_on_signals,
)
from sitrep_schemas import Retraction, TaggedEvent
from sitrep_schemas.events import decode_record
from sitrep_schemas.topics import dlq_headers

log = logging.getLogger(__name__)
_OUTCOMES = {0: "replayed", 1: "applied", 2: "duplicate", 3: "replaced", 4: "withdrawn"}
_RETRACTED = {
    0: "retraction_repeated",
    1: "retracted",
    2: "retraction_early",
    -1: "retraction_refused",
}


@dataclass
class Projector:
    settings: Settings
    store: StateWriter
    metrics: ConsumerMetrics = field(default_factory=lambda: ConsumerMetrics("projector"))
    stop_event: StopRequest = field(default_factory=StopRequest)
    consumer: KafkaConsumer | None = None
    producer: LazyProducer = field(init=False)  # for the DLQ

    def __post_init__(self) -> None:
        self.producer = LazyProducer(
            lambda: KafkaProducer(**self.settings.producer_config()), broken_by=(KafkaError,)
        )
        self.freshness = SourceFreshness(
            "sitrep_projector_source_age_seconds", self.metrics.registry
        )
        self.unstored = UnstoredTracker(self.store).register(self.metrics.registry)

    def ready(self) -> bool:
        try:
            return self.metrics.assigned and self.store.ping()
        except redis.RedisError:
            return False

    def _dlq(self, record: Any, exc: Exception) -> Any:
        log.warning(
            "undecodable tagged record sent to DLQ: %s",
            exc,
            extra={"topic": record.topic, "partition": record.partition, "offset": record.offset},
        )
        headers = dlq_headers(
            "project",
            exc,
            record.topic,
            record.partition,
            record.offset,
            list(record.headers or []),
        )
        self.metrics.records.labels("dlq").inc()
        return self.producer.get().send(
            self.settings.topic_dlq, key=record.key, value=record.value or b"", headers=headers
        )

    def process_batch(self, batch: dict[TopicPartition, list[Any]]) -> None:
        applicable: list[AppliedRecord] = []
        retractions: list[tuple[int, Retraction]] = []
        dlq_futures = []
        for records in batch.values():
            for record in records:
                try:
                    if record.topic == self.settings.topic_retractions:
                        retraction = decode_record(record.value, Retraction)
                        retractions.append((record.partition, retraction))
                        continue
                    event = decode_record(record.value, TaggedEvent)
                except (ValueError, ValidationError) as exc:
                    dlq_futures.append(self._dlq(record, exc))
                    continue
                applicable.append(
                    AppliedRecord(
                        record.topic, record.partition, record.offset, event, record.value
                    )
                )
        if dlq_futures:
            self.producer.get().flush()
            for future in dlq_futures:
                future.get(timeout=self.settings.kafka_request_timeout_ms / 1000)
        statuses = self.store.apply(applicable)
        for status in statuses:
            self.metrics.records.labels(_OUTCOMES.get(status, "unknown")).inc()
        for applied in applicable:
            update = applied.event.event
            self.freshness.saw(update.source, update.received_at.timestamp())
        for (_, retraction), status in zip(
            retractions, self.store.retract(retractions), strict=True
        ):
            self.metrics.records.labels(_RETRACTED.get(status, "unknown")).inc()
            if status < 0:
                log.warning(
                    "retraction refused: event %s is not from source %s",
                    retraction.event_id,
                    retraction.source,
                )

    def run(self) -> None:
        self.consumer = KafkaConsumer(
            self.settings.topic_tagged,
            self.settings.topic_retractions,
            **self.settings.consumer_config(self.settings.projector_group),
        )
        self.producer.get()
        checking = threading.Thread(
            target=self.unstored.run, args=(self.stop_event,), name="unstored", daemon=True
        )
        checking.start()
        try:
            poll_loop(
                self.consumer,
                self.process_batch,
                self.stop_event,
                retriable=(redis.RedisError, KafkaError),
                poll_ms=self.settings.projector_poll_ms,
                metrics=self.metrics,
                on_failure=self.producer.after_failure,
            )
        finally:
            self.stop_event.set()  # the unstored thread too, however the loop ended
            checking.join(timeout=10)
            self.close()

    def close(self) -> None:
        self.producer.close(timeout=5)
        if self.consumer is not None:
            self.consumer.close()
            self.consumer = None


def main() -> None:
    settings = Settings()
    configure_logging(settings.log_level)
    client = connect(settings.redis_url, settings.redis_cluster)
    projector = Projector(settings, StateWriter(client, settings.redis_prefix))
    stop_on_signals(projector.stop_event)
    health = HealthServer(
        settings.projector_host,
        settings.projector_port,
        projector.ready,
        projector.metrics.registry,
    )
    health.start()
    log.info(
        "projector starting",
        extra={"topic": settings.topic_tagged, "group": settings.projector_group},
    )
    started = time.monotonic()
    try:
        projector.run()
    finally:
        health.stop()
        client.close()
        log.info("projector stopped after %.1fs", time.monotonic() - started)
