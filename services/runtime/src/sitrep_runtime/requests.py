"""Request ids for the HTTP services: plain ASGI middleware (no per-request task group)."""

from __future__ import annotations

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep_runtime.service import REQUEST_ID

HEADER = "x-request-id"
_SANE = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class RequestIds:
    """Takes the caller's `X-Request-ID` (when it is a sane token) or makes one, puts it on
    every log line written while serving the request, and answers it back in the header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(HEADER.encode(), b"").decode("latin-1")
        request_id = given if _SANE.fullmatch(given) else uuid.uuid4().hex

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (HEADER.encode(), request_id.encode()),
                ]
            await send(message)

        token = REQUEST_ID.set(request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)
