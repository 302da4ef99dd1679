"""Places the gazetteer does not list, found by their form and put near a place it does.

Bulletins name camps, villages and facilities that no GeoNames table here holds
("Zamzam camp", "the town of Barsalogho", "the Azovstal steelworks"). A name is such a
place only when a place noun says so: after it ("X camp", "X township", "X airport") or
before it ("the town of X"). Its coordinates are those of the nearest place the
gazetteer resolved in the same event (precision 2, "near"), or of the one country the
event is about (precision 3); with neither it is left out, since a Location needs a
point. Its `place_id` is `unlisted:<country>:<name>`, stable across reports, so
aggregates and incidents join on it as on any other place.

The nouns and name rules are data (`data/unlisted_places.json`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep_classifier.gazetteer_index import normalise
from sitrep_classifier.text import Passage
from sitrep_schemas import Location


@dataclass(frozen=True)
class Anchor:
    """A resolved place an unlisted one is put near."""

    start: int  # where its name stands in the passage (-1: not in this passage)
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class Unlisted:
    name: str
    kind: str  # "settlement" | "facility"
    start: int
    end: int


@cache
def _rules() -> dict[str, Any]:
    text = (
        resources.files("sitrep_classifier")
        .joinpath("data/unlisted_places.json")
        .read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def _alternation(words: list[str]) -> str:
    return "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Any place noun (a cheap test first), then names before and after one."""
    rules = _rules()
    word = r"[A-Z][\w'’]*(?:[.-][\w'’]+)*"
    particle = _alternation(rules["particles"])
    name = rf"{word}(?:[ -](?:(?:{particle})[ -])?{word}){{0,3}}"
    nouns = rules["nouns_after"]
    after = re.compile(
        rf"(?P<name>{name})\s+(?:(?:{_alternation(rules['noun_modifiers'])})\s+)?"
        rf"(?P<noun>(?i:{_alternation([*nouns['settlement'], *nouns['facility']])}))s?\b"
    )
    before = re.compile(
        rf"\b(?:the\s+)?(?:(?:{_alternation(rules['noun_modifiers'])})\s+)?"
        rf"(?:{_alternation(rules['nouns_before'])})\s+of\s+(?P<name>{name})"
    )
    nouns_any = [*nouns["settlement"], *nouns["facility"], *rules["nouns_before"]]
    hint = re.compile(rf"\b(?:{_alternation(nouns_any)})", re.I)
    return hint, after, before


@cache
def _word_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Facility nouns, nouns kept in a name, words no name starts with, name particles."""
    rules = _rules()
    return (
        frozenset(rules["nouns_after"]["facility"]),
        frozenset(rules["noun_kept_in_name"]),
        frozenset(normalise(w) for w in rules["not_first"]),
        frozenset(normalise(w) for w in rules["particles"]),
    )


def find(text: str, stop: frozenset[str]) -> list[Unlisted]:
    """Names that a place noun marks as places, in text order."""
    hint, after, before = _patterns()
    if not hint.search(text):
        return []  # no place noun: most sentences
    facility, keep_noun, first_stop, particles = _word_sets()
    out: list[Unlisted] = []
    for m in after.finditer(text):
        noun = " ".join(m.group("noun").lower().split())
        kind = "facility" if noun in facility else "settlement"
        end = m.end() if noun in keep_noun else m.end("name")
        out.append(Unlisted(text[m.start("name") : end], kind, m.start("name"), end))
    for m in before.finditer(text):
        out.append(Unlisted(m.group("name"), "settlement", m.start("name"), m.end("name")))
    kept: list[Unlisted] = []
    for u in sorted(out, key=lambda u: (u.start, -u.end)):
        words = [normalise(w) for w in re.split(r"[ -]+", u.name)]
        if words[0] in first_stop or any(w in stop and w not in particles for w in words):
            continue
        if u.start > 0 and text[u.start - 1] in "'’-":
            continue  # inside a word ("Israel's")
        if kept and u.start < kept[-1].end:
            continue
        kept.append(u)
    return kept


def nearest(anchors: list[Anchor], at: int) -> Anchor | None:
    """The anchor closest to `at` in the passage; an anchor of another passage last."""
    if not anchors:
        return None
    return min(anchors, key=lambda a: (a.start < 0, abs(a.start - at), a.kind != "settlement"))


def place_id(country: str | None, name: str) -> str:
    return f"unlisted:{country or 'XXX'}:{normalise(name).replace(' ', '-')}"


def locate(u: Unlisted, anchor: Anchor, passage: Passage) -> Location:
    """The unlisted place at its anchor's point: "near" a town (2), within a region (3)."""
    return Location(
        name=u.name,
        kind=u.kind,
        country=anchor.country,
        admin1=anchor.admin1,
        lat=round(anchor.lat, 5),
        lon=round(anchor.lon, 5),
        precision=2 if anchor.kind in ("settlement", "facility") else 3,
        place_id=place_id(anchor.country, u.name),
        confidence=0.5 * (1.0 if passage.name == "text" else 0.8),
        span=passage.span(u.start, u.end),
    )
