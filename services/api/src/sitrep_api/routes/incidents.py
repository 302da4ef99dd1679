"""`/v1/incidents`: the happenings behind the reports, with their sources and figures."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from sitrep_api.deps import READ_ERRORS, IncidentsDep, QueryDep, StoreDep, page_response
from sitrep_api.incident_queries import with_incidents
from sitrep_api.models import IncidentDetail, IncidentPage
from sitrep_api.routes.events import Cursor, Limit
from sitrep_runtime.problems import ProblemError, problem_responses

router = APIRouter(tags=["incidents"])


@router.get(
    "/v1/incidents",
    summary="Incidents, most recently reported first, with the events' filters and a cursor",
    response_model=IncidentPage,
    responses=READ_ERRORS,
    description="An incident is one real-world happening told by one or more reports (the same"
    " strike from three outlets, or one outlet's revised toll). Filters match an incident when"
    " any of its reports would match; since/until bound the day it happened, received_since/"
    "received_until when it was last reported.",
)
def list_incidents(
    incidents: IncidentsDep,
    query: QueryDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    items, next_cursor = incidents.list_incidents(query, limit, cursor)
    return page_response(items, next_cursor)


@router.get(
    "/v1/incidents/{incident_id}",
    summary="One incident: its reports, each source's claims and the reconciled figures",
    response_model=IncidentDetail,
    responses={**READ_ERRORS, **problem_responses(404)},
)
def get_incident(
    incidents: IncidentsDep,
    store: StoreDep,
    incident_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
) -> Response:
    found = incidents.incident(incident_id)
    if found is None:
        raise ProblemError(
            f"no incident with id {incident_id}",
            status=404, type_name="incident-not-found", title="No such incident",
        )  # fmt: skip
    view, event_ids = found
    raws = store.get_events(event_ids)
    when = {raw: json.loads(raw)["event"] for raw in raws}
    raws.sort(key=lambda raw: (when[raw]["received_at"], when[raw]["position"]))
    reports = with_incidents(raws, incidents)
    body = json.dumps(view).encode()[:-1] + b',"reports":[' + b",".join(reports) + b"]}"
    return Response(body, media_type="application/json")
