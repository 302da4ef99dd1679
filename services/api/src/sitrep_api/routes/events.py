"""`/v1/events`: the tagged reports, filtered, newest first, and one by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from sitrep_api.deps import READ_ERRORS, IncidentsDep, QueryDep, StoreDep, page_response
from sitrep_api.incident_queries import with_incidents
from sitrep_api.models import EventPage, StoredEvent
from sitrep_api.store import CURSOR_PATTERN
from sitrep_runtime.problems import ProblemError, problem_responses

router = APIRouter(tags=["events"])
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page")]
Cursor = Annotated[
    str | None,
    Query(
        pattern=CURSOR_PATTERN,
        description="The next_cursor of the previous page (leave out for the first page)",
    ),
]


@router.get(
    "/v1/events",
    summary="Tagged events, newest first, filtered and paginated by an opaque cursor",
    response_model=EventPage,
    responses=READ_ERRORS,
)
def events(
    store: StoreDep,
    incidents: IncidentsDep,
    query: QueryDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    page = store.page_with_incidents(query, limit, cursor, incidents.keys)
    if page is None:  # several indexes to intersect, or a cluster: pipelines
        items, next_cursor = store.list_events(query, limit, cursor)
        page = with_incidents(items, incidents), next_cursor
    return page_response(*page)


@router.get(
    "/v1/events/{event_id}",
    summary="One tagged event",
    response_model=StoredEvent,
    responses={**READ_ERRORS, **problem_responses(404)},
)
def event(
    store: StoreDep,
    incidents: IncidentsDep,
    event_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response:
    found = store.get_events([event_id])
    if not found:
        raise ProblemError(
            f"no event with id {event_id}",
            status=404, type_name="event-not-found", title="No such event",
        )  # fmt: skip
    return Response(with_incidents(found, incidents)[0], media_type="application/json")
