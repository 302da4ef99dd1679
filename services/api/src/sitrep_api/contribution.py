"""What one tagged event adds to the aggregate state: a pure function of the event.

The store applies a `Contribution` atomically and keeps it beside the event, so
a re-tagged event (newer classifier version) can take its old one back exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sitrep_api.incidents.occurred import occurred_on
from sitrep_schemas import TaggedEvent

# Stored and listed, but never part of the live tallies (docs/taxonomy.md).
NOT_TALLIED = {"other.background", "other.meta"}
_WORD = re.compile(r"[^\W\d_]{3,}")
# Words too common to narrow a search; everything else of 3+ letters is indexed for `q`.
_STOPWORDS_TEXT = (
    "the and for with that this from were was has have had are its their his her they them "
    "who which while after before over into about than then also but not been said says"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split(" "))
_EPOCH = date(1970, 1, 1)


def search_tokens(text: str) -> list[str]:
    """Index terms of a text: lower-cased words of 3+ letters, without diacritics or stopwords."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return sorted({w for w in _WORD.findall(plain) if w not in STOPWORDS})


def event_words(data: dict[str, Any]) -> list[str]:
    """The `q` terms of a stored TaggedEvent (its decoded JSON): headline, text and section."""
    update = data["event"]
    parts = (update.get("headline"), update.get("text"), update.get("section"))
    return search_tokens(" ".join(p for p in parts if p))


@dataclass(frozen=True)
class Contribution:
    rank: str  # comparable classifier version; a higher rank replaces a lower one
    sort_key: str  # total order of events, newest last: "{received_ms}|{99999-position}|{event_id}"
    # index names the event is listed under ("all", "category:military", ...); its `q` words
    # are indexed off the projector's path (word_index.py)
    indexes: list[str]
    counters: list[list[str]] = field(default_factory=list)  # [dimension, label] pairs, +1 each
    figures: list[list[Any]] = field(default_factory=list)  # [kind, place_id or "", value]
    places: dict[str, dict[str, Any]] = field(
        default_factory=dict
    )  # place_id -> GeoJSON properties
    day: str = ""
    source: str = ""
    occurred: int | None = None  # the day it happened, as days since 1970-01-01

    def to_json_dict(self) -> dict[str, Any]:
        # Its values are JSON already (lists, dicts, strings, numbers)
        return fields_of(self)


def fields_of(item: Any) -> dict[str, Any]:
    """A dataclass's fields as a shallow dict: dataclasses.asdict deep-copies every value
    (it was half the projector's time)."""
    names = _FIELD_NAMES.get(type(item))
    if names is None:
        names = _FIELD_NAMES[type(item)] = tuple(f.name for f in fields(item))
    return {name: getattr(item, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per dataclass, read once


@lru_cache(maxsize=256)  # a handful of classifier versions in any stream
def version_rank(version: str) -> str:
    """'0.10.2' -> '000000.000010.000002': compares as text the way versions compare."""
    parts = [p for p in version.replace("-", ".").split(".") if p]
    return ".".join(p.zfill(6) if p.isdigit() else p for p in [*parts, "0", "0", "0"][:4])


def sort_key(event: TaggedEvent) -> str:
    return key_of(event.event.received_at, event.event.position, event.event_id)


def key_of(received_at: datetime, position: int, event_id: str) -> str:
    """An event's sort key: newest first, then document order within one arrival."""
    received_ms = int(received_at.timestamp() * 1000)
    return f"{received_ms:015d}|{99999 - min(position, 99999):05d}|{event_id}"


def epoch_day(day: date) -> int:
    """Days since 1970-01-01: how the `occurred` index scores a day."""
    return (day - _EPOCH).days


def event_day(event: TaggedEvent) -> str:
    update = event.event
    return (update.bulletin_date or update.received_at.date()).isoformat()


def event_hour(event: TaggedEvent) -> str:
    """Hour bucket (UTC) of when the event was received: '2025-03-04T12'."""
    return _hour_of(event.event.received_at)


@lru_cache(maxsize=1024)  # a bulletin's events share one arrival time
def _hour_of(received_at: datetime) -> str:
    return received_at.astimezone(UTC).strftime("%Y-%m-%dT%H")


def filter_value(name: str) -> str:
    """How a name is indexed and matched: case-folded, spaces collapsed ("Russian forces",
    "russian  FORCES" meet)."""
    return " ".join(name.casefold().split())


def actor_tags(event: TaggedEvent) -> tuple[str, ...]:
    """The `actor:` and `actor_type:` index names an event (and its incident) is listed under."""
    names = dict.fromkeys(f"actor:{filter_value(a.name)}" for a in event.actors)
    types = dict.fromkeys(f"actor_type:{a.type}" for a in event.actors)
    return (*names, *types)


def project_event(event: TaggedEvent) -> Contribution:
    update = event.event
    place_ids = list(dict.fromkeys(loc.place_id for loc in event.locations))
    countries = list(dict.fromkeys(loc.country for loc in event.locations if loc.country))
    indexes = [
        "all",
        f"category:{event.category}",
        f"event_type:{event.event_type}",
        f"source:{update.source}",
        *(f"place:{p}" for p in place_ids),
        *(f"country:{c}" for c in countries),
        *actor_tags(event),
        *(f"admin1:{a}" for a in dict.fromkeys(
            filter_value(loc.admin1) for loc in event.locations if loc.admin1
        )),
    ]  # fmt: skip
    day, hour = event_day(event), event_hour(event)
    occurred = epoch_day(occurred_on(event).date)
    base = Contribution(
        rank=version_rank(event.classifier.version), sort_key=sort_key(event), indexes=indexes,
        day=day, source=update.source, occurred=occurred,
    )  # fmt: skip
    if event.event_type in NOT_TALLIED:
        return base
    counters = [
        ["total", "events"],
        ["category", event.category],
        ["event_type", event.event_type],
        ["source", update.source],
        ["day", day],
        ["day_category", f"{day}|{event.category}"],
        ["hour_category", f"{hour}|{event.category}"],
        *(["place", p] for p in place_ids),
        *(["place_category", f"{p}|{event.category}"] for p in place_ids),
        *(["country", c] for c in countries),
    ]
    single_place = place_ids[0] if len(place_ids) == 1 else ""
    figures: list[list[Any]] = [[q.kind, single_place, q.value] for q in event.quantities]
    places = {
        loc.place_id: {
            "place_id": loc.place_id,
            "name": loc.name,
            "kind": loc.kind,
            "country": loc.country,
            "admin1": loc.admin1,
            "lat": loc.lat,
            "lon": loc.lon,
        }
        for loc in event.locations
    }
    return Contribution(
        rank=base.rank, sort_key=base.sort_key, indexes=indexes, counters=counters,
        figures=figures, places=places, day=day, source=update.source, occurred=occurred,
    )  # fmt: skip
