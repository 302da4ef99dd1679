"""Process plumbing shared by the workers: JSON logs and the health/metrics endpoint.

Workers (classifier, projector) have no web framework of their own; this gives
them `/healthz`, `/readyz` and `/metrics` on a small threaded HTTP server.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    generate_latest,
)

_RESERVED = set(vars(logging.makeLogRecord({})))


# The id of the HTTP request being served (sitrep_runtime.requests sets it): every log line
# written while serving it carries it.
REQUEST_ID: ContextVar[str | None] = ContextVar("sitrep_request_id", default=None)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: a UTC timestamp to the millisecond, level, logger, message,
    the request id while serving one, and `extra={...}` fields (topic, partition, offset)."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = REQUEST_ID.get()  # logging formats in the thread and context that logs
        if request_id is not None:
            payload["request_id"] = request_id
        payload.update({k: v for k, v in vars(record).items() if k not in _RESERVED})
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("kafka").setLevel(logging.WARNING)


class HealthServer:
    """Serves `/healthz`, `/readyz` (calls `ready()`) and `/metrics` in a daemon thread."""

    def __init__(
        self,
        host: str,
        port: int,
        ready: Callable[[], bool],
        registry: CollectorRegistry = REGISTRY,
    ) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/healthz":
                    self._send(200, "application/json", b'{"status":"ok"}')
                elif path == "/readyz":
                    ok = outer._safe_ready()
                    body = json.dumps({"ready": ok}).encode()
                    self._send(200 if ok else 503, "application/json", body)
                elif path == "/metrics":
                    self._send(200, CONTENT_TYPE_LATEST, generate_latest(registry))
                else:
                    self._send(
                        404, "application/problem+json", b'{"title":"Not Found","status":404}'
                    )

            def _send(self, status: int, ctype: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._ready = ready
        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def _safe_ready(self) -> bool:
        try:
            return bool(self._ready())
        except Exception:
            return False

    def start(self) -> HealthServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class StopRequest:
    """A stop request that a signal handler may set.

    `threading.Event.set()` inside a signal handler deadlocks when the interrupted
    main thread was itself in `Event.wait()` (both take the event's lock), which
    is exactly where a loop sits while backing off. A plain flag cannot deadlock.
    """

    def __init__(self) -> None:
        self._requested = False

    def set(self) -> None:
        self._requested = True

    def is_set(self) -> bool:
        return self._requested

    def wait(self, timeout: float) -> bool:
        """Sleep up to `timeout` seconds, waking early once a stop is requested."""
        deadline = time.monotonic() + timeout
        while not self._requested and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(0.05, left))
        return self._requested


def stop_on_signals(stop: StopRequest) -> None:
    """SIGTERM and SIGINT ask the loop to finish its batch, commit and close."""

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


class ConsumerMetrics:
    """Records by outcome and lag per partition of one consumer-group worker, and whether it
    holds partitions (`assigned`, set by `poll_loop` after each poll; read by the health
    thread, since the consumer itself is not thread-safe)."""

    def __init__(self, service: str) -> None:
        self.assigned = False
        self.registry = CollectorRegistry()
        self.records = Counter(
            f"sitrep_{service}_records",
            "Records handled, by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.lag = Gauge(
            f"sitrep_{service}_lag",
            "Records behind the end of each assigned partition",
            ["topic", "partition"],
            registry=self.registry,
        )

    def observe_lag(self, consumer: Any) -> None:
        """From the consumer's own fetch positions and high watermarks. A position the consumer
        does not know yet (after a rebalance) would cost a broker call that fails while the
        broker is away: that partition's lag waits for the next round instead."""
        from kafka.errors import KafkaError

        for tp in consumer.assignment():
            end = consumer.highwater(tp)
            if end is None:
                continue
            try:
                position = consumer.position(tp, timeout_ms=0)
            except KafkaError:
                continue
            if position is not None:
                self.lag.labels(tp.topic, str(tp.partition)).set(max(0, end - position))


class SourceFreshness:
    """`<name>{source}`: seconds since the newest event of each source the service applied was
    received, computed when scraped (so it grows while a source is silent). Alert on it."""

    def __init__(self, name: str, registry: CollectorRegistry) -> None:
        self.name = name
        self.newest: dict[str, float] = {}  # source -> newest received_at (epoch seconds)
        self._lock = threading.Lock()
        registry.register(self)

    def saw(self, source: str, received_at: float) -> None:
        with self._lock:
            if received_at > self.newest.get(source, 0.0):
                self.newest[source] = received_at

    def collect(self) -> Any:
        from prometheus_client.core import GaugeMetricFamily

        family = GaugeMetricFamily(
            self.name,
            "Seconds since the newest applied event of the source was received",
            labels=["source"],
        )
        now = time.time()
        with self._lock:
            for source, newest in sorted(self.newest.items()):
                family.add_metric([source], max(0.0, now - newest))
        yield family


def poll_loop(
    consumer: Any,
    process: Callable[[dict[Any, list[Any]]], None],
    stop: StopRequest,
    *,
    retriable: tuple[type[BaseException], ...],
    poll_ms: int,
    metrics: ConsumerMetrics,
    after_poll: Callable[[], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> None:
    """Poll and process batches until `stop`; a retriable error rewinds the batch and backs off.

    A batch's offsets are committed once `process` has returned (it has put the batch
    where it goes); a batch that failed is re-read from its first offsets after 0.5 s,
    doubling to 10 s, so nothing is skipped. `on_failure` runs after each failure (to
    replace a producer the error broke).
    """
    backoff = 0.5
    while not stop.is_set():
        try:
            batch = consumer.poll(timeout_ms=poll_ms)
        except retriable as exc:  # the broker away mid-rebalance: wait, as for a batch
            logging.getLogger(__name__).warning(
                "poll failed, retrying in %.1fs: %s: %s", backoff, type(exc).__name__, exc
            )
            stop.wait(backoff)
            backoff = min(backoff * 2, 10.0)
            continue
        metrics.assigned = bool(consumer.assignment())
        if after_poll is not None:
            after_poll()
        if batch:
            try:
                process(batch)
                commit_batch(consumer, batch)
                backoff = 0.5
            except retriable as exc:
                logging.getLogger(__name__).warning(
                    "batch failed, retrying in %.1fs: %s: %s", backoff, type(exc).__name__, exc
                )
                for tp, records in batch.items():
                    consumer.seek(tp, records[0].offset)
                if on_failure is not None:
                    on_failure(exc)
                stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
        metrics.observe_lag(consumer)


def commit_batch(consumer: Any, batch: dict[Any, list[Any]]) -> None:
    """Commit the offset after each partition's last record of `batch`.

    kafka-python is imported here, not with the module: only the services that consume
    call this, and this package is also what a downstream reader installs.
    """
    from kafka.errors import CommitFailedError
    from kafka.structs import OffsetAndMetadata

    offsets = {
        tp: OffsetAndMetadata(records[-1].offset + 1, "", -1) for tp, records in batch.items()
    }
    try:
        consumer.commit(offsets)
    except CommitFailedError as exc:
        # The group rebalanced: the new owner re-reads from the last commit, and every
        # stage is idempotent on a re-delivery (event ids, offset guards, resolution).
        logging.getLogger(__name__).warning("commit failed after rebalance: %s", exc)


def discard_producer(producer: Any) -> None:
    """Close a producer that may be broken, dropping what it still holds.

    kafka-python 3.0's close() flushes first and raises while records are
    pending, before it force-closes its sender (and __del__ would raise again).
    Whoever calls this has not acknowledged those records to anyone, so they
    are dropped: force-close the sender and mark the producer closed.
    """
    try:
        producer.close(timeout=1)
    except Exception:  # closing a broken producer must not mask the real error
        logging.getLogger(__name__).debug("closing a failed producer raised", exc_info=True)
        sender = getattr(producer, "_sender", None)
        if sender is not None:
            sender.force_close()
        producer._closed = True


class LazyProducer:
    """A Kafka producer made on first use and thrown away after a failure that may
    have broken it, so a process started before its broker, or outliving a broker
    restart, recovers without a restart of its own (an idempotent producer whose id
    the broker rejects stays broken for good). Thread-safe.

    `make` builds the producer; `broken_by` are the errors after which
    `after_failure` discards it (making the next one can fail too while the broker
    is away: that error surfaces at the next `get`, inside the caller's retry).
    """

    def __init__(
        self, make: Callable[[], Any], broken_by: tuple[type[BaseException], ...] = (Exception,)
    ) -> None:
        self._make = make
        self._broken_by = broken_by
        self._producer: Any = None
        self._lock = threading.Lock()

    @property
    def current(self) -> Any:
        """The producer if one is made, else None (nothing is made)."""
        return self._producer

    def get(self) -> Any:
        with self._lock:
            if self._producer is None:
                self._producer = self._make()
            return self._producer

    def discard(self) -> None:
        """Drop the producer and what it still holds (see `discard_producer`)."""
        with self._lock:
            producer, self._producer = self._producer, None
        if producer is not None:
            discard_producer(producer)

    def after_failure(self, exc: BaseException) -> None:
        if isinstance(exc, self._broken_by):
            self.discard()

    def close(self, timeout: float = 5.0) -> None:
        """Close gracefully: what it holds is sent first."""
        with self._lock:
            producer, self._producer = self._producer, None
        if producer is not None:
            producer.close(timeout=timeout)
