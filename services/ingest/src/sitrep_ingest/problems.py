"""What can be wrong with a pushed feed, as RFC 9457 problem types."""

from __future__ import annotations

from typing import ClassVar

from sitrep_runtime import problems
from sitrep_runtime.problems import ProblemError


class FeedProblem(ProblemError):
    """An input error the caller can fix; rendered as problem JSON."""

    status = 400
    type_name = "malformed-feed"
    title = "The feed could not be parsed"


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


class Unauthorized(problems.Unauthorized, FeedProblem):
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
    default_headers: ClassVar[dict[str, str] | None] = {"Retry-After": "1"}


class UnknownEvents(FeedProblem):
    status = 404
    type_name = "unknown-events"
    title = "This ingest never accepted these events"


class StateUnavailable(FeedProblem):
    """Not an input error: Redis, where ingest records what it accepted, did not answer."""

    status = 503
    type_name = "state-unavailable"
    title = "Ingest cannot check what it accepted right now"
    default_headers: ClassVar[dict[str, str] | None] = {"Retry-After": "2"}
