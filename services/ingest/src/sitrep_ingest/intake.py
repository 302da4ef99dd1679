"""Accepting a feed: who may push it, reading its body, dedup, publishing, counting.

`Intake` is what the routes call; it holds no HTTP framework state, so tests drive it with a
real broker and Redis and no server.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from sitrep_ingest.dedup import SeenIds
from sitrep_ingest.ids import slugify
from sitrep_ingest.models import FeedAccepted
from sitrep_ingest.parsers.dispatch import Limits, format_for, ndjson_events, parse_feed
from sitrep_ingest.problems import (
    FeedProblem,
    Forbidden,
    NoEvents,
    Overloaded,
    PayloadTooLarge,
    Unauthorized,
)
from sitrep_ingest.publisher import BrokerUnavailable, Publisher
from sitrep_ingest.settings import Settings
from sitrep_runtime.service import REQUEST_ID
from sitrep_schemas import UpdateEvent

log = logging.getLogger(__name__)
NDJSON_CHUNK = 500  # NDJSON events published per broker round trip


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


def authorised_source(
    settings: Settings, authorization: str | None, source: str | None
) -> str | None:
    """The source to push as; raises 401/403 when tokens are configured and this one does not fit."""
    if not settings.ingest_tokens:
        return source
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token or token not in settings.ingest_tokens:
        raise Unauthorized("send 'Authorization: Bearer <token>' with a token this ingest knows")
    bound = settings.ingest_tokens[token]
    if bound and source and slugify(source) != slugify(bound):
        raise Forbidden(f"this token pushes as source '{bound}' only")
    return bound or source


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


@dataclass
class Intake:
    """One ingest's intake: its broker, its record of accepted ids, its limits and counters."""

    settings: Settings
    publisher: Publisher
    seen: SeenIds
    metrics: IngestMetrics
    inflight: int = 0  # feeds in progress (the event loop is single-threaded)

    @property
    def limits(self) -> Limits:
        s = self.settings
        return Limits(
            max_events=s.ingest_max_events,
            max_line_chars=s.ingest_max_line_chars,
            max_depth=s.ingest_max_json_depth,
        )

    async def post_feed(
        self, request: Request, source: str | None, format: str | None
    ) -> FeedAccepted:
        """Read, parse and publish one feed, unless as many feeds as allowed are in progress."""
        if self.inflight >= self.settings.ingest_max_inflight:
            self.metrics.feeds.labels("-", "503").inc()
            raise Overloaded(
                f"{self.settings.ingest_max_inflight} feeds are in progress; this one was not "
                "read and not accepted: send it again after Retry-After seconds"
            )
        self.inflight += 1
        try:
            return await self._accept_feed(request, source, format)
        finally:
            self.inflight -= 1

    async def _accept_feed(
        self, request: Request, source: str | None, format: str | None
    ) -> FeedAccepted:
        fmt = "?"
        try:
            source = authorised_source(self.settings, request.headers.get("authorization"), source)
            fmt = format_for(request.headers.get("content-type"), format)
            if fmt == "ndjson":
                streamed = await self._accept_ndjson(request, source)
                self._accepted(fmt, source, streamed)
                return streamed
            body = await read_body(request, self.settings.ingest_max_body_bytes)
            events = await run_in_threadpool(
                parse_feed,
                body,
                fmt=fmt,
                source=source,
                received_at=datetime.now(UTC),
                limits=self.limits,
            )
        except FeedProblem as exc:
            self.metrics.feeds.labels(fmt, str(exc.status)).inc()
            raise
        result = await run_in_threadpool(self.accept, events)
        self._accepted(fmt, source or (events[0].source if events else None), result)
        return result

    def _accepted(self, fmt: str, source: str | None, result: FeedAccepted) -> None:
        """One log line and one count per accepted feed."""
        self.metrics.feeds.labels(fmt, "202").inc()
        log.info(
            "feed accepted",
            extra={
                "source": source or "unknown", "format": fmt, "events": len(result.event_ids),
                "accepted": result.accepted, "duplicates": result.duplicates,
                "request_id": REQUEST_ID.get(),
            },
        )  # fmt: skip

    async def _accept_ndjson(self, request: Request, source: str | None) -> FeedAccepted:
        """NDJSON is read, parsed and published as it arrives, a chunk at a time, so memory does
        not grow with the body. Chunks are parsed on a worker thread, not on the event loop,
        and while the broker acknowledges one chunk the next is read and parsed; chunks are
        published one after another, in the body's order. A bad line after some chunks were
        acknowledged answers its problem with exactly what was accepted before it
        (`accepted_event_ids`)."""
        received_at = datetime.now(UTC)
        limits = self.limits
        total = FeedAccepted(accepted=0, duplicates=0, event_ids=[])  # what the broker has
        parsed = 0  # events in the chunks parsed so far
        publishing: asyncio.Future[FeedAccepted] | None = None  # the chunk being acknowledged

        async def settle() -> None:
            nonlocal publishing
            if publishing is None:
                return
            waiting, publishing = publishing, None
            result = await waiting
            total.accepted += result.accepted
            total.duplicates += result.duplicates
            total.event_ids.extend(result.event_ids)

        async def hand_over(lines: list[tuple[int, bytes]]) -> None:
            nonlocal parsed, publishing
            events = await run_in_threadpool(
                partial(ndjson_events, lines, before=parsed, received_at=received_at,
                        source=source, limits=limits)
            )  # fmt: skip
            if not events:  # blank lines only
                return
            parsed += len(events)
            await settle()
            publishing = asyncio.ensure_future(run_in_threadpool(self.accept, events))

        try:
            try:
                chunk: list[tuple[int, bytes]] = []
                async for line in body_lines(
                    request, self.settings.ingest_max_body_bytes, limits.max_line_chars
                ):
                    chunk.append(line)
                    if len(chunk) >= NDJSON_CHUNK:
                        await hand_over(chunk)
                        chunk = []
                if chunk:
                    await hand_over(chunk)
            finally:
                await settle()  # whatever ends the body, the broker's answer for what it has
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

    def accept(self, events: list[UpdateEvent]) -> FeedAccepted:
        """Publish the events this ingest has not accepted before; blocks until the broker has
        them, then records them as accepted."""
        unique = list({ev.event_id: ev for ev in events}.values())
        already = self.seen.seen([ev.event_id for ev in unique])
        fresh = [ev for ev in unique if ev.event_id not in already]
        with self.metrics.publish_seconds.time():
            try:
                self.publisher.publish(fresh)
            except BrokerUnavailable:
                self.metrics.feeds.labels("-", "503").inc()
                raise
        self.seen.remember(fresh)
        self.metrics.events.labels("accepted").inc(len(fresh))
        self.metrics.events.labels("duplicate").inc(len(events) - len(fresh))
        return FeedAccepted(
            accepted=len(fresh),
            duplicates=len(events) - len(fresh),
            event_ids=[ev.event_id for ev in events],
        )
