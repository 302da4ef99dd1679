"""The aggregate a list of tagged events must produce, computed independently of the store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sitrep_api.contribution import NOT_TALLIED, event_day
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
