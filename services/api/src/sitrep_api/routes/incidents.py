"""`/v1/incidents`: the happenings behind the reports, with their sources and figures."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from sitrep_api.deps import IncidentsDep, ProblemError, QueryDep, StoreDep, page_response
from sitrep_api.incident_queries import with_incidents
from sitrep_api.models import IncidentDetail, IncidentPage

router = APIRouter(tags=["incidents"])


@router.get(
    "/v1/incidents",
    summary="Incidents, most recently reported first, with the events' filters and a cursor",
    response_model=IncidentPage,
    description="An incident is one real-world happening told by one or more reports (the same"
    " strike from three outlets, or one outlet's revised toll). Filters match an incident when"
    " any of its reports would match; since/until bound the day it happened, received_since/"
    "received_until when it was last reported.",
)
def list_incidents(
    incidents: IncidentsDep,
    query: QueryDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    items, next_cursor = incidents.list_incidents(query, limit, cursor)
    return page_response(items, next_cursor)


@router.get(
    "/v1/incidents/{incident_id}",
    summary="One incident: its reports, each source's claims and the reconciled figures",
    response_model=IncidentDetail,
)
def get_incident(
    incidents: IncidentsDep,
    store: StoreDep,
    incident_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response:
    found = incidents.incident(incident_id)
    if found is None:
        raise ProblemError(
            404, "incident-not-found", "No such incident", f"no incident with id {incident_id}"
        )
    view, event_ids = found
    raws = store.get_events(event_ids)
    when = {raw: json.loads(raw)["event"] for raw in raws}
    raws.sort(key=lambda raw: (when[raw]["received_at"], when[raw]["position"]))
    reports = with_incidents(raws, incidents)
    body = json.dumps(view).encode()[:-1] + b',"reports":[' + b",".join(reports) + b"]}"
    return Response(body, media_type="application/json")
