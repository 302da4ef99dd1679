"""`POST /v1/retractions`: a source withdraws items it sent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import redis
from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from sitrep_ingest.ids import slugify
from sitrep_ingest.intake import authorised_source
from sitrep_ingest.models import RetractionRequest, RetractionsAccepted
from sitrep_ingest.problems import FeedProblem, StateUnavailable, UnknownEvents
from sitrep_ingest.routes.feeds import SECURITY, IntakeDep
from sitrep_runtime.problems import problem_responses
from sitrep_schemas import Retraction

router = APIRouter(tags=["feeds"])


@router.post(
    "/v1/retractions",
    status_code=202,
    response_model=RetractionsAccepted,
    summary="Withdraw items this source sent: they stop counting, and their incidents are"
    " recomputed",
    responses=problem_responses(400, 401, 403, 404, 503),
    openapi_extra={"security": SECURITY},
)
async def post_retractions(
    request: Request,
    body: RetractionRequest,
    intake: IntakeDep,
    source: Annotated[
        str,
        Query(
            max_length=200,
            pattern="[A-Za-z0-9]",
            description="The source the items were pushed as",
        ),
    ],
) -> RetractionsAccepted:
    metrics = intake.metrics
    try:
        named = authorised_source(intake.settings, request.headers.get("authorization"), source)
        ids = list(dict.fromkeys(body.event_ids))
        try:
            known = await run_in_threadpool(intake.seen.accepted, ids)
        except redis.RedisError as exc:
            raise StateUnavailable(f"Redis did not answer ({exc}); nothing was sent") from exc
        unknown = [eid for eid in ids if eid not in known]
        if not known:
            raise UnknownEvents(
                f"none of the {len(ids)} ids was accepted by this ingest; nothing was sent",
                unknown=unknown,
            )
    except FeedProblem as exc:
        metrics.feeds.labels("retraction", str(exc.status)).inc()
        raise
    now = datetime.now(UTC)
    retractions = [
        Retraction(
            event_id=eid, source=slugify(named or source), retracted_at=now, reason=body.reason
        )
        for eid in ids
        if eid in known
    ]
    await run_in_threadpool(
        intake.publisher.publish, retractions, intake.settings.topic_retractions
    )
    metrics.feeds.labels("retraction", "202").inc()
    metrics.events.labels("retracted").inc(len(retractions))
    return RetractionsAccepted(retracted=[r.event_id for r in retractions], unknown=unknown)
