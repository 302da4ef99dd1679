"""What operators and browsers ask of the api: liveness, readiness, metrics, the dashboard."""

from __future__ import annotations

import redis
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sitrep_runtime.probes import probe_routes

router = APIRouter()  # the probes carry their own tag; the page is not in the OpenAPI


@router.get("/", include_in_schema=False)
async def dashboard(request: Request) -> HTMLResponse:
    """The live situation page (static files under /static)."""
    return HTMLResponse(request.app.state.dashboard_page)


def _checks(request: Request) -> dict[str, bool]:
    try:
        return {"redis": request.app.state.store.ping()}
    except redis.RedisError:
        return {"redis": False}


router.include_router(probe_routes(_checks, "Redis answers"))
