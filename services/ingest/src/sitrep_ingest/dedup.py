"""What ingest has acknowledged: the ids for duplicate checks, and the ledger `sitrep audit` reads.

The seen set is a courtesy to feed pushers and saves the pipeline work;
correctness does not depend on it: the projector is idempotent by `event_id`
and by offset.

The ledger (`sitrep_runtime.ledger`) is the other half of "never loses an
acknowledged event": every event the broker acknowledged, with the time.
`sitrep audit` reads a window of it and accounts for every member end to end. An
acknowledgement Redis did not take (Redis down) is kept in memory and written
with the next one, so the ledger catches up when Redis is back.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

import redis

from sitrep_runtime.ledger import ledger_member
from sitrep_schemas import UpdateEvent

log = logging.getLogger(__name__)

BACKLOG_LIMIT = 1_000_000  # acknowledgements kept while Redis is away (~100 MB at most)
TRIM_EVERY_S = 600.0


@dataclass
class SeenIds:
    client: redis.Redis
    key: str
    ledger: str | None = None  # the ledger's key; None: no ledger
    ledger_days: float = 30.0  # entries older than this are trimmed (every TRIM_EVERY_S)
    trimmed_at: float = 0.0
    backlog: dict[str, float] = field(default_factory=dict)  # ledger members Redis has not taken
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def seen(self, event_ids: list[str]) -> set[str]:
        try:
            return self.accepted(event_ids)
        except redis.RedisError as exc:
            log.warning("duplicate check skipped, Redis unavailable: %s", exc)
            return set()

    def accepted(self, event_ids: list[str]) -> set[str]:
        """The ids ingest had acknowledged; a Redis error is raised, not taken for 'none'."""
        if not event_ids:
            return set()
        flags = self.client.smismember(self.key, event_ids)
        return {eid for eid, flag in zip(event_ids, flags, strict=True) if flag}

    def remember(self, events: list[UpdateEvent]) -> None:
        """Record events the broker acknowledged: seen, and in the ledger with the time."""
        members: dict[str, float] = {}
        if self.ledger is not None:
            now_ms = time.time() * 1000
            with self._lock:  # feeds are accepted on several threads
                members, self.backlog = self.backlog, {}
            for ev in events:
                members.setdefault(ledger_member(ev.event_id, ev.source), now_ms)
        if not events and not members:
            return
        try:
            pipe = self.client.pipeline(transaction=False)
            if events:
                pipe.sadd(self.key, *(ev.event_id for ev in events))
            if members and self.ledger is not None:
                pipe.zadd(self.ledger, members, nx=True)
                if time.monotonic() - self.trimmed_at > TRIM_EVERY_S:
                    self.trimmed_at = time.monotonic()
                    pipe.zremrangebyscore(self.ledger, 0, now_ms - self.ledger_days * 86_400_000)
            pipe.execute()
        except redis.RedisError as exc:
            with self._lock:
                members.update(self.backlog)
                while len(members) > BACKLOG_LIMIT:  # oldest first: dicts keep insertion order
                    members.pop(next(iter(members)))
                self.backlog = members
            log.warning(
                "could not record accepted ids, Redis unavailable (%d kept for the ledger): %s",
                len(members),
                exc,
            )

    def ready(self) -> bool:
        try:
            return bool(self.client.ping())
        except redis.RedisError:
            return False
