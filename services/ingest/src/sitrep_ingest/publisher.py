"""The Kafka edge of ingest: publish events and wait until the broker has them."""

from __future__ import annotations

import logging
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kafka.errors import KafkaError

from sitrep_runtime.partitioner import keyed_producer
from sitrep_runtime.service import LazyProducer
from sitrep_schemas import Retraction, UpdateEvent
from sitrep_schemas.topics import RETRACTION_SCHEMA, UPDATE_EVENT_SCHEMA, record_headers

log = logging.getLogger(__name__)
_UPDATE = record_headers(UPDATE_EVENT_SCHEMA)
_RETRACTION = record_headers(RETRACTION_SCHEMA)


def _answers(server: str, timeout: float = 1.0) -> bool:
    host, _, port = server.strip().rpartition(":")
    try:
        socket.create_connection(
            (host.strip("[]") or "localhost", int(port)), timeout=timeout
        ).close()
        return True
    except (OSError, ValueError):
        return False


class BrokerUnavailable(Exception):
    """The broker did not acknowledge every record in time."""

    def __init__(self, message: str, acknowledged: list[str]) -> None:
        super().__init__(message)
        self.acknowledged = acknowledged


@dataclass
class Publisher:
    """Sends `UpdateEvent`s keyed by source with acks=all and idempotence.

    The producer is created on first use and thrown away after a failure, so an
    ingest started before its broker, or outliving a broker restart, recovers
    without a restart of its own.
    """

    producer_config: dict[str, Any]
    topic: str
    timeout_s: float = 15.0
    _producer: LazyProducer = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._producer = LazyProducer(lambda: keyed_producer(self.producer_config))

    def publish(self, events: Sequence[UpdateEvent | Retraction], topic: str | None = None) -> None:
        """Return only when every record is acknowledged; else raise `BrokerUnavailable`.
        Records go to `topic` (default: the raw topic), keyed by source."""
        acknowledged: list[str] = []
        try:
            producer = self._producer.get()
            futures = [
                (
                    ev.event_id,
                    producer.send(
                        topic or self.topic,
                        key=ev.source.encode(),
                        value=ev.__pydantic_serializer__.to_json(ev),
                        headers=_RETRACTION if isinstance(ev, Retraction) else _UPDATE,
                    ),
                )
                for ev in events
            ]
            producer.flush(timeout=self.timeout_s)
            for event_id, future in futures:
                future.get(timeout=self.timeout_s)
                acknowledged.append(event_id)
        except (KafkaError, OSError) as exc:
            log.warning("publish failed: %s", exc, extra={"topic": self.topic})
            self._producer.discard()
            raise BrokerUnavailable(f"{type(exc).__name__}: {exc}", acknowledged) from exc

    def ready(self) -> bool:
        """Cheap and quick: a connected producer, or a bootstrap server that accepts a connection."""
        producer = self._producer.current
        if producer is not None and producer.bootstrap_connected():
            return True
        return any(
            _answers(server) for server in self.producer_config["bootstrap_servers"].split(",")
        )

    def close(self) -> None:
        self._producer.discard()
