"""Choose a parser by Content-Type (or `?format=`), run it, and build `UpdateEvent`s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from sitrep_ingest.ids import bulletin_id, event_id, slugify
from sitrep_ingest.parsers.bulletin import parse_bulletin
from sitrep_ingest.parsers.feeds import parse_xml_feed
from sitrep_ingest.parsers.jsonfeed import JsonItem, parse_json, parse_ndjson, parse_ndjson_line
from sitrep_ingest.problems import (
    InvalidEvent,
    NoEvents,
    PayloadTooLarge,
    UndecodableBody,
    UnsupportedMediaType,
)
from sitrep_schemas import UpdateEvent

FORMATS = ("bulletin", "json", "ndjson", "rss", "atom")
MEDIA_TYPES = {
    "text/plain": "bulletin",
    "text/markdown": "bulletin",
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/xml": "rss",
    "text/xml": "rss",
    "application/json": "json",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
    "application/jsonlines": "ndjson",
}
UNKNOWN_SOURCE = "unknown"


@dataclass(frozen=True)
class Limits:
    max_events: int = 10_000
    max_line_chars: int = 100_000
    max_depth: int = 16  # JSON nesting


def format_for(content_type: str | None, override: str | None) -> str:
    if override:
        if override not in FORMATS:
            raise UnsupportedMediaType(
                f"format '{override}' is not supported; use one of {', '.join(FORMATS)}"
            )
        return override
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in MEDIA_TYPES:
        return MEDIA_TYPES[media]
    raise UnsupportedMediaType(
        f"Content-Type '{media or '(none)'}' is not a feed format; send one of "
        f"{', '.join(sorted(MEDIA_TYPES))} or pass ?format= ({', '.join(FORMATS)})"
    )


def guess_format(text: str) -> str:
    """Format of a body from its content, for files and stdin."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return "atom" if "<feed" in head[:2000] else "rss"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [line for line in head.splitlines() if line.strip()]
        if len(lines) > 1 and lines[1].lstrip().startswith("{") and lines[0].rstrip().endswith("}"):
            return "ndjson"
        return "json"
    return "bulletin"


def decode_body(body: bytes) -> str:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise UndecodableBody(
            f"body is not valid UTF-8: byte 0x{body[exc.start]:02x} at offset {exc.start} "
            f"(line {line}); send UTF-8 text",
            offset=exc.start,
            line=line,
        ) from None
    return text


def _check_lines(text: str, limits: Limits) -> None:
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limits.max_line_chars:
            raise PayloadTooLarge(
                f"line {number} is {len(line)} characters long; the limit is {limits.max_line_chars}",
                line=number,
            )
        start += len(line) + 1


def _event(item: JsonItem, position: int, source: str, received_at: datetime) -> UpdateEvent:
    headline = item.headline
    eid = event_id(source, item.bulletin_date, headline, item.text)
    try:
        return UpdateEvent(
            event_id=eid,
            source=source,
            bulletin_date=item.bulletin_date,
            bulletin_title=item.bulletin_title,
            position=item.position or position,
            section=item.section,
            headline=headline,
            text=item.text,
            url=item.url,
            received_at=received_at,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise InvalidEvent(f"{item.where}: {loc}: {first['msg']}") from None


def ndjson_event(
    raw: bytes,
    number: int,
    *,
    received_at: datetime,
    source: str | None = None,
    limits: Limits | None = None,
) -> UpdateEvent | None:
    """One line of a streamed NDJSON body as an event (None for a blank line). Pure."""
    limits = limits or Limits()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableBody(
            f"line {number} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
            line=number,
        ) from None
    if not text.strip():
        return None
    if "\x00" in text:
        raise UndecodableBody(f"line {number} contains a NUL byte; send text", line=number)
    if len(text) > limits.max_line_chars:
        raise PayloadTooLarge(
            f"line {number} is {len(text)} characters long; the limit is {limits.max_line_chars}",
            line=number,
        )
    item = parse_ndjson_line(text, number, limits.max_depth)
    src = slugify(source) if source else slugify(item.source or "") or UNKNOWN_SOURCE
    return _event(item, number, src, received_at)


def ndjson_events(
    lines: list[tuple[int, bytes]],
    *,
    before: int,
    received_at: datetime,
    source: str | None = None,
    limits: Limits | None = None,
) -> list[UpdateEvent]:
    """A chunk of a streamed NDJSON body, (line number, bytes) each, as events. `before`
    events came in the body's earlier chunks: the line that takes the body past
    `limits.max_events` is the one the problem names. Pure."""
    limits = limits or Limits()
    events: list[UpdateEvent] = []
    for number, raw in lines:
        event = ndjson_event(raw, number, received_at=received_at, source=source, limits=limits)
        if event is None:
            continue
        events.append(event)
        if before + len(events) > limits.max_events:
            raise PayloadTooLarge(
                f"the feed holds more than {limits.max_events} events (line {number}); "
                f"the limit per request is {limits.max_events}",
                line=number,
            )
    return events


def parse_feed(
    body: bytes | str,
    *,
    fmt: str,
    received_at: datetime,
    source: str | None = None,
    url: str | None = None,
    limits: Limits | None = None,
) -> list[UpdateEvent]:
    """Parse one feed body into `UpdateEvent`s. Pure; raises a `FeedProblem` on bad input."""
    limits = limits or Limits()
    text = decode_body(body) if isinstance(body, bytes) else body
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UndecodableBody(f"body contains a NUL byte at line {line}; send text", line=line)
    if not text.strip():
        raise NoEvents("the body is empty; send a feed with at least one item")
    if fmt == "bulletin":  # JSON and XML may be one long line; the body's size bounds them
        _check_lines(text, limits)
    forced_source = slugify(source) if source else None
    items: list[JsonItem]
    bulletin_source: str | None = None
    if fmt == "bulletin":
        bulletin = parse_bulletin(text)
        bulletin_source = bulletin.source_name
        items = [
            JsonItem(
                where=f"line {it.line}",
                text=it.text,
                headline=it.headline,
                bulletin_date=bulletin.bulletin_date,
                bulletin_title=bulletin.heading,
                section=it.section,
                url=url,
                position=it.position,
            )
            for it in bulletin.items
        ]
    elif fmt == "json":
        items = parse_json(text, limits.max_depth)
    elif fmt == "ndjson":
        items = parse_ndjson(text, limits.max_depth)
    elif fmt in ("rss", "atom"):
        feed_title, items = parse_xml_feed(text)
        bulletin_source = feed_title
    else:
        raise UnsupportedMediaType(f"format '{fmt}' is not supported")
    if not items:
        raise NoEvents(
            "no update events found: a bulletin needs list items (- , •, *, 1.) or paragraphs "
            "under section headers; JSON needs objects with a 'text' field; RSS/Atom needs items"
        )
    if len(items) > limits.max_events:
        raise PayloadTooLarge(
            f"the feed holds {len(items)} events; the limit per request is {limits.max_events}"
        )
    events = []
    for position, item in enumerate(items, start=1):
        src = forced_source or slugify(item.source or bulletin_source or "") or UNKNOWN_SOURCE
        events.append(_event(item, position, src, received_at))
    # Events of one document share a bulletin id derived from the source and its items.
    by_source: dict[str, list[str]] = {}
    for ev in events:
        by_source.setdefault(ev.source, []).append(ev.event_id)
    # One hash per source: per event, it hashed every id of the source again (quadratic).
    ids = {src: bulletin_id(src, event_ids) for src, event_ids in by_source.items()}
    return [ev.model_copy(update={"bulletin_id": ids[ev.source]}) for ev in events]
