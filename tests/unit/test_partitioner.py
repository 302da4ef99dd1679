"""The cached-key partitioner places every record where kafka-python's default would."""

from __future__ import annotations

import random

import pytest
from kafka.partitioner.default import DefaultPartitioner

from sitrep_runtime.partitioner import KeyHashPartitioner


class Cluster:
    """The three lookups a partitioner makes of kafka-python's `ClusterMetadata`."""

    def __init__(self, partitions: dict[str, set[int]]) -> None:
        self.partitions = partitions

    def topics(self) -> set[str]:
        return set(self.partitions)

    def partitions_for_topic(self, topic: str) -> set[int] | None:
        return self.partitions.get(topic)

    def available_partitions_for_topic(self, topic: str) -> set[int]:
        return self.partitions.get(topic, set())


def test_same_partition_as_the_default_for_every_key_and_layout() -> None:
    rng = random.Random(7)
    keys = [rng.randbytes(rng.randint(0, 40)) for _ in range(2_000)] + [
        f"source-{i}".encode() for i in range(50)
    ]
    default, cached = DefaultPartitioner(), KeyHashPartitioner(max_keys=100)
    for count in (1, 3, 7, 12):
        cluster = Cluster({"t": set(range(count))})
        for key in keys * 2:  # the second pass answers from the cache (or after it was cleared)
            want = default.partition("t", key, key, None, b"v", cluster)
            assert cached.partition("t", key, key, None, b"v", cluster) == want
    assert len(cached._hashes) <= 100


def test_no_key_and_unknown_topic_behave_as_the_default() -> None:
    cached = KeyHashPartitioner()
    cluster = Cluster({"t": {0, 1, 2}})
    assert cached.partition("t", None, None, None, b"v", cluster) in {0, 1, 2}
    with pytest.raises(ValueError, match="not found"):
        cached.partition("gone", b"k", b"k", None, b"v", cluster)
