"""The write side of the Redis state (the projector): apply tagged events, withdraw them.

`lua/apply_event.lua` applies a partition's events to its shard with the offset guard;
`lua/retract_event.lua` takes a withdrawn event back and leaves its tombstone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import redis
from redis.cluster import RedisCluster

from sitrep_api.contribution import project_event
from sitrep_api.keyspace import Sharded, lua_script
from sitrep_schemas import Retraction, TaggedEvent

APPLY_SCRIPT = lua_script("apply_event.lua")
RETRACT_SCRIPT = lua_script("retract_event.lua")


@dataclass(frozen=True)
class AppliedRecord:
    topic: str
    partition: int
    offset: int
    event: TaggedEvent
    raw: bytes | None = None  # the record's value as it came: stored as is, not re-serialised


class StateWriter(Sharded):
    def __init__(self, client: redis.Redis | RedisCluster, prefix: str = "sitrep") -> None:
        super().__init__(client, prefix)
        self._apply = client.register_script(APPLY_SCRIPT)
        self._retract = client.register_script(RETRACT_SCRIPT)
        self._registered: set[int] = set()

    def apply(self, records: list[AppliedRecord], chunk: int = 200) -> list[int]:
        """Apply records in order: one script call per partition and chunk. Statuses in input order.

        Not pipelined: Redis Cluster refuses scripts in pipelines, and a chunk per call
        already takes the round trips off the hot path.
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
            for start in range(0, len(indexes), chunk):
                part = indexes[start : start + chunk]
                args: list[Any] = [records[part[0]].topic]
                for i in part:
                    args += self._event_args(records[i])
                result: Any = self._apply(keys=[self.shard(partition)], args=args)
                for i, status in zip(part, result, strict=True):
                    statuses[i] = int(status)
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

    @staticmethod
    def _event_args(r: AppliedRecord) -> list[Any]:
        contribution = project_event(r.event)
        update = r.event.event
        latest = {
            "source": update.source,
            "bulletin_id": update.bulletin_id,
            "bulletin_date": update.bulletin_date.isoformat() if update.bulletin_date else None,
            "received_at": update.received_at.isoformat(),
        }
        return [
            r.offset,
            r.event.event_id,
            r.raw if r.raw is not None else r.event.model_dump_json(),
            json.dumps(contribution.to_json_dict()),
            json.dumps(latest),
            f"{int(update.received_at.timestamp() * 1000):015d}",
        ]

    def applied_offset(self, partition: int, topic: str) -> int | None:
        value = self.client.hget(self.shard(partition) + "offsets", topic)
        return int(value) if value is not None else None


__all__ = ["AppliedRecord", "StateWriter"]
