"""Acknowledged but not stored: which of the ledger's events the state holds, and the
projector's gauges of those it does not hold yet.

`in_state` is what `sitrep audit` asks of the state for a window of the ledger.
`UnstoredTracker` asks it every `check_s` of the events acknowledged since its last look
(and of those still missing), so that `sitrep_accepted_unstored_events` and
`sitrep_accepted_unstored_oldest_seconds` show an event that ingest acknowledged and the
pipeline has not stored: on its way (seconds), held up (a stage down: minutes), in the DLQ,
or lost. An event missing for longer than `max_age_s` is left to `sitrep audit`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import redis
from prometheus_client import CollectorRegistry

from sitrep_api.keyspace import Sharded
from sitrep_runtime.ledger import ledger_key, parse_ledger_member
from sitrep_runtime.service import StopRequest

log = logging.getLogger(__name__)
CHUNK = 2000  # ids per Redis round trip


# Per id of ARGV: 1 when the events hash (KEYS[1]) holds it, + 2 when the tombstones
# (KEYS[2]) do. Existence only: the events themselves stay in Redis.
_HELD = """
local out = {}
for i, id in ipairs(ARGV) do
  out[i] = redis.call('HEXISTS', KEYS[1], id) + 2 * redis.call('HEXISTS', KEYS[2], id)
end
return out
"""


def in_state(state: Sharded, event_ids: list[str]) -> tuple[Counter[str], set[str]]:
    """How many shards store each event, and which events their source withdrew (tombstones)."""
    stored: Counter[str] = Counter()
    retracted: set[str] = set()
    held = state.client.register_script(_HELD)
    for shard in state.shards():
        for first in range(0, len(event_ids), CHUNK):
            chunk = event_ids[first : first + CHUNK]
            flags: Any = held(keys=[shard + "events", shard + "retracted"], args=chunk)
            for event_id, flag in zip(chunk, flags, strict=True):
                if flag & 1:
                    stored[event_id] += 1
                if flag & 2:
                    retracted.add(event_id)
    return stored, retracted


@dataclass(eq=False)  # a prometheus collector: hashed by identity
class UnstoredTracker:
    state: Sharded
    check_s: float = 15.0
    grace_s: float = 30.0  # younger acknowledgements may still be on their way
    max_age_s: float = 3600.0
    max_tracked: int = 200_000
    missing: dict[str, float] = field(default_factory=dict)  # event id -> acknowledged (ms)
    cursor_ms: float | None = None  # everything acknowledged up to here has been looked at
    checked_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def register(self, registry: CollectorRegistry) -> UnstoredTracker:
        registry.register(self)
        return self

    def run(self, stop: StopRequest) -> None:
        """Look every `check_s` until `stop`, on the caller's thread (the projector gives it
        one of its own: a look reads thousands of ids, and must not hold up the events)."""
        while not stop.wait(max(0.0, self.check_s - (time.monotonic() - self.checked_at))):
            self.maybe_check()

    def maybe_check(self) -> None:
        """Look again if `check_s` has passed; a Redis error waits for the next look."""
        if time.monotonic() - self.checked_at < self.check_s:
            return
        self.checked_at = time.monotonic()
        try:
            self.check(time.time() * 1000)
        except redis.RedisError as exc:
            log.warning("accepted-but-unstored check skipped: %s", exc)

    def check(self, now_ms: float) -> None:
        until = now_ms - self.grace_s * 1000
        since = now_ms - self.max_age_s * 1000 if self.cursor_ms is None else self.cursor_ms
        fresh: dict[str, float] = {}
        if until > since:
            page: Any = self.state.client.zrangebyscore(
                ledger_key(self.state.prefix), f"({since}", until,
                start=0, num=self.max_tracked, withscores=True,
            )  # fmt: skip
            fresh = {parse_ledger_member(m)[0]: float(score) for m, score in page}
            self.cursor_ms = max(fresh.values()) if len(page) == self.max_tracked else until
        with self._lock:
            candidates = {**self.missing, **fresh}
        stored, retracted = in_state(self.state, list(candidates))
        oldest = now_ms - self.max_age_s * 1000
        missing = {
            event_id: at
            for event_id, at in candidates.items()
            if not stored[event_id] and event_id not in retracted and at >= oldest
        }
        if len(missing) > self.max_tracked:  # the pipeline is down: keep the oldest
            missing = dict(sorted(missing.items(), key=lambda item: item[1])[: self.max_tracked])
        with self._lock:
            self.missing = missing

    def collect(self) -> Any:
        from prometheus_client.core import GaugeMetricFamily

        with self._lock:
            count, oldest = len(self.missing), min(self.missing.values(), default=None)
        yield GaugeMetricFamily(
            "sitrep_accepted_unstored_events",
            "Events ingest acknowledged more than the grace period ago that are not stored"
            " (on their way, held up, in the DLQ or lost; sitrep audit tells which)",
            value=count,
        )
        age = 0.0 if oldest is None else max(0.0, time.time() - oldest / 1000)
        yield GaugeMetricFamily(
            "sitrep_accepted_unstored_oldest_seconds",
            "Seconds since ingest acknowledged the oldest event not stored yet (0: none)",
            value=age,
        )
