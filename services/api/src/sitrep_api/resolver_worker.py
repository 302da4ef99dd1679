"""The resolver: consume `sitrep.updates.tagged` and `sitrep.updates.retractions` as its own
consumer group and resolve each batch into incidents, then publish what changed.

Incidents are derived state: events are visible as soon as the projector stores them, and
incident resolution follows at its own pace in its own process, so a costly batch (a flood
of near-copies growing one huge incident) delays incidents, never the events themselves.
Resolution is idempotent by content (a report already resolved at its classifier version is
a no-op; a withdrawal is remembered), so offsets are committed after Redis has the batch
and a crash or replay re-resolves nothing. The relay thread publishes incident changes to
`sitrep.incidents` (`incident_feed`), and the word-index thread adds stored events' words to
the `q` index (`word_index`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import redis
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError
from pydantic import ValidationError

from sitrep_api.incident_feed import IncidentRelay
from sitrep_api.keyspace import connect
from sitrep_api.resolver import Resolver, ResolverConflict
from sitrep_api.settings import Settings
from sitrep_api.word_index import WordIndexer
from sitrep_runtime.service import (
    ConsumerMetrics,
    HealthServer,
    LazyProducer,
    StopRequest,
    configure_logging,
    poll_loop,
    stop_on_signals,
)
from sitrep_schemas import Retraction, TaggedEvent
from sitrep_schemas.events import decode_record

log = logging.getLogger(__name__)


@dataclass
class ResolverWorker:
    settings: Settings
    resolver: Resolver
    metrics: ConsumerMetrics = field(default_factory=lambda: ConsumerMetrics("resolver"))
    stop_event: StopRequest = field(default_factory=StopRequest)
    consumer: KafkaConsumer | None = None

    def ready(self) -> bool:
        try:
            return self.metrics.assigned and bool(self.resolver.client.ping())
        except redis.RedisError:
            return False

    def process_batch(self, batch: dict[TopicPartition, list[Any]]) -> None:
        events: list[TaggedEvent] = []
        withdrawn: list[tuple[str, str]] = []
        for records in batch.values():
            for record in records:
                try:
                    if record.topic == self.settings.topic_retractions:
                        retraction = decode_record(record.value, Retraction)
                        withdrawn.append((retraction.event_id, retraction.source))
                    else:
                        events.append(decode_record(record.value, TaggedEvent))
                except (ValueError, ValidationError):
                    # the projector reads the same records and dead-letters them with the reason
                    self.metrics.records.labels("undecodable").inc()
        resolution = self.resolver.resolve(events, withdrawn=withdrawn)
        self.metrics.records.labels("resolved").inc(len(events))
        self.metrics.records.labels("withdrawn").inc(len(withdrawn))
        if resolution.attempts > 1:
            self.metrics.records.labels("raced").inc(resolution.attempts - 1)

    def run(self) -> None:
        self.consumer = KafkaConsumer(
            self.settings.topic_tagged,
            self.settings.topic_retractions,
            **self.settings.consumer_config(self.settings.resolver_group),
        )

        try:
            poll_loop(
                self.consumer,
                self.process_batch,
                self.stop_event,
                retriable=(redis.RedisError, KafkaError, ResolverConflict),
                poll_ms=self.settings.projector_poll_ms,
                metrics=self.metrics,
            )
        finally:
            if self.consumer is not None:
                self.consumer.close()
                self.consumer = None


def main() -> None:
    settings = Settings()
    configure_logging(settings.log_level)
    if settings.resolver_nice:
        # Incidents follow events: on a busy machine the event path gets the CPU first.
        os.nice(settings.resolver_nice)
    client = connect(settings.redis_url, settings.redis_cluster)
    resolver = Resolver(client, settings.redis_prefix, figure_rule=settings.incident_figure_rule)
    worker = ResolverWorker(settings, resolver)
    stop_on_signals(worker.stop_event)
    relay = IncidentRelay(
        client,
        LazyProducer(lambda: KafkaProducer(**settings.producer_config()), broken_by=(KafkaError,)),
        settings.topic_incidents,
        settings.redis_prefix,
        registry=worker.metrics.registry,
    )
    relaying = threading.Thread(
        target=relay.run, args=(worker.stop_event,), name="incident-relay", daemon=True
    )
    words = WordIndexer(client, settings.redis_prefix).register(worker.metrics.registry)
    indexing = threading.Thread(
        target=words.run, args=(worker.stop_event,), name="word-index", daemon=True
    )
    health = HealthServer(
        settings.resolver_host, settings.resolver_port, worker.ready, worker.metrics.registry
    )
    health.start()
    log.info(
        "resolver starting",
        extra={"topic": settings.topic_tagged, "group": settings.resolver_group},
    )
    started = time.monotonic()
    relaying.start()
    indexing.start()
    try:
        worker.run()
    finally:
        relaying.join(timeout=10)
        indexing.join(timeout=10)
        relay.release()
        relay.producer.close(timeout=5)
        health.stop()
        client.close()
        log.info("resolver stopped after %.1fs", time.monotonic() - started)
