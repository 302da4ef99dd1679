"""A durable local stack whose parts a test can kill, and a client that pushes through it.

`FaultStack` runs the same `Stack` as `sitrep up --durable` (s3rver + Tansu on
s3://, redis-server with AOF, the four services as child processes) on free
ports in a temporary directory. `Generator` pushes NDJSON feeds at a steady
rate and records what ingest answered for every event: accepted (202),
refused (503, minus the ids the problem lists as acknowledged), or retried
(no answer: connection refused or reset, or a 5xx other than 503).
"""

from __future__ import annotations

import io
import json
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from sitrep_api.models import StoredEvent
from sitrep_cli.embedded import free_port
from sitrep_cli.local import ServiceAddresses
from sitrep_cli.stack import SERVICES, Stack, StackSettings
from sitrep_ingest.parsers import parse_feed
from sitrep_schemas.settings import SitrepSettings

TEMPLATES = [
    "Russian forces launched {n} drones at Kharkiv overnight, the regional governor said.",
    "Shelling killed {n} civilians in Kherson, officials said.",
    "Ukrainian troops repelled {n} assaults near Pokrovsk in the Donetsk region.",
    "The World Food Programme delivered {n} tonnes of food aid to El Fasher in Darfur.",
    "An earthquake of magnitude {m}.{n} struck near Kahramanmaras, injuring dozens.",
    "Flooding displaced {n} families in Sindh province, the disaster agency reported.",
    "Ministers met in Brussels to discuss a {n}-point peace plan.",
    "A court in Kyiv sentenced a former official to {n} years for treason.",
]


def feed_events(source: str, count: int) -> list[dict[str, Any]]:
    """`count` distinct events of several categories (distinct text, so distinct ids), dated
    over 30 days as a month of bulletins would be: every report of one template, place and
    day is one incident, and the incident resolver's candidate lists stay the size a real
    day gives them (one day of 40,000 near-copies is bench/incident_resolution.py's case)."""
    return [
        {
            "source": source,
            "bulletin_date": (date(2026, 10, 27) + timedelta(days=i % 30)).isoformat(),
            "text": TEMPLATES[i % len(TEMPLATES)].format(n=i % 900 + 2, m=4 + i % 4)
            + f" Report {i}.",
        }
        for i in range(count)
    ]


@dataclass
class FaultStack(ServiceAddresses):
    root: Path
    stack: Stack = field(init=False)
    ports: dict[str, int] = field(init=False)
    extra_env: dict[str, str] = field(default_factory=dict)  # more settings for the services
    durable: bool = True  # False: the broker in memory (fast; a broker restart loses it all)
    s3_request_log: bool = False  # durable: every S3 request in logs/s3-requests.ndjson

    def __post_init__(self) -> None:
        names = ("kafka", "s3", "redis", *SERVICES)
        self.ports = {name: free_port() for name in names}
        settings = StackSettings(
            kafka_bootstrap=None,
            redis_url=None,
            durable=self.durable,
            s3_request_log=self.s3_request_log,
            data_dir=self.root,
            embedded_kafka_port=self.ports["kafka"],
            embedded_s3_port=self.ports["s3"],
            embedded_redis_port=self.ports["redis"],
            ingest_port=self.ports["ingest"],
            api_port=self.ports["api"],
            classifier_port=self.ports["classifier"],
            projector_port=self.ports["projector"],
            resolver_port=self.ports["resolver"],
        )
        self.stack = Stack(settings, out=io.StringIO())

    @property
    def bootstrap(self) -> str:
        assert self.stack.kafka is not None
        return self.stack.kafka.bootstrap

    def start(self) -> None:
        bootstrap, redis_url = self.stack.start_infrastructure()
        self.stack.addresses = {
            **self.stack.child_settings(bootstrap, redis_url),
            "SITREP_LOG_LEVEL": "WARNING",
            **self.extra_env,
            **{f"SITREP_{name.upper()}_PORT": str(self.ports[name]) for name in SERVICES},
        }
        for name in SERVICES:
            self.stack.spawn(name)
        self.stack.wait_ready()

    def settings(self) -> SitrepSettings:
        """Where this stack's broker and Redis are, as `sitrep` commands take them."""
        assert self.stack.redis is not None
        return SitrepSettings(kafka_bootstrap=self.bootstrap, redis_url=self.stack.redis.url)

    def kill9(self, service: str) -> None:
        """kill -9 a service, then start it again at once (what a supervisor does)."""
        child = self.stack.children[service]
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        self.stack.spawn(service)

    def stop(self) -> None:
        self.stack.stop()

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name} (tail)\n" + p.read_text(errors="replace")[-3000:]
            for p in sorted(self.stack.log_dir.glob("*.log"))
        )


