"""JSON and NDJSON feeds: one event, a list of events, or a bulletin object.

An event object needs `text`; `headline`, `source`, `bulletin_date`, `bulletin_title`,
`section`, `url`, `position` are optional. A bulletin object is
`{"source": ..., "date": ..., "title": ..., "sections": [{"title": ..., "items": [...]}]}` or
`{"items"|"events": [...]}`; items are event objects or plain strings.
`event_id` and `received_at` are computed here, never trusted from the body.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic_core import from_json

from sitrep_ingest.problems import FeedProblem, InvalidEvent, MalformedFeed

MAX_DEPTH = 16
_EVENT_FIELDS = {
    "schema_version",
    "event_id",
    "source",
    "bulletin_id",
    "bulletin_date",
    "bulletin_title",
    "position",
    "section",
    "headline",
    "text",
    "url",
    "received_at",
}


@dataclass(frozen=True)
class JsonItem:
    where: str  # "item 3" or "line 12", for error messages
    text: str
    headline: str | None = None
    source: str | None = None
    bulletin_date: date | None = None
    bulletin_title: str | None = None
    section: str | None = None
    url: str | None = None
    position: int | None = None


def _depth(value: Any, limit: int) -> int:
    stack: list[tuple[Any, int]] = [(value, 1)]
    deepest = 0
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node)
    return deepest


def _loads(text: str, where: str, max_depth: int = MAX_DEPTH) -> Any:
    try:
        # pydantic's Rust parser, 4x json's; it refuses a little that json takes (a lone
        # surrogate escape, nesting past 200): those, and every error, go to json itself
        value = from_json(text, cache_strings="keys")
    except ValueError:
        value = _json_loads(text, where, max_depth)
    # a value nests at most one level deeper than its count of brackets (`_depth` counts the
    # top value as 1); brackets inside strings only make the count larger, so skipping the
    # walk below the limit is exact
    if (text.count("{") + text.count("[") >= max_depth) and _depth(value, max_depth) > max_depth:
        raise MalformedFeed(f"{where}: JSON nested deeper than {max_depth} levels")
    return value


def _json_loads(text: str, where: str, max_depth: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedFeed(
            f"{where}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError:
        raise MalformedFeed(f"{where}: JSON nested deeper than {max_depth} levels") from None


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidEvent(f"{where}: field '{key}' must be a string, got {type(value).__name__}")
    return value.strip() or None


def _opt_date(obj: dict[str, Any], key: str, where: str) -> date | None:
    value = _opt_str(obj, key, where)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()  # a date-time counts by its own date
    except ValueError:
        raise InvalidEvent(
            f"{where}: field '{key}' must be an ISO date (YYYY-MM-DD) or date-time"
        ) from None


def _first_date(obj: dict[str, Any], where: str) -> date | None:
    """`bulletin_date`, else `date`: both are checked when given."""
    if "bulletin_date" not in obj and "date" not in obj:
        return None
    dates = [_opt_date(obj, key, where) for key in ("bulletin_date", "date")]
    return next((d for d in dates if d is not None), None)


def _item(obj: Any, where: str, section: str | None = None) -> JsonItem:
    if isinstance(obj, str):
        if not obj.strip():
            raise InvalidEvent(f"{where}: empty text")
        return JsonItem(where=where, text=obj.strip(), section=section)
    if not isinstance(obj, dict):
        raise InvalidEvent(
            f"{where}: expected an event object or a string, got {type(obj).__name__}"
        )
    unknown = set(obj) - _EVENT_FIELDS - {"date"}
    if unknown:
        raise InvalidEvent(
            f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_EVENT_FIELDS)}"
        )
    text = _opt_str(obj, "text", where)
    if text is None:
        raise InvalidEvent(f"{where}: field 'text' is required and must be a non-empty string")
    position = obj.get("position")
    if isinstance(position, float) and position.is_integer():
        position = int(position)  # JSON has one number type: 3.0 is the integer 3
    if position is not None and (
        not isinstance(position, int) or isinstance(position, bool) or position < 1
    ):
        raise InvalidEvent(f"{where}: field 'position' must be a positive integer")
    return JsonItem(
        where=where,
        text=text,
        headline=_opt_str(obj, "headline", where),
        source=_opt_str(obj, "source", where),
        bulletin_date=_first_date(obj, where),
        bulletin_title=_opt_str(obj, "bulletin_title", where),
        section=_opt_str(obj, "section", where) or section,
        url=_opt_str(obj, "url", where),
        position=position,
    )


def _bulletin_items(obj: dict[str, Any]) -> Iterator[JsonItem]:
    source = _opt_str(obj, "source", "bulletin")
    day = _first_date(obj, "bulletin")
    title = _opt_str(obj, "title", "bulletin")
    n = 0

    def with_defaults(item: JsonItem) -> JsonItem:
        return JsonItem(
            where=item.where,
            text=item.text,
            headline=item.headline,
            source=item.source or source,
            bulletin_date=item.bulletin_date or day,
            bulletin_title=item.bulletin_title or title,
            section=item.section,
            url=item.url,
            position=item.position,
        )

    sections = obj.get("sections")
    if sections is not None:
        if not isinstance(sections, list):
            raise InvalidEvent("bulletin: 'sections' must be a list")
        for s, sec in enumerate(sections, start=1):
            if not isinstance(sec, dict) or not isinstance(sec.get("items"), list):
                raise InvalidEvent(f"section {s}: expected {{'title': ..., 'items': [...]}}")
            header = _opt_str(sec, "title", f"section {s}")
            for entry in sec["items"]:
                n += 1
                yield with_defaults(_item(entry, f"item {n}", header))
    for key in ("items", "events"):
        entries = obj.get(key)
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise InvalidEvent(f"bulletin: '{key}' must be a list")
        for entry in entries:
            n += 1
            yield with_defaults(_item(entry, f"item {n}"))


def parse_json(text: str, max_depth: int = MAX_DEPTH) -> list[JsonItem]:
    value = _loads(text, "body", max_depth)
    if isinstance(value, list):
        return [_item(v, f"item {i}") for i, v in enumerate(value, start=1)]
    if isinstance(value, dict) and ({"sections", "items", "events"} & set(value)):
        return list(_bulletin_items(value))
    return [_item(value, "item 1")]


def parse_ndjson_line(text: str, number: int, max_depth: int = MAX_DEPTH) -> JsonItem:
    try:
        return _item(_loads(text, f"line {number}", max_depth), f"line {number}")
    except FeedProblem as exc:
        exc.extra["line"] = number  # the body's line, not the line inside this JSON value
        raise


def parse_ndjson(text: str, max_depth: int = MAX_DEPTH) -> list[JsonItem]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            items.append(parse_ndjson_line(line, number, max_depth))
    return items
