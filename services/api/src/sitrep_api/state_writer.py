"""The write side of the Redis state (the projector): apply tagged events, withdraw them.

`lua/apply_event.lua` applies a partition's events to its shard with the offset guard
(`lua/apply_new_events.lua` a chunk of new ones as one merged write: `batch_apply.py`);
`lua/retract_event.lua` takes a withdrawn event back and leaves its tombstone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import redis
from pydantic_core import to_json
from redis.cluster import RedisCluster

from sitrep_api.batch_apply import latest_bulletin, merged_args, time_key
from sitrep_api.contribution import project_event
from sitrep_api.keyspace import Sharded, lua_script
from sitrep_schemas import Retraction, TaggedEvent

APPLY_SCRIPT = lua_script("apply_event.lua")
APPLY_NEW_SCRIPT = lua_script("apply_new_events.lua")
RETRACT_SCRIPT = lua_script("retract_event.lua")


@dataclass(frozen=True)
class AppliedRecord:
    topic: str
    partition: int
    offset: int
    event: TaggedEvent
    raw: bytes | None = None  # the record's value as it came: stored as is, not re-serialised

    def stored_json(self) -> bytes | str:
        """The TaggedEvent JSON the shard stores: the record's own bytes when it has them."""
        return self.raw if self.raw is not None else self.event.model_dump_json()


class StateWriter(Sharded):
    def __init__(
        self, client: redis.Redis | RedisCluster, prefix: str = "sitrep", merged: bool = True
    ) -> None:
        super().__init__(client, prefix)
        self.merged = merged  # new events' chunks as one merged write (False: event by event)
        self._apply = client.register_script(APPLY_SCRIPT)
        self._apply_new = client.register_script(APPLY_NEW_SCRIPT)
        self._retract = client.register_script(RETRACT_SCRIPT)
        self._registered: set[int] = set()
        # shards whose last chunk was not all new (a replay, re-tags): their chunks go event
        # by event, without first building a merged write the script would refuse, until
        # a chunk comes out all new again
        self.replaying: set[str] = set()

    def apply(self, records: list[AppliedRecord], chunk: int = 200) -> list[int]:
        """Apply records in order: one script call per partition and chunk. Statuses in input order.

        A chunk of events all new to the shard goes as one merged write
        (`apply_new_events.lua`, built by `batch_apply.merged_args`); the script checks that
        they are new, and a chunk that is not (a replay, a duplicate, a re-tag, a withdrawn
        event) is applied event by event (`apply_event.lua`), which decides each event's
        status; so are the shard's next chunks, until one comes out all new (`replaying`).
        Not pipelined: Redis Cluster refuses scripts in pipelines, and a chunk per call already
        takes the round trips off the hot path.
        """
        new_parts = {r.partition for r in records} - self._registered
        if new_parts:
            self.client.sadd(self.shards_key, *(self.shard(p) for p in sorted(new_parts)))
            self._registered |= new_parts
        by_partition: dict[int, list[int]] = {}
        for i, r in enumerate(records):
            by_partition.setdefault(r.partition, []).append(i)
        statuses = [0] * len(records)
        for partition, indexes in by_partition.items():
            shard = self.shard(partition)
            for start in range(0, len(indexes), chunk):
                part = indexes[start : start + chunk]
                done = self._apply_chunk(shard, [records[i] for i in part])
                for i, status in zip(part, done, strict=True):
                    statuses[i] = status
        return statuses

    def _apply_chunk(self, shard: str, records: list[AppliedRecord]) -> list[int]:
        contributions = [project_event(r.event) for r in records]
        contrib_json = [to_json(c.to_json_dict()) for c in contributions]
        if (
            self.merged
            and shard not in self.replaying
            and len({r.event.event_id for r in records}) == len(records)
        ):
            args = merged_args(records, contributions, contrib_json)
            if self._apply_new(keys=[shard], args=args):
                return [1] * len(records)
            self.replaying.add(shard)
        args = [records[0].topic]
        for r, c, contrib in zip(records, contributions, contrib_json, strict=True):
            args += [
                r.offset,
                r.event.event_id,
                r.stored_json(),
                contrib,
                latest_bulletin(r),
                time_key(c),
            ]
        statuses = [int(status) for status in self._apply(keys=[shard], args=args)]
        if all(status == 1 for status in statuses):
            self.replaying.discard(shard)
        return statuses

    def retract(self, retractions: list[tuple[int, Retraction]]) -> list[int]:
        """Withdraw events, each on the shard of the partition its retraction came from
        (the retractions topic is keyed and partitioned like the items). Statuses in input
        order, as `retract_event.lua` gives them.

        A retraction that finds no event on its shard (recorded for an event still on its
        way) is also applied where the event is stored, if some other shard holds it: a
        topic created with another partition count must not keep a withdrawn event counted.
        """
        statuses = [0] * len(retractions)
        by_partition: dict[int, list[int]] = {}
        for i, (partition, _) in enumerate(retractions):
            by_partition.setdefault(partition, []).append(i)
        early: list[int] = []
        for partition, indexes in by_partition.items():
            statuses_here = self._retract_on(
                self.shard(partition), [retractions[i][1] for i in indexes]
            )
            for i, status in zip(indexes, statuses_here, strict=True):
                statuses[i] = status
                if status == 2:
                    early.append(i)
        if early:
            shards = self.shards()
            pipe = self.client.pipeline(transaction=False)
            for i in early:
                for shard in shards:
                    pipe.hexists(shard + "events", retractions[i][1].event_id)
            found = pipe.execute()
            for n, i in enumerate(early):
                for shard, held in zip(
                    shards, found[n * len(shards) : (n + 1) * len(shards)], strict=True
                ):
                    if held and shard != self.shard(retractions[i][0]):
                        statuses[i] = self._retract_on(shard, [retractions[i][1]])[0]
        return statuses

    def _retract_on(self, shard: str, retractions: list[Retraction]) -> list[int]:
        args: list[Any] = []
        for r in retractions:
            args += [r.event_id, r.source, r.model_dump_json()]
        return [int(x) for x in self._retract(keys=[shard], args=args)]

    def applied_offset(self, partition: int, topic: str) -> int | None:
        value = self.client.hget(self.shard(partition) + "offsets", topic)
        return int(value) if value is not None else None


__all__ = ["AppliedRecord", "StateWriter"]
