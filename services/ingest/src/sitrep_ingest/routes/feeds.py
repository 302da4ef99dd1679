"""`POST /v1/feeds`: push a feed; each item becomes an UpdateEvent on `sitrep.updates.raw`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from sitrep_ingest.feed_bodies import request_body
from sitrep_ingest.intake import Intake
from sitrep_ingest.models import FeedAccepted
from sitrep_runtime.problems import problem_responses

router = APIRouter(tags=["feeds"])
Format = Literal["bulletin", "json", "ndjson", "rss", "atom"]
# Who may push: anyone, or (with tokens configured) a bearer token, possibly bound to a source.
SECURITY: list[dict[str, list[str]]] = [{}, {"bearer": []}]


def get_intake(request: Request) -> Intake:
    intake: Intake = request.app.state.intake
    return intake


IntakeDep = Annotated[Intake, Depends(get_intake)]


@router.post(
    "/v1/feeds",
    status_code=202,
    response_model=FeedAccepted,
    summary="Push a feed: a bulletin, RSS, Atom, JSON or NDJSON",
    description="Each item becomes an UpdateEvent on `sitrep.updates.raw` once the broker has"
    " acknowledged it. Ids are deterministic, so sending a feed again is safe: what this ingest"
    " accepted before counts as a duplicate.\n\n"
    "Besides the bodies under requestBody:\n\n"
    "- RSS 2.0 (`application/rss+xml`, `application/xml`, `text/xml`) and Atom"
    " (`application/atom+xml`): each item or entry is an event (its description or content, else"
    " its title); an item whose description is a list of bullets is one event per bullet.\n"
    "- NDJSON (`application/x-ndjson`, also `application/ndjson`, `application/jsonl`): one"
    " FeedEvent object per line, published as it is read; a bad line answers its problem with"
    " the ids accepted before it (`accepted_event_ids`).\n\n"
    "JSON Schema cannot say which XML documents hold an item, and OpenAPI 3.1 has no schema for"
    " line-delimited bodies, so these are described here.\n\n"
    "`?format=bulletin|json|ndjson|rss|atom` overrides Content-Type, for clients that cannot"
    " set it; it is left out of the parameters because the body's schema then depends on it,"
    " which OpenAPI cannot express.",
    responses={
        202: {
            "description": "The feed's events, each acknowledged by the broker",
            # what a client does next with the answer: withdraw some of these events
            "links": {
                "RetractEvents": {
                    "operationId": "post_retractions_v1_retractions_post",
                    "requestBody": {"event_ids": "$response.body#/event_ids"},
                    "description": "Withdraw events of this feed, as the source they were pushed as",
                }
            },
        },
        **problem_responses(400, 401, 403, 413, 415, 422, 503),
    },
    openapi_extra={"requestBody": request_body(), "security": SECURITY},
)
async def post_feed(
    request: Request,
    intake: IntakeDep,
    source: Annotated[
        str | None,
        Query(max_length=200, description="Source id for every event (else the feed's own)"),
    ] = None,
    format: Annotated[
        Format | None,
        Query(description="The format, overriding Content-Type", include_in_schema=False),
    ] = None,
) -> FeedAccepted:
    return await intake.post_feed(request, source, format)
