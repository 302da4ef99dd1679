"""What the API's routes share: the problem error, the stores, the event filters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import Response
from pydantic import BeforeValidator
from starlette.concurrency import run_in_threadpool

from sitrep_api.contribution import epoch_day, filter_value, search_tokens
from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.store import EventQuery, StateStore
from sitrep_runtime.problems import ProblemError, problem_responses
from sitrep_schemas.labels import load_labels


async def get_store(request: Request) -> StateStore:
    """Async: a plain `def` dependency costs each request a hop through the thread pool."""
    store: StateStore = request.app.state.store
    return store


StoreDep = Annotated[StateStore, Depends(get_store)]


async def get_incidents(request: Request) -> IncidentQueries:
    incidents: IncidentQueries = request.app.state.incidents
    return incidents


IncidentsDep = Annotated[IncidentQueries, Depends(get_incidents)]
Count = Annotated[
    Literal["incidents", "reports"],
    Query(
        description="Count incidents (each happening once) or reports (every item of every feed)"
    ),
]


def _day(when: date | datetime | None) -> int | None:
    """A day as the `occurred` index scores it; a date-time counts by its own calendar date."""
    if when is None:
        return None
    return epoch_day(when.date() if isinstance(when, datetime) else when)


def _ms(when: datetime | None) -> int | None:
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp() * 1000)


_LABELS = load_labels()


def _one_or_more(values: Iterable[str]) -> str:
    """A pattern for one value, or several separated by commas, each one of `values`."""
    one = "(?:" + "|".join(re.escape(v) for v in sorted(values)) + ")"
    return f"^{one}(?:,{one})*$"


# Filters take one value or several, comma-separated (an event matches any of them); those
# that take labels say which in their pattern, so an unknown label is a 400 the OpenAPI predicts.
CATEGORIES = _one_or_more(_LABELS.categories)
EVENT_TYPES = _one_or_more(_LABELS.event_types)
COUNTRIES = r"^[A-Za-z]{3}(?:,[A-Za-z]{3})*$"
ACTOR_TYPES = _one_or_more(_LABELS.actor_types)
_DEGREES = r"-?\d{1,3}(?:\.\d{1,8})?"
BBOX = rf"^{_DEGREES},{_DEGREES},{_DEGREES},{_DEGREES}$"
QuantityKind = Enum("QuantityKind", {k: k for k in _LABELS.quantity_kinds}, type=str)  # type: ignore[misc]
NOTHING = "~none~"  # a filter value no event has: an unknown place, a q with no searchable word

# What routes that read the state may answer besides 200: a bad parameter, Redis down.
READ_ERRORS = problem_responses(400, 503)


def _iso_text(value: object) -> object:
    """Dates and times as ISO 8601 text only (pydantic would also take `0.5` as a Unix time)."""
    if isinstance(value, str) and not re.match(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected an ISO 8601 date (YYYY-MM-DD) or date-time")
    return value


Day = Annotated[date | datetime, BeforeValidator(_iso_text)]
Instant = Annotated[datetime, BeforeValidator(_iso_text)]


async def event_query(
    store: StoreDep,
    category: Annotated[
        str | None,
        Query(
            json_schema_extra={"pattern": CATEGORIES},
            description="a category, or several comma-separated (any of them)",
            examples=["military", "military,humanitarian"],
        ),
    ] = None,
    event_type: Annotated[
        str | None,
        Query(
            json_schema_extra={"pattern": EVENT_TYPES},
            description="an event type, or several comma-separated (any of them)",
            examples=["remote.air_drone_strike"],
        ),
    ] = None,
    place: Annotated[
        str | None,
        Query(
            max_length=500,
            description="a place_id or place name, or several comma-separated (any of them)",
            examples=["Kharkiv", "Kharkiv,Sumy"],
        ),
    ] = None,
    country: Annotated[
        str | None,
        Query(
            pattern=COUNTRIES,
            description="an ISO 3166-1 alpha-3 code, or several comma-separated",
            examples=["UKR", "UKR,RUS"],
        ),
    ] = None,
    source: Annotated[
        str | None,
        Query(max_length=200, description="a source id, or several comma-separated"),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=500,
            description="an actor's name as tagged (any case), or several comma-separated",
            examples=["Russian forces", "M23,Rwandan forces"],
        ),
    ] = None,
    actor_type: Annotated[
        str | None,
        Query(
            json_schema_extra={"pattern": ACTOR_TYPES},
            description="an actor type (ACLED's actor classes), or several comma-separated",
            examples=["non_state_armed", "civilians,protesters"],
        ),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            pattern=BBOX,
            description="min_lon,min_lat,max_lon,max_lat (WGS 84 degrees): events with a place"
            " inside the box; values past the poles or the antimeridian are clamped, a box whose"
            " min_lon is east of its max_lon crosses the antimeridian, and one whose min_lat is"
            " north of its max_lat holds nothing",
            examples=["22,44,41,53"],
        ),
    ] = None,
    admin1: Annotated[
        str | None,
        Query(
            max_length=500,
            description="a first-level region as tagged (any case), or several comma-separated",
            examples=["Donetsk Oblast", "North Darfur,South Darfur"],
        ),
    ] = None,
    since: Annotated[
        Day | None,
        Query(
            description="happened on or after this day (ISO 8601 date; a date-time counts by its"
            " own date, in its own time zone): the event's occurred_on",
            examples=["2025-03-03"],
        ),
    ] = None,
    until: Annotated[
        Day | None,
        Query(description="happened before this day (ISO 8601 date or date-time)"),
    ] = None,
    received_since: Annotated[
        Instant | None, Query(description="received at or after (ISO 8601 date-time)")
    ] = None,
    received_until: Annotated[
        Instant | None, Query(description="received before (ISO 8601 date-time)")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="words the event must contain (headline, text or section); words under"
            " 3 letters and stopwords are not indexed, so a q of only those matches nothing; an"
            " event is searchable a moment after it is listed (the resolver indexes its words)",
        ),
    ] = None,
) -> EventQuery:
    filters = {
        name: values
        for name, values in {
            "category": _labels("category", category, _LABELS.categories, CATEGORIES),
            "event_type": _labels("event_type", event_type, _LABELS.event_types, EVENT_TYPES),
            "source": _values(source), "country": _values(country.upper() if country else None),
            "actor": _values(filter_value(actor) if actor else None),
            "actor_type": _labels("actor_type", actor_type, _LABELS.actor_types, ACTOR_TYPES),
            "admin1": _values(filter_value(admin1) if admin1 else None),
        }.items()
        if values
    }  # fmt: skip
    if names := _values(place):
        # An unknown place matches nothing, like any other value no event has.
        # Redis I/O: off the event loop (the rest of this dependency is not, see get_store).
        resolved = await run_in_threadpool(lambda: [store.resolve_place(n) for n in names])
        filters["place"] = tuple(dict.fromkeys(pid or NOTHING for pid in resolved))
    if bbox:
        # The box is the places inside it: a place filter, intersected with any other.
        box = Box.parse(bbox)
        meta = await run_in_threadpool(store.places_meta)
        inside = {pid for pid, p in meta.items() if box.holds(float(p["lon"]), float(p["lat"]))}
        named = filters.get("place")
        kept = [pid for pid in named if pid in inside] if named else sorted(inside)
        filters["place"] = tuple(kept) or (NOTHING,)
    words = tuple(search_tokens(q)) if q else ()
    if q and not words:
        words = (NOTHING,)
    # An empty range (since >= until) is a range no event is in: it matches nothing.
    return EventQuery(
        filters=filters, words=words, since_ms=_ms(received_since), until_ms=_ms(received_until),
        occurred_from=_day(since), occurred_before=_day(until),
    )  # fmt: skip


QueryDep = Annotated[EventQuery, Depends(event_query)]


def _clamp(value: float, bound: float) -> float:
    return min(bound, max(-bound, value))


@dataclass(frozen=True)
class Box:
    """A bounding box in degrees; west > east crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> Box:
        west, south, east, north = (float(v) for v in text.split(","))
        return cls(_clamp(west, 180), _clamp(south, 90), _clamp(east, 180), _clamp(north, 90))

    def holds(self, lon: float, lat: float) -> bool:
        if not self.south <= lat <= self.north:
            return False
        if self.west <= self.east:
            return self.west <= lon <= self.east
        return lon >= self.west or lon <= self.east


def _labels(name: str, text: str | None, known: Iterable[str], pattern: str) -> tuple[str, ...]:
    """A label filter's values; one the taxonomy lacks is a 400 that lists the labels (the
    OpenAPI says the same with `pattern`, which is checked here to say it readably)."""
    if text is None or re.fullmatch(pattern, text):
        return _values(text)
    allowed = sorted(known)
    unknown = [v for v in text.split(",") if v not in allowed] or [text]
    raise ProblemError(
        f"{name} '{unknown[0]}' is not in the taxonomy; use one or more (comma-separated) of: "
        + ", ".join(allowed),
        type_name="unknown-label", title=f"Unknown {name}", allowed=allowed,
    )  # fmt: skip


def _values(text: str | None) -> tuple[str, ...]:
    """The comma-separated values of a filter, without blanks or repeats."""
    if not text:
        return ()
    return tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))


def page_response(items: list[bytes], next_cursor: str | None) -> Response:
    """`{"items": [...], "next_cursor": ...}` from items already serialised."""
    body = (
        b'{"items":['
        + b",".join(items)
        + b'],"next_cursor":'
        + json.dumps(next_cursor).encode()
        + b"}"
    )
    return Response(body, media_type="application/json")
