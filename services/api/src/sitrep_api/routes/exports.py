"""`/v1/events.csv` and `/v1/events.geojson`: the events of a query, streamed, for analysts'
own tools (spreadsheets, QGIS, pandas), with the same filters as `/v1/events`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from sitrep_api.deps import READ_ERRORS, IncidentsDep, QueryDep, StoreDep
from sitrep_api.exports import CSV_COLUMNS, csv_header, csv_rows, features
from sitrep_api.incident_queries import IncidentQueries, with_incidents
from sitrep_api.routes.events import Cursor
from sitrep_api.store import EventQuery, StateStore

router = APIRouter(tags=["events"])
PAGE = 500  # events read from Redis at a time while streaming
ExportLimit = Annotated[
    int, Query(ge=1, le=100_000, description="At most this many events, newest first")
]


def _pages(
    store: StateStore, incidents: IncidentQueries, query: EventQuery, limit: int, cursor: str | None
) -> Iterator[tuple[list[dict[str, Any]], str | None]]:
    """The matching events a page at a time, newest first, with the cursor after each page."""
    left = limit
    while left > 0:
        raws, cursor = store.list_events(query, min(PAGE, left), cursor)
        if not raws:
            return
        left -= len(raws)
        yield [json.loads(raw) for raw in with_incidents(raws, incidents)], cursor
        if cursor is None:
            return


@router.get(
    "/v1/events.csv",
    summary="Events as CSV with ACLED-like columns, one row per event at its first place",
    description="Columns: "
    + ", ".join(f"`{c}`" for c in CSV_COLUMNS)
    + ". `fatalities` sums the event's `killed` figures; `acled_event_type` and"
    " `acled_sub_event_type` come from the taxonomy's crosswalk (empty where ACLED does not code"
    " the type); `event_date` is when it happened when known (`date_precision` says how it is"
    " known: day, week, bulletin, received).",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "RFC 4180 CSV with a header row",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **READ_ERRORS,
    },
)
def events_csv(
    store: StoreDep, incidents: IncidentsDep, query: QueryDep, limit: ExportLimit = 10_000
) -> StreamingResponse:
    def lines() -> Iterator[str]:
        yield csv_header()
        for page, _ in _pages(store, incidents, query, limit, None):
            yield csv_rows(page)

    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="sitrep-events.csv"'},
    )


@router.get(
    "/v1/events.geojson",
    summary="Events as a GeoJSON FeatureCollection: one Feature per event and place",
    description="Each feature's properties are the CSV columns plus `place_id`; an event without"
    " a place has no feature. `next_cursor` (a foreign member) continues after `limit` events.",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "A GeoJSON FeatureCollection (RFC 7946) of points",
            "content": {
                "application/geo+json": {
                    "schema": {"$ref": "#/components/schemas/EventFeatureCollection"}
                }
            },
        },
        **READ_ERRORS,
    },
)
def events_geojson(
    store: StoreDep,
    incidents: IncidentsDep,
    query: QueryDep,
    limit: ExportLimit = 10_000,
    cursor: Cursor = None,
) -> StreamingResponse:
    def chunks() -> Iterator[str]:
        yield '{"type":"FeatureCollection","features":['
        first, after = True, None
        for page, page_cursor in _pages(store, incidents, query, limit, cursor):
            after = page_cursor
            for event in page:
                for feature in features(event):
                    yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False)
                    first = False
        yield '],"next_cursor":' + json.dumps(after) + "}"

    return StreamingResponse(
        chunks(),
        media_type="application/geo+json",
        headers={"Content-Disposition": 'attachment; filename="sitrep-events.geojson"'},
    )
