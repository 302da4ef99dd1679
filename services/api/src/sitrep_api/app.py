"""The read API over the Redis state: state summary, events with filters and cursors, places."""

from __future__ import annotations

import html
import json
import pathlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

import redis
import redis.asyncio
from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep_api.deps import (
    Count,
    IncidentsDep,
    ProblemError,
    QueryDep,
    StoreDep,
    page_response,
)
from sitrep_api.incident_queries import IncidentQueries, with_incidents
from sitrep_api.keyspace import connect
from sitrep_api.models import EventPage, StoredEvent
from sitrep_api.routes.incidents import router as incidents_router
from sitrep_api.routes.stream import STREAM_BLOCK_S
from sitrep_api.routes.stream import router as stream_router
from sitrep_api.settings import Settings
from sitrep_api.store import BadCursor, EventQuery, StateStore
from sitrep_schemas.labels import load_labels

PROBLEM_BASE = "https://sitrep.dev/problems/"
STATIC = pathlib.Path(__file__).parent / "static"  # the dashboard: index.html, app.js, vendor/
PROBLEM_JSON = "application/problem+json"


def problem(status: int, type_name: str, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {
        "type": PROBLEM_BASE + type_name,
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


class CountRequests:
    """Counts answers by route and status: plain ASGI, as `@app.middleware("http")` costs
    every request a task group and a pair of memory streams (measured: ~0.3 ms on /healthz)."""

    def __init__(self, app: ASGIApp, counter: Counter) -> None:
        self.app, self.counter = app, counter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.counter.labels(route, str(status)).inc()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    registry = CollectorRegistry()
    requests = Counter(
        "sitrep_api_requests", "API requests", ["route", "status"], registry=registry
    )

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
        app.state.stream_poll_s = settings.api_stream_poll_s
        yield
        client.close()
        if waiter is not None:
            await waiter.aclose()

    app = FastAPI(
        title="sitrep api",
        version="0.1.0",
        description="The live situation report: aggregate state, tagged events, places.",
        lifespan=lifespan,
    )
    if settings.api_cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.api_cors_origins, allow_methods=["GET"]
        )

    app.add_middleware(CountRequests, counter=requests)

    @app.exception_handler(ProblemError)
    async def problem_error(request: Request, exc: ProblemError) -> JSONResponse:
        return problem(exc.status, exc.type_name, exc.title, exc.detail, **exc.extra)

    @app.exception_handler(BadCursor)
    async def bad_cursor(request: Request, exc: BadCursor) -> JSONResponse:
        return problem(400, "invalid-cursor", "The cursor is not valid", str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        first = errors[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        return problem(
            400, "invalid-parameter", "A request parameter is invalid", detail, errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, "http-error", str(exc.detail), str(exc.detail))

    @app.exception_handler(redis.RedisError)
    async def redis_down(request: Request, exc: redis.RedisError) -> JSONResponse:
        response = problem(503, "state-unavailable", "The state store did not answer", str(exc))
        response.headers["Retry-After"] = "2"
        return response

    @app.get(
        "/v1/state",
        summary="Totals of reports by category, event type, place, country, source and day,"
        " and the same for incidents under `incidents`",
    )
    def state(store: StoreDep, incidents: IncidentsDep) -> dict[str, Any]:
        return {**store.state(), "incidents": incidents.summary()}

    @app.get(
        "/v1/events",
        summary="Tagged events, newest first, filtered and paginated by an opaque cursor",
        response_model=EventPage,
    )
    def events(
        store: StoreDep,
        incidents: IncidentsDep,
        query: QueryDep,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
    ) -> Response:
        items, next_cursor = store.list_events(query, limit, cursor)
        return page_response(with_incidents(items, incidents), next_cursor)

    @app.get("/v1/facets", summary="Counts per category, event type, place, country and source")
    def facets(
        store: StoreDep, query: QueryDep, top: Annotated[int, Query(ge=1, le=200)] = 20
    ) -> dict[str, Any]:
        return store.facets(query, top)

    @app.get(
        "/v1/timeline",
        summary="Live incidents (or reports) per day or hour, by category",
        description="Incidents by the day they happened (or the hour first reported); reports"
        " by their bulletin's day (or the hour received).",
    )
    def timeline(
        store: StoreDep,
        incidents: IncidentsDep,
        bucket: Annotated[Literal["day", "hour"], Query()] = "day",
        count: Count = "incidents",
    ) -> dict[str, Any]:
        source = incidents if count == "incidents" else store
        return {"bucket": bucket, "count": count, "buckets": source.timeline(bucket)}

    @app.get(
        "/v1/figures",
        summary="Figures by kind and place: each incident's reconciled figure once (or every"
        " report's figures summed), with the incidents or events behind them",
    )
    def figures(
        store: StoreDep,
        incidents: IncidentsDep,
        query: QueryDep,
        kind: Annotated[str | None, Query(examples=["killed"])] = None,
        count: Count = "incidents",
    ) -> dict[str, Any]:
        labels = load_labels()
        if kind is not None and kind not in labels.quantity_kinds:
            raise ProblemError(
                400, "unknown-label", "Unknown figure kind",
                f"kind '{kind}' is not a quantity kind; use one of: {', '.join(labels.quantity_kinds)}",
                allowed=list(labels.quantity_kinds),
            )  # fmt: skip
        place = query.filters.get("place")
        time_only = EventQuery(
            since_ms=query.since_ms, until_ms=query.until_ms,
            occurred_from=query.occurred_from, occurred_before=query.occurred_before,
        )  # fmt: skip
        if count == "reports":
            return {"count": count, "figures": store.figures(kind, place, time_only)}
        return {"count": count, "figures": incidents.incident_figures(kind, place, time_only)}

    @app.get("/v1/events/{event_id}", summary="One tagged event", response_model=StoredEvent)
    def event(
        store: StoreDep,
        incidents: IncidentsDep,
        event_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    ) -> Response:
        found = store.get_events([event_id])
        if not found:
            raise ProblemError(
                404, "event-not-found", "No such event", f"no event with id {event_id}"
            )
        return Response(with_incidents(found, incidents)[0], media_type="application/json")

    @app.get("/v1/taxonomy", summary="The label vocabulary with its ACLED/PLOVER crosswalk")
    def taxonomy() -> dict[str, Any]:
        return load_labels().raw

    @app.get(
        "/v1/places",
        summary="Places with incident (or report) counts as a GeoJSON FeatureCollection",
    )
    def places(store: StoreDep, incidents: IncidentsDep, count: Count = "incidents") -> Response:
        source = incidents if count == "incidents" else store
        return Response(json.dumps(source.places_geojson()), media_type="application/geo+json")

    app.include_router(incidents_router)
    app.include_router(stream_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    page = (STATIC / "index.html").read_text("utf-8")
    page = page.replace("{{TILES}}", html.escape(settings.api_map_tiles_url or "", quote=True))
    page = page.replace(
        "{{TILES_ATTRIBUTION}}", html.escape(settings.api_map_tiles_attribution, quote=True)
    )

    @app.get("/", include_in_schema=False)
    async def dashboard() -> HTMLResponse:
        """The live situation page (static files under /static)."""
        return HTMLResponse(page)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz(store: StoreDep) -> JSONResponse:
        try:
            ok = store.ping()
        except redis.RedisError:
            ok = False
        return JSONResponse({"ready": ok, "checks": {"redis": ok}}, status_code=200 if ok else 503)

    @app.get("/metrics")
    def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return app


def main() -> None:
    import uvicorn

    from sitrep_schemas.runtime import configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.api_host,
        port=settings.api_port,
        log_config=None,
        access_log=settings.access_log,
    )
