"""The ingest HTTP service: the composition root (routes in `routes/`, the work in `intake`)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from redis.cluster import RedisCluster
from starlette.concurrency import run_in_threadpool

from sitrep_ingest.dedup import SeenIds
from sitrep_ingest.feed_bodies import COMPONENTS
from sitrep_ingest.intake import IngestMetrics, Intake
from sitrep_ingest.publisher import BrokerUnavailable, Publisher
from sitrep_ingest.routes import feeds, retractions, service
from sitrep_ingest.settings import Settings
from sitrep_runtime.ledger import ledger_key
from sitrep_runtime.problems import (
    document_problems,
    install_problem_handlers,
    problem_response,
    reject_unknown_query,
)
from sitrep_runtime.requests import HttpMetrics, RequestIds, RequestMetrics

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    metrics = IngestMetrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        publisher = Publisher(
            settings.producer_config(), settings.topic_raw, settings.ingest_publish_timeout_s
        )
        client: Any = (RedisCluster if settings.redis_cluster else redis.Redis).from_url(
            settings.redis_url, socket_timeout=2, socket_connect_timeout=2
        )
        seen = SeenIds(
            client,
            f"{settings.redis_prefix}:ingest:seen",
            ledger=ledger_key(settings.redis_prefix),
            ledger_days=settings.ingest_ledger_days,
        )
        app.state.intake = Intake(settings, publisher, seen, metrics)
        yield
        await run_in_threadpool(publisher.close)
        client.close()

    app = FastAPIOffline(  # /docs and /redoc with their assets served here, not from a CDN
        title="sitrep ingest",
        version="0.1.0",
        description="Push news feeds; each item becomes an UpdateEvent on `sitrep.updates.raw`."
        " Every error is an RFC 9457 problem (application/problem+json).",
        lifespan=lifespan,
        dependencies=[Depends(reject_unknown_query)],
    )
    app.add_middleware(RequestMetrics, metrics=HttpMetrics("ingest", metrics.registry))
    app.add_middleware(RequestIds)
    app.state.registry = metrics.registry
    install_problem_handlers(app)

    @app.exception_handler(BrokerUnavailable)
    async def broker_down(request: Request, exc: BrokerUnavailable) -> JSONResponse:
        return problem_response(
            503,
            "broker-unavailable",
            "The event broker did not acknowledge the feed",
            "the feed was not accepted; send it again after Retry-After seconds "
            "(re-sending is safe: events are deduplicated by id)",
            headers={"Retry-After": str(settings.ingest_retry_after_s)},
            acknowledged_event_ids=exc.acknowledged,
        )

    for module in (feeds, retractions, service):
        app.include_router(module.router)
    document_problems(app, extra=_feed_contract)
    return app


def _feed_contract(spec: dict[str, Any]) -> None:
    """The feed body schemas and the bearer scheme, which routes name but cannot declare."""
    components = spec.setdefault("components", {})
    components.setdefault("schemas", {}).update(COMPONENTS)
    components["securitySchemes"] = {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "Required when the ingest has tokens configured"
            " (SITREP_INGEST_TOKENS); a token may be bound to one source",
        }
    }


def main() -> None:
    import uvicorn

    from sitrep_runtime.service import configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    common: dict[str, Any] = {
        "host": settings.ingest_host,
        "port": settings.ingest_port,
        "log_config": None,
        "access_log": settings.access_log,
    }
    if settings.ingest_workers == 1:
        uvicorn.run(create_app(settings), **common)
    else:  # each worker process builds its own app (and producer) from the same settings
        uvicorn.run(
            "sitrep_ingest.app:worker_app", factory=True, workers=settings.ingest_workers, **common
        )


def worker_app() -> FastAPI:
    """The app of one of several worker processes, its logging set up as `main()` does."""
    from sitrep_runtime.service import configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    return create_app(settings)
