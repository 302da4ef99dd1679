"""The word index behind `q`, kept off the projector's path.

The projector stores an event and queues its id on its shard (`unindexed`, by
`apply_event.lua`); the word indexer reads the queue in order, tokenises the stored events
(`search_tokens` of headline, text and section) and adds their words with
`lua/index_words.lua`, which takes each id off the queue in the same atomic step. So a
search finds an event a moment after it is visible (the indexer's lag, shown as
`sitrep_word_index_backlog`), every stored event is indexed exactly once, a withdrawn one
never, and a replaced one again from its new version. The indexer runs as a thread of the
resolver process (derived state, like incidents); any number may run at once.
"""

from __future__ import annotations

import json
import logging

import redis
from prometheus_client import CollectorRegistry, Gauge
from redis.cluster import RedisCluster

from sitrep_api.contribution import event_words, version_rank
from sitrep_api.keyspace import Sharded, lua_script, text
from sitrep_runtime.service import StopRequest

log = logging.getLogger(__name__)

INDEX_SCRIPT = lua_script("index_words.lua")


class WordIndexer(Sharded):
    def __init__(
        self, client: redis.Redis | RedisCluster, prefix: str = "sitrep", batch: int = 500
    ) -> None:
        super().__init__(client, prefix)
        self.batch = batch
        self._index = client.register_script(INDEX_SCRIPT)
        self.backlog: Gauge | None = None

    def register(self, registry: CollectorRegistry) -> WordIndexer:
        self.backlog = Gauge(
            "sitrep_word_index_backlog",
            "Stored events whose search words are not indexed yet",
            registry=registry,
        )
        return self

    def step(self, shard: str) -> int:
        """Index up to `batch` queued events of one shard: how many were taken off the queue."""
        ids = [text(i) for i in self.client.lrange(shard + "unindexed", 0, self.batch - 1)]
        if not ids:
            return 0
        args: list[str] = []
        for event_id, raw in zip(ids, self.client.hmget(shard + "events", ids), strict=True):
            if raw is None:  # withdrawn since: taken off the queue, not indexed
                args += [event_id, "", ""]
                continue
            data = json.loads(raw)
            rank = version_rank(data["classifier"]["version"])
            args += [event_id, rank, " ".join(event_words(data))]
        self._index(keys=[shard], args=args)
        return len(ids)

    def catch_up(self, stop: StopRequest | None = None) -> int:
        """Index every queued event of every shard, a batch of each in turn: how many were
        taken off the queues."""
        done, shards = 0, self.shards()
        while not (stop and stop.is_set()):
            taken = sum(self.step(shard) for shard in shards)
            if not taken:
                break
            done += taken
        if self.backlog is not None:
            self.backlog.set(self.pending())
        return done

    def pending(self) -> int:
        shards = self.shards()
        pipe = self.client.pipeline(transaction=False)
        for shard in shards:
            pipe.llen(shard + "unindexed")
        return sum(int(n) for n in pipe.execute()) if shards else 0

    def run(self, stop: StopRequest, idle_s: float = 0.05) -> None:
        """Catch up until `stop`; a Redis error backs off and tries again (nothing is lost:
        the queue keeps every id until its words are in)."""
        backoff = 0.5
        while not stop.is_set():
            try:
                done = self.catch_up(stop)
                backoff = 0.5
            except redis.RedisError as exc:
                log.warning("word indexer failed, retrying in %.1fs: %s", backoff, exc)
                stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
                continue
            if not done:
                stop.wait(idle_s)


__all__ = ["INDEX_SCRIPT", "WordIndexer"]
