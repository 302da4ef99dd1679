"""Who may read, and how often: optional API keys and a per-client rate limit (both off by
default; `SITREP_API_KEYS`, `SITREP_API_RATE_PER_MINUTE`).

A key comes as `Authorization: Bearer <key>`, `X-API-Key: <key>` or, for the dashboard (a
browser's EventSource and download links cannot add headers), the cookie `sitrep_api_key`
the dashboard sets when it is given a key; with keys configured, a read without a known one
is a 401 problem. The limit counts requests per client (the key's
name, or the client address when keys are off) in fixed one-minute windows kept in Redis, so
every api process behind a balancer shares one count; past it the answer is a 429 problem
with `Retry-After` (seconds to the next window). Health, readiness, metrics, the dashboard
page and the docs are never limited.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import unquote

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from sitrep_runtime import problems
from sitrep_runtime.problems import ProblemError, problem_responses

WINDOW_S = 60
KEY_COOKIE = "sitrep_api_key"  # the dashboard's key (SameSite=Strict, set by its key form)


class Unauthorized(problems.Unauthorized):
    title = "A valid API key is required"


class RateLimited(ProblemError):
    status = 429
    type_name = "rate-limited"
    title = "Too many requests for this client"


ACCESS_ERRORS: dict[int | str, dict[str, Any]] = problem_responses(401, 429)


def presented_key(request: Request) -> str | None:
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    cookie = request.cookies.get(KEY_COOKIE)  # URL-encoded by the dashboard
    return request.headers.get("x-api-key") or (unquote(cookie) if cookie else None)


def client_of(keys: dict[str, str], request: Request) -> str:
    """The client a request counts for: its key's name, or its address when keys are off."""
    if not keys:
        return f"addr:{request.client.host if request.client else 'unknown'}"
    key = presented_key(request)
    if key is None or key not in keys:
        raise Unauthorized(
            "send 'Authorization: Bearer <key>' or 'X-API-Key: <key>' with a key this api knows"
        )
    return f"key:{keys[key] or key}"


def window_count(client: Any, prefix: str, who: str, now: float) -> tuple[int, int]:
    """(requests counted for `who` in the current window, seconds until it ends)."""
    window = int(now // WINDOW_S)
    key = f"{prefix}:rate:{{{who}}}:{window}"
    pipe = client.pipeline()
    pipe.incr(key)
    pipe.expire(key, WINDOW_S * 2)
    count, _ = pipe.execute()
    return int(count), max(1, int((window + 1) * WINDOW_S - now + 0.999))


async def read_access(request: Request) -> None:
    """The dependency of every read route: the key (when keys are on), then the limit.
    Async: without a limit it reads nothing, and a route's other work owns the thread hop."""
    settings = request.app.state.settings
    who = client_of(settings.api_keys, request)
    limit = settings.api_rate_per_minute
    if limit is None:
        return
    store = request.app.state.store
    count, retry = await run_in_threadpool(
        window_count, store.client, store.prefix, who, time.time()
    )
    if count > limit:
        raise RateLimited(
            f"{limit} requests per minute for this client; try again in {retry} s",
            headers={"Retry-After": str(retry)},
            limit=limit,
        )


# Keys are optional (off by default), so "no credentials" is one of the alternatives.
SECURITY: list[dict[str, list[str]]] = [{}, {"bearer": []}, {"apiKey": []}, {"keyCookie": []}]


def document_access(spec: dict[str, Any]) -> None:
    """The key schemes, and every keyed (/v1/) operation naming them as optional."""
    spec.setdefault("components", {})["securitySchemes"] = {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key, required when the api has keys configured (SITREP_API_KEYS)",
        },
        "apiKey": {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "The same key in a header of its own",
        },
        "keyCookie": {
            "type": "apiKey",
            "in": "cookie",
            "name": KEY_COOKIE,
            "description": "The same key as a cookie: what the dashboard sends once given a key",
        },
    }
    for path, operations in spec.get("paths", {}).items():
        if path.startswith("/v1/"):
            for operation in operations.values():
                operation["security"] = SECURITY
