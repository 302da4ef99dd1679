"""Deterministic ids, so that sending the same feed twice yields the same events."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from functools import lru_cache

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_PUNCT = re.compile(r"[^\w\s]")
# `_PUNCT` over ASCII as a byte table: each byte it matches becomes a space
_ASCII_PUNCT = bytes(32 if i < 128 and _PUNCT.match(chr(i)) else i for i in range(256))


def normalise(text: str | None) -> str:
    """Case, width, whitespace and punctuation-insensitive form used for hashing."""
    if not text:
        return ""
    if text.isascii():  # NFKC leaves ASCII as it is, and ASCII case-folds as it lower-cases
        return " ".join(text.lower().encode().translate(_ASCII_PUNCT).decode().split())
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def event_id(source: str, bulletin_date: date | None, headline: str | None, text: str) -> str:
    parts = [
        source,
        bulletin_date.isoformat() if bulletin_date else "",
        normalise(headline),
        normalise(text),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def bulletin_id(source: str, event_ids: list[str]) -> str:
    digest = hashlib.sha256("\x1f".join([source, *event_ids]).encode("utf-8")).hexdigest()
    return f"{source}:{digest[:16]}"


@lru_cache(maxsize=4096)  # a feed's lines name few sources, again and again
def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_name.lower()).strip("-")[:100]
