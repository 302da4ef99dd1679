"""The read API over the Redis state: the composition root (routes live in `routes/`)."""

from __future__ import annotations

import html
import pathlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis
import redis.asyncio
from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from prometheus_client import CollectorRegistry

from sitrep_api.access import ACCESS_ERRORS, document_access, read_access
from sitrep_api.conditional import (
    NOT_MODIFIED,
    AnswerCache,
    KeepAnswers,
    Kept,
    StateVersion,
    conditional,
    kept_response,
)
from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.keyspace import connect, connect_async
from sitrep_api.models import EventFeatureCollection, PlaceCollection
from sitrep_api.routes import aggregates, events, exports, incidents, service, stream
from sitrep_api.routes.stream import STREAM_BLOCK_S
from sitrep_api.settings import Settings
from sitrep_api.store import StateStore
from sitrep_runtime.problems import (
    document_problems,
    install_problem_handlers,
    problem_response,
    reject_unknown_query,
)
from sitrep_runtime.requests import HttpMetrics, RequestIds, RequestMetrics

STATIC = pathlib.Path(__file__).parent / "static"  # the dashboard: index.html, app.js, vendor/


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    registry = CollectorRegistry()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        client = connect(settings.redis_url, settings.redis_cluster)
        app.state.store = StateStore(client, settings.redis_prefix)
        app.state.incidents = IncidentQueries(client, settings.redis_prefix)
        # /v1/stream waits for new entries with a blocking XREAD over every shard's stream,
        # which needs them on one server; on a cluster it polls every api_stream_poll_s.
        waiter = None
        if not settings.redis_cluster:
            waiter = redis.asyncio.Redis.from_url(
                settings.redis_url, socket_timeout=STREAM_BLOCK_S + 5, socket_connect_timeout=5
            )
        app.state.stream_waiter = waiter
        app.state.versions = StateVersion(connect_async(settings.redis_url, settings.redis_cluster))
        app.state.stream_poll_s = settings.api_stream_poll_s
        yield
        client.close()
        if waiter is not None:
            await waiter.aclose()
        await app.state.versions.client.aclose()

    app = FastAPIOffline(  # /docs and /redoc with their assets served here, not from a CDN
        title="sitrep api",
        version="0.1.0",
        description="The live situation report: aggregate state, tagged events, incidents,"
        " places. Every error is an RFC 9457 problem (application/problem+json).",
        lifespan=lifespan,
        dependencies=[Depends(reject_unknown_query)],
    )
    app.state.registry = registry
    app.state.settings = settings
    app.state.dashboard_page = _dashboard_page(settings)
    if settings.api_cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.api_cors_origins, allow_methods=["GET"]
        )
    app.state.answers = AnswerCache(settings.api_kept_answers)
    app.add_middleware(KeepAnswers, cache=app.state.answers)
    app.add_middleware(RequestMetrics, metrics=HttpMetrics("api", registry))
    app.add_middleware(RequestIds)
    install_problem_handlers(app)

    @app.exception_handler(redis.RedisError)
    async def redis_down(request: Request, exc: redis.RedisError) -> JSONResponse:
        return problem_response(
            503, "state-unavailable", "The state store did not answer", str(exc),
            headers={"Retry-After": "2"},
        )  # fmt: skip

    app.add_exception_handler(Kept, kept_response)
    for module in (aggregates, events, exports, incidents):
        app.include_router(
            module.router,
            dependencies=[Depends(read_access), Depends(conditional)],
            responses={**ACCESS_ERRORS, **NOT_MODIFIED},
        )
    app.include_router(  # live: never kept
        stream.router, dependencies=[Depends(read_access)], responses=ACCESS_ERRORS
    )
    app.include_router(service.router)  # health, readiness, metrics, the dashboard: never keyed
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    document_problems(app, models=[PlaceCollection, EventFeatureCollection], extra=document_access)
    return app


def _dashboard_page(settings: Settings) -> str:
    page = (STATIC / "index.html").read_text("utf-8")
    page = page.replace("{{TILES}}", html.escape(settings.api_map_tiles_url or "", quote=True))
    return page.replace(
        "{{TILES_ATTRIBUTION}}", html.escape(settings.api_map_tiles_attribution, quote=True)
    )


def main() -> None:
    import uvicorn

    from sitrep_runtime.service import configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.api_host,
        port=settings.api_port,
        log_config=None,
        access_log=settings.access_log,
    )
