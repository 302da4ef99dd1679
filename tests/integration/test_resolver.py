"""Incident resolution on a real Redis: the grouping is the pure rule's, whatever the order,
the batching, the number of resolvers or a replay; a re-tagged report regroups."""

from __future__ import annotations

import json
import random
import threading
import uuid
from collections import Counter
from typing import Any

import pytest
import redis

from sitrep_api.incidents.blocking import link_all
from sitrep_api.incidents.grouping import components, incident_id
from sitrep_api.incidents.report import report_of
from sitrep_api.resolver import Resolver
from sitrep_schemas import ClassifierInfo, TaggedEvent
from tests.integration.test_projector_store import dump

pytestmark = pytest.mark.integration


def expected_grouping(events: list[TaggedEvent]) -> dict[str, str]:
    reports = [report_of(e) for e in events]
    groups = components((r.event_id for r in reports), link_all(reports))
    return {eid: incident_id(group) for group in groups for eid in group}


def text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def stored_grouping(client: redis.Redis, prefix: str) -> dict[str, str]:
    members = client.hgetall(f"{prefix}:{{inc}}:member")
    return {text(k): text(v) for k, v in members.items()}


def stored_incidents(client: redis.Redis, prefix: str) -> dict[str, Any]:
    views = client.hgetall(f"{prefix}:{{inc}}:incident")
    return {text(k): json.loads(v) for k, v in views.items()}


def resolve_in_batches(resolver: Resolver, events: list[TaggedEvent], size: int) -> None:
    for start in range(0, len(events), size):
        resolver.resolve(events[start : start + size])


def test_grouping_equals_the_rule_in_any_order_and_batching(
    redis_client: redis.Redis, tagged: list[TaggedEvent]
) -> None:
    expected = expected_grouping(tagged)
    assert len(set(expected.values())) < len(expected)  # the set does merge reports
    for seed, size in ((None, 61), (1, 1), (2, 7), (3, 20)):
        events = list(tagged)
        if seed is not None:
            random.Random(seed).shuffle(events)
        prefix = f"t{uuid.uuid4().hex[:10]}"
        resolve_in_batches(Resolver(redis_client, prefix), events, size)
        assert stored_grouping(redis_client, prefix) == expected, (seed, size)
        views = stored_incidents(redis_client, prefix)
        assert set(views) == set(expected.values())
        for iid, view in views.items():
            members = {text(m) for m in redis_client.smembers(f"{prefix}:{{inc}}:members:{iid}")}
            assert members == {e for e, i in expected.items() if i == iid}
            assert view["report_count"] == len(members)


def test_replay_changes_nothing(redis_client: redis.Redis, tagged: list[TaggedEvent]) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    resolver = Resolver(redis_client, prefix)
    resolve_in_batches(resolver, tagged, 10)
    before = dump(redis_client, prefix)
    again = resolver.resolve(tagged)
    assert again.put == [] and again.members == {}
    assert dump(redis_client, prefix) == before
    # and a resolver that remembers nothing agrees
    assert Resolver(redis_client, prefix).resolve(reversed(tagged)).put == []
    assert dump(redis_client, prefix) == before


def test_concurrent_resolvers_give_what_one_gives(
    redis_client: redis.Redis, redis_url: str, tagged: list[TaggedEvent]
) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    events = list(tagged)
    random.Random(5).shuffle(events)
    halves = [events[0::3], events[1::3], events[2::3]]
    clients = [redis.Redis.from_url(redis_url) for _ in halves]
    errors: list[BaseException] = []

    def run(client: redis.Redis, part: list[TaggedEvent]) -> None:
        try:
            resolve_in_batches(Resolver(client, prefix), part, 2)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(c, part))
        for c, part in zip(clients, halves, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for c in clients:
        c.close()
    assert not errors
    assert stored_grouping(redis_client, prefix) == expected_grouping(tagged)


def test_incident_tallies_count_each_incident_once(
    redis_client: redis.Redis, tagged: list[TaggedEvent]
) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    resolve_in_batches(Resolver(redis_client, prefix), tagged, 13)
    views = stored_incidents(redis_client, prefix)
    live = [v for v in views.values() if v["tallied"]]
    keys = f"{prefix}:{{inc}}:"
    categories = {text(k): int(v) for k, v in redis_client.hgetall(keys + "count:category").items()}
    assert categories == dict(Counter(v["category"] for v in live))
    killed = float(redis_client.hget(keys + "fig:killed", "_total") or 0)
    assert killed == pytest.approx(
        sum(v["figures"]["killed"]["value"] for v in live if "killed" in v["figures"])
    )
    assert redis_client.zcard(keys + "idx:all") == len(views)


def test_a_retagged_report_regroups(redis_client: redis.Redis, tagged: list[TaggedEvent]) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    resolver = Resolver(redis_client, prefix)
    resolver.resolve(tagged)
    grouping = stored_grouping(redis_client, prefix)
    sizes = Counter(grouping.values())
    # A report in a group of three or more: re-tagged as background, it leaves its incident.
    moved = next(eid for eid, iid in sorted(grouping.items()) if sizes[iid] >= 3)
    old = next(e for e in tagged if e.event_id == moved)
    newer = old.model_copy(
        update={
            "event_type": "other.background",
            "category": "other",
            "classifier": ClassifierInfo(name=old.classifier.name, version="999.0.0"),
        }
    )
    resolver.resolve([newer])
    events = [newer if e.event_id == moved else e for e in tagged]
    assert stored_grouping(redis_client, prefix) == expected_grouping(events)
    views = stored_incidents(redis_client, prefix)
    alone = views[stored_grouping(redis_client, prefix)[moved]]
    assert alone["report_count"] == 1 and alone["tallied"] is False
    # and the tallies are those of the new incidents
    live = [v for v in views.values() if v["tallied"]]
    total = redis_client.hget(f"{prefix}:{{inc}}:count:total", "incidents")
    assert int(total or 0) == len(live)
