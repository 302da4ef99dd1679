"""Event types joined with this classifier's cue phrases (the labels themselves are sitrep_schemas')."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick  # type: ignore[import-not-found]  # a C extension without stubs

from sitrep_classifier.text import caseless, phrase_pattern
from sitrep_schemas.labels import Labels, load_labels


@dataclass(frozen=True)
class Cue:
    phrase: str
    weight: float
    # The phrase as a pattern for folded (lower-cased) text: see `text.fold`.
    pattern: re.Pattern[str]
    # A literal every match contains: a cheap substring test skips the regex for most
    # cues, which is most of classify()'s time.
    anchor: str
    # The literal every match starts with: the pattern's leading look-behind defeats
    # the regex engine's own prefix scan, so `search` finds the start with str.find
    # and tries the pattern only there.
    lead: str

    def search(self, lower: str) -> re.Match[str] | None:
        """`pattern.search(lower)`, where `lower` is a passage's folded text."""
        at = lower.find(self.lead)
        while at >= 0:
            if m := self.pattern.match(lower, at):
                return m
            at = lower.find(self.lead, at + 1)
        return None


def cue_anchor(phrase: str) -> str:
    """The longest literal run of the phrase's words, e.g. 'destroyed * drones' -> 'destroyed'."""
    runs = re.findall(r"[^*?\s]+", phrase.lower())
    return max(runs, key=len) if runs else ""


@dataclass(frozen=True)
class EventType:
    name: str
    category: str
    acled: str
    plover: str
    definition: str
    alternates: tuple[str, ...]
    cues: tuple[Cue, ...]
    # Context a type needs besides its topic words (aid needs a giving verb, a strike an
    # attack verb): without one, its score counts REQUIRES_MISSING_FACTOR.
    requires: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    version: str
    categories: dict[str, dict[str, str]]
    event_types: dict[str, EventType]
    order: dict[str, int] = field(default_factory=dict)  # file order, the tie-break
    anchors: Any = None  # Aho-Corasick automaton over every cue's anchor
    cues_by_anchor: dict[str, list[tuple[str, Cue]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.order.update({name: i for i, name in enumerate(self.event_types)})
        automaton = ahocorasick.Automaton()
        for et in self.event_types.values():
            for cue in (*et.cues, *et.requires):
                if cue.anchor:
                    automaton.add_word(cue.anchor, cue.anchor)
            for cue in et.cues:
                self.cues_by_anchor.setdefault(cue.anchor, []).append((et.name, cue))
        automaton.make_automaton()
        object.__setattr__(self, "anchors", automaton)

    def anchors_in(self, lowered: str) -> set[str]:
        """Every cue anchor that occurs in the (lower-cased) text, in one pass."""
        return {anchor for _, anchor in self.anchors.iter(lowered)}


def _cue(phrase: str, weight: float) -> Cue:
    lead = re.match(r"[^*?\s]*", phrase.lower())
    if lead is None or not lead.group():
        raise ValueError(f"cue {phrase!r} must start with a literal")
    return Cue(
        phrase, weight, caseless(phrase_pattern(phrase.lower())), cue_anchor(phrase), lead.group()
    )


def parse_taxonomy(labels: Labels, raw_cues: dict[str, Any]) -> Taxonomy:
    """The shared labels joined with this classifier's cues; every label needs cues and vice versa."""
    cue_specs = raw_cues["event_types"]
    if set(cue_specs) != set(labels.event_types):
        raise ValueError(
            f"cues and labels disagree on: {sorted(set(cue_specs) ^ set(labels.event_types))}"
        )
    types = {}
    for name, label in labels.event_types.items():
        spec = cue_specs[name]
        types[name] = EventType(
            name=name,
            category=label["category"],
            acled=label["acled"],
            plover=label["plover"],
            definition=label["definition"],
            alternates=tuple(spec.get("alternates", ())),
            cues=tuple(_cue(phrase, float(weight)) for phrase, weight in spec["cues"].items()),
            requires=tuple(_cue(phrase, 0.0) for phrase in spec.get("requires", ())),
        )
    return Taxonomy(
        version=f"{labels.version}+cues.{raw_cues['version']}",
        categories=labels.categories,
        event_types=types,
    )


@cache
def load_taxonomy() -> Taxonomy:
    text = resources.files("sitrep_classifier").joinpath("data/cues.json").read_text("utf-8")
    return parse_taxonomy(load_labels(), json.loads(text))
