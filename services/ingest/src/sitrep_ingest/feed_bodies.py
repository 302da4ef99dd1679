"""The bodies `POST /v1/feeds` takes, as OpenAPI request bodies: one schema per Content-Type.

Each schema admits only bodies the parsers turn into at least one event, so a client (or a
property-based test) that follows it is never refused; `tests/unit/test_feed_bodies.py` checks
that by generating bodies from these schemas and parsing them.

RSS, Atom and NDJSON are described in the operation's text instead: JSON Schema cannot say
which XML documents hold an item (every XML value is text, so a schema's types do not survive
serialisation), and OpenAPI 3.1 has no schema for line-delimited bodies.
"""

from __future__ import annotations

from typing import Any

# What `str.strip()` removes: a text is blank when it holds nothing else.
_SPACE = "\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# A list item's first character: not a space, not NUL, not a zero-width mark.
_ITEM_START = f"[^{_SPACE}\x00\u200b-\u200d\u2060\ufeff]"
# A bulletin: any text (no NUL) with at least one list item (-, *, •, 1.) that holds text.
BULLETIN = f"^[^\x00]*(?:^|\n)[ \t]*(?:[-*\u2022]|[0-9]{{1,3}}\\.)[ \t]+{_ITEM_START}[^\x00]*$"
NONBLANK = f"[^{_SPACE}]"  # (JSON Schema patterns are unanchored: holds one such character)

_TEXT = {"type": "string", "pattern": NONBLANK, "description": "What happened"}
# Optional fields may be null or left out; a field named but null counts as left out.
_OPTIONAL_TEXT = {"type": ["string", "null"]}
_DAY = {
    "description": "The day the bulletin reports on: an ISO date, or a date-time (its date)",
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
        {"type": "string", "pattern": "^\\s*$"},
        {"type": "null"},
    ],
}
_IGNORED = {"description": "Accepted and ignored: ingest computes it"}

EVENT_OBJECT: dict[str, Any] = {
    "type": "object",
    "description": "One update. Only `text` is required.",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        "text": _TEXT,
        "headline": _OPTIONAL_TEXT,
        "section": _OPTIONAL_TEXT,
        "source": _OPTIONAL_TEXT,
        "url": _OPTIONAL_TEXT,
        "bulletin_date": _DAY,
        "date": _DAY,
        "position": {"type": ["integer", "null"], "minimum": 1},
        "schema_version": _IGNORED,
        "event_id": _IGNORED,
        "bulletin_id": _IGNORED,
        "received_at": _IGNORED,
    },
}
_ITEM = {"anyOf": [{"$ref": "#/components/schemas/FeedEvent"}, _TEXT]}
_ITEMS = {"type": "array", "items": _ITEM}
_SECTION = {
    "type": "object",
    "required": ["items"],
    "properties": {"title": _OPTIONAL_TEXT, "items": _ITEMS},
}
BULLETIN_OBJECT: dict[str, Any] = {
    "type": "object",
    "description": "A bulletin: its source and day, and its items, in sections or not."
    " At least one of `items`, `events`, `sections` holds an item.",
    "properties": {
        "source": _OPTIONAL_TEXT,
        "date": _DAY,
        "bulletin_date": _DAY,
        "items": {**_ITEMS, "type": ["array", "null"]},
        "events": {**_ITEMS, "type": ["array", "null"]},
        "sections": {"type": ["array", "null"], "items": _SECTION},
    },
    "anyOf": [
        {"required": ["items"], "properties": {"items": {"type": "array", "minItems": 1}}},
        {"required": ["events"], "properties": {"events": {"type": "array", "minItems": 1}}},
        {
            "required": ["sections"],
            "properties": {
                "sections": {
                    "type": "array",
                    "contains": {"properties": {"items": {"minItems": 1}}},
                }
            },
        },
    ],
}
JSON_FEED: dict[str, Any] = {
    "description": "An event (an object, or just its text), a list of them, or a bulletin",
    "oneOf": [
        {"$ref": "#/components/schemas/FeedEvent"},
        _TEXT,
        {**_ITEMS, "minItems": 1},
        {"$ref": "#/components/schemas/FeedBulletin"},
    ],
}
BULLETIN_TEXT = {
    "type": "string",
    "pattern": BULLETIN,
    "description": "A bulletin: list items (-, *, •, 1.) under optional section headers",
    "example": "Key events\n- Drones struck a depot near the port overnight.\n"
    "- Officials said 12 people were hurt.\n",
}

COMPONENTS = {
    "FeedEvent": EVENT_OBJECT,
    "FeedBulletin": BULLETIN_OBJECT,
    "JsonFeed": JSON_FEED,
}


def request_body() -> dict[str, Any]:
    """The `requestBody` of POST /v1/feeds."""
    return {
        "required": True,
        "description": "The feed; its format comes from Content-Type (or ?format=)",
        "content": {
            "text/plain": {"schema": BULLETIN_TEXT},
            "text/markdown": {"schema": BULLETIN_TEXT},
            "application/json": {
                "schema": {"$ref": "#/components/schemas/JsonFeed"},
                "example": {"source": "desk", "items": [{"text": "Talks resumed in Geneva."}]},
            },
        },
    }
