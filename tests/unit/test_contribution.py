"""What an event adds to the state (pure): counters, indexes, figures; background never tallied."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sitrep_api.contribution import (
    event_words,
    project_event,
    search_tokens,
    sort_key,
    version_rank,
)
from sitrep_api.store import BadCursor, decode_cursor, encode_cursor
from sitrep_schemas import ClassifierInfo, Location, Quantity, TaggedEvent, UpdateEvent

NOW = datetime(2025, 3, 4, 12, tzinfo=UTC)


def tagged(
    event_type: str = "remote.air_drone_strike", category: str = "military", position: int = 1
) -> TaggedEvent:
    update = UpdateEvent(
        event_id="a" * 32, source="desk", bulletin_date=date(2025, 3, 3), position=position,
        text="Drones hit Sumy, killing 2.", received_at=NOW,
    )  # fmt: skip
    sumy = Location(
        name="Sumy", kind="settlement", country="UKR", lat=50.9, lon=34.8, precision=1,
        place_id="ukr:sumy", confidence=0.9,
    )  # fmt: skip
    return TaggedEvent(
        event_id=update.event_id, event=update, category=category, event_type=event_type, confidence=0.8,
        locations=[sumy], quantities=[Quantity(value=2, kind="killed", surface="2")],
        classifier=ClassifierInfo(name="t", version="1.2.0"), tagged_at=NOW,
    )  # fmt: skip


def test_live_event_counts_in_every_dimension() -> None:
    c = project_event(tagged())
    assert ["category", "military"] in c.counters and ["place", "ukr:sumy"] in c.counters
    assert ["day", "2025-03-03"] in c.counters and ["country", "UKR"] in c.counters
    assert {
        "all",
        "category:military",
        "event_type:remote.air_drone_strike",
        "place:ukr:sumy",
    } <= set(c.indexes)
    assert c.figures == [["killed", "ukr:sumy", 2.0]]
    assert c.places["ukr:sumy"]["lat"] == 50.9


def test_background_and_meta_are_listed_but_never_tallied() -> None:
    for event_type in ("other.background", "other.meta"):
        c = project_event(tagged(event_type, "other"))
        assert c.counters == [] and c.figures == [] and c.places == {}
        assert "all" in c.indexes


def test_version_rank_orders_like_versions() -> None:
    assert version_rank("0.10.0") > version_rank("0.9.9") > version_rank("0.9")
    assert version_rank("1.0.0") == version_rank("1.0")


def test_sort_key_lists_a_bulletin_in_document_order_when_read_newest_first() -> None:
    first, second = sort_key(tagged(position=1)), sort_key(tagged(position=2))
    assert sorted([first, second], reverse=True) == [first, second]


def test_cursor_round_trip_and_garbage() -> None:
    key = sort_key(tagged())
    assert decode_cursor(encode_cursor(key)) == key
    for bad in ("not-a-cursor", "eyJ4IjogMX0", ""):
        with pytest.raises(BadCursor):
            decode_cursor(bad)


def test_export_columns_follow_the_crosswalk_and_the_best_known_date() -> None:
    from sitrep_api.exports import acled_types, event_date

    assert acled_types("battle.armed_clash") == ("Battles", "Armed clash")
    assert acled_types("diplomacy.meeting") == ("", "")  # ACLED does not code it
    update = {"bulletin_date": None, "received_at": "2025-03-04T06:00:00Z"}
    assert event_date({"occurred_on": {"date": "2025-03-02", "precision": "day"}}) == (
        "2025-03-02", "day",
    )  # fmt: skip
    assert event_date({"occurred_on": None, "event": {**update, "bulletin_date": "2025-03-03"}}) == (
        "2025-03-03", "bulletin",
    )  # fmt: skip
    assert event_date({"occurred_on": None, "event": update}) == ("2025-03-04", "received")


def test_search_words_are_not_written_by_the_projector() -> None:
    """`q` words are indexed off the projector's path (word_index.py), from the stored JSON."""
    event = tagged()
    assert not [name for name in project_event(event).indexes if name.startswith("tok:")]
    words = event_words(event.model_dump(mode="json"))
    assert words == search_tokens(f"{event.event.text} {event.event.section or ''}")
    assert "the" not in words
