"""Answers kept until the state changes: ETag / If-None-Match, and the bytes of recent answers.

Every write script bumps its keyspace's version (`lua/*.lua`: `INCR P..'version'`), so the
state's version is the shards' versions and the incidents' version, read in one round trip
(`StateVersion`). A read answer is a function of its URL and that state, so

- its ETag is the version and the request's path and query: a client that sends it back in
  `If-None-Match` gets 304 Not Modified until something is written;
- the api keeps the bytes of recent 200 answers per (URL, version) and serves them again
  without reading the state.

The version is read before the answer is computed: an answer that saw a write made during
its computation carries the older tag, which no later request presents as current, so an
answer is never kept past a write. The dependency runs after the access check, so neither
a 304 nor a kept answer goes to a client the key check or the rate limit refuses.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import redis.asyncio
import redis.asyncio.cluster
from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.keyspace import text
from sitrep_api.store import StateStore

ETAG_STATE = "sitrep_etag"  # the request.state key the middleware reads
KEPT_BYTES = 1 << 20  # the largest answer kept; larger ones (exports) are only tagged
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {
        "description": "Not Modified: the state has not changed since the answer whose ETag"
        " the request sent in If-None-Match (no body)"
    }
}


# One server (not a cluster, whose keys span slots): the members and versions in one command.
_VERSIONS = """
local out = {redis.call('SMEMBERS', KEYS[1])}
for i = 2, #KEYS do out[#out + 1] = redis.call('GET', KEYS[i]) or '0' end
return out
"""


class StateVersion:
    """Reads the state's version with an asyncio Redis client, remembering the shards it
    saw and, on one server, the script that reads everything in one command."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._script: Any = None
        self._shards: list[str] = []

    async def _read(self, keys: list[str]) -> list[Any]:
        """SMEMBERS keys[0] and GET of the others, in one round trip."""
        if isinstance(self.client, redis.asyncio.cluster.RedisCluster):
            pipe = self.client.pipeline(transaction=False)
            pipe.smembers(keys[0])
            for key in keys[1:]:
                pipe.get(key)
            return list(await pipe.execute())
        if self._script is None:
            self._script = self.client.register_script(_VERSIONS)
        return list(await self._script(keys=keys))

    async def read(self, store: StateStore, incidents: IncidentQueries) -> str:
        """A digest of the shards there are and every keyspace's version: one round trip,
        two when the shards changed since the last call."""
        head = [store.shards_key, incidents.keys + "version"]
        members, incident_version, *versions = await self._read(
            [*head, *(shard + "version" for shard in self._shards)]
        )
        shards = sorted(text(m) for m in members)
        if shards != self._shards:
            self._shards = shards
            _, incident_version, *versions = await self._read(
                [*head, *(shard + "version" for shard in shards)]
            )
        digest = hashlib.blake2b(digest_size=12)
        digest.update("|".join(shards).encode())
        for part in (incident_version, *versions):
            digest.update(b"/" + (part or b"0"))
        return digest.hexdigest()


def etag_of(version: str, request: Request) -> str:
    """A weak tag: the same state and the same question give the same answer."""
    target = f"{request.url.path}?{request.url.query} {request.headers.get('accept', '')}"
    return f'W/"{version}-{hashlib.blake2b(target.encode(), digest_size=8).hexdigest()}"'


def presented(header: str | None, etag: str) -> bool:
    """Does an If-None-Match header hold `etag` (weak comparison, RFC 9110 13.1.2)?"""
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class AnswerCache:
    """The most recent answers by ETag, bounded in count (least recently used goes)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()  # routes run on the thread pool

    def get(self, etag: str) -> Answer | None:
        with self._lock:
            answer = self._answers.get(etag)
            if answer is not None:
                self._answers.move_to_end(etag)
            return answer

    def put(self, etag: str, answer: Answer) -> None:
        if self.size == 0:
            return
        with self._lock:
            self._answers[etag] = answer
            self._answers.move_to_end(etag)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)


class Kept(Exception):
    """Raised by the dependency to answer without running the route: 304 or kept bytes."""

    def __init__(self, etag: str, answer: Answer | None) -> None:
        super().__init__(etag)
        self.etag = etag
        self.answer = answer


async def conditional(request: Request) -> None:
    """The dependency of the cacheable read routes (after `read_access`); async, so a kept
    answer costs no thread hop."""
    app = request.app
    version = await app.state.versions.read(app.state.store, app.state.incidents)
    etag = etag_of(version, request)
    if presented(request.headers.get("if-none-match"), etag):
        raise Kept(etag, None)
    answer = app.state.answers.get(etag)
    if answer is not None:
        raise Kept(etag, answer)
    setattr(request.state, ETAG_STATE, etag)


async def kept_response(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Kept)
    headers = {"ETag": exc.etag, "Cache-Control": "no-cache"}
    if exc.answer is None:
        return Response(status_code=304, headers=headers)
    response = Response(content=exc.answer.body, status_code=exc.answer.status)
    response.raw_headers = [
        *exc.answer.headers,
        *((k.lower().encode(), v.encode()) for k, v in headers.items()),
    ]
    return response


class KeepAnswers:
    """ASGI middleware: tags the answers the dependency tagged, and keeps their bytes."""

    def __init__(self, app: ASGIApp, cache: AnswerCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        captured: dict[str, Any] = {"body": [], "size": 0}

        async def tagging(message: Message) -> None:
            etag = scope.get("state", {}).get(ETAG_STATE)
            if message["type"] == "http.response.start" and etag:
                if message["status"] == 200:
                    extra = [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
                    message["headers"] = [*message.get("headers", []), *extra]
                    captured["start"] = message
            elif message["type"] == "http.response.body" and "start" in captured:
                body = message.get("body", b"")
                captured["size"] += len(body)
                if captured["size"] <= KEPT_BYTES:
                    captured["body"].append(body)
                if not message.get("more_body") and captured["size"] <= KEPT_BYTES:
                    start = captured["start"]
                    headers = tuple(
                        (k, v) for k, v in start["headers"] if k not in (b"etag", b"cache-control")
                    )
                    self.cache.put(etag, Answer(200, headers, b"".join(captured["body"])))
            await send(message)

        await self.app(scope, receive, tagging)
