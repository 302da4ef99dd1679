"""The aggregate: totals, facets, timeline, figures, places, and the labels they count by."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from sitrep_api.deps import READ_ERRORS, Count, IncidentsDep, QuantityKind, QueryDep, StoreDep
from sitrep_api.models import Facets, Figures, State, Taxonomy, Timeline
from sitrep_api.store import EventQuery
from sitrep_schemas.labels import load_labels

router = APIRouter(tags=["aggregate"])
GEOJSON = "application/geo+json"


@router.get(
    "/v1/state",
    summary="Totals of reports by category, event type, place, country, source and day,"
    " and the same for incidents under `incidents`",
    response_model=State,
    responses=READ_ERRORS,
)
def state(store: StoreDep, incidents: IncidentsDep) -> dict[str, Any]:
    return {**store.state(), "incidents": incidents.summary()}


@router.get(
    "/v1/facets",
    summary="Counts per category, event type, place, country and source",
    response_model=Facets,
    responses=READ_ERRORS,
)
def facets(
    store: StoreDep, query: QueryDep, top: Annotated[int, Query(ge=1, le=200)] = 20
) -> dict[str, Any]:
    return store.facets(query, top)


@router.get(
    "/v1/timeline",
    summary="Live incidents (or reports) per day or hour, by category",
    description="Incidents by the day they happened (or the hour first reported); reports"
    " by their bulletin's day (or the hour received).",
    response_model=Timeline,
    responses=READ_ERRORS,
)
def timeline(
    store: StoreDep,
    incidents: IncidentsDep,
    bucket: Annotated[Literal["day", "hour"], Query()] = "day",
    count: Count = "incidents",
) -> dict[str, Any]:
    source = incidents if count == "incidents" else store
    return {"bucket": bucket, "count": count, "buckets": source.timeline(bucket)}


@router.get(
    "/v1/figures",
    summary="Figures by kind and place: each incident's reconciled figure once (or every"
    " report's figures summed), with the incidents or events behind them",
    response_model=Figures,
    responses=READ_ERRORS,
)
def figures(
    store: StoreDep,
    incidents: IncidentsDep,
    query: QueryDep,
    kind: Annotated[QuantityKind | None, Query(examples=["killed"])] = None,
    count: Count = "incidents",
) -> dict[str, Any]:
    places = query.filters.get("place", ())
    time_only = EventQuery(
        since_ms=query.since_ms, until_ms=query.until_ms,
        occurred_from=query.occurred_from, occurred_before=query.occurred_before,
    )  # fmt: skip
    wanted = kind.value if kind else None
    if count == "reports":
        return {"count": count, "figures": store.figures(wanted, places, time_only)}
    return {"count": count, "figures": incidents.incident_figures(wanted, places, time_only)}


@router.get(
    "/v1/places",
    summary="Places with incident (or report) counts as a GeoJSON FeatureCollection",
    description="With the events' filters, the places of the matching incidents (or reports),"
    " counted from the newest 5,000 of them.",
    response_class=Response,
    responses={
        200: {
            "description": "A GeoJSON FeatureCollection (RFC 7946) of points",
            "content": {GEOJSON: {"schema": {"$ref": "#/components/schemas/PlaceCollection"}}},
        },
        **READ_ERRORS,
    },
)
def places(
    store: StoreDep, incidents: IncidentsDep, query: QueryDep, count: Count = "incidents"
) -> Response:
    source = incidents if count == "incidents" else store
    # unfiltered: the running counts; filtered: counted from the newest 5,000 matching items
    found = source.places_geojson() if query.is_everything() else source.places_matching(query)
    return Response(json.dumps(found), media_type=GEOJSON)


@router.get(
    "/v1/taxonomy",
    summary="The label vocabulary with its ACLED/PLOVER crosswalk",
    response_model=Taxonomy,
)
def taxonomy() -> dict[str, Any]:
    return load_labels().raw
