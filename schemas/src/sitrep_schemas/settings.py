"""Settings every sitrep process shares: where the broker and Redis are, which topics.

Each service subclasses `SitrepSettings` with its own fields; everything is read
from the environment with the `SITREP_` prefix and defaults to the local stack.
"""

from __future__ import annotations

from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict

from sitrep_schemas.topics import (
    DLQ_TOPIC,
    INCIDENTS_TOPIC,
    RAW_TOPIC,
    RETRACTIONS_TOPIC,
    TAGGED_TOPIC,
)


class SitrepSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SITREP_", extra="ignore")

    kafka_bootstrap: str = "127.0.0.1:19092"
    redis_url: str = "redis://127.0.0.1:16379/0"
    redis_prefix: str = "sitrep"
    # A Redis Cluster (managed or not) behind redis_url: one node's address is enough.
    redis_cluster: bool = False
    topic_raw: str = RAW_TOPIC
    topic_tagged: str = TAGGED_TOPIC
    topic_dlq: str = DLQ_TOPIC
    topic_incidents: str = INCIDENTS_TOPIC
    topic_retractions: str = RETRACTIONS_TOPIC
    # The embedded broker hands out its first assignment after about half the
    # session timeout; a real Kafka cluster wants the client defaults (45 s / 3 s).
    kafka_session_timeout_ms: int = 6000
    kafka_heartbeat_interval_ms: int = 2000
    kafka_request_timeout_ms: int = 10000
    # How long a fetch may wait for new records. The embedded broker answers a fetch
    # at this deadline rather than when records arrive, so it bounds each stage's latency
    # (bench/end_to_end.py at 1,000 events/s: push -> visible p50 100 ms at 100, 51 at 20);
    # an idle consumer sends 1000/this fetches a second.
    kafka_fetch_max_wait_ms: int = 20
    # The idempotent producer. Off for Tansu on s3:// storage (`sitrep up --durable`),
    # whose producer state breaks under concurrent producers (OutOfOrderSequenceNumber,
    # then InitProducerId fails for good). Nothing depends on it: a retried send that
    # lands twice carries the same event id, which the projector counts once; one
    # request in flight per connection keeps per-source order without it.
    kafka_idempotence: bool = True
    # Producer batch size per partition. kafka-python's default (16 KB) holds ~8 tagged
    # events: a batch per handful of records made producing cost more CPU than tagging
    # (bench/classifier_stage.py: 2,700 -> 4,300 events/s at 512 KB). It bounds a batch,
    # it adds no wait: a batch leaves when linger_ms passes or on flush.
    kafka_batch_size: int = 512 * 1024
    kafka_max_poll_records: int = 1000
    log_level: str = "INFO"
    # One JSON log line per HTTP request (ingest, api); /metrics counts them either way.
    access_log: bool = False

    def consumer_config(self, group_id: str) -> dict[str, Any]:
        return {
            "bootstrap_servers": self.kafka_bootstrap,
            "group_id": group_id,
            "enable_auto_commit": False,
            "auto_offset_reset": "earliest",
            "session_timeout_ms": self.kafka_session_timeout_ms,
            "heartbeat_interval_ms": self.kafka_heartbeat_interval_ms,
            "request_timeout_ms": max(
                self.kafka_request_timeout_ms, self.kafka_session_timeout_ms + 1000
            ),
            "max_poll_records": self.kafka_max_poll_records,
            "fetch_max_wait_ms": self.kafka_fetch_max_wait_ms,
        }

    def producer_config(self) -> dict[str, Any]:
        return {
            "bootstrap_servers": self.kafka_bootstrap,
            "acks": "all",
            "enable_idempotence": self.kafka_idempotence,
            **({} if self.kafka_idempotence else {"max_in_flight_requests_per_connection": 1}),
            "linger_ms": 2,
            "batch_size": self.kafka_batch_size,
            "request_timeout_ms": self.kafka_request_timeout_ms,
            "max_block_ms": self.kafka_request_timeout_ms,
            "bootstrap_timeout_ms": self.kafka_request_timeout_ms,
        }
