"""What operators ask of ingest: liveness, readiness, metrics."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sitrep_ingest.models import Health, Readiness
from sitrep_ingest.routes.feeds import IntakeDep

router = APIRouter(tags=["service"])


@router.get("/healthz", summary="Alive", response_model=Health)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Ready: the broker and Redis answer",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready: a check failed"}},
)
def readyz(intake: IntakeDep) -> JSONResponse:
    checks = {"kafka": intake.publisher.ready(), "redis": intake.seen.ready()}
    return JSONResponse(
        {"ready": all(checks.values()), "checks": checks},
        status_code=200 if all(checks.values()) else 503,
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
def metrics(intake: IntakeDep) -> Response:
    return Response(generate_latest(intake.metrics.registry), media_type=CONTENT_TYPE_LATEST)
