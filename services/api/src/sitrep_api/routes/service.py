"""What operators and browsers ask of the api: liveness, readiness, metrics, the dashboard."""

from __future__ import annotations

import redis
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sitrep_api.deps import StoreDep
from sitrep_api.models import Health, Readiness

router = APIRouter(tags=["service"])


@router.get("/", include_in_schema=False)
async def dashboard(request: Request) -> HTMLResponse:
    """The live situation page (static files under /static)."""
    return HTMLResponse(request.app.state.dashboard_page)


@router.get("/healthz", summary="Alive", response_model=Health)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Ready: Redis answers",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready: a check failed"}},
)
def readyz(store: StoreDep) -> JSONResponse:
    try:
        ok = store.ping()
    except redis.RedisError:
        ok = False
    return JSONResponse({"ready": ok, "checks": {"redis": ok}}, status_code=200 if ok else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.registry), media_type=CONTENT_TYPE_LATEST)
