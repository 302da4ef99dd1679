"""Places named in an event, resolved to coordinates from the gazetteer data file.

Metonyms are kept out: a capital or a country is a place only where the text
puts something *in* it ("in Kyiv", "near Moscow", "Kyiv region"), never where
it stands for a government ("Moscow said", "Washington lifted").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep_classifier.text import Passage
from sitrep_schemas import Location

_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|into|inside|near|outside|around|across|throughout|over|at|on|to|towards?|within|of|"
    r"hit|struck|targeted|attacked|shelled|bombed|captured|entered)\s+(?:the\s+)?(?:\w+\s+)?)$",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|around|close\s+to|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?$", re.I
)
_SPEECH_AFTER = re.compile(
    r"^[’']?s?\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+)?(?:said|says|say|announced|claimed|warned|"
    r"denied|lifted|imposed|accused|urged|rejected|responded|insisted|stated|confirmed|told|agreed|"
    r"refused|reported|called|condemned|vowed|signed|approved|plans|wants)\b",
    re.IGNORECASE,
)
_COUNTRY_LOCATIVE = re.compile(
    r"\b(?:in|into|inside|across|throughout|within|over)\s+(?:the\s+)?(?:\w+(?:ern|[- ]held|-occupied)\s+)?$",
    re.IGNORECASE,
)
_PRECISION = {
    "settlement": 1,
    "facility": 1,
    "admin2": 2,
    "admin1": 3,
    "region": 3,
    "territory": 3,
    "water_body": 3,
    "country": 3,
}
_FINE = {"settlement", "facility", "admin2", "admin1"}
_COARSE = {"region", "country"}


@dataclass(frozen=True)
class Place:
    place_id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    capital: bool


@dataclass(frozen=True)
class Mention:
    place: Place
    passage: Passage
    start: int
    end: int
    precision: int


class Gazetteer:
    def __init__(self, places: Iterable[Place], aliases: dict[str, list[Place]]) -> None:
        self.places = {p.place_id: p for p in places}
        self.aliases = aliases
        names = sorted(aliases, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"
        )

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Gazetteer:
        places: list[Place] = []
        aliases: dict[str, list[Place]] = {}
        for entry in raw["places"]:
            place = Place(
                place_id=entry["id"],
                name=entry["name"],
                kind=entry["kind"],
                country=entry["country"],
                admin1=entry.get("admin1"),
                lat=float(entry["lat"]),
                lon=float(entry["lon"]),
                capital=bool(entry.get("capital", False)),
            )
            places.append(place)
            for alias in {entry["name"], *entry["aliases"]}:
                aliases.setdefault(alias, []).append(place)
        return cls(places, aliases)

    def mentions(self, passages: list[Passage], context_countries: set[str]) -> list[Mention]:
        found: list[Mention] = []
        for passage in passages:
            text = passage.value
            for m in self._pattern.finditer(text):
                before, after = text[: m.start()], text[m.end() :]
                if _SPEECH_AFTER.match(after):
                    continue
                place = _pick(self.aliases[m.group(0)], context_countries)
                if place.kind == "country" and not _COUNTRY_LOCATIVE.search(before):
                    continue
                if place.capital and not (
                    _LOCATIVE_BEFORE.search(before)
                    or re.match(r"^\s+(?:city|region|oblast)\b", after, re.I)
                ):
                    continue
                precision = (
                    2
                    if place.kind == "settlement" and _NEAR_BEFORE.search(before)
                    else _PRECISION[place.kind]
                )
                found.append(Mention(place, passage, m.start(), m.end(), precision))
        return found

    def locate(self, passages: list[Passage], context_countries: set[str]) -> list[Location]:
        mentions = self.mentions(passages, context_countries)
        fine_countries = {m.place.country for m in mentions if m.place.kind in _FINE}
        out: dict[str, Location] = {}
        for m in mentions:
            if m.place.kind in _COARSE and m.place.country in fine_countries:
                continue  # "Sumy, northeastern Ukraine": the finer place is the location
            if m.place.place_id in out:
                continue
            out[m.place.place_id] = Location(
                name=m.place.name,
                kind=m.place.kind,
                country=m.place.country,
                admin1=m.place.admin1,
                lat=m.place.lat,
                lon=m.place.lon,
                precision=m.precision,
                place_id=m.place.place_id,
                confidence=0.9 if m.passage.name == "text" else 0.7,
                span=m.passage.span(m.start, m.end),
            )
        return list(out.values())


def _pick(candidates: list[Place], context_countries: set[str]) -> Place:
    """Among namesakes, prefer the countries the event is about, then finer kinds."""
    return min(
        candidates,
        key=lambda p: (p.country not in context_countries, _PRECISION[p.kind], p.place_id),
    )


@cache
def load_gazetteer() -> Gazetteer:
    text = resources.files("sitrep_classifier").joinpath("data/gazetteer.json").read_text("utf-8")
    return Gazetteer.from_data(json.loads(text))
