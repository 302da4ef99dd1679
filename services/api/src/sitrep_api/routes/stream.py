"""`/v1/stream`: server-sent events of every newly stored tagged event and incident change.

Each message's id is where the reader is in every stream it follows (the projector's
shards and the incident stream); a client that reconnects with `Last-Event-ID` resumes
after it. Incident messages carry the same `IncidentUpdate` that `sitrep.incidents` does.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal, cast

import redis.asyncio
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from sitrep_api.deps import READ_ERRORS, IncidentsDep, QueryDep, StoreDep
from sitrep_api.incident_feed import changes_of, current_updates
from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.keyspace import incident_keys
from sitrep_api.store import (
    INCIDENT_STREAM as INCIDENTS,
)
from sitrep_api.store import (
    POSITIONS_PATTERN,
    EventQuery,
    StateStore,
    decode_positions,
    encode_positions,
)

STREAM_BLOCK_S = 1.0  # the longest /v1/stream waits on Redis before it checks its client

router = APIRouter(tags=["stream"])
# One message of the stream (OpenAPI 3.1: the schema of a text/event-stream is one event's)
SSE_MESSAGE = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": POSITIONS_PATTERN},
        "event": {"type": "string", "enum": ["tagged", "incident"]},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "description": "tagged: a StoredEvent; incident: an IncidentUpdate",
        },
        "retry": {"type": "integer"},
    },
    "required": ["id", "event", "data"],
}
Update = Literal["tagged", "incident"]


def _incident_messages(
    incidents: IncidentQueries, query: EventQuery, positions: dict[str, str], count: int = 100
) -> list[tuple[str, str | None]]:
    """(entry id, IncidentUpdate JSON) after the reader's incident position; no JSON for an
    entry whose incident, as it now stands, the filters do not match (a drop always matches:
    a reader may hold the incident from before)."""
    keys, client = incidents.keys, cast(Any, incidents.client)
    read = client.xread({keys + "stream": positions.get(INCIDENTS, "0-0")}, count=count)
    entries = [item for _, items in read or [] for item in items]
    if not entries:
        return []
    updates = {u.incident_id: u for u in current_updates(client, keys, changes_of(entries))}
    puts = [iid for iid, update in updates.items() if update.op == "put"]
    matching = incidents.matching(query, puts)
    out: list[tuple[str, str | None]] = []
    for entry_id, fields in entries:
        update = updates[fields[b"incident_id"].decode()]
        wanted = update.op == "drop" or update.incident_id in matching
        out.append((entry_id.decode(), update.model_dump_json() if wanted else None))
    return out


@router.get(
    "/v1/stream",
    summary="Server-sent events: every newly stored tagged event (`event: tagged`) and every"
    " incident change (`event: incident`), resumable with Last-Event-ID",
    description="The events' filters (category, event_type, place, country, admin1, actor,"
    " actor_type, bbox, source, since/until, received_since/received_until, q) choose which"
    " tagged events are sent, and which incident changes: a put when the incident as it now"
    " stands matches (as /v1/incidents would list it), every drop. A reader's position moves"
    " past the messages it was not sent, so resuming never sends them later.",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "`text/event-stream` messages: `id` (resume with Last-Event-ID),"
            " `event` (tagged or incident), `data` (a StoredEvent or an IncidentUpdate as JSON)",
            "content": {"text/event-stream": {"schema": SSE_MESSAGE}},
        },
        **READ_ERRORS,
    },
)
async def stream(
    request: Request,
    store: StoreDep,
    incidents: IncidentsDep,
    query: QueryDep,
    last_event_id: Annotated[
        str | None,
        Header(
            alias="Last-Event-ID",
            description="Resume after this message (the id of an SSE message); '0' replays what is kept",
            pattern=f"^0$|{POSITIONS_PATTERN}",
        ),
    ] = None,
    limit: Annotated[
        int | None, Query(ge=1, le=100_000, description="End after this many messages")
    ] = None,
    updates: Annotated[
        list[Update] | None,
        Query(
            description="Which messages: tagged (the default, as before incidents existed),"
            " incident; repeat for both"
        ),
    ] = None,
) -> StreamingResponse:
    wanted = set(updates or ["tagged"])
    if last_event_id == "0":
        positions: dict[str, str] = {}
    elif last_event_id:
        positions = decode_positions(last_event_id, store.prefix)
    else:
        positions = await run_in_threadpool(store.stream_heads)
        if "incident" in wanted:
            positions[INCIDENTS] = await run_in_threadpool(_incident_head, store)

    waiter: redis.asyncio.Redis | None = request.app.state.stream_waiter
    poll_s: float = request.app.state.stream_poll_s

    async def wait_for_entries() -> None:
        """Returns when any followed stream may have an entry past `positions`."""
        shards = store.shard_list() if "tagged" in wanted else []
        streams = {shard + "stream": positions.get(shard, "0-0") for shard in shards}
        if "incident" in wanted:
            streams[incident_keys(store.prefix) + "stream"] = positions.get(INCIDENTS, "0-0")
        if waiter is None or not streams:
            await asyncio.sleep(poll_s)
            return
        await waiter.xread(streams, count=1, block=int(STREAM_BLOCK_S * 1000))  # type: ignore[arg-type]

    async def read() -> list[tuple[str, str, str | None, str]]:
        """The next entries as (stream, entry id, SSE event name, data); no name when the
        entry has nothing to send (its event is gone), which only moves the position."""
        out: list[tuple[str, str, str | None, str]] = []
        if "tagged" in wanted:
            entries = await run_in_threadpool(store.read_stream, positions)
            if entries:
                raws = await run_in_threadpool(store.get_events, [eid for _, _, eid in entries])
                by_id = {json.loads(raw)["event_id"]: raw.decode() for raw in raws}
                found = [(shard, by_id[eid]) for shard, _, eid in entries if eid in by_id]
                matching = await run_in_threadpool(store.keep_matching, query, found)
                for shard, entry_id, event_id in entries:
                    data = by_id.get(event_id) if event_id in matching else None
                    out.append((shard, entry_id, "tagged" if data else None, data or ""))
        if "incident" in wanted:
            changes = await run_in_threadpool(_incident_messages, incidents, query, positions)
            for entry_id, incident in changes:
                out.append((INCIDENTS, entry_id, "incident" if incident else None, incident or ""))
        return out

    async def messages() -> AsyncIterator[str]:
        sent, quiet_since = 0, time.monotonic()
        yield "retry: 2000\n\n"
        while limit is None or sent < limit:
            if await request.is_disconnected():
                return
            batch = await read()
            if not batch:
                if time.monotonic() - quiet_since > 15:
                    quiet_since = time.monotonic()
                    yield ": keep-alive\n\n"
                await wait_for_entries()
                continue
            quiet_since = time.monotonic()
            for where, entry_id, name, data in batch:
                if limit is not None and sent >= limit:
                    return
                positions[where] = entry_id
                if name is not None:
                    sent += 1
                    yield f"id: {encode_positions(positions, store.prefix)}\nevent: {name}\ndata: {data}\n\n"

    return StreamingResponse(
        messages(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _incident_head(store: StateStore) -> str:
    last = cast(Any, store.client).xrevrange(incident_keys(store.prefix) + "stream", count=1)
    return last[0][0].decode() if last else "0-0"
