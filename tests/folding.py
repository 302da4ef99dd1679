"""The aggregate a list of tagged events must produce, computed independently of the store."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sitrep_api.contribution import NOT_TALLIED, event_day
from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.resolver import Resolver
from sitrep_schemas import TaggedEvent


def fold(events: Sequence[TaggedEvent]) -> dict[str, Counter[str]]:
    """What the live tallies must be: each event id once, background never."""
    unique = {e.event_id: e for e in events}.values()
    live = [e for e in unique if e.event_type not in NOT_TALLIED]
    return {
        "category": Counter(e.category for e in live),
        "event_type": Counter(e.event_type for e in live),
        "source": Counter(e.event.source for e in live),
        "day": Counter(event_day(e) for e in live),
        "place": Counter(p for e in live for p in {loc.place_id for loc in e.locations}),
    }


def assert_state_is_fold(state: dict[str, object], events: Sequence[TaggedEvent]) -> None:
    expected = fold(events)
    assert state["events_tallied"] == sum(expected["category"].values())
    assert state["by_category"] == dict(expected["category"])
    assert state["by_event_type"] == dict(expected["event_type"])
    assert state["by_source"] == dict(expected["source"])
    assert state["by_day"] == dict(expected["day"])
    by_place = state["by_place"]
    assert isinstance(by_place, list)
    assert {p["place_id"]: p["count"] for p in by_place} == dict(expected["place"])


def assert_incidents_are_fold(
    client: Any, prefix: str, events: Sequence[TaggedEvent], membership: dict[str, str]
) -> None:
    """The incidents stored under `prefix` (each report's `membership`) are what one clean
    resolver makes of `events`, resolved again under a scratch prefix: same grouping, same
    incidents with the same figures, same incident tallies."""
    scratch = f"fold{uuid.uuid4().hex[:10]}"
    resolver = Resolver(client, scratch)
    unique = list({e.event_id: e for e in events}.values())
    for start in range(0, len(unique), 1000):
        resolver.resolve(unique[start : start + 1000])
    try:
        expected = {
            k.decode(): v.decode() for k, v in client.hgetall(f"{scratch}:{{inc}}:member").items()
        }
        assert membership == expected
        views = {
            k.decode(): json.loads(v)
            for k, v in client.hgetall(f"{prefix}:{{inc}}:incident").items()
        }
        clean = {
            k.decode(): json.loads(v)
            for k, v in client.hgetall(f"{scratch}:{{inc}}:incident").items()
        }
        assert views == clean
        tallies, clean_tallies = (IncidentQueries(client, p).summary() for p in (prefix, scratch))
        for t in (tallies, clean_tallies):  # ties come in the order Redis keeps hash fields
            t["by_place"] = sorted(t["by_place"], key=lambda p: p["place_id"])
        differ = [k for k in tallies if tallies[k] != clean_tallies[k]]
        assert not differ, [(k, tallies[k], clean_tallies[k]) for k in differ]
    finally:
        keys = list(client.scan_iter(match=f"{scratch}:*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
