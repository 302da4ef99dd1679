"""The ingest HTTP service: `POST /v1/feeds` parses a feed and publishes its events."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import redis
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from pydantic import BaseModel, Field
from redis.cluster import RedisCluster
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep_ingest.dedup import SeenIds
from sitrep_ingest.ids import slugify
from sitrep_ingest.parsers.dispatch import FORMATS, Limits, format_for, ndjson_event, parse_feed
from sitrep_ingest.problems import (
    PROBLEM_BASE,
    FeedProblem,
    Forbidden,
    MissingSource,
    NoEvents,
    Overloaded,
    PayloadTooLarge,
    StateUnavailable,
    Unauthorized,
    UnknownEvents,
)
from sitrep_ingest.publisher import BrokerUnavailable, Publisher
from sitrep_ingest.settings import Settings
from sitrep_schemas import Retraction, UpdateEvent

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


class FeedAccepted(BaseModel):
    accepted: int
    duplicates: int
    event_ids: list[str]


class RetractionRequest(BaseModel):
    """Items a feed withdraws: the aggregate drops what each counted, exactly once."""

    event_ids: list[Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]] = Field(
        min_length=1, max_length=1000, description="Ids ingest answered when it accepted them"
    )
    reason: str | None = Field(default=None, max_length=500, examples=["published in error"])


class RetractionsAccepted(BaseModel):
    retracted: list[str] = Field(description="Withdrawals the broker acknowledged")
    unknown: list[str] = Field(description="Ids this ingest never accepted: nothing was sent")


class IngestMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.feeds = Counter(
            "sitrep_ingest_feeds",
            "Feed requests by outcome",
            ["format", "status"],
            registry=self.registry,
        )
        self.events = Counter(
            "sitrep_ingest_events", "Events by outcome", ["outcome"], registry=self.registry
        )
        self.publish_seconds = Histogram(
            "sitrep_ingest_publish_seconds",
            "Time until the broker acknowledged a feed",
            registry=self.registry,
        )


def get_publisher(request: Request) -> Publisher:
    publisher: Publisher = request.app.state.publisher
    return publisher


def get_seen(request: Request) -> SeenIds:
    seen: SeenIds = request.app.state.seen
    return seen


PublisherDep = Annotated[Publisher, Depends(get_publisher)]
SeenDep = Annotated[SeenIds, Depends(get_seen)]


def problem(
    status: int,
    type_name: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": PROBLEM_BASE + type_name,
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


NDJSON_CHUNK = 500


async def body_lines(
    request: Request, limit: int, max_line_chars: int
) -> AsyncIterator[tuple[int, bytes]]:
    """(line number, bytes) of the body as it arrives, without holding more than a line."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"body is {declared} bytes; the limit is {limit} bytes")
    buffer, size, number = b"", 0, 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"body exceeds the limit of {limit} bytes")
        buffer += chunk
        while (end := buffer.find(b"\n")) >= 0:
            number += 1
            yield number, buffer[:end]
            buffer = buffer[end + 1 :]
        if len(buffer) > 4 * max_line_chars:  # UTF-8: at most 4 bytes a character
            raise PayloadTooLarge(
                f"line {number + 1} is longer than {max_line_chars} characters", line=number + 1
            )
    if buffer:
        yield number + 1, buffer


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"body is {declared} bytes; the limit is {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    limits = Limits(
        max_events=settings.ingest_max_events,
        max_line_chars=settings.ingest_max_line_chars,
        max_depth=settings.ingest_max_json_depth,
    )
    metrics = IngestMetrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.publisher = Publisher(
            settings.producer_config(), settings.topic_raw, settings.ingest_publish_timeout_s
        )
        client: Any = (RedisCluster if settings.redis_cluster else redis.Redis).from_url(
            settings.redis_url, socket_timeout=2, socket_connect_timeout=2
        )
        app.state.seen = SeenIds(client, f"{settings.redis_prefix}:ingest:seen")
        app.state.inflight = 0  # feeds in progress (the event loop is single-threaded)
        yield
        await run_in_threadpool(app.state.publisher.close)
        client.close()

    app = FastAPI(
        title="sitrep ingest",
        version="0.1.0",
        description="Push news feeds; each item becomes an UpdateEvent on `sitrep.updates.raw`.",
        lifespan=lifespan,
    )

    @app.exception_handler(FeedProblem)
    async def feed_problem(request: Request, exc: FeedProblem) -> JSONResponse:
        headers = (
            {"WWW-Authenticate": 'Bearer realm="sitrep"'} if exc.status == 401 else exc.headers
        )
        return JSONResponse(
            exc.to_problem(request.url.path),
            status_code=exc.status,
            media_type=PROBLEM_JSON,
            headers=headers,
        )

    @app.exception_handler(BrokerUnavailable)
    async def broker_down(request: Request, exc: BrokerUnavailable) -> JSONResponse:
        return problem(
            503,
            "broker-unavailable",
            "The event broker did not acknowledge the feed",
            "the feed was not accepted; send it again after Retry-After seconds "
            "(re-sending is safe: events are deduplicated by id)",
            headers={"Retry-After": str(settings.ingest_retry_after_s)},
            acknowledged_event_ids=exc.acknowledged,
        )

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        return problem(
            400,
            "invalid-parameter",
            "A request parameter is invalid",
            str(errors[0]),
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, "http-error", str(exc.detail), str(exc.detail))

    @app.post("/v1/feeds", status_code=202, response_model=FeedAccepted)
    async def post_feed(
        request: Request,
        publisher: PublisherDep,
        seen: SeenDep,
        source: Annotated[
            str | None, Query(max_length=200, description="Source id for every event")
        ] = None,
        format: Annotated[str | None, Query(description=f"One of {', '.join(FORMATS)}")] = None,
    ) -> FeedAccepted:
        if app.state.inflight >= settings.ingest_max_inflight:
            metrics.feeds.labels("-", "503").inc()
            raise Overloaded(
                f"{settings.ingest_max_inflight} feeds are in progress; this one was not read "
                "and not accepted: send it again after Retry-After seconds"
            )
        app.state.inflight += 1
        try:
            return await accept_feed(request, publisher, seen, source, format)
        finally:
            app.state.inflight -= 1

    async def accept_feed(
        request: Request,
        publisher: Publisher,
        seen: SeenIds,
        source: str | None,
        format: str | None,
    ) -> FeedAccepted:
        fmt = "?"
        try:
            source = authorised_source(request.headers.get("authorization"), source)
            fmt = format_for(request.headers.get("content-type"), format)
            if fmt == "ndjson":
                streamed = await accept_ndjson(request, source, publisher, seen)
                metrics.feeds.labels(fmt, "202").inc()
                return streamed
            body = await read_body(request, settings.ingest_max_body_bytes)
            events = await run_in_threadpool(
                parse_feed,
                body,
                fmt=fmt,
                source=source,
                received_at=datetime.now(UTC),
                limits=limits,
            )
        except FeedProblem as exc:
            metrics.feeds.labels(fmt, str(exc.status)).inc()
            raise
        result = await run_in_threadpool(_accept, events, publisher, seen)
        metrics.feeds.labels(fmt, "202").inc()
        return result

    async def accept_ndjson(
        request: Request, source: str | None, publisher: Publisher, seen: SeenIds
    ) -> FeedAccepted:
        """NDJSON is read, parsed and published as it arrives, a chunk at a time, so memory does
        not grow with the body. A bad line after some chunks were acknowledged answers its
        problem with exactly what was accepted before it (`accepted_event_ids`)."""
        received_at = datetime.now(UTC)
        total = FeedAccepted(accepted=0, duplicates=0, event_ids=[])  # what the broker has
        pending: list[UpdateEvent] = []

        async def flush() -> None:
            result = await run_in_threadpool(_accept, pending, publisher, seen)
            total.accepted += result.accepted
            total.duplicates += result.duplicates
            total.event_ids.extend(result.event_ids)
            pending.clear()

        try:
            async for number, raw in body_lines(
                request, settings.ingest_max_body_bytes, limits.max_line_chars
            ):
                event = ndjson_event(
                    raw, number, received_at=received_at, source=source, limits=limits
                )
                if event is None:
                    continue
                pending.append(event)
                if len(total.event_ids) + len(pending) > limits.max_events:
                    raise PayloadTooLarge(
                        f"the feed holds more than {limits.max_events} events (line {number}); "
                        f"the limit per request is {limits.max_events}",
                        line=number,
                    )
                if len(pending) >= NDJSON_CHUNK:
                    await flush()
            if pending:
                await flush()
        except FeedProblem as exc:
            if total.event_ids:
                exc.extra["accepted_event_ids"] = total.event_ids
                exc.detail += f"; the {len(total.event_ids)} events before it were accepted (accepted_event_ids)"
            raise
        except BrokerUnavailable as exc:
            exc.acknowledged = total.event_ids + exc.acknowledged
            raise
        if not total.event_ids:
            raise NoEvents("the body has no NDJSON lines; send one JSON event object per line")
        return total

    @app.post(
        "/v1/retractions",
        status_code=202,
        response_model=RetractionsAccepted,
        summary="Withdraw items this source sent: they stop counting, and their incidents are"
        " recomputed",
    )
    async def post_retractions(
        request: Request,
        body: RetractionRequest,
        publisher: PublisherDep,
        seen: SeenDep,
        source: Annotated[
            str | None,
            Query(max_length=200, description="The source the items were pushed as"),
        ] = None,
    ) -> RetractionsAccepted:
        try:
            named = authorised_source(request.headers.get("authorization"), source)
            if not named or not slugify(named):
                raise MissingSource(
                    "name the source the items were pushed as: ?source=, or a token bound to it"
                )
            ids = list(dict.fromkeys(body.event_ids))
            try:
                known = await run_in_threadpool(seen.accepted, ids)
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
            Retraction(event_id=eid, source=slugify(named), retracted_at=now, reason=body.reason)
            for eid in ids
            if eid in known
        ]
        await run_in_threadpool(publisher.publish, retractions, settings.topic_retractions)
        metrics.feeds.labels("retraction", "202").inc()
        metrics.events.labels("retracted").inc(len(retractions))
        return RetractionsAccepted(retracted=[r.event_id for r in retractions], unknown=unknown)

    def authorised_source(authorization: str | None, source: str | None) -> str | None:
        """The source to push as; raises 401/403 when tokens are configured and this one does not fit."""
        if not settings.ingest_tokens:
            return source
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token or token not in settings.ingest_tokens:
            raise Unauthorized(
                "send 'Authorization: Bearer <token>' with a token this ingest knows"
            )
        bound = settings.ingest_tokens[token]
        if bound and source and slugify(source) != slugify(bound):
            raise Forbidden(f"this token pushes as source '{bound}' only")
        return bound or source

    def _accept(events: list[UpdateEvent], publisher: Publisher, seen: SeenIds) -> FeedAccepted:
        unique = list({ev.event_id: ev for ev in events}.values())
        already = seen.seen([ev.event_id for ev in unique])
        fresh = [ev for ev in unique if ev.event_id not in already]
        with metrics.publish_seconds.time():
            try:
                publisher.publish(fresh)
            except BrokerUnavailable:
                metrics.feeds.labels("-", "503").inc()
                raise
        seen.remember([ev.event_id for ev in fresh])
        metrics.events.labels("accepted").inc(len(fresh))
        metrics.events.labels("duplicate").inc(len(events) - len(fresh))
        return FeedAccepted(
            accepted=len(fresh),
            duplicates=len(events) - len(fresh),
            event_ids=[ev.event_id for ev in events],
        )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz(
        publisher: PublisherDep,
        seen: SeenDep,
    ) -> JSONResponse:
        checks = {"kafka": publisher.ready(), "redis": seen.ready()}
        return JSONResponse(
            {"ready": all(checks.values()), "checks": checks},
            status_code=200 if all(checks.values()) else 503,
        )

    @app.get("/metrics")
    def metrics_endpoint() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return app


def main() -> None:
    import uvicorn

    from sitrep_schemas.runtime import configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.ingest_host,
        port=settings.ingest_port,
        log_config=None,
        access_log=settings.access_log,
    )
