"""A report as incident resolution sees it: the few facts of a `TaggedEvent` that decide
whether two reports tell of one happening, and the figures it claims.

Pure and JSON-round-trippable: the resolver stores it beside the report, so deciding
against earlier reports never needs their full events again.
"""

from __future__ import annotations

import calendar
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep_api.contribution import NOT_TALLIED, actor_tags, fields_of, version_rank
from sitrep_api.incidents.occurred import day_part, occurred_on
from sitrep_schemas import Actor, TaggedEvent, UpdateEvent
from sitrep_schemas.prose import telegraphic

_WORD = re.compile(r"[a-z]{3,}|\d+")


@cache
def _words() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        resources.files("sitrep_api.incidents")
        .joinpath("data/report_words.json")
        .read_text("utf-8")
    )
    return raw


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(_words()["stopwords"])


@cache
def generic_words() -> frozenset[str]:
    """Words every report of its kind of event uses; they do not tell two happenings apart."""
    return frozenset(_words()["generic"])


@cache
def nation_words() -> frozenset[str]:
    """The words of country names and their peoples' adjectives ("thai", "iran")."""
    return frozenset(_words()["nations"])


@cache
def _toll_update() -> re.Pattern[str]:
    return re.compile(_words()["toll_update"])


@cache
def _responsibility() -> re.Pattern[str]:
    return re.compile(_words()["responsibility"])


@cache
def _revision() -> re.Pattern[str]:
    return re.compile(_words()["revision"])


@cache
def _separate() -> re.Pattern[str]:
    return re.compile(_words()["separate"])


@cache
def _reaction() -> re.Pattern[str]:
    return re.compile(_words()["reaction"])


@cache
def _another() -> re.Pattern[str]:
    return re.compile(_words()["another"])


@cache
def _attacker_claim() -> re.Pattern[str]:
    return re.compile(_words()["attacker_claim"], re.IGNORECASE)


_CLAUSE_STARTS = (". ", "; ")
# who an attacker says it killed: its enemy's fighters, not people
_FIGHTERS_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:servicemen|soldiers|troops|militants|fighters|attackers|terrorists|"
    r"commanders|operatives|members|mercenaries|personnel|instructors|gunmen|insurgents|rebels|"
    r"jihadists|officers)\b",
    re.IGNORECASE,
)


def claimed_by_attacker(text: str, surface: str) -> bool:
    """Is the figure (its surface in the text) told by the side that struck, of its own
    strike ("Israel said it had killed two senior militants")? Such a count of its kills is
    the attacker's claim, not the incident's toll. The surface's first occurrence is read: a
    figure written twice in one item is taken where it first stands."""
    at = text.find(surface)
    if at < 0 or not _FIGHTERS_AFTER.match(text, at + len(surface)):
        return False  # "the strike, which killed 16 people": a toll, whoever tells it
    return _in_clause_before(_attacker_claim(), text, at)


def _in_clause_before(pattern: re.Pattern[str], text: str, at: int) -> bool:
    """Does `pattern` occur in the sentence or clause of `text` before offset `at`?"""
    start = max(text.rfind(mark, 0, at) for mark in _CLAUSE_STARTS) + 1
    return pattern.search(text, start, at) is not None


@cache
def _earlier() -> re.Pattern[str]:
    return re.compile(_words()["earlier"], re.IGNORECASE)


def told_of_earlier(text: str, surface: str) -> bool:
    """Is the figure (its surface's first occurrence) in a clause that tells of an earlier
    happening ("Another quake struck Herat, killing one, days after quakes killed more than
    1,000")? It is that happening's figure, not the report's."""
    at = text.find(surface)
    return at >= 0 and _in_clause_before(_earlier(), text, at)


@cache
def _canonical() -> dict[str, str]:
    canonical: dict[str, str] = _words()["canonical"]
    return canonical


