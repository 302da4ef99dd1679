"""`/healthz`, `/readyz` and `/metrics` for the HTTP services, as the health server gives the
consumers the same three (`service.HealthServer`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, bool] = Field(examples=[{"redis": True}, {"kafka": True, "redis": True}])


def probe_routes(checks: Callable[[Request], dict[str, bool]], ready: str) -> APIRouter:
    """The three routes; `checks` says which backing services answer (`ready` says which, in
    the OpenAPI), and the metrics come from `app.state.registry`."""
    router = APIRouter(tags=["service"])

    @router.get("/healthz", summary="Alive", response_model=Health)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary=f"Ready: {ready}",
        response_model=Readiness,
        responses={503: {"model": Readiness, "description": "Not ready: a check failed"}},
    )
    def readyz(request: Request) -> JSONResponse:
        found = checks(request)
        ok = all(found.values())
        return JSONResponse({"ready": ok, "checks": found}, status_code=200 if ok else 503)

    @router.get(
        "/metrics",
        summary="Prometheus metrics",
        response_class=Response,
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
    )
    def metrics(request: Request) -> Response:
        return Response(generate_latest(request.app.state.registry), media_type=CONTENT_TYPE_LATEST)

    return router
