"""What can be wrong with a pushed feed, as RFC 9457 problem types."""

from __future__ import annotations

from typing import Any, ClassVar

PROBLEM_BASE = "https://sitrep.dev/problems/"


class FeedProblem(Exception):
    """An input error the caller can fix; rendered as problem JSON."""

    status = 400
    type_name = "malformed-feed"
    title = "The feed could not be parsed"
    headers: ClassVar[dict[str, str] | None] = None

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.type_name,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


class MalformedFeed(FeedProblem):
    pass


class UndecodableBody(FeedProblem):
    type_name = "undecodable-body"
    title = "The body is not valid UTF-8 text"


class UnsupportedMediaType(FeedProblem):
    status = 415
    type_name = "unsupported-media-type"
    title = "This Content-Type is not a feed format sitrep reads"


class PayloadTooLarge(FeedProblem):
    status = 413
    type_name = "payload-too-large"
    title = "The feed is larger than this ingest accepts"


class NoEvents(FeedProblem):
    status = 422
    type_name = "no-events"
    title = "The feed holds no update events"


class UnsafeXml(FeedProblem):
    type_name = "unsafe-xml"
    title = "The XML declares a DTD or entities, which sitrep does not expand"


class Unauthorized(FeedProblem):
    status = 401
    type_name = "unauthorized"
    title = "A valid bearer token is required"


class Forbidden(FeedProblem):
    status = 403
    type_name = "forbidden"
    title = "This token may not push for that source"


class InvalidEvent(FeedProblem):
    status = 422
    type_name = "invalid-event"
    title = "An event in the feed does not match the UpdateEvent schema"


class Overloaded(FeedProblem):
    """Not an input error: ingest has as many feeds in progress as it takes."""

    status = 503
    type_name = "overloaded"
    title = "Ingest is processing as many feeds as it takes at once"
    headers: ClassVar[dict[str, str] | None] = {"Retry-After": "1"}


class MissingSource(FeedProblem):
    type_name = "missing-source"
    title = "Name the source whose items are withdrawn"


class UnknownEvents(FeedProblem):
    status = 404
    type_name = "unknown-events"
    title = "This ingest never accepted these events"


class StateUnavailable(FeedProblem):
    """Not an input error: Redis, where ingest records what it accepted, did not answer."""

    status = 503
    type_name = "state-unavailable"
    title = "Ingest cannot check what it accepted right now"
    headers: ClassVar[dict[str, str] | None] = {"Retry-After": "2"}
