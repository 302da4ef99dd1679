"""Turning data-file phrases into regular expressions, and spans over an event's fields."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import ahocorasick  # type: ignore[import-not-found]  # a C extension without stubs

from sitrep_schemas import TextSpan

# Month names as news writes them (capitalised), for patterns read on the unfolded text
MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_GAP = r"(?:[\w’'.,$€£-]+\s+){0,4}?"  # a figure's currency symbol ("€68 million") is in a word


def phrase_pattern(phrase: str) -> str:
    """`destroyed * drones` / `intercept*` / `air defen?e` -> a word-bounded regex.

    A lone `*` allows up to four words; `*` in a word is any word characters; `?` one character.
    """
    tokens = phrase.split()
    out = [r"(?<![\w-])"]
    for i, tok in enumerate(tokens):
        if tok == "*":
            out.append(_GAP)
            continue
        out.append(re.escape(tok).replace(r"\*", r"[\w-]*").replace(r"\?", "."))
        if i + 1 < len(tokens):
            out.append(r"[\s-]+" if tokens[i + 1] != "*" else r"\s+")
    out.append(r"(?![\w])")
    return "".join(out)


def fold(text: str) -> str:
    """`text.lower()`, one character for one, so that offsets into it are offsets into `text`.

    Case-insensitive patterns run on the folded text without IGNORECASE, which makes
    the regex engine lower-case every character it tries (2-3x slower).
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower()[0] for c in text)  # "İ" lower-cases to two characters


def caseless(pattern: str) -> re.Pattern[str]:
    """A pattern for folded text: written in lower case, it matches as with IGNORECASE."""
    literal = re.sub(r"\\.|\(\?P[<=]", "", pattern)  # escapes (\W, \S) and group syntax
    if literal != literal.lower():
        raise ValueError(f"a caseless pattern is written in lower case: {pattern!r}")
    return re.compile(pattern)


class EndAnchored:
    """A caseless pattern anchored at the end (`$`) of a window of folded text.

    A `$`-anchored search tries every position of the window, so it runs only when the
    window, trailing spaces stripped, ends with one of `ends`: a condition every match
    meets (its last word, or "the" where the pattern allows one after it).
    """

    def __init__(self, pattern: str, ends: tuple[str, ...]) -> None:
        self.pattern = caseless(pattern)
        self.ends = ends

    def search(self, window: str) -> re.Match[str] | None:
        return self.pattern.search(window) if window.rstrip().endswith(self.ends) else None


@dataclass(frozen=True)
class Passage:
    """One searchable field of an event (headline or text), and its `fold()`."""

    name: str  # "headline" | "text"
    value: str
    lower: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", fold(self.value))

    @property
    def field(self) -> Literal["text", "headline"]:
        """The TextSpan field this passage is."""
        return "text" if self.name == "text" else "headline"

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(
            field=self.field,
            start=start,
            end=end,
            text=self.value[start:end],
        )


# A wire story's dateline: "KYIV, Ukraine (AP) — ", "BEIRUT, Dec 6 (Reuters) - ". Where it was
# filed, not what happened: blanked (same length, so offsets hold). A capitalised word before a
# dash alone is no dateline ("US - China talks"): it needs a country, a date or an agency.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?P<country>,\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})?"
    r"(?P<date>,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?P<agency>\s*\((?:AP|Reuters|AFP|dpa|DPA|Xinhua|Anadolu|UPI|PTI|ANI|IANS|TASS|EFE|ANSA|"
    r"Bernama|Kyodo|Yonhap|AA)\))?\s*[—–-]{1,2}\s+"
)


def _dateline(text: str) -> re.Match[str] | None:
    if not text[:1].isupper():
        return None  # most texts: no regex
    m = _DATELINE.match(text)
    if m is None or not (m.group("country") or m.group("date") or m.group("agency")):
        return None
    return m


def without_dateline(text: str) -> str:
    """`text` with a leading dateline blanked."""
    m = _dateline(text)
    return text if m is None else " " * m.end() + text[m.end() :]


def dateline_of(text: str) -> str | None:
    """Where a wire story says it was filed ("GOMA, Congo, Dec 5 (Reuters) - " gives "GOMA,
    Congo"): no place of its events, but the country its unnamed parts and small towns are
    in."""
    m = _dateline(text)
    if m is None:
        return None
    return text[m.start("place") : max(m.end("place"), m.end("country"))]


def passages_of(headline: str | None, text: str) -> list[Passage]:
    out = [Passage("text", without_dateline(text))]
    if headline:
        out.append(Passage("headline", headline))
    return out


