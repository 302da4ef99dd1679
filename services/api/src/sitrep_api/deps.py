"""What the API's routes share: the problem error, the stores, the event filters."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sitrep_api.contribution import epoch_day, search_tokens
from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.store import EventQuery, StateStore
from sitrep_schemas.labels import load_labels


class ProblemError(Exception):
    def __init__(self, status: int, type_name: str, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.type_name, self.title, self.detail, self.extra = (
            status,
            type_name,
            title,
            detail,
            extra,
        )


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


async def event_query(
    store: StoreDep,
    category: Annotated[str | None, Query(examples=["military"])] = None,
    event_type: Annotated[str | None, Query(examples=["remote.air_drone_strike"])] = None,
    place: Annotated[
        str | None, Query(description="place_id or place name", examples=["Kharkiv"])
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", examples=["UKR"])] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[
        date | datetime | None,
        Query(
            description="happened on or after this day (ISO 8601 date; a date-time counts by its"
            " own date, in its own time zone): the event's occurred_on",
            examples=["2025-03-03"],
        ),
    ] = None,
    until: Annotated[
        date | datetime | None,
        Query(description="happened before this day (ISO 8601 date or date-time)"),
    ] = None,
    received_since: Annotated[
        datetime | None, Query(description="received at or after (ISO 8601 date-time)")
    ] = None,
    received_until: Annotated[
        datetime | None, Query(description="received before (ISO 8601 date-time)")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="words the event must contain")
    ] = None,
) -> EventQuery:
    filters = {
        k: v
        for k, v in {
            "category": category, "event_type": event_type, "source": source,
            "country": country.upper() if country else None,
        }.items()
        if v
    }  # fmt: skip
    _check_labels(filters)
    if place:
        # An unknown place matches nothing, like any other value no event has.
        # Redis I/O: off the event loop (the rest of this dependency is not, see get_store).
        resolved: str | None = await run_in_threadpool(store.resolve_place, place)
        filters["place"] = resolved or "~unknown~"
    words = tuple(search_tokens(q)) if q else ()
    if q and not words:
        raise ProblemError(
            400, "invalid-parameter", "The search has no searchable words",
            "q needs at least one word of 3 or more letters that is not a stopword",
        )  # fmt: skip
    since_ms, until_ms = _ms(received_since), _ms(received_until)
    if since_ms is not None and until_ms is not None and since_ms >= until_ms:
        raise ProblemError(
            400, "invalid-parameter", "Empty time range",
            "received_since must be before received_until",
        )  # fmt: skip
    first, before = _day(since), _day(until)
    if first is not None and before is not None and first >= before:
        raise ProblemError(
            400, "invalid-parameter", "Empty date range", "since must be a day before until"
        )
    return EventQuery(
        filters=filters, words=words, since_ms=since_ms, until_ms=until_ms,
        occurred_from=first, occurred_before=before,
    )  # fmt: skip


QueryDep = Annotated[EventQuery, Depends(event_query)]


def _check_labels(filters: dict[str, str]) -> None:
    """An unknown label can match nothing: say so, and which labels exist."""
    labels = load_labels()
    for name, known in (("category", labels.categories), ("event_type", labels.event_types)):
        value = filters.get(name)
        if value is not None and value not in known:
            raise ProblemError(
                400, "unknown-label", f"Unknown {name}",
                f"{name} '{value}' is not in the taxonomy; use one of: {', '.join(sorted(known))}",
                allowed=sorted(known),
            )  # fmt: skip


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