def content_words(text: str) -> tuple[str, ...]:
    """Lower-cased words without diacritics, stopwords or a plural 's', variants read as
    their canonical word ("quake" as "earthquake"), sorted, unique."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out, stop, canonical = set(), _stopwords(), _canonical()
    for word in _WORD.findall(plain):
        if word in stop:
            continue
        if word in canonical:
            word = canonical[word]
        elif len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return tuple(sorted(out))


# A capitalised word: a name mid-sentence; at a text's start only in a telegraphic line
# (no closing full stop: "Crocus concert hall toll reaches 133"), where names lead
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]{2,}")
_SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")
_CALENDAR = frozenset(n.lower() for n in (*calendar.day_name, *calendar.month_name) if n)


def names_of(event: TaggedEvent) -> tuple[str, ...]:
    """The content words of the text's proper names that are none of the places (facilities
    aside) or actors the tagger found, nor generic, calendar or nation words ("the Thai army
    said": every report of a country says "Thai")."""
    text = event.event.text
    taken = [
        (loc.span.start, loc.span.end)
        for loc in event.locations
        if loc.span is not None and loc.span.field == "text" and loc.kind != "facility"
    ] + [
        (a.span.start, a.span.end)
        for a in event.actors
        if a.span is not None and a.span.field == "text"
    ]
    terse = telegraphic(text)
    found: set[str] = set()
    for m in _CAPITALISED.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue
        if not (terse and m.start() == 0) and (
            m.start() == 0 or _SENTENCE_END.search(text, 0, m.start())
        ):
            continue
        found.update(content_words(m.group()))
    found |= _acronyms(text, taken)
    return tuple(sorted(found - generic_words() - nation_words() - _CALENDAR))


# "World Central Kitchen" and "WCK", "Médecins Sans Frontières" and "MSF": a name of three
# words or more is also its initials, and an acronym is a name
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){2,}")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_LEAD_LABEL_END = re.compile(r"\s*[,:(—–-]")


def _acronyms(text: str, taken: list[tuple[int, int]]) -> set[str]:
    out = set()
    for m in _NAME_RUN.finditer(text):
        initials = "".join(word[0] for word in m.group().split()).lower()
        out.add(initials)
        if len(initials) > 3:  # "Seven World Central Kitchen staff": the sentence's first word
            out.add(initials[1:])
    for m in _ACRONYM.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue
        if m.start() == 0 and _LEAD_LABEL_END.match(text, m.end()):
            continue  # "KYIV, Ukraine (AP) —", "KIRKUK:": a dateline or a line's label
        out.add(m.group().lower())
    return out - weapon_words()


@cache
def weapon_words() -> frozenset[str]:
    """The one-word names of weapons ("himars", "atacms"): many reports name them."""
    return frozenset(w for words in _words()["weapons"].values() for w in words if " " not in w)


@cache
def _class_patterns(table: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per class of a word table of report_words.json ('weapons', 'hazards')."""
    return tuple(
        (name, re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")s?\b"))
        for name, words in _words()[table].items()
    )


def _classes(table: str, text: str) -> tuple[str, ...]:
    lowered = text.lower()
    return tuple(name for name, pattern in _class_patterns(table) if pattern.search(lowered))


def weapons(text: str) -> tuple[str, ...]:
    """The weapon classes a text names ('fire', 'drone', 'air', 'explosive', 'gun')."""
    return _classes("weapons", text)


# "died in hospital", "taken to a nearby hospital", "hospital officials said": where the
# wounded went or who counted them, not what was hit
_CARE_AT = re.compile(
    r"\b(?:in|to|at|from)\s+(?:a\s+|the\s+)?(?:local\s+|nearby\s+|regional\s+)?hospitals?\b"
    r"|\bhospitals?\s+(?:officials?|sources?|staff|directors?|chiefs?|authorities|records)\b"
)


def targets(text: str) -> tuple[str, ...]:
    """The kinds of place struck that a text names ('printing', 'shop', 'hospital', ...)."""
    return _classes("targets", _CARE_AT.sub(" ", text.lower()))


def hazards(text: str) -> tuple[str, ...]:
    """The kinds of natural hazard a text names ('earthquake', 'flood', 'storm', ...)."""
    return _classes("hazards", text)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    place_id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    precision: int


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str
    value: float
    unit: str | None
    qualifier: str | None
    attributed_to: str | None  # who the report says made the claim, when it says so


@dataclass(frozen=True, slots=True)
class Report:
    event_id: str
    source: str
    rank: str  # classifier version, comparable as text: a newer tagging replaces the report
    reported_key: str  # orders one source's reports: "{bulletin day}|{received ms}|{position}"
    received_ms: int
    occurred: str  # ISO date the happening took place
    occurred_precision: str  # "day" or "week"
    occurred_basis: str
    event_type: str
    category: str
    tallied: bool  # other.background / other.meta never join or count
    places: tuple[PlaceRef, ...]
    actors: tuple[str, ...]  # who acted (country code, else name), for the conflict check
    words: tuple[str, ...]  # content words of headline and text
    day_part: str | None
    weapons: tuple[str, ...]
    toll_update: bool  # "the toll has risen to 11": a revision of an earlier happening's toll
    claims: tuple[Claim, ...]
    headline: str
    hazards: tuple[str, ...] = ()  # natural hazards named (reports stored before had none)
    # The actor and actor-type index names of the report ("actor:m23", "actor_type:state"),
    # so /v1/incidents filters on actors as /v1/events does (stored reports before had none).
    actor_tags: tuple[str, ...] = ()
    # "the USGS upgraded the quake to magnitude 8.8": a figure revised by whoever gave it
    # (reports stored before had none)
    revision: bool = False
    # "Separately, ...": another happening than the items of its bulletin before it
    separate: bool = False
    # "UNICEF said it was appalled by the killing of children ...": a reaction to a happening,
    # not a report of it (stored reports before had none)
    reaction: bool = False
    # the armed groups that acted, by name ("Allied Democratic Forces"): two reports of one
    # day naming the same group need fewer words in common (stored reports before had none)
    groups: tuple[str, ...] = ()
    # the kinds of place struck it names ("printing", "shop"): a printing house and a
    # hypermarket of one city are two strikes (stored reports before had none)
    targets: tuple[str, ...] = ()
    # the proper names of its text that are no place or actor the tagger knows ("Crocus" of
    # the Crocus City Hall, "Bourbon" of Bourbon Street): two reports sharing one tell of
    # one happening on less else (stored reports before had none)
    names: tuple[str, ...] = ()
    # "Hamas's armed wing claimed the Jaffa shooting": a claim of responsibility, told often a
    # day or more after the attack it claims (stored reports before had none)
    responsibility: bool = False
    # "Another drone attack on Kharkiv overnight", "A second strike hit": a happening after one
    # of its kind told before, never one of a day before it (stored reports before had none)
    another: bool = False

    def claim(self, kind: str) -> float | None:
        """The value the report claims for `kind` ("killed", "magnitude"), if any."""
        return next((c.value for c in self.claims if c.kind == kind), None)

    @property
    def bulletin_day(self) -> str:
        return self.reported_key.partition("|")[0]

    @property
    def family(self) -> str:
        return self.event_type.split(".", 1)[0]

    def countries(self) -> tuple[str, ...]:
        return tuple(sorted({p.country for p in self.places if p.country}))

    def to_json(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies every value (a third of a resolver batch).
        data = fields_of(self)
        data["places"] = [fields_of(p) for p in self.places]
        data["claims"] = [fields_of(c) for c in self.claims]
        return data

    def occurred_on(self) -> dict[str, str]:
        return {
            "date": self.occurred, "precision": self.occurred_precision,
            "basis": self.occurred_basis,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """A stored report. Its words, labels and places are shared with every other report
        read (interned), so a resolver holding tens of thousands of them holds each word once."""
        fields = dict(data)
        for name in _SHARED_FIELDS:
            fields[name] = sys.intern(data[name])
        fields["places"] = tuple(_place_ref(**p) for p in data["places"])
        fields["claims"] = tuple(Claim(**c) for c in data["claims"])
        fields["actors"] = _interned(data["actors"])
        fields["words"] = _interned(data["words"])
        fields["weapons"] = _interned(data["weapons"])
        fields["hazards"] = _interned(data.get("hazards", ()))
        fields["actor_tags"] = _interned(data.get("actor_tags", ()))
        fields["groups"] = _interned(data.get("groups", ()))
        fields["targets"] = _interned(data.get("targets", ()))
        fields["names"] = _interned(data.get("names", ()))
        return cls(**fields)


_SHARED_FIELDS = ("source", "rank", "occurred", "occurred_precision", "occurred_basis",
                  "event_type", "category")  # fmt: skip
_PLACE_REFS: dict[tuple[Any, ...], PlaceRef] = {}


def _interned(words: Any) -> tuple[str, ...]:
    return tuple(sys.intern(w) for w in words)


def _place_ref(**fields: Any) -> PlaceRef:
    """One PlaceRef per distinct place (the table is cleared when it grows past 100,000)."""
    key = tuple(fields.values())
    held = _PLACE_REFS.get(key)
    if held is None:
        if len(_PLACE_REFS) >= 100_000:
            _PLACE_REFS.clear()
        held = _PLACE_REFS[key] = PlaceRef(**fields)
    return held


# "Russia's defence ministry said drones attacked airfields": the side that tells of an
# attack on it is its target's voice, not a side that acted (the conflict check reads sides)
_SPEAKS_AFTER = re.compile(
    r"\s*(?:has\s+|had\s+)?(?:said|says|reported|reports|claimed|claims|announced|stated)\b"
)


# "...; Zelensky calls it 'savage'": a clause of its own where someone judges what happened
_JUDGES_AFTER = re.compile(
    r"\s*(?:calls|called|condemns|condemned|denounces|denounced|decries|decried|describes|"
    r"described)\b"
)
_CLAUSE_BEFORE = re.compile(r"[;,]\s*$|\s[-–—]\s*$")


def _speaker_only(actor: Actor, update: UpdateEvent) -> bool:
    """Is the actor named only as who speaks ("the defence ministry said ...", "...; Zelensky
    calls it 'savage'")?"""
    span = actor.span
    if span is None:
        return False
    value = update.text if span.field == "text" else (update.headline or "")
    if _SPEAKS_AFTER.match(value, span.end) is not None:
        return True
    return bool(
        _JUDGES_AFTER.match(value, span.end)
        and _CLAUSE_BEFORE.search(value, max(0, span.start - 3), span.start)
    )


_HARM_KINDS = frozenset({"killed", "injured", "casualties"})


def report_of(event: TaggedEvent) -> Report:
    update = event.event
    when = occurred_on(event)
    received_ms = int(update.received_at.timestamp() * 1000)
    day = (update.bulletin_date or update.received_at.date()).isoformat()
    text = " ".join(filter(None, [update.headline, update.text]))
    opening = update.text.lstrip().lower()  # how the item's own text begins
    attribution = event.attributed_to[0].name if event.attributed_to else None
    claims: dict[str, Claim] = {}
    for q in event.quantities:
        if q.modality is not None:
            continue  # expected or projected numbers are not a toll
        if q.kind in _HARM_KINDS and claimed_by_attacker(update.text, q.surface):
            continue
        if told_of_earlier(update.text, q.surface):
            continue
        # Several figures of one kind in one report are mostly a total and its parts
        # ("12 killed, including 3 children"): the report claims the largest.
        held = claims.get(q.kind)
        if held is None or q.value > held.value:
            claims[q.kind] = Claim(q.kind, q.value, q.unit, q.qualifier, attribution)
    places = {
        loc.place_id: _place_ref(
            place_id=loc.place_id, name=loc.name, kind=loc.kind, country=loc.country,
            admin1=loc.admin1, lat=loc.lat, lon=loc.lon, precision=loc.precision,
        )
        for loc in event.locations
    }  # fmt: skip
    actors = sorted(
        {
            a.country or a.name
            for a in event.actors
            if a.role == "actor" and a.type == "state" and not _speaker_only(a, update)
        }
    )
    groups = sorted(
        {a.name for a in event.actors if a.role == "actor" and a.type == "non_state_armed"}
    )
    return Report(
        event_id=event.event_id,
        source=update.source,
        rank=version_rank(event.classifier.version),
        reported_key=f"{day}|{received_ms:015d}|{update.position:05d}",
        received_ms=received_ms,
        occurred=when.date.isoformat(),
        occurred_precision=when.precision,
        occurred_basis=when.basis,
        event_type=event.event_type,
        category=event.category,
        tallied=event.event_type not in NOT_TALLIED,
        places=tuple(places.values()),
        actors=tuple(actors),
        actor_tags=actor_tags(event),
        words=_interned(content_words(text)),
        day_part=day_part(text),
        weapons=weapons(text),
        toll_update=bool(_toll_update().search(text.lower())),
        claims=tuple(sorted(claims.values(), key=lambda c: c.kind)),
        headline=(update.headline or update.text)[:200],
        hazards=hazards(text),
        revision=bool(_revision().search(text.lower())),
        separate=bool(_separate().match(opening)),
        reaction=bool(_reaction().match(opening)),
        groups=tuple(groups),
        targets=targets(text),
        names=names_of(event),
        responsibility=bool(_responsibility().search(text.lower())),
        another=bool(_another().match(opening)),
    )