@contextmanager
def running(
    root: Path, durable: bool = True, s3_request_log: bool = False, **extra_env: str
) -> Iterator[FaultStack]:
    """A started stack in `root`, stopped afterwards whatever happens."""
    fs = FaultStack(root, extra_env=dict(extra_env), durable=durable, s3_request_log=s3_request_log)
    try:
        fs.start()
        yield fs
    finally:
        fs.stop()


@dataclass
class Generator:
    """Pushes `events` in NDJSON batches at `rate` events/s, on its own thread."""

    url: str
    events: list[dict[str, Any]]
    rate: float = 500.0
    batch: int = 50
    accepted: dict[str, float] = field(default_factory=dict)  # event id -> when ingest said 202
    refused: set[str] = field(default_factory=set)
    statuses: Counter[str] = field(default_factory=Counter)
    retries: int = 0
    resend_refused: bool = False  # re-send a 503'd feed after Retry-After (as a client would)
    problems: set[str] = field(default_factory=set)  # problem types of the 503s seen
    thread: threading.Thread | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)  # guards `accepted`

    def accepted_after(self, moment: float) -> list[str]:
        """Ids ingest accepted after `moment`, read while the generator thread may be adding."""
        with self.lock:
            return [event_id for event_id, t in self.accepted.items() if t > moment]

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def join(self, timeout: float) -> None:
        assert self.thread is not None
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the generator did not finish in time"

    def _run(self) -> None:
        started = time.monotonic()
        with httpx.Client(timeout=30) as client:
            for n, first in enumerate(range(0, len(self.events), self.batch)):
                due = started + n * self.batch / self.rate
                time.sleep(max(0.0, due - time.monotonic()))
                chunk = self.events[first : first + self.batch]
                body = "".join(json.dumps(e) + "\n" for e in chunk).encode()
                self._send(client, body)

    def _send(self, client: httpx.Client, body: bytes) -> None:
        while True:  # an unanswered request is re-sent: ingest deduplicates by id
            try:
                response = client.post(
                    f"{self.url}/v1/feeds", content=body,
                    headers={"Content-Type": "application/x-ndjson"},
                )  # fmt: skip
            except httpx.TransportError:
                self.statuses["no answer"] += 1
                self.retries += 1
                time.sleep(0.2)
                continue
            self.statuses[str(response.status_code)] += 1
            if response.status_code == 202:
                self._accept(response.json()["event_ids"])
                return
            if response.status_code == 503:
                problem = response.json()
                self.problems.add(problem["type"].rsplit("/", 1)[-1])
                if self.resend_refused:
                    time.sleep(float(response.headers["Retry-After"]))
                    continue
                acknowledged = set(problem.get("acknowledged_event_ids") or ())
                self._accept(acknowledged)
                self.refused |= _ids_of(body) - acknowledged - set(self.accepted)
                return  # a refused feed is not re-sent: it must then never appear
            self.retries += 1
            time.sleep(0.2)

    def _accept(self, event_ids: Iterable[str]) -> None:
        now = time.monotonic()
        with self.lock:
            for event_id in event_ids:
                self.accepted.setdefault(event_id, now)


def _ids_of(body: bytes) -> set[str]:
    """The ids ingest gives these events (they depend on source, date and text only)."""
    return {e.event_id for e in parse_feed(body, fmt="ndjson", received_at=datetime.now(UTC))}


def all_events(api: str, source: str | None = None) -> list[StoredEvent]:
    """Every stored event (of `source`, if given), page by page."""
    out: list[StoredEvent] = []
    cursor: str | None = None
    with httpx.Client(timeout=30) as client:
        while True:
            params: dict[str, Any] = {"limit": 500}
            if source:
                params["source"] = source
            if cursor:
                params["cursor"] = cursor
            page = client.get(f"{api}/v1/events", params=params).json()
            out.extend(StoredEvent.model_validate(item) for item in page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return out