def word_starts(words: Iterable[str]) -> Any:
    """An Aho-Corasick automaton over `words` (lower case) that reports each one's length."""
    automaton = ahocorasick.Automaton()
    for word in set(words):
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def matches_at(
    pattern: re.Pattern[str], lowered: str, starts: Any, text: str | None = None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(lowered)` (or over `text`, the same string in its own case and of
    the same length), trying the pattern only where `starts` finds one of its words in
    `lowered`: a scan of every position is what the regex alone cost."""
    target = lowered if text is None else text
    consumed = 0
    for start in sorted({end - length + 1 for end, length in starts.iter(lowered)}):
        if start >= consumed and (m := pattern.match(target, start)):
            consumed = m.end()
            yield m


def matches_in(pattern: re.Pattern[str], text: str, starts: Any) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that begins with one of `starts`' words in any
    case: tried only where the lower-cased text has one (every position, should lowering
    change the text's length, so positions would not carry over)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return pattern.finditer(text)
    return matches_at(pattern, lowered, starts, text)


# "eastern and central", "northern or western": two parts of one place named together
COMPASS_PAIR = r"(?:\w+ern|central)\s+(?:and|or)\s+(?:\w+ern|central)\s+"
# "deported 137 of the activists to Turkey", "was flown to neighbouring Senegal", "the ash
# cloud drifted over the Red Sea to Yemen": where people or things were taken, a place
DESTINATION_BEFORE = EndAnchored(
    r"\b(?:deported|deports|deporting|flown|repatriated|drifted|drifts|drifting|flees|fled|"
    r"spread|spreads|spreading|blown|airlifted|evacuated)\s+(?:[\w,.'’-]+\s+){0,10}?"
    r"to\s+(?:the\s+)?(?:neighbou?ring\s+)?$"
    # "He left for Spain", "left for Addis Ababa"
    r"|\b(?:left|leave|leaves|leaving|fled|flees|departed|departs)\s+for\s+$"
    # "raised its travel warning for Lebanon": where the warning is about
    r"|\b(?:warnings?|advisor(?:y|ies)|advice|alerts?)\s+for\s+$"
    # "the highway linking Addis Ababa to Djibouti": where the road ends
    r"|\b(?:linking|connecting)\s+(?:[\w'’-]+\s+){1,3}?(?:to|and|with)\s+$",
    ("to", "the", "neighbouring", "neighboring", "for", "and", "with"),
)


# "Mali's army", "Kenya's president": the state acts through them (forces -> sector military).
STATE_ORGAN_AFTER = caseless(
    r"^[’']s\s+(?:(?P<forces>army|military|armed\s+forces|forces|troops|air\s+force|navy|air\s+defen[cs]es?|"
    r"(?:military\s+)?junta|operational\s+command|"
    # "Ukraine's 3rd Assault Brigade", "Sudan's 6th Infantry Division": a unit of its forces
    r"\d+(?:st|nd|rd|th)\s+(?:[a-z-]+\s+){0,3}(?:army|brigade|division|corps|regiment|battalion))|"
    # "Lebanon's caretaker prime minister", "Haiti's interim president"
    r"(?:(?:caretaker|interim|acting|transitional|deputy|new)\s+)?(?:"
    r"president|prime\s+minister|government|foreign\s+minister|defen[cs]e\s+minister|"
    # not "health ministry": it counts the dead of an event, it is no party to it
    r"(?:(?!health\b)\w+\s+)?ministry|parliament|congress|senate|national\s+assembly|legislature|lawmakers|"
    r"(?:\w+\s+)?spokes(?:man|woman|person)|"
    r"leader|(?:security\s+|war\s+)?cabinet|(?:\w+\s+)?security\s+service|security\s+council|"
    r"national\s+guard|"
    # "Sudan's defence council severed relations"
    r"(?:defen[cs]e|sovereign(?:ty)?|military)\s+council|(?:shadow\s+)?fleet|delegation|"
    r"general\s+staff|defen[cs]e\s+ministry|ambassador|envoy|(?:\w+\s+){0,2}minister|representative|"
    r"negotiators|officials|diplomats|emir|king|queen|sultan|crown\s+prince|monarch|"
    # "Venezuela's civil aviation authority", "Russia's space agency": a state body
    r"(?:[a-z-]+\s+){0,2}(?:authority|agency|regulator)|"
    # "Pakistan's demand that Kabul act": the state's own act
    r"(?P<act>demands?|requests?|proposals?|ultimatum|refusal|insistence|mediation)))\b"
    # an army named after its country, without "'s": "Nepal Army", "Mali Armed Forces"
    r"|^\s+(?P<named_forces>army|armed\s+forces|air\s+force|navy)\b"
)
