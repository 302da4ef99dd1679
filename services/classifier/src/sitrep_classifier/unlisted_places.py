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
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from sitrep_classifier.gazetteer_index import normalise
from sitrep_classifier.text import Passage, matches_in, word_starts
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
    kind: str  # "settlement" | "facility" | "admin1" | "admin2" | "region"
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
def _noun_starts() -> Any:
    """Where a place noun (or its modifier) can begin: the first words, lower case."""
    rules = _rules()
    phrases = [*_kind_of_noun(), *rules["nouns_before"], *rules["noun_modifiers"]]
    return word_starts(p.split()[0].lower() for p in phrases)


def _name() -> str:
    """A capitalised name of up to four words, joined by particles ("Umm Ruwaba", "Beit
    ash-Shati", "al-Hol"); "Flights at Mitiga" is not one name."""
    rules = _rules()
    word = r"[A-Z][\w'’]*(?:[.-][\w'’]+)*"
    particle = _alternation(rules["particles"])
    english = set(rules["particles_hyphen_only"])
    spaced = _alternation([p for p in rules["particles"] if p not in english])
    # "al-Hol camp": a particle joined by a hyphen may open the name in lower case
    return rf"(?:(?:{particle})-)?{word}(?:[ -](?:(?:{spaced})[ -]|(?:{particle})-)?{word}){{0,3}}"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A place noun (with a modifier: "refugee camp"), a name ending where one begins, and
    "of" and a name after one. Names are looked for only around the nouns."""
    rules = _rules()
    name = _name()
    nouns = list(_kind_of_noun())
    noun_at = re.compile(
        rf"\b(?:(?:{_alternation(rules['noun_modifiers'])})\s+)?"
        rf"(?P<noun>{_alternation([*nouns, *rules['nouns_before']])})s?\b",
        re.I,
    )
    name_ends = re.compile(rf"(?<![\w'’])(?P<name>{name})\s+$")
    of_name = re.compile(rf"\s+of\s+(?P<name>{name})")
    return noun_at, name_ends, of_name


@cache
def _listed_before() -> re.Pattern[str]:
    """A name that a list joins to the next one ("Kyeshero and " of "the Kyeshero and Katindo
    areas"): a plural noun makes each name of the list a place."""
    return re.compile(rf"(?<![\w'’])(?P<name>{_name()})(?:\s*,\s*|,?\s+and\s+)$")


@cache
def _kind_of_noun() -> dict[str, str]:
    """Each noun after a name -> the kind of place it makes ("province" -> admin1)."""
    return {
        " ".join(noun.split()): kind
        for kind, nouns in _rules()["nouns_after"].items()
        for noun in nouns
    }


_NAME_REACH = 80  # how far before its noun a name may begin
_WordSets = tuple[tuple[str, ...], frozenset[str], frozenset[str], frozenset[str]]


@cache
def _word_sets() -> _WordSets:
    """Nouns kept in a name (longest first: "international airport" before "airport"), words
    no name starts with, name particles, nouns before "of" and a name."""
    rules = _rules()
    return (
        tuple(sorted(set(rules["noun_kept_in_name"]), key=len, reverse=True)),
        frozenset(normalise(w) for w in rules["not_first"]),
        frozenset(normalise(w) for w in rules["particles"]),
        frozenset(rules["nouns_before"]),
    )


@cache
def _bare_name() -> tuple[re.Pattern[str], Any]:
    """A name after a locative or a verb of taking or hitting, where the clause goes on as
    after a place ("in Kuriga in Kaduna state", "near Odaisseh,", "take Lalibela"), and
    the automaton of those words' first words."""
    rules = _rules()
    cues = [*rules["locatives"], *rules["verbs_of_place"]]
    pattern = re.compile(
        rf"\b(?i:{_alternation(cues)})\s+(?P<name>{_name()})"
        rf"(?=\s*(?:[,.;:)(]|$)|\s+(?i:{_alternation(rules['name_followers'])})\b)"
    )
    return pattern, word_starts(c.split()[0].lower() for c in cues)


@cache
def _listed(marked: bool = False) -> re.Pattern[str]:
    """A name that continues a list of places ("towards Pemba and Mecufi", "on Nasir and
    nearby Ulang"), ending where a place's clause goes on; in a list a plural noun opens
    (`marked`: "the villages of Jbaa and Mahrouna to leave"), wherever the name ends."""
    rules = _rules()
    ending = (
        r"(?![\w'’-])"
        if marked
        else rf"(?=\s*(?:[,.;:)(]|$)|\s+(?i:{_alternation(rules['name_followers'])})\b)"
    )
    return re.compile(
        rf"(?:\s*,\s*|,?\s+(?:and|or)\s+)(?:nearby\s+|neighbouring\s+)?(?P<name>{_name()})" + ending
    )


_SPEAKER_AFTER = re.compile(
    r"\s*,\s*(?:who\s+)?(?:said|says|warned|warns|told|added|urged|urges|noted|stated|called|"
    r"insisted|stressed|wrote)\b"
)


# "the last hostage held in Gaza, Ran Gvili,": the name apposed is the person held there
_HELD_IN_BEFORE = re.compile(
    r"\b(?:hostages?|captives?|detainees?|prisoners?|journalists?|reporters?|activists?|"
    r"soldiers?|officers?|aid\s+workers?|nationals?|citizens?)\b[^.;,]{0,40}?"
    r"\b(?:held|detained|jailed|imprisoned|kidnapped|abducted|killed|arrested|missing)\s+"
    r"(?:in|at)\s+[^,.;]{1,40}$",
    re.IGNORECASE,
)


# "our correspondent in Deir al-Balah, Hani Mahmoud,", "the WHO representative in Gaza, Rik
# Peeperkorn,": the name apposed is the person posted there
_POSTED_IN_BEFORE = re.compile(
    r"\b(?:correspondents?|reporters?|journalists?|editors?|producers?|envoys?|ambassadors?|"
    r"representatives?|spokes(?:man|woman|person)|director|coordinator|head|chief)\s+"
    r"(?:in|at|for)\s+[^,.;]{1,40}$",
    re.IGNORECASE,
)


def listed_after(text: str, ends: list[int], marked: bool = False) -> list[Unlisted]:
    """The names that continue a list after each place ending at one of `ends` (`marked`:
    a list a plural place noun opened)."""
    out: list[Unlisted] = []
    pattern = _listed(marked)
    for end in sorted(set(ends)):
        if _HELD_IN_BEFORE.search(text, max(0, end - 100), end) or _POSTED_IN_BEFORE.search(
            text, max(0, end - 60), end
        ):
            continue
        while (m := pattern.match(text, end)) is not None:
            name = m.group("name")
            if name.replace(" ", "").replace("-", "").isupper():
                break
            if _SPEAKER_AFTER.match(text, m.end("name")):
                break  # "the expert on Sudan, Radhouane Nouicer, warned": a person, apposed
            out.append(Unlisted(name, "settlement", m.start("name"), m.end("name")))
            end = m.end("name")
    return out


@cache
def _included() -> re.Pattern[str]:
    """A name a list of places opens with "including" after a plural place noun ("retook
    several towns in Hiiraan, including Adan Yabaal and Moqokori")."""
    return re.compile(
        r"\b(?:towns|villages|cities|settlements|localities|districts|camps|neighbou?rhoods)\b"
        rf"[^.;:]{{0,100}}?\bincluding\s+(?P<name>{_name()})"
        rf"(?=\s*(?:[,.;:)(]|$)|\s+(?i:{_alternation(_rules()['name_followers'])})\b)"
    )


def _bare(text: str) -> list[Unlisted]:
    pattern, starts = _bare_name()
    found = [
        Unlisted(m.group("name"), "settlement", m.start("name"), m.end("name"))
        for m in matches_in(pattern, text, starts)
        if not m.group("name").replace(" ", "").replace("-", "").isupper()
    ]
    if "including" in text:
        found += [
            Unlisted(m.group("name"), "settlement", m.start("name"), m.end("name"))
            for m in _included().finditer(text)
            if not m.group("name").replace(" ", "").replace("-", "").isupper()
        ]
    return found


_SUBREGIONS = frozenset({"admin1", "admin2"})
_COMPASS = frozenset({"north", "south", "east", "west", "central", "upper", "lower"})
_SAINT = re.compile(r"(?:St\.?|Saint|Ste\.?|San|Santa|Sao|São)\s+[A-Z]")


def _without_owner(u: Unlisted) -> Unlisted:
    """ "Morocco's High Atlas mountains": the place is the High Atlas mountains."""
    cut = max(u.name.rfind("'s "), u.name.rfind("’s "))
    if cut < 0 or _SAINT.match(u.name):
        return u  # "St Mary's Catholic school": a saint's name is the place's own
    return replace(u, name=u.name[cut + 3 :], start=u.start + cut + 3)


_MODIFIER_FIRST = re.compile(
    r"(?:The\s+)?(?:[\w'’.]+-[a-z]+\s+|[A-Z]{2,4}\s+(?=[A-Z][a-z]))?(?=[A-Z])"
)


def _without_modifier(u: Unlisted) -> Unlisted:
    """ "The ICRC-supported Ndosho hospital", "Russian-held Oleshky", "the US Al Udeid air
    base": the place is the name after the sentence's article and the modifier."""
    m = _MODIFIER_FIRST.match(u.name)
    if m is None or not m.end():
        return u
    return replace(u, name=u.name[m.end() :], start=u.start + m.end())


_LISTED_RIVERS = frozenset({"river", "lake"})
# a sentence's capitalised first word before a name the noun after marks
_OPENING_PREPOSITIONS = frozenset(
    {"In", "At", "Near", "From", "Outside", "Around", "Across", "Inside"}
)


def _without_noun(
    u: Unlisted, after: Mapping[str, str], keep: tuple[str, ...], kept_capitalised: list[str]
) -> Unlisted:
    """ "in Kani Township": a bare name read with the place noun after it is the name without
    the noun, as "Kani township" is (but "Kerr County", "the Azovstal Steelworks" keep it)."""
    words = u.name.split()
    last = words[-1] if len(words) > 1 else ""
    if (
        not last[:1].isupper()
        or last.lower() not in after
        or _without_kept_noun(u.name, keep) != u.name
        or last in kept_capitalised
    ):
        return u
    end = u.end - len(last) - 1
    return replace(u, name=u.name[: -len(last) - 1], end=end)


def find(
    text: str,
    stop: frozenset[str],
    bare: bool = True,
    places_end: tuple[int, ...] = (),
    people: frozenset[str] = frozenset(),
    peoples: frozenset[str] = frozenset(),
) -> list[Unlisted]:
    """Names that a place noun marks as places, in text order; with `bare`, also names a
    locative or a verb of taking marks ("in Kuriga", "take Lalibela"), and names that go on
    a list after one of those or after a known place ending at one of `places_end`. A name
    holding a word of `stop` is none; nor is one made only of words of `people` ("Rubio").
    A facility's written name may open with a people's adjective of `peoples` ("the Saudi
    Maternity Hospital")."""
    noun_at, name_ends, of_name = _patterns()
    keep_noun, first_stop, particles, before = _word_sets()
    after = _kind_of_noun()
    kept_capitalised = _rules()["noun_kept_when_capitalised"]
    out: list[Unlisted] = _bare(text) if bare else []
    out += listed_after(text, [*places_end, *(u.end for u in out)]) if bare else []
    for m in matches_in(noun_at, text, _noun_starts()):
        said = " ".join(m.group("noun").lower().split())
        # "districts" is also a noun before a name ("the districts of X and Y"): after a name
        # it is the plural of "district"
        noun = said[:-1] if said not in after and said[:-1] in after else said
        if noun in after:  # "Zamzam camp", "the Azovstal steelworks"
            named = name_ends.search(text, max(0, m.start() - _NAME_REACH), m.start())
            if named:
                start = named.start("name")
                plural = m.group().endswith("s") and not noun.endswith("s")
                # "the Swat and Panjkora rivers": two rivers, each named bare, as "the Ravi"
                rivers = plural and noun in _LISTED_RIVERS
                with_noun = (
                    noun in keep_noun or m.group("noun") in kept_capitalised
                ) and not rivers
                end = m.end() if with_noun else named.end("name")
                out.append(Unlisted(text[start:end], after[noun], start, end))
                while plural and not with_noun:  # "the Kyeshero and Katindo areas"
                    named = _listed_before().search(text, max(0, start - _NAME_REACH), start)
                    if not named:
                        break
                    start = named.start("name")
                    out.append(Unlisted(named.group("name"), after[noun], start, named.end("name")))
        if said in before or noun in before:  # "the town of Barsalogho"
            named = of_name.match(text, m.end())
            if named:
                out.append(
                    Unlisted(
                        named.group("name"), "settlement", named.start("name"), named.end("name")
                    )
                )
                if said.endswith("s"):  # "the localities of Belot and Godet": each one
                    out += listed_after(text, [named.end("name")], marked=True)
    kept: list[Unlisted] = []
    owned = (
        _without_noun(_without_modifier(_without_owner(u)), after, keep_noun, kept_capitalised)
        for u in out
    )
    for u in sorted(owned, key=lambda u: (u.start, -u.end)):
        opening, _, rest = u.name.partition(" ")
        if rest and opening in _OPENING_PREPOSITIONS:  # "In Buner district alone, ...": Buner
            u = replace(u, name=rest, start=u.start + len(opening) + 1)
        words = [normalise(w) for w in re.split(r"[ -]+", _without_kept_noun(u.name, keep_noun))]
        owned_by_people = _peoples_facility(text, u, words[0], peoples)
        if (
            words[0] in first_stop
            and not owned_by_people
            and not (u.kind in _SUBREGIONS and words[0] in _COMPASS and len(words) > 1)
        ):
            continue  # but "North Gondar zone", "Lower Juba region"
        skip = words[0] in _COMPASS or owned_by_people
        if any(w in stop and w not in particles for w in words[skip:]):
            continue
        if all(w in people or w in particles for w in words):
            continue  # a person's name ("near Putin", "Khalil al-Hayya's office")
        if u.start > 0 and text[u.start - 1] in "'’-":
            continue  # inside a word ("Israel's")
        if u.name.endswith(("'s", "’s")):
            continue  # an owner, not a name ("Ukraine's territory")
        if kept and u.start < kept[-1].end:
            continue
        if u.kind == "facility" and _SOURCE_BEFORE.search(text, max(0, u.start - 40), u.start):
            continue  # "killing two, according to the Al-Ahli hospital": who counted, not where
        kept.append(u)
    return kept


_SOURCE_BEFORE = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?(?:(?:staff|doctors|officials|medics|a\s+doctor)\s+at\s+"
    r"(?:the\s+)?)?$",
    re.IGNORECASE,
)
_NAME_GOES_ON = re.compile(r"\s+[A-Z]")
_NAMED_FOR_PEOPLES = frozenset({"Hospital", "Centre", "Center"})


def _peoples_facility(text: str, u: Unlisted, first: str, peoples: frozenset[str]) -> bool:
    """ "the Saudi Maternity Hospital", "the Turkish Hospital": a hospital's written name may
    open with the people who built it; not "the Russian Orthodox Church" (a body) or "the
    Israeli Prison Service" (an agency)."""
    return (
        first in peoples
        and u.name.rsplit(None, 1)[-1] in _NAMED_FOR_PEOPLES
        and not _NAME_GOES_ON.match(text, u.end)
    )


def _without_kept_noun(name: str, kept: tuple[str, ...]) -> str:
    """ "Marco Fidel Suarez air base": the name's own words, without the noun kept in it."""
    lowered = name.lower()
    for noun in kept:
        if lowered.endswith(" " + noun):
            return name[: -len(noun) - 1]
    return name


def nearest(anchors: list[Anchor], at: int) -> Anchor | None:
    """The anchor closest to `at` in the passage; an anchor of another passage last."""
    if not anchors:
        return None
    return min(anchors, key=lambda a: (a.start < 0, abs(a.start - at), a.kind != "settlement"))


_WIDE = frozenset({"admin1", "region"})


def place_id(country: str | None, name: str) -> str:
    return f"unlisted:{country or 'XXX'}:{normalise(name).replace(' ', '-')}"


def locate(u: Unlisted, anchor: Anchor, passage: Passage) -> Location:
    """The unlisted place at its anchor's point: "near" a town (2), within a region (3); a
    first-level or informal region is itself precision 3."""
    near_town = anchor.kind in ("settlement", "facility") and u.kind not in _WIDE
    return Location(
        name=u.name,
        kind=u.kind,
        country=anchor.country,
        admin1=u.name if u.kind == "admin1" else anchor.admin1,
        lat=round(anchor.lat, 5),
        lon=round(anchor.lon, 5),
        precision=2 if near_town else 3,
        place_id=place_id(anchor.country, u.name),
        confidence=0.5 * (1.0 if passage.name == "text" else 0.8),
        span=passage.span(u.start, u.end),
    )
