"""What both sides of the Redis state share: the key layout, the scripts, the connection.

State is sharded by Kafka partition: every key of partition 3 starts with
`{prefix}:{p3}:`, so one Lua call touches one hash slot and the same code runs on Redis
Cluster; the set `{prefix}:shards` lists the shards. Incidents live in one more keyspace,
`{prefix}:{inc}:`. The write side is `state_writer` (the projector), the read side `store`
(the api).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import redis
import redis.asyncio
import redis.asyncio.cluster
from redis.cluster import RedisCluster


def incident_keys(prefix: str) -> str:
    """The incident keyspace: one hash slot, beside the partition shards."""
    return f"{prefix}:{{inc}}:"


def lua_script(name: str) -> str:
    """A script of `lua/` with the shared contribution functions (`contribution.lua`) first."""
    lua = resources.files("sitrep_api").joinpath("lua")
    shared = lua.joinpath("contribution.lua").read_text("utf-8")
    return shared + "\n" + lua.joinpath(name).read_text("utf-8")


def connect(url: str, cluster: bool, timeout: float = 5.0) -> Any:
    """A Redis client for a single server or, with `cluster`, a Redis Cluster."""
    if cluster:
        return RedisCluster.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def connect_async(url: str, cluster: bool, timeout: float = 5.0) -> Any:
    """An asyncio Redis client for a single server or, with `cluster`, a Redis Cluster."""
    if cluster:
        return redis.asyncio.cluster.RedisCluster.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
    return redis.asyncio.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class Sharded:
    """A client and key prefix, and the shards under it."""

    def __init__(self, client: redis.Redis | RedisCluster, prefix: str = "sitrep") -> None:
        self.client = client
        self.prefix = prefix

    def shard(self, partition: int) -> str:
        return f"{self.prefix}:{{p{partition}}}:"

    @property
    def shards_key(self) -> str:
        return f"{self.prefix}:shards"

    def shards(self) -> list[str]:
        return sorted(text(m) for m in self.client.smembers(self.shards_key))

    def ping(self) -> bool:
        return bool(self.client.ping())


__all__ = ["Sharded", "connect", "connect_async", "incident_keys", "lua_script", "text"]
