"""Which event ids ingest has already had acknowledged, so a re-sent feed is reported as duplicates.

This is a courtesy to feed pushers and saves the pipeline work; correctness does
not depend on it: the projector is idempotent by `event_id` and by offset.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import redis

log = logging.getLogger(__name__)


@dataclass
class SeenIds:
    client: redis.Redis
    key: str

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

    def remember(self, event_ids: list[str]) -> None:
        if not event_ids:
            return
        try:
            self.client.sadd(self.key, *event_ids)
        except redis.RedisError as exc:
            log.warning("could not record accepted ids, Redis unavailable: %s", exc)

    def ready(self) -> bool:
        try:
            return bool(self.client.ping())
        except redis.RedisError:
            return False
