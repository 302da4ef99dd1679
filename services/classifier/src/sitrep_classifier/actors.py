"""Who did it (actors, with type/sector/country/role) and who says so (attributed_to)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import ahocorasick  # type: ignore[import-not-found]  # a C extension without stubs

from sitrep_classifier.text import (
    COMPASS_PAIR,
    DESTINATION_BEFORE,
    STATE_ORGAN_AFTER,
    EndAnchored,
    Passage,
    caseless,
    fold,
    matches_in,
    word_starts,
)
from sitrep_schemas import Actor, Quantity, TextSpan
from sitrep_schemas.events import Attribution


def _unaccented_table() -> dict[int, str]:
    """Latin letters with accents -> the letter ("á" -> "a"), one character for one, so
    offsets in the text hold."""
    table = {}
    for code in range(0xC0, 0x250):
        parts = unicodedata.normalize("NFD", chr(code))
        if len(parts) > 1 and all(unicodedata.combining(c) for c in parts[1:]):
            table[code] = parts[0]
    return table


_UNACCENTED = _unaccented_table()

_MEMBERS_FROM_BEFORE = EndAnchored(
    r"\b(?:attackers|assailants|fighters|gunmen|militants|members|rebels|insurgents|"
    r"combatants|men)\s+(?:of|from)\s+(?:the\s+)?$",
    ("of", "from", "the"),
)
_RECIPIENT_BEFORE = EndAnchored(
    r"\b(?:on|against|at|targeting|to|for|with|into|from|toward|towards)\s+(?:the\s+)?$",
    (
        "on",
        "against",
        "at",
        "targeting",
        "to",
        "for",
        "with",
        "into",
        "from",
        "toward",
        "towards",
        "the",
    ),
)
_MILITARY_AFTER = caseless(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:has\s+|have\s+)?(?:fired|launched|attacked|struck|shelled|conducted|"
    r"used|captured|bombed|deployed|advanced|invaded|hit|targeted)\b"
)
_REACH = 80
_NOUN_AFTER = re.compile(
    r"^\s+(?!(?:in|on|at|near|from|and|or|was|were|who|had|has|is|during|after|by|with|as)\b)[a-z]"
)
_PLACE_BEFORE = EndAnchored(
    r"\b(?:in|into|inside|across|throughout|within|over|of|reached|near|outside|around|borders|"
    # "4,000 km from Ukraine": a distance's reference point
    r"bordering|(?:km|kilomet(?:er|re)s?|miles)\s+from|"
    r"(?:border|borders|frontier|boundary|crossing|crossings)\s+with|"
    # "near the border with Niger and Burkina Faso": the list goes on
    r"(?:border|borders|frontier|boundary)\s+with\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?,?\s+and)"
    r"\s+(?:the\s+)?"
    rf"(?:{COMPASS_PAIR}|"  # "across eastern and central Nepal"
    r"\w+(?:ern|-held)\s+|(?:north|south)[- ]?(?:east|west)\s+|central\s+|mainland\s+|"
    r"neighbou?ring\s+)?$",
    (
        "in",
        "into",
        "inside",
        "across",
        "throughout",
        "within",
        "over",
        "of",
        "reached",
        "near",
        "outside",
        "around",
        "from",
        "borders",
        "bordering",
        "with",
        "the",
        "ern",
        "held",
        "east",
        "west",
        "central",
        "mainland",
        "neighbouring",
        "neighboring",
        "and",
    ),
)
# What a state organ issues, after its name at the head of a title ("IDF statement")
_DOCUMENT = r"(?:statement|summary|update|briefing|report|communiqu[eé]|bulletin|release)"
_DOCUMENT_AFTER = caseless(rf"[\s:,-]*(?:[a-z]+\s+){{0,2}}?{_DOCUMENT}s?\b")
# "Summary of the Russian Defence Ministry on ...": the document's word first
_DOCUMENT_BEFORE = caseless(rf"^(?:daily\s+)?{_DOCUMENT}\s+(?:of|from|by)\s+(?:the\s+)?")
_POSSESSIVE_AFTER = re.compile(r"^[’']s\b")
# A country's appeal or plan: "the Sudan Humanitarian Response Plan", "the Lebanon Flash Appeal"
_APPEAL_AFTER = re.compile(
    r"^\s+(?:humanitarian\s+(?:response|needs|appeal|fund)|flash\s+appeal|regional\s+refugee)\b"
)
# "the representative of Rwanda", "the foreign ministers of the UK": the state, not a place
_OFFICE_OF_BEFORE = re.compile(
    r"\b(?:representative|representatives|ambassador|envoy|delegate|delegation|government|"
    r"authorities|leaders?|ministers?|ministry|ministries|"
    r"permanent\s+mission)\s+of\s+(?:the\s+)?$"
)
_NAMED_DEAL_AFTER = re.compile(
    r"^\s+(?:peace\s+)?(?:agreement|agreements|accord|accords|deal|declaration|format|process)\b"
)
# Groups with national chapters or country offices named after them ("Oxfam Sudan")
_CHAPTERED = frozenset({"civil_society", "intergovernmental"})
# "Sudan Doctors Network", "Syrian Human Rights Observatory": a body named after the country
_ORGANISATION_AFTER = re.compile(
    r"(?:\s+[A-Z][a-z]+){0,3}\s+(?:Network|Society|Association|Syndicate|Federation|Observatory|"
    r"Institute|Foundation|Union\s+of|Bar|Red\s+Crescent|Red\s+Cross|Airways|Airlines|Company|Corporation)\b"
)
# "Indian aviation regulators", "the Russian aviation authority": civil aviation, not an air force
_RESOLUTION_AFTER = re.compile(r"\s+resolutions?\b")
# "wrote on Telegram", "in a post on his Telegram channel": the medium, not a party
_MEDIUM_BEFORE = re.compile(
    r"\b(?:wrote|writes|said|says|posted|posts|published|announced|stated|shared|added|post|"
    r"message|statement|video)\s+(?:on|via|in)\s+(?:(?:his|her|its|their|the|a)\s+)?$"
)
_CIVIL_AVIATION_AFTER = re.compile(
    r"\s+(?:regulators?|authorit(?:y|ies)|administration|agency|industry|sector|safety|"
    r"officials|watchdog|ministry|minister)\b"
)
# "the UN Special Envoy for Syria": the country is the envoy's brief, not a party
_MANDATE_BEFORE = re.compile(
    r"\b(?:[Ee]nvoy|[Rr]epresentative|[Cc]oordinator|[Rr]apporteur|[Cc]ommission(?:er)?)\s+"
    r"(?:for|on)\s+(?:the\s+)?$"
)
_APPEAL_BEFORE = re.compile(r"\b(?:plan|appeal)\s+for\s+(?:the\s+)?$")
_BROKERED = re.compile(r"-(?:brokered|mediated) ")
_STATE_PAIR = re.compile(
    r"\b(?P<first>[A-Z][A-Za-z]+)-(?P<second>[A-Z][A-Za-z]+)\s+(?:[a-z]+\s+)?(?:talks|deal|"
    r"agreement|summit|negotiations|ceasefire|truce|dialogue|accord|meeting|prisoner\s+swap)\b"
)
# "the likely successor to Hassan Nasrallah", "a son of Muammar Gaddafi": named through another
_RELATION_BEFORE = re.compile(
    r"\b(?:successor|predecessor|heir|widow|son|daughter|brother|sister|cousin|nephew|"
    # "the Special Representative of the Secretary-General, Bintou Keita": she acts
    r"representative|envoy|adviser|advisor|spokes(?:man|woman|person))\s+"
    r"(?:to|of|for)\s+(?:the\s+late\s+|the\s+)?$",
    re.I,
)
_MODEL_BETWEEN = re.compile(
    r"\b(?P<people>[A-Z][a-z]+)\s+(?:[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]{0,2}s?)\s+"
    r"(?P<noun>(?:fighter\s+)?jets?|bombers|warplanes?|aircraft|helicopters?|drones?|tanks?|missiles?)\b"
)
# "Russian and Ukrainian delegations": the noun is the first adjective's too
_DISTRIBUTED_NOUNS = (
    "delegations", "forces", "troops", "soldiers", "officials", "negotiators", "leaders",
    "militaries", "armies", "navies", "navy", "warships", "jets", "warplanes", "aircraft",
    "mediators", "mediation", "authorities", "governments",
)  # fmt: skip
# "Iraqi counter-terrorism forces", "Kenyan special forces units", "Ukrainian long-range
# drones": a people's forces with modifiers no alias lists
_MODIFIED_FORCES = re.compile(
    r"\b(?P<people>[A-Z][a-z]+)\s+(?:(?:[a-z][a-z-]+\s+){1,2}(?:forces|troops|units|commandos)|"
    # "Russian infiltration groups": small units of its forces, not armed groups of its people
    r"(?:infiltration|assault|reconnaissance)\s+groups|"
    r"(?:long-range|attack|combat|fighter|kamikaze|strike|naval|unmanned|military|reconnaissance)"
    r"\s+(?:drones|jets|warplanes))\b"
)
_MODIFIED_NOUNS = (
    "forces", "troops", "units", "commandos", "drones", "jets", "warplanes", "groups",
)  # fmt: skip
_DISTRIBUTED = re.compile(
    # "Polish and Dutch F-35 fighter jets": a model or a kind between the peoples and the noun;
    # "Polish and allied aircraft": the first people's too
    # "Estonian, Latvian and Lithuanian leaders": each people's before "and"
    # "Ukrainian and U.S. delegations": the second in initials with dots
    rf"\b(?P<first>[A-Z][A-Za-z]+(?:\s*,\s*[A-Z][A-Za-z]+)*),?\s+and\s+(?:[A-Z][A-Za-z]+|U\.[SK]\.|allied)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<noun>{'|'.join(_DISTRIBUTED_NOUNS)})\b"
)
_OWN_FORCES_AFTER = caseless(
    r"^(?:[’']s\s+(?:[a-z-]+\s+){1,3}?)?\s*(?:has\s+|had\s+)?(?:said|says|claimed|claims|reported|reports|announced)\s+"
    # "claimed on Dec. 11 that its troops", "said on Monday that"
    r"(?:on\s+(?:[a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[a-z]+|[a-z]+day)\s+)?(?:that\s+)?(?:(?:its|their)\s+(?:\w+\s+)?(?:troops|forces|air\s+defen[cs]es?|air\s+force|units|"
    r"soldiers|army|fighters|jets|aircraft|navy)|(?:forces|troops)\s+(?:have\s+|had\s+)?"
    r"(?:captured|took|taken|seized|liberated|repelled|shot\s+down|destroyed|hit|struck))\b"
)
_TITLE_AFTER = caseless(
    # not across a verb: "the Constitutional Court suspended Prime Minister X" (the court acts)
    r"^(?:[’']s)?\s+(?:(?!\w+ed\b)\w+\s+){0,2}?(?:spokes(?:man|woman|person)|officials?|envoy|minister|"
    r"chief|"
    r"ambassador|president|secretary(?:[- ]general)?|commander|head|leader|lawmaker|governor|mayor|"
    r"director|member|aide|advis[eo]r|commissioner(?:[- ]general)?)\b"
)
# "the UN peacekeeping force UNIFIL", "the UN refugee agency, UNHCR": the agency's name follows
_AGENCY_NAMED_AFTER = re.compile(
    r"(?:\s+[a-z][\w'’-]*){0,2}\s+(?:agency|force|mission|office|body|programme|program|fund|"
    r"organi[sz]ation)(?:,\s+|\s+)"
)
# "killed Hezbollah's top commander, X": the group loses him; it is a party to the strike
_KILLING_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|assassinated|assassinating|eliminated|eliminating|targeted|"
    r"targeting)\s+$"
)
_TRAILING_ATTRIBUTION = re.compile(
    # "..., the governor, Mykola Kalashnyk, said.": the name between commas
    # ("the U.S. Geological Survey": an initial's dot inside the name)
    r",\s+(?P<who>(?:the\s+)?[A-Za-z](?:[^,;.]|(?<=[A-Z])\.(?=[A-Z]\.|\s+[A-Z])){1,60}?),?\s+"
    r"(?:(?:said|says|say|claimed|reported|announced|stated|added|confirmed)"
    # "..., the governor, Oleksandr Prokudin, said on Telegram."
    r"(?:\s+(?:on\s+(?:Telegram|X|Facebook|social\s+media)|in\s+a\s+(?:statement|post)))?|"
    # "..., the governor wrote on Telegram.", "..., a source told Reuters."
    r"(?:wrote|posted)\s+on\s+(?:Telegram|X|Facebook|social\s+media)|"
    r"told\s+(?:Reuters|AFP|AP|reporters|journalists))(?=\s*[.;,]|\s*$)",
)
# "Residents say ...", "Witnesses told ...": an unnamed crowd that speaks is a source, not a party.
_CROWD_SOURCE = caseless(
    r"(?:^|[.;:]\s+)(?P<who>(?:local\s+)?(?:residents|witnesses|villagers|locals|eyewitnesses))\s+"
    r"(?:say|said|told|report|reported|describe|described)\b"
)
_ATTRIBUTION = caseless(
    r"\b(?:according\s+to|as\s+reported\s+by|reported\s+by|as\s+claimed\s+by|"
    # not "citing \"ongoing threats\" from RSF cells": a reason, not a source
    r"citing(?!\s+(?:[\"“‘']|(?:the\s+|a\s+|an\s+)?(?:ongoing\s+|continued\s+|security\s+)?"
    r"(?:threats?|concerns?|fears?|reasons?|security|risks?|need|lack|evidence|violations?)\b)))\s+"
    r"(?P<who>(?:the\s+)?[^,.;:()\n]{2,80}?)(?=\s*(?:[,.;:()]|$|\s+(?:on|in|said|that|which)\b))"
)
# Every _ATTRIBUTION match holds one of these: without one the search is skipped.
_ATTRIBUTION_WORDS = ("according", "reported", "citing", "claimed")
# Every _TRAILING_ATTRIBUTION match holds one of these (any case; most in lower case).
_SPEECH_WORDS = (
    "said", "say", "claimed", "reported", "announced", "stated", "added", "confirmed", "wrote",
    "posted", "told",
)  # fmt: skip
_CROWD_WORDS_SPEAKING = ("residents", "witnesses", "villagers", "locals")
_LEADING_THE = re.compile(r"^the\s+", re.I)
# "RSF drone hits funeral in El Obeid, 40 killed - UN": a wire line's source after a dash
_DASH_SOURCE = re.compile(
    r"(?<=\S)\s[-–]\s+(?P<who>(?:the\s+)?[A-Za-z][\w.'’]*(?:\s+[A-Za-z][\w.'’]*){0,4}?)\s*\.?$"
)


_NICKNAME = re.compile(r"\s+[\"“][^\"”]{1,30}[\"”]")
# "army chief General Waker-Uz-Zaman": a rank after the title is no part of the name
_RANK = re.compile(
    r"(?:(?:Lieutenant|Major|Brigadier)[ -])?(?:General|Gen\.|Field\s+Marshal|Marshal|Colonel|"
    r"Col\.|Admiral|Brigadier)\s+(?=[A-Z])"
)
# "Kharkiv Oblast, the governor of which": a place, not a person, before the title
_PLACE_WORDS = frozenset({"oblast", "region", "province", "state", "city", "county", "district"})
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|(?:al|el)-[A-Z][\w’'-]*|(?:al|bin|ibn|el|de|da|van|von|der|le|la)(?=\s+[A-Z]))"


_PROPER = r"[A-Z][\w’'-]*"


# "struck the Defense Ministry headquarters", "taken to the National Center of Forensic
# Medicine": a place; "the group's Political Bureau": an organ its owner stands for
_BODY_AS_PLACE_BEFORE = EndAnchored(
    r"(?:\b(?:at|to|into|inside|outside|near|struck|hit|attacked|stormed|targeted)\s+the\s+"
    r"|[’']s\s+)$",
    ends=("the", "'s", "’s"),
)
_BODY_AS_PLACE_AFTER = re.compile(
    r"\s+(?:headquarters|building|compound|offices|premises|estate|housing|complex|grounds|"
    # "parts of Artibonite and Centre departments": places
    r"departments|provinces|regions|districts|states|counties|governorates)\b"
)


def _bodies(heads: Mapping[str, str]) -> re.Pattern[str]:
    """A proper name headed by one of `heads` ("Tehran Water Company"), or opened by one with
    what it is of or for ("Department of Public Works and Highways")."""
    head = "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
    return re.compile(
        rf"\b(?P<name>(?:{_PROPER}\s+(?:and\s+)?){{0,5}}(?P<head>{head})\b"
        rf"(?P<of>\s+(?:of|for)\s+(?:the\s+)?{_PROPER}(?:\s+(?:and\s+)?{_PROPER}){{0,4}}){{0,2}})"
    )


def _in_all_cases(titles: list[str]) -> set[str]:
    """Each title as listed, with a capital first letter, and in lower case."""
    return {*titles, *(t[:1].upper() + t[1:] for t in titles), *(t.lower() for t in titles)}


@dataclass(frozen=True)
class Unlisted:
    """How to find actors the list does not name (`actors.json`, "unlisted")."""

    persons: re.Pattern[str]  # a title, then a person's name
    # a sentence opened by a name, then its title: "Carlos Manzo, the mayor of Uruapan, ..."
    appositive: re.Pattern[str]
    title_starts: Any  # where a title can begin (first words, lower case)
    igo_titles: frozenset[str]
    civil_titles: frozenset[str]  # "Archbishop X", "activist Y": a person of civil society
    former: re.Pattern[str]  # "former" just before the title
    groups: re.Pattern[str]  # a proper name ending in a group noun
    not_first: frozenset[str]
    group_words: frozenset[str] = frozenset()  # the words of group_suffixes
    title_words: frozenset[str] = frozenset()  # last words of titles, lower case ("president")
    victim_kinds: frozenset[str] = frozenset()  # figures whose people are victims
    victim_nouns: frozenset[str] = frozenset()  # the nouns that make them civilians
    victimless: frozenset[str] = frozenset()  # event families whose dead are a toll only
    # event families where only a noun that says so ("31 civilians were killed") makes victims
    # civilians: a tally of "people" counts the dead, it does not name a party
    named_only: frozenset[str] = frozenset()
    named_nouns: frozenset[str] = frozenset()
    generic_groups: frozenset[str] = frozenset()  # "gangs": a named group in the text is them
    # a proper name headed by a body's noun ("the Tehran Water Company"), and each noun's type
    bodies: re.Pattern[str] | None = None
    body_types: Mapping[str, str] = field(default_factory=dict)
    state_body_first: frozenset[str] = frozenset()
    body_not_first: frozenset[str] = frozenset()
    # "the enemy attacked with 728 drones" in one side's statement: the other side of a war
    # with two sides (ISO-3 to ISO-3)
    enemies: Mapping[str, str] = field(default_factory=dict)
    # "the paramilitary" in a bulletin about Sudan: the RSF (ISO-3 -> noun -> actor name)
    home_descriptors: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Unlisted:
        civil = raw.get("civil_titles", [])
        # "junta chief" opens a sentence as "Junta chief"; "German chancellor Friedrich Merz"
        # writes the title in lower case
        titles = sorted(
            _in_all_cases(raw["person_titles"] + raw["igo_titles"] + civil), key=len, reverse=True
        )
        title = "|".join(map(re.escape, titles))
        suffixes = sorted(raw["group_suffixes"], key=len, reverse=True)
        # "N Biren Singh", "K.P. Sharma Oli": an initial opens a name too
        # 'Jorge "Tuto" Quiroga': a nickname in quotes after the first name
        name = rf"[A-Z](?:[\w’'-]+|\.)?(?:\s+[\"“][A-Z][\w’'-]*[\"”])?(?:[ -]{_NAME_WORD}){{1,3}}"
        plurals = raw["plural_person_titles"]
        plural = "|".join(map(re.escape, {*plurals, *(t.lower() for t in plurals)}))
        return cls(
            # "President X", "the governor of West Darfur, Khamis Abakar", "Presidents X and Y"
            persons=re.compile(
                rf"\b(?:(?P<title>{title})"
                rf"(?:\s+(?:for|of)\s+[\w’' -]{{1,40}}?,\s+|\s+(?:for|of)\s+(?!the\b)[a-z][a-z-]*\s+"
                rf"|,\s+|\s+)(?P<name>{name})"
                rf"|(?P<plural>{plural})\s+(?P<first>{name})\s+and\s+(?P<second>{name}))"
            ),
            appositive=re.compile(
                rf"(?:^|(?<=[.;:!?]\s))(?P<name>{name}),\s+(?:the|a|an|its|their|"
                rf"[A-Z][\w’'-]*[’']s)\s+(?:[\w’'-]+\s+){{0,3}}?"
                rf"(?P<title>{title})(?=\s+(?:of|for|in)\b|,)"
            ),
            title_starts=word_starts(
                t.split()[0].lower() for t in (*titles, *raw["plural_person_titles"])
            ),
            igo_titles=frozenset(
                {*raw["igo_titles"], *(t[:1].upper() + t[1:] for t in raw["igo_titles"])}
            ),
            civil_titles=frozenset(_in_all_cases(civil)),
            former=re.compile(
                rf"(?:{'|'.join(map(re.escape, raw['former_before']))})\s*(?:\w+\s+)?$", re.I
            ),
            groups=re.compile(
                rf"\b(?P<name>(?:[A-Z][\w’'-]*\s+){{1,5}}(?:{'|'.join(map(re.escape, suffixes))}))\b"
            ),
            not_first=frozenset(raw["not_group_first_words"]),
            title_words=frozenset(
                t.split()[-1].lower().rstrip(".")
                for t in (
                    *raw["person_titles"],
                    *raw["igo_titles"],
                    *civil,
                    "Mr",
                    "Mrs",
                    "Ms",
                    "Dr",
                )
            ),
            group_words=frozenset(w for suffix in raw["group_suffixes"] for w in suffix.split()),
            victim_kinds=frozenset(raw.get("victim_kinds", ())),
            victim_nouns=frozenset(raw.get("victim_nouns", ())),
            victimless=frozenset(raw.get("victims_not_in_families", ())),
            named_only=frozenset(raw.get("victims_only_named_in_families", ())),
            named_nouns=frozenset(raw.get("named_victim_nouns", ())),
            generic_groups=frozenset(raw.get("generic_groups", ())),
            bodies=_bodies(raw["body_heads"]) if raw.get("body_heads") else None,
            body_types=dict(raw.get("body_heads", {})),
            state_body_first=frozenset(raw.get("state_body_first_words", ())),
            body_not_first=frozenset(raw.get("body_not_first_words", ())),
            enemies=dict(raw.get("enemies", {})),
            home_descriptors={
                home: dict(nouns) for home, nouns in raw.get("home_descriptors", {}).items()
            },
        )


@dataclass(frozen=True)
class ActorEntry:
    name: str
    type: str
    sector: str | None
    country: str | None
    person: bool = False
    adjectives: frozenset[str] = frozenset()  # aliases that, before a noun, only describe it
    # the country a mission of no country works in ("MONUSCO": COD): where its text's places are
    theatre: str | None = None


class ActorIndex:
    def __init__(self, aliases: dict[str, ActorEntry], unlisted: Unlisted | None = None) -> None:
        self.aliases = aliases
        self.unlisted = unlisted
        # First words of states' names and forces ("Sudanese", "Kenya"): "Sudanese Army" is a
        # state's army, not an armed group.
        self.state_words = frozenset(
            alias.split()[0] for alias, entry in aliases.items() if entry.type == "state"
        )
        # of those, the words of states, not of persons ("Afghan", not "Ahmed")
        self.body_state_words = frozenset(
            alias.split()[0]
            for alias, entry in aliases.items()
            if entry.type == "state" and not entry.person
        )
        self._countries = {
            alias.casefold(): entry.country
            for alias, entry in aliases.items()
            if entry.type == "state" and entry.sector is None and entry.country and not entry.person
        }
        # A country's armed forces ("Ukrainian forces"), for "Ukraine's air force".
        self.forces = _forces_by_country(aliases)
        # One pass over the text for every alias (a regex alternation of ~1,500 names
        # was most of classify()'s time).
        # Accents are read as their letters, in names and in text ("Orbán" is "Orban").
        self._automaton = ahocorasick.Automaton()
        for alias in aliases:
            plain = alias.translate(_UNACCENTED)
            if plain not in self._automaton:
                self._automaton.add_word(plain, alias)
        self._automaton.make_automaton()

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest alias occurrences on word boundaries: (start, end, alias)."""
        found = []
        for end_index, alias in self._automaton.iter(text.translate(_UNACCENTED)):
            start, end = end_index - len(alias) + 1, end_index + 1
            if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")) or (
                end < len(text)
                and (text[end].isalnum() or text[end] in "-_$")
                and not self._leads(text, end, alias)
            ):
                continue  # inside a word, or a currency ("US$2.7 billion")
            if self._another_first_name(text, start, alias):
                continue  # "Hamas spokesman Hazem Qassem" is not Naim Qassem
            found.append((start, end, alias))
        if "-" in text:
            found += self._paired_states(text)
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        chosen: list[tuple[int, int, str]] = []
        for match in found:
            if not chosen or match[0] >= chosen[-1][1]:
                chosen.append(match)
        return chosen

    def _paired_states(self, text: str) -> list[tuple[int, int, str]]:
        """ "US-Iran nuclear talks", "the Thailand-Cambodia ceasefire", "a joint EAC-SADC
        summit": both states or blocs are parties (not "the Russia-Ukraine war", a name for
        the whole conflict)."""
        found = []
        for m in _STATE_PAIR.finditer(text):
            for group in ("first", "second"):
                entry = self.aliases.get(m.group(group))
                if entry is None or not (
                    entry.type == "intergovernmental"
                    or (entry.type == "state" and entry.sector is None)
                ):
                    break
            else:
                found += [(m.start(g), m.end(g), m.group(g)) for g in ("first", "second")]
        return found

    def _another_first_name(self, text: str, start: int, alias: str) -> bool:
        """Is a listed person's surname alone ("Qassem") written after another first name?"""
        if " " in alias or not self.aliases[alias].person:
            return False
        before = _NAME_BEFORE.search(text, max(0, start - 25), start)
        return (
            before is not None
            and before.group(1) not in _TITLE_WORDS
            # "Tayyip Erdogan": a middle name of the listed person's own
            and before.group(1) not in self.aliases[alias].name.split()
        )

    def _leads(self, text: str, end: int, alias: str) -> bool:
        """ "the RSF-led alliance": an armed group's name before "-led" names the group; "a
        UAE-brokered exchange", "US-mediated talks": the state that brokered them is a party."""
        entry = self.aliases[alias]
        if text.startswith("-led ", end):
            return entry.type == "non_state_armed"
        return (
            entry.type == "state"
            and entry.sector is None
            and _BROKERED.match(text, end) is not None
        )

    def _with_models(
        self, text: str, found: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """ "Thai F-16 jets", "Russian Su-34 bombers": a type designation between a people's
        adjective and the noun leaves the listed "Thai jets"."""
        extra = []
        for m in _MODEL_BETWEEN.finditer(text):
            alias = f"{m.group('people')} {m.group('noun')}"
            if alias in self.aliases and all(e <= m.start() or s >= m.end() for s, e, _ in found):
                extra.append((m.start(), m.end(), alias))
        return sorted(found + extra) if extra else found

    def country_named(self, name: str) -> str | None:
        """The ISO-3 code of the country `name` is ("Sudan", "ukraine"), if it is one."""
        return self._countries.get(name.strip().rstrip(":").strip().casefold())

    @lru_cache(maxsize=10_000)  # noqa: B019 - one index per process; one entry per title
    def state_of(self, label: str) -> str | None:
        """The ISO-3 code of the one state a label names an organ or the forces of
        ("Russian Defence Ministry summary", "IDF statement"), if it names one."""
        # "Summary of the Russian Defence Ministry on ...": the organ after the document's word
        document = _DOCUMENT_BEFORE.match(fold(label))
        organ = self._matches(label[document.end() :]) if document else []
        alias = organ[0][2] if organ and organ[0][0] == 0 else self._organ_before_document(label)
        if alias is None:
            return None
        entry = self.aliases[alias]
        return entry.country if entry.type == "state" and not entry.person else None

    def body_in(self, label: str, noun: str) -> ActorEntry | None:
        """The body a label names by a name holding `noun` or followed by it, that a
        document's items call "the <noun>" ("Final communique of the ECOWAS Authority of
        Heads of State": the Authority is ECOWAS; "... of the Peace and Security Council")."""
        for _, end, alias in self._matches(label):
            entry = self.aliases[alias]
            if entry.person or entry.type not in ("intergovernmental", "state"):
                continue
            if noun.lower() in alias.lower().split() or label[end:].lstrip().startswith(noun):
                return entry
        return None

    def _organ_before_document(self, label: str) -> str | None:
        """The alias opening a label that goes on to name a document ("IDF statement")."""
        found = self._matches(label)
        if not found or found[0][0] != 0:  # "Ukrainian Air Force: ...": a title's capitals
            first, _, rest = label.partition(" ")
            label = f"{first} {rest.lower()}"
            found = self._matches(label)
        if not found or found[0][0] != 0 or not _DOCUMENT_AFTER.match(label, found[0][1]):
            return None  # "Russian Offensive Campaign Assessment" is about, not by, Russia
        return found[0][2]

    def with_countries(
        self, countries: dict[str, str], spellings: Mapping[str, str] | None = None
    ) -> ActorIndex:
        """Every country name not already known becomes a state actor ("Kenya's president"),
        and its other official `spellings` ("Viet Nam") name the same actor."""
        aliases = dict(self.aliases)
        for name, iso3 in countries.items():
            # "The Netherlands" is "the Netherlands" mid-sentence, and "Netherlands" by name
            bare = name.removeprefix("The ")
            entry = ActorEntry(bare, "state", None, iso3)
            # only a name that takes the article gets it: "the Myanmar" would hide "the
            # Myanmar National Democratic Alliance Army" (the longest match starts first)
            named = (name, bare, f"the {bare}") if name != bare else (name,)
            for alias in dict.fromkeys(named):
                aliases.setdefault(alias, entry)
        by_code = {iso3: aliases[name.removeprefix("The ")] for name, iso3 in countries.items()}
        for spelling, iso3 in (spellings or {}).items():
            if iso3 in by_code:
                aliases.setdefault(spelling, by_code[iso3])
        _add_state_bodies(aliases)  # "Kenya Police": now that Kenya is known by name
        return ActorIndex(aliases, self.unlisted)

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> ActorIndex:
        aliases: dict[str, ActorEntry] = {}
        arms = tuple(raw.get("national_forces_nouns", {}).get("nouns", ()))
        for entry in raw["actors"]:
            actor = ActorEntry(
                entry["name"],
                entry["type"],
                entry.get("sector"),
                entry.get("country"),
                bool(entry.get("person")),
                frozenset(entry.get("adjectives", ())),
                entry.get("theatre"),
            )
            names = [entry["name"], *entry["aliases"]]
            if (
                actor.type == "state"
                and actor.sector == "military"
                and actor.name.endswith(" forces")
            ):
                # "Tanzanian security forces": a country's forces by their common news name
                adjective = actor.name.removesuffix(" forces")
                # and as statements name it: "Israeli aggression", "the Israeli enemy's strike"
                names += [
                    f"{adjective} {noun}"
                    for noun in ("security forces", "armed forces", "aggression", "enemy")
                ]
                if actor.country:  # "Russian glide bombs", "Sudanese troops": a state's arms
                    names += [f"{adjective} {noun}" for noun in arms]
            for alias in names:
                aliases.setdefault(alias, actor)
                if alias[:1].islower():  # "gang members" also opens a sentence as "Gang members"
                    aliases.setdefault(alias[:1].upper() + alias[1:], actor)
                # "Russian defence ministry" is also written "Russian Defence Ministry"
                titled = " ".join(w[:1].upper() + w[1:] for w in alias.split(" "))
                if titled != alias and not alias.isupper():
                    aliases.setdefault(titled, actor)
                if alias.isupper() and alias.isalpha() and len(alias) >= 4:
                    # British style writes a spoken acronym as a word: "Unicef", "Unifil", "Nato"
                    aliases.setdefault(alias.capitalize(), actor)
                # "the U.N. Security Council", "U.S. forces": the initials with dots
                for initials, dotted in (("UN ", "U.N. "), ("US ", "U.S. "), ("UK ", "U.K. ")):
                    if alias.startswith(initials):
                        aliases.setdefault(dotted + alias[len(initials) :], actor)
        _add_state_bodies(aliases)
        unlisted = Unlisted.from_data(raw["unlisted"]) if "unlisted" in raw else None
        return cls(aliases, unlisted)

    def attributions(self, passages: list[Passage]) -> list[tuple[Attribution, Passage, int, int]]:
        """Who a claim is attributed to: "according to X", "X said." at the end of a sentence."""
        out = []
        for passage in passages:
            value, lower = passage.value, passage.lower
            found: list[re.Match[str]] = []
            if any(word in lower for word in _ATTRIBUTION_WORDS):
                found += _ATTRIBUTION.finditer(lower)
            if any(word in lower for word in _SPEECH_WORDS):
                found += _TRAILING_ATTRIBUTION.finditer(value)
            if any(word in lower for word in _CROWD_WORDS_SPEAKING):
                found += _CROWD_SOURCE.finditer(lower)
            if " - " in value or " – " in value:
                # after a whole line ("... 40 killed - UN"), not in a label ("Ukraine - Russia")
                found += (
                    m for m in _DASH_SOURCE.finditer(value) if value.count(" ", 0, m.start()) >= 4
                )
            for m in found:
                raw = value[m.start("who") : m.end("who")]
                who = raw.strip()
                start = m.start("who") + (len(raw) - len(raw.lstrip()))
                span = passage.span(start, start + len(who))
                name = _LEADING_THE.sub("", who)
                out.append((Attribution(name=name, span=span), passage, start, start + len(who)))
        return out

    def find(self, passages: list[Passage]) -> tuple[list[Actor], list[Attribution]]:
        """Actors of the text; the headline's ("Kremlin Warning") only when the text names none."""
        text_actors, claims = self._find(passages[:1])
        if text_actors or len(passages) < 2:
            return text_actors, claims
        return self._find(passages[1:])[0], claims

    def _find(self, passages: list[Passage]) -> tuple[list[Actor], list[Attribution]]:
        claims = self.attributions(passages)
        actors: dict[str, Actor] = {}
        for passage in passages:
            text, lower = passage.value, passage.lower
            matches = self._matches(text)
            if "-" in text:
                matches = self._with_models(text, matches)
            persons = [start for start, _, alias in matches if self.aliases[alias].person]
            chapters = {end for _, end, alias in matches if self.aliases[alias].type in _CHAPTERED}
            igos = {s for s, _, alias in matches if self.aliases[alias].type == "intergovernmental"}
            # Persons by their title, listed or not: read once, for "Hezbollah chief Naim
            # Qassem" (the person, not the group, is the actor) and by _unlisted
            titled = (
                list(matches_in(self.unlisted.persons, text, self.unlisted.title_starts))
                if self.unlisted is not None
                else []
            )
            apposed = (
                [
                    m
                    for m in self.unlisted.appositive.finditer(text)
                    if not _PLACE_WORDS & set(m.group("name").lower().split())
                ]
                if ", " in text and self.unlisted is not None
                else []
            )
            titled += apposed
            persons += [m.start("name") for m in titled if m.group("name")]
            for m_start, m_end, alias in matches:
                if _in_claim(claims, passage, m_start):
                    continue  # the source of a claim is not an actor in it
                entry = self.aliases[alias]
                if alias.lower() in entry.adjectives and _NOUN_AFTER.match(
                    text[m_end : m_end + _REACH]
                ):
                    continue  # "civilian rule" describes; "a civilian" was hurt
                # Context patterns are anchored at the mention: a bounded window keeps
                # each search short (an unbounded prefix is rescanned from its start).
                before, after = (
                    lower[max(0, m_start - _REACH) : m_start],
                    lower[m_end : m_end + _REACH],
                )
                as_country = entry.type == "state" and entry.sector is None  # "Kenya", not its army
                if as_country and text[m_start - 1 : m_start] == " " and m_start - 1 in chapters:
                    continue  # "Amnesty International Kenya": the group's chapter there
                if as_country and any(m.start() < m_start < m.end() for m in apposed):
                    continue  # "Volodymyr Zelensky, Ukraine's president, said": the person acts
                if as_country and text.endswith("Air ", 0, m_start):
                    continue  # "Air India" is an airline
                if entry.type == "intergovernmental" and (
                    (text.startswith(("'s ", "’s "), m_end) and m_end + 3 in igos)
                    or (
                        entry.name == "United Nations"
                        and (named := _AGENCY_NAMED_AFTER.match(text, m_end))
                        and named.end() in igos
                    )
                ):
                    continue  # "the UN's World Food Programme", "the UN peacekeeping force
                    # UNIFIL": the agency acts
                if entry.type == "intergovernmental" and _RESOLUTION_AFTER.match(after):
                    continue  # "Security Council resolution 1701": a text's name
                if entry.sector == "platform" and _MEDIUM_BEFORE.search(before):
                    continue
                if alias.lower().endswith(" aviation") and _CIVIL_AVIATION_AFTER.match(after):
                    continue  # "Indian aviation regulators told airlines": not the air force
                organ = STATE_ORGAN_AFTER.match(after)
                if (
                    as_country
                    and not organ
                    and (
                        (
                            _PLACE_BEFORE.search(before)
                            and not _OFFICE_OF_BEFORE.search(before)
                            and not _STATE_PAIR.match(text, m_start)  # "a round of US-Iran talks"
                            and not _BROKERED.match(text, m_end)  # "in a UAE-brokered swap"
                        )
                        or DESTINATION_BEFORE.search(before)
                        or _POSSESSIVE_AFTER.match(after)
                        or _NAMED_DEAL_AFTER.match(after)
                        or _ORGANISATION_AFTER.match(text, m_end, m_end + _REACH)
                    )
                ):
                    continue  # "in Lithuania" is a place; "Ukraine's railway" names an owner;
                    # "the Washington peace agreement" is named after the city
                if as_country and (
                    _APPEAL_AFTER.match(after)
                    or _APPEAL_BEFORE.search(before)
                    or _MANDATE_BEFORE.search(before)
                ):
                    continue  # "the Yemen Humanitarian Response Plan", "the plan for the DRC"
                if not entry.person and any(
                    m.group("title")
                    and m.group("name")
                    and m_start <= m.start("title") < m_end <= m.start("name")
                    for m in titled
                ):
                    continue  # "the Humanitarian Coordinator for Sudan, Denise Brown": she acts
                if not entry.person and any(
                    m.group("title")
                    and m.group("name")
                    and m.end("title") < m_start
                    and m_end <= m.start("name")
                    and _OF_BETWEEN.match(text, m.end("title"), m_start)
                    for m in titled
                ):
                    continue  # "the head of the Revolutionary Guards, Hossein Salami": he acts
                if not entry.person and _HEAD_OF_BEFORE.search(
                    text, max(0, m_start - _REACH), m_start
                ):
                    continue  # "Rashad al-Alimi, head of the Presidential Leadership Council": he acts
                if entry.person and _RELATION_BEFORE.search(before):
                    continue  # the person named is the one through whom another is named
                if (
                    as_country
                    and _OFFICE_OF_BEFORE.search(before)
                    and any(m_end < pos <= m_end + 3 for pos in persons)
                ):
                    continue  # "the Prime Minister of Armenia, Nikol Pashinyan": the person acts
                title = _TITLE_AFTER.match(after)
                if (
                    title
                    and not entry.person
                    and any(m_end < pos <= m_end + title.end() + 3 for pos in persons)
                    and not _KILLING_BEFORE.search(before)
                ):
                    continue  # "Kremlin spokesman Dmitry Peskov": the person is the actor
                role = _role(before)
                forces_named = organ and (organ.group("forces") or organ.group("named_forces"))
                if forces_named and entry.country in self.forces:
                    entry = self.forces[entry.country]  # "Ukraine's air force": Ukrainian forces
                elif (
                    entry.type == "state"
                    and entry.country in self.forces
                    and _OWN_FORCES_AFTER.match(after)
                ):
                    # "Russia's defence ministry said its troops took X", "Ukraine says its
                    # forces hit ...": the speaker is the source, its troops are the actor
                    entry = self.forces[entry.country]
                sector = entry.sector or ("military" if forces_named else None)
                if (
                    entry.type == "state"
                    and sector is None
                    and role == "actor"
                    and _MILITARY_AFTER.match(after)
                ):
                    sector = "military"
                if entry.name not in actors:
                    actors[entry.name] = _listed(entry, passage, m_start, m_end, sector, role)
            distributed = (
                _DISTRIBUTED.finditer(text)
                if " and " in text and any(noun in text for noun in _DISTRIBUTED_NOUNS)
                else ()
            )
            for m in distributed:  # "Russian and Ukrainian delegations"
                nouns = dict.fromkeys((m.group("noun"), m.group("noun").rstrip("s")))
                for people in re.finditer(r"[A-Z][A-Za-z]+", m.group("first")):
                    start, end = m.start("first") + people.start(), m.start("first") + people.end()
                    for noun in nouns:
                        shared = self.aliases.get(f"{people.group()} {noun}")
                        if shared is not None:
                            if shared.name not in actors:
                                actors[shared.name] = _listed(shared, passage, start, end)
                            break
            modified = (
                _MODIFIED_FORCES.finditer(text)
                if any(noun in lower for noun in _MODIFIED_NOUNS)
                else ()
            )
            for m in modified:  # "Iraqi counter-terrorism forces": Iraqi forces
                forces = self.aliases.get(f"{m.group('people')} forces")
                if (
                    forces is None
                    or forces.type != "state"
                    or forces.name in actors
                    or any(s < m.end() and m.start() < e for s, e, _ in matches)  # an alias's
                    or _in_claim(claims, passage, m.start())
                ):
                    continue
                before = lower[max(0, m.start() - _REACH) : m.start()]
                role = _role(before)
                actors[forces.name] = _listed(forces, passage, m.start(), m.end(), role=role)
            taken = [(start, end) for start, end, _ in matches]
            taken += [(s, e) for _, p, s, e in claims if p is passage]
            owners = {end: self.aliases[alias].type for _, end, alias in matches}
            for name, kind, start, end in self._unlisted(text, titled, taken, owners):
                for known in [n for n, a in actors.items() if _inside(a.span, passage, start, end)]:
                    del actors[known]  # "Myanmar" in "Myanmar National Democratic Alliance Army"
                known_entry = self.aliases.get(name)
                if known_entry is not None:  # "Gang Suppression Force": a name the list has
                    if known_entry.name not in actors:
                        actors[known_entry.name] = _listed(known_entry, passage, start, end)
                    continue
                if kind != "non_state_armed":
                    for known in [n for n, a in actors.items() if _titles(a, passage, start)]:
                        del actors[known]  # "Kenya's president William Ruto": the person acts
                if name not in actors:
                    before = lower[max(0, start - _REACH) : start]
                    actors[name] = Actor(
                        name=name, type=kind, sector=None, country=None,
                        role=_role(before),
                        confidence=0.6 if passage.name == "text" else 0.4,
                        span=passage.span(start, end),
                    )  # fmt: skip
        return list(actors.values()), [claim for claim, *_ in claims]

    def is_person(self, name: str) -> bool:
        """Is `name` a person's: a listed person, or a name of two to four words none of
        which is a body's, a group's or a state's word ("Sinisa Karan", not "Electoral
        Commission" or "Karen National Union")."""
        entry = self.aliases.get(name)
        if entry is not None:
            return entry.person
        words = name.split()
        unlisted = self.unlisted
        return (
            unlisted is not None
            and 2 <= len(words) <= 4
            and all(_PERSON_WORD.match(w) for w in words)
            and not any(
                w in unlisted.body_types or w in unlisted.group_words or w in self.body_state_words
                for w in words
            )
        )

    def recalled(
        self, passages: list[Passage], named: Mapping[str, Actor], actors: list[Actor]
    ) -> list[Actor]:
        """`actors` and those an earlier item introduced (`named`: short name -> actor) that
        the text refers to by the short name alone ("Karan took 50.4 percent"), unless the
        mention is a claim's source, whose ("Dodik's party"), or part of another name."""
        passage = passages[0]
        text = passage.value
        have = {a.name for a in actors}
        claims: list[tuple[Attribution, Passage, int, int]] | None = None
        out = list(actors)
        for short, actor in named.items():
            if actor.name in have or short not in text:
                continue
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(short)}(?![\w-]|[’']s\b)", text):
                start, end = m.span()
                before = _NAME_BEFORE.search(text, max(0, start - 30), start)
                if (
                    before is not None
                    and self.unlisted is not None
                    and before.group(1).lower() not in self.unlisted.title_words
                ) or _CAPITAL_AFTER.match(text, end):
                    continue  # "Hassan" of "Ali Hassan" or "Hassan Sheikh": another person
                if any(a.span is not None and a.span.field == passage.field
                       and a.span.start <= start < a.span.end for a in out):  # fmt: skip
                    continue
                if claims is None:
                    claims = self.attributions(passages)
                if _in_claim(claims, passage, start):
                    continue
                title = _TITLE_AFTER.match(passage.lower[end : end + _REACH])
                if title and _PERSON_AFTER_TITLE.match(text, end + title.end()):
                    continue  # "USDP leader Khin Yi told a rally": the person acts
                role = _role(passage.lower[max(0, start - _REACH) : start])
                out.append(
                    actor.model_copy(
                        update={"role": role, "confidence": 0.5, "span": passage.span(start, end)}
                    )
                )
                have.add(actor.name)
                break
        return out

    def _national_forces(self, words: list[str]) -> str | None:
        """The name of a country's forces entry when `words` are its armed forces' official
        name ("Ethiopian National Defense Force", "Kenya Defence Forces", "Somali National
        Army"), else None."""
        if not _NATIONAL_FORCES.match(" ".join(words[1:])):
            return None
        entry = self.aliases.get(f"{words[0]} army") or self.aliases.get(f"{words[0]} forces")
        if entry is None:
            entry = self.forces.get(self._countries.get(words[0].casefold(), ""))
        return entry.name if entry is not None and entry.name in self.aliases else None

    def _unlisted(
        self,
        text: str,
        titled: list[re.Match[str]],
        taken: list[tuple[int, int]],
        owners: dict[int, str],
    ) -> list[tuple[str, str, int, int]]:
        """(name, type, start, end) of persons with a title (`titled`, the unlisted persons
        pattern's matches in `text`) and named armed groups the list does not know, outside
        the spans of known actors and claims. `owners`: the type of each known actor by where
        it ends; "Hezbollah chief Naim Qassem" is of Hezbollah's."""
        if self.unlisted is None:
            return []
        found: list[tuple[str, str, int, int]] = []

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in taken)

        def free_or_within(start: int, end: int) -> bool:
            """Overlaps only spans it contains: a group's name holds a country's."""
            return all(e <= start or end <= s or (start <= s and e <= end) for s, e in taken)

        for m in titled:
            title = m.group("title") or m.groupdict().get("plural")
            kind = (
                "intergovernmental"
                if title in self.unlisted.igo_titles
                else "civil_society"
                if title in self.unlisted.civil_titles
                else "state"
            )
            opens = m.start("title") if m.group("title") else m.start()
            if self.unlisted.former.search(text[max(0, opens - 30) : opens]):
                kind = "former_official"
            elif m.group("title"):
                head = text[:opens].rstrip()
                gap = _OWNER_GAP.search(head)  # "Hezbollah's top military commander, X"
                owner = owners.get(gap.start() if gap else len(head))
                if owner in ("non_state_armed", "intergovernmental"):
                    kind = owner
            for group in ("name",) if m.group("name") else ("first", "second"):
                start, end = m.span(group)
                if not free(start, end):
                    continue
                written = m.group(group).rstrip(".")  # "met Premier Li Qiang."
                if written.endswith(("'s", "’s")):
                    taken.append((start, end))
                    continue  # "President Rajapaksa's residence": whose, not who acts
                rank = _RANK.match(written)  # a capital follows it: a name is left
                if rank:
                    written, start = written[rank.end() :], start + rank.end()
                found.append((_NICKNAME.sub("", written), kind, start, start + len(written)))
                taken.append((start, end))
        for m in self.unlisted.groups.finditer(text):
            start, end = m.span("name")
            words = m.group("name").split()
            if words[0] in self.unlisted.not_first:
                words, start = words[1:], start + len(words[0]) + 1
            if len(words) > 2 and words[0].endswith(("'s", "’s")):
                # "Hezbollah's Radwan Force": the unit, not whose it is
                words, start = words[1:], start + len(words[0]) + 1
            if words and _BACKER.match(words[0]):
                # "the UN-backed Gang Suppression Force": who backs it is not its name
                words, start = words[1:], start + len(words[0]) + 1
            if len(words) < 2 or not free_or_within(start, end):
                continue
            if len(words) == 2 and words[0] in self.state_words:
                continue  # "Sudanese Army": a state's
            if _ORDINAL_BEFORE.search(text, max(0, start - 8), start):
                continue  # "the 8th Combined Arms Army": a unit of a state's forces
            forces = self._national_forces(words)
            if forces is not None:  # "Ethiopian National Defense Force": Ethiopian forces
                found.append((forces, "state", start, end))
                taken.append((start, end))
                continue
            found.append((" ".join(words), "non_state_armed", start, end))
            taken.append((start, end))
        found += self._bodies(text, taken)
        return found

    def _bodies(self, text: str, taken: list[tuple[int, int]]) -> list[tuple[str, str, int, int]]:
        """(name, type, start, end) of bodies the list does not know by the noun that heads
        their name ("the Uganda Journalists Association"); not where the noun is part of a
        name the list has ("Supreme Court") or of one found before."""
        unlisted = self.unlisted
        if unlisted is None or unlisted.bodies is None:
            return []
        found: list[tuple[str, str, int, int]] = []
        for m in unlisted.bodies.finditer(text):
            head_start, head_end = m.span("head")
            if any(s < head_end and head_start < e for s, e in taken):
                continue
            start = m.start("name")
            if _BODY_AS_PLACE_BEFORE.search(text[max(0, start - 30) : start]) or (
                _BODY_AS_PLACE_AFTER.match(text, m.end("name"))
            ):
                continue
            words = m.group("name").split()
            skip = unlisted.not_first | unlisted.body_not_first
            while words and words[0] in skip:
                start += len(words[0]) + 1
                words = words[1:]
            if words and words[0].endswith(_OWNED) and words[0] not in _NAMED_BY_OWNER:
                # "Russia's Federal Security Service", "Oli's Communist Party of Nepal": whose
                # it is is no part of its name, as "People's" of "People's Democratic Party" is
                start += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2 or (len(words) == 2 and words[0] in self.state_words):
                continue  # "Commission", "Ukrainian Parliament": a state's, or no name
            kind = unlisted.body_types[m.group("head")]
            if words[0] in unlisted.state_body_first:
                kind = "state"
            end = m.end("name")
            name = " ".join(words)
            qualifier = _QUALIFIER_AFTER.match(text, end)
            if qualifier is not None:  # "Communist Party of Nepal (Unified Marxist-Leninist)"
                name, end = f"{name}{qualifier.group()}", qualifier.end()
            found.append((name, kind, start, end))
            taken.append((start, end))
        return found


# "'s top military" between a known actor and a person's title: the actor is whose he is
_OWNED = ("'s", "’s")
# a bracketed qualifier that is part of a body's name: words, not an acronym ("(NABU)")
_QUALIFIER_AFTER = re.compile(r" \([A-Z][\w-]*(?: [A-Z][\w-]*)+\)")
_NAMED_BY_OWNER = frozenset(
    f"{word}{mark}" for word in ("People", "Workers", "Women", "Farmers") for mark in _OWNED
)
_PERSON_AFTER_TITLE = re.compile(r",?\s+[A-Z][\w’'-]+\s+[A-Z]")
_OF_BETWEEN = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?$")
_PERSON_WORD = re.compile(rf"^{_NAME_WORD}$")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z][a-z]")
_OWNER_GAP = re.compile(r"['’]s(?:\s+[a-z][a-z-]*){0,3}$")
_BACKER = re.compile(
    r"[\w.]+-(?:backed|led|supported|allied|aligned|funded|linked|affiliated|authori[sz]ed|"
    r"mandated|sponsored)$"
)


# A capitalised word right before a surname: a first name, unless a title
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s$")
_TITLE_WORDS = frozenset({
    "President", "Minister", "Premier", "Chancellor", "Sheikh", "Mr", "Mrs", "Ms", "Dr",
    "General", "Gen", "Colonel", "Col", "Lt", "Major", "Marshal", "Commander", "Leader",
    "Speaker", "Senator", "Governor", "Mayor", "Chief", "Secretary", "Envoy", "Spokesman",
    "Judge", "Justice", "King", "Queen", "Prince", "Emir", "Sultan", "Ayatollah", "Pope",
    "Cardinal", "Imam", "Rabbi", "Sayyed", "Sayyid", "Hajj", "Comrade", "Director", "Deputy",
    "Former", "Ex", "Said", "Says", "And", "But", "Then", "When", "While", "Yesterday", "Today",
    "The", "A", "An", "Of", "In", "On", "At", "By", "For", "With", "From",
})  # fmt: skip
# "Name Surname, head of the ...": a person named by the body they lead
_HEAD_OF_BEFORE = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+)?[A-Z][\w'’-]+){1,3},\s+(?:the\s+)?(?:[a-z-]+\s+)?"
    r"(?:head|leader|chair|chairman|chairwoman|president|chief|commander|founder|director|"
    r"secretary[- ]general)\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$"
)
_ORDINAL_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+$")


def _forces_by_country(aliases: dict[str, ActorEntry]) -> dict[str, ActorEntry]:
    """Each country's armed forces entry ("Ukrainian forces") by its ISO-3 code."""
    return {
        entry.country: entry
        for entry in aliases.values()
        if entry.type == "state" and entry.sector == "military" and entry.country
        and entry.name.endswith(" forces")
    }  # fmt: skip


def _add_state_bodies(aliases: dict[str, ActorEntry]) -> None:
    """ "Kenyan police officers": each country with armed forces in the list ("Kenyan forces")
    has a police under the same adjective, and under its country's name ("Nepal Police"),
    unless the list names it otherwise; its ambassador, diplomats and intelligence services
    under the adjective stand for the state itself ("the French ambassador")."""
    countries: dict[str, str] = {}
    for alias, entry in aliases.items():
        if (
            entry.type == "state"
            and entry.sector is None
            and entry.country
            and not entry.person  # not "Massad Boulos", the US envoy
            and alias == entry.name
        ):
            # the list's first state entry of a country is the country ("Haiti"), a later
            # one an organ of it ("Transitional Presidential Council")
            countries.setdefault(entry.country, entry.name)
    for entry in _forces_by_country(aliases).values():
        adjective = entry.name.removesuffix(" forces")
        police = ActorEntry(f"{adjective} police", "state", "police", entry.country)
        for alias in (
            "police", "police officers", "policemen", "police force", "national police",
            "border police", "Border Police", "riot police",
        ):  # fmt: skip
            aliases.setdefault(f"{adjective} {alias}", police)
        country = countries.get(entry.country or "")
        if country is not None:
            for alias in ("Police", "police", "National Police", "Police Service"):
                aliases.setdefault(f"{country} {alias}", police)
            # "ordered the French ambassador to leave": the envoy stands for the state, as
            # do its government and authorities ("Thai authorities have determined ...")
            for alias in (
                "ambassador",
                "diplomats",
                "mediators",
                "mediation",
                "prosecutors",
                "intelligence",
                "intelligence services",
                "government",
                "authorities",
                "leaders",
                "foreign ministry",
                "Foreign Ministry",
            ):
                aliases.setdefault(f"{adjective} {alias}", aliases[country])


# "the army", "the junta", "military jets": a state's forces named without their state.
_BARE_FORCES = caseless(
    # "a state of emergency allowing troops to patrol": permitted, not acting
    r"(?<!allowing )(?<!allows )(?<!allow )(?<!authorising )(?<!authorizing )"
    # "foreign military bases": no one's forces in particular; "the regional military
    # administration": Ukraine's civil authority in a region
    r"(?<!foreign )(?<!regional )(?<!city )(?<!city's )(?<!city’s )"
    # "false information about the army": what was said, not who acted
    r"(?<!about )(?<!about the )"
    r"\b(?:the\s+)?(?:army|military|junta|armed\s+forces|security\s+forces|"
    # "air defence means shot down", "units of the Centre group of forces"
    r"air\s+defen[cs]es?(?:\s+(?:systems?|means|units|forces))?(?=\s+(?:shot|downed|destroyed|"
    r"intercepted|repelled|neutrali[sz]ed|were|was|have|has|had|are|is)\b)|"
    r"units(?=\s+of\s+the\s+\w+\s+group)|"
    r"(?:government|federal)\s+(?:forces|troops|aircraft|warplanes|jets)|troops|soldiers|gendarmes|"
    # "loyal forces had foiled the attempt": the state's, against its mutineers
    r"loyal(?:ist)?\s+(?:forces|troops|soldiers|units)|"
    r"gendarmerie|the\s+regime|our\s+(?:defenders|warriors|units|forces)|"
    # "units of the Defence Forces struck", in a General Staff's update
    r"the\s+defen[cs]e\s+forces)\b"
    # "army chief Burhan", "junta leader Min Aung Hlaing", "the military government": the
    # person or the regime, not the forces
    # "accused the army of bombing": what the army is said to have done, not whose army
    r"(?!\s+(?:of(?!\s+the\s+\w+\s+group|\s+\w+ing\b)|from|chief|chiefs|leader|leaders|commander|head|spokes(?:man|woman|person)|"
    r"government|regime|ruler|rulers|change|"
    # "Hezbollah military infrastructure": a target's kind, not a force acting
    r"infrastructure|sites?|targets?|facilit(?:y|ies)|equipment|capabilit(?:y|ies)|installations?|"
    r"assets|hardware|industry|industrial|spending|budget|"
    # "military operations would continue": an activity, no one's forces named
    r"operations?)\b|-)"
)
# "Russian troops", "its troops", "Russia's army": someone else's.
# An article is no owner: "An army drone strike" is the army's.
_OWNER_BEFORE = re.compile(
    r"(?:(?!(?:A|An|The)\s)[A-Z][\w’'-]*|\b(?:its|their|his|her|our|whose))\s+$"
)


def _role(before: str) -> str:
    """ "recipient" when the words before a mention make it the one acted on, else "actor"."""
    if _MEMBERS_FROM_BEFORE.search(before):
        return "actor"  # "attackers from the ADF stormed a church": the group's own men
    return "recipient" if _RECIPIENT_BEFORE.search(before) else "actor"


def _in_claim(
    claims: list[tuple[Attribution, Passage, int, int]], passage: Passage, at: int
) -> bool:
    """Does `at` fall in the span of a claim's source in `passage`?"""
    return any(p is passage and s <= at < e for _, p, s, e in claims)


def _listed(
    entry: ActorEntry,
    passage: Passage,
    start: int,
    end: int,
    sector: str | None = None,
    role: str = "actor",
) -> Actor:
    """The actor a listed entry names at `start:end` of `passage` (its own sector unless the
    context gave one)."""
    return Actor(
        name=entry.name, type=entry.type, sector=sector or entry.sector, country=entry.country,
        role=role, confidence=0.85 if passage.name == "text" else 0.6,
        span=passage.span(start, end),
    )  # fmt: skip


# not a target: "areas where enemy personnel were concentrated", "dislodge the enemy"
_ENEMY = caseless(
    r"\b(?:the\s+)?(?:enemy|occupiers|aggressor)\b"
    r"(?!\s+(?:personnel|positions|equipment|targets|manpower|concentrations)\b)"
)
_ENEMY_STRUCK_BEFORE = caseless(
    r"\b(?:dislodge|destroy|defeat|repel|expel|drive\s+out|hit|struck|strike|against|at|on)\s+$"
)


def enemy_span(passages: list[Passage]) -> TextSpan | None:
    """Where the text names "the enemy" (or "the occupiers", "the aggressor") as a party, if it does."""
    for passage in passages:
        if any(w in passage.lower for w in ("enemy", "occupiers", "aggressor")):
            for m in _ENEMY.finditer(passage.lower):
                if not _ENEMY_STRUCK_BEFORE.search(
                    passage.lower, max(0, m.start() - 20), m.start()
                ):
                    return passage.span(m.start(), m.end())
    return None


def word_span(passages: list[Passage], word: str) -> TextSpan | None:
    """Where the text first holds `word` (lower case) as a whole word, if it does."""
    for passage in passages:
        at = passage.lower.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not passage.lower[at - 1].isalnum()) and (
                end == len(passage.lower) or not passage.lower[end].isalnum()
            ):
                return passage.span(at, end)
            at = passage.lower.find(word, end)
    return None


def bare_forces(passages: list[Passage]) -> TextSpan | None:
    """The span of a state's forces named without their state ("the army said"), if any."""
    return _unowned(passages, _BARE_FORCES)


def _unowned(passages: list[Passage], pattern: re.Pattern[str]) -> TextSpan | None:
    """The first match of `pattern` that no owner precedes ("Russian troops") and that is not
    the source a clause ends on ("..., the army said.")."""
    for passage in passages:
        for m in pattern.finditer(passage.lower):
            before = passage.value[max(0, m.start() - 30) : m.start()]
            if _SOURCE_AT_END.match(passage.lower, m.end()) and before.rstrip().endswith(","):
                continue  # "..., the army said.": the source of the claim, not a party
            if (
                m.group().startswith("the")
                or m.groupdict().get("passive")  # "shot by police": the owner would follow
                or not _OWNER_BEFORE.search(before)
            ):
                return passage.span(m.start(), m.end())
    return None


# "The government declared a state of emergency", "which the Government has opened": the home
# country's state, named without it, as the subject of its clause; not the government a text
# asks or orders ("demanding the government reach a deal") nor its forces or its officials.
_GOVERNMENT = (
    # "In late October the government closed schools": a time before the subject
    r"(?:(?:^|[;:]\s*|\b(?:which|that|and)\s+|^(?:(?:in|on|by|since)\s+(?:(?:late|early|mid)[\s-]+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"\d{4})|earlier|later|last\s+(?:week|month|year))\b[^,;.]{0,20}?,?\s+)"
    r"(?P<gov>the\s+"
    r"(?:interim\s+|transitional\s+|federal\s+|national\s+|caretaker\s+|central\s+|military\s+)?"
    r"(?:government|govt|authorities))"
    # telegraphic, a sentence may open without "the": "Government suspends mobile internet",
    # "Somalia. Federal govt and Jubaland forces clashed" (not "Authorities ordered the
    # evacuation": no one in particular)
    r"|(?:^|(?<=\.\s))(?P<bare>(?:interim\s+|transitional\s+|federal\s+)?(?:government|govt)"
    # "Federal authorities extended the curfew": a federation's, its state's
    r"|federal\s+authorities)"
    # "a drone strike by a government task force": the home government's own arm acting
    r"|\bby\s+(?P<by>(?:a|the)\s+government)(?=\s+(?:task\s+force|drones?|helicopters?|"
    r"units?|operation)\b))\b"
)
_NOT_GOVERNMENT_AFTER = (
    r"of|in|forces|troops|aircraft|warplanes|jets|officials?|spokes\w*|buildings?|offices?|"
    r"critics?|opponents?"
)
# "the government said 12 were killed": a source, unless saying is the event
_GOVERNMENT_SPEAKS = r"said|says|reported|blamed|blames|denied|denies"
_BARE_GOVERNMENT = caseless(
    rf"{_GOVERNMENT}(?!\s+(?:{_NOT_GOVERNMENT_AFTER}|{_GOVERNMENT_SPEAKS})\b|['’-])"
)
_BARE_GOVERNMENT_SPEAKING = caseless(rf"{_GOVERNMENT}(?!\s+(?:{_NOT_GOVERNMENT_AFTER})\b|['’-])")


_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:[\w’'-]+\s+){1,4}and\s+$")


def bare_government(passages: list[Passage], speaking: bool = False) -> TextSpan | None:
    """The span of a state named only as "the government" or "the authorities" that acts, or
    that speaks when saying is the event (`speaking`: "the government denied the report")."""
    pattern = _BARE_GOVERNMENT_SPEAKING if speaking else _BARE_GOVERNMENT
    for passage in passages:
        if passage.name != "text":
            continue
        for m in pattern.finditer(passage.lower):
            start = next(m.start(g) for g in ("gov", "bare", "by") if m.group(g))
            if _BETWEEN_BEFORE.search(passage.lower, max(0, start - 60), start):
                continue  # "mediated between Ocalan and the government": a party, not the subject
            return passage.span(start, m.end())
    return None


# "Police fired on protesters", "riot police used tear gas": the home country's police, named
# without it, acting; not police harmed, sent abroad or speaking ("killing two police officers",
# "800 police officers", "police said").
_BARE_POLICE = caseless(
    # "police and local self-defence brigades repelled": the police act beside them
    r"\b(?:(?:(?:riot|counter-?terrorism|anti-?terror(?:ism)?|national)\s+)?(?:police|policemen|"
    # "The national police, backed by ...": the comma before the verb
    r"police\s+officers)|armed\s+officers)(?:\s+and(?:\s+[\w-]+){1,4}?)?,?\s+"
    # "Police in Nairobi fired": the city's police
    r"(?:in\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\s+)?"
    # "a police drone strike kills": the police's own strike
    r"(?:have\s+|had\s+|also\s+|then\s+|are\s+|were\s+|is\s+|"
    r"(?:drone\s+)?(?:strikes?|raids?|operations?)\s+)?"
    r"(?:fired|fire|fires|opened|open|opens|used|use|uses|dispersed|disperse|disperses|arrested|"
    r"arrest|arrests|detained|detain|detains|imposed|impose|imposes|raided|raid|raids|clashed|"
    r"clash|clashes|shot|shoot|shoots|beat|beats|blocked|block|blocks|charged|charge|charges|"
    r"stormed|storm|storms|cracked|crack|cracks|broke\s+up|break\s+up|breaks\s+up|"
    r"backed\s+by|supported\s+by|retook|retake|retakes|regained|regain|regains|killed|kill|kills|"
    r"launched|launch|launches|deployed|deploy|deploys|repelled|repel|repels|declared|declare|"
    r"declares|investigating|investigated|investigate|investigates|found|find|finds|discovered|"
    r"defused|defuse|defuses)\b"
    # "Police said 20 people were detained": the police's own arrests, reported by them
    r"|\bpolice\s+(?:said|say|says)\s+(?:that\s+)?(?:[\w,]+\s+){1,4}?(?:(?:were|had\s+been|"
    r"have\s+been)\s+)?(?:arrested|detained|recaptured|rearrested)\b"
    # "most of them shot by police", "died in police custody": the police acted on them
    r"|(?P<passive>\b(?:shot|killed|beaten|wounded|injured|arrested|detained|dispersed|"
    r"tear-?gassed)\s+by\s+(?:riot\s+)?police\b|\b(?:died|killed|tortured)\s+in\s+police\s+"
    # "protesters clashed with riot police": the police a party to the clash
    r"custody\b|\bclash(?:ed|es|ing)?\s+with\s+(?:riot\s+)?police\b)"
)


def bare_police(passages: list[Passage]) -> TextSpan | None:
    """The span of police named without their state ("police fired tear gas"), if any."""
    return _unowned(
        [p for p in passages if "police" in p.lower or "armed officers" in p.lower], _BARE_POLICE
    )


# The official names of a state's armed forces after its country or people
_NATIONAL_FORCES = re.compile(
    r"(?:People[’']s\s+)?(?:National\s+)?(?:Defen[cs]e\s+Forces?|Army|Armed\s+Forces|"
    r"Military|Air\s+Force|Navy)$"
)
_SOURCE_AT_END = caseless(r"\s+(?:said|says|reported|added|claimed)\s*[.;]?\s*$")


# "Hundreds protest in X", "thousands rallied", "workers went on strike": the crowd acts.
_PROTESTING = caseless(
    r"\b(?:protest(?:s|ed|ing)?|rall(?:y|ies|ied|ying)|march(?:es|ed|ing)?|demonstrat\w*|"
    r"(?:took|take|takes|taking)\s+to\s+the\s+streets|gathered|mourners|"
    r"riot(?:s|ed|ing)?|strike|strikes|striking|walk(?:ed)?\s+out|sit-in|"
    # in a protest: "crowds who had barricaded the avenues", "looters set fire to shops"
    r"crowds?|looters?|barricad\w*|blockad\w*|blocked|blocking)\b"
)
# A riot's damage with no one named doing it ("shops torched in Ait Amira"): the rioters'
_RIOTING = caseless(r"\b(?:torched|ablaze|set\s+fire|ransacked)\b")


def protest_span(passages: list[Passage], armed: bool = False) -> TextSpan | None:
    """The span of the word that says people protested, if any; a riot's damage counts
    unless `armed` (armed men named in the event did it: "fighters looted livestock")."""
    for pattern in (_PROTESTING,) if armed else (_PROTESTING, _RIOTING):
        for passage in passages:
            m = pattern.search(passage.lower)
            if m:
                return passage.span(m.start(), m.end())
    return None


# "Thousands flee", "dozens of villagers were killed": victims counted without a figure.
# Crowds of armed men are no civilians ("dozens of soldiers")
_COMBATANTS = (
    r"soldiers|troops|fighters|militants|servicemen|police|policemen|officers|rebels|combatants|"
    r"insurgents|jihadists"
)
_CROWD_HARMED = caseless(
    r"\b(?:dozens|scores|hundreds|thousands|millions|tens\s+of\s+thousands|"
    rf"hundreds\s+of\s+thousands)(?:\s+of\s+(?!(?:{_COMBATANTS})\b)[a-z]+)?\s+"
    r"(?:have\s+|had\s+|were\s+|are\s+)?(?:(?:tried|trying|try|attempted|attempting)\s+to\s+)?"
    r"(?:fled|flee|flees|fleeing|killed|dead|wounded|injured|displaced|evacuated|forced\s+from|"
    # "thousands of families shelter at the air base": uprooted
    r"shelter|sheltering|sheltered|sought\s+refuge|seek\s+refuge|took\s+refuge|"
    # "forcing hundreds of families to leave"
    r"to\s+(?:flee|leave))\b"
    # "thousands of displaced Palestinians gathered": uprooted, whatever they do now
    r"|\b(?:dozens|scores|hundreds|thousands|millions)\s+of\s+(?:newly\s+)?displaced\b"
    r"|\bdisplaced\s+(?:people|persons|families|residents|civilians)\b"
    # "a tower collapsed, trapping dozens of workers": harmed, however many
    r"|\b(?:trapping|burying|killing|injuring|wounding|displacing)\s+(?:dozens|scores|hundreds|thousands)\b"
    # "killing dozens of the paramilitary's fighters": not civilians
    rf"(?!\s+of\s+(?:(?:the|its|their)\s+)?(?:[\w'’-]+\s+)?(?:{_COMBATANTS}|gunmen|bandits|attackers)\b)"
    # "ordered the evacuation of families with children": uprooted, however many
    r"|\bevacuation\s+of\s+(?:all\s+)?(?:the\s+)?(?:families|residents|civilians|children|"
    r"villagers|inhabitants|people)\b"
)


_CROWD_WORDS = ("dozens", "scores", "hundreds", "thousands", "millions", "displaced", "evacuation")


_ATTACKS = frozenset({"remote", "civilians"})
# Words after a figure that are no noun of what it counts ("kill four in", "two killed")
_NOT_A_NOUN = frozenset({
    "in", "at", "on", "near", "and", "as", "after", "when", "while", "during", "killed", "hurt",
    "injured", "wounded", "dead", "died", "were", "was", "have", "had", "are", "is",
})  # fmt: skip


def victims_span(
    passages: list[Passage], figures: list[Quantity], unlisted: Unlisted | None, family: str
) -> TextSpan | None:
    """Where the text counts civilians harmed or uprooted ("killing 12 people", "40,000
    residents fled", "thousands flee"), if it does and the event `family` has victims."""
    if unlisted is None or family in unlisted.victimless:
        return None
    named_only = family in unlisted.named_only
    nouns = unlisted.named_nouns if named_only else unlisted.victim_nouns
    for figure in figures:
        # "a 64-year-old man": the noun after the age
        noun = [w for w in (figure.what or "").split() if not w[:1].isdigit()][:1]
        if figure.kind in unlisted.victim_kinds and noun and noun[0].lower() in nouns:
            for passage in passages:
                if passage.name != "text":
                    continue
                at = passage.value.find(figure.surface)
                start = passage.value.find(noun[0], max(at, 0))
                if start >= 0:
                    return passage.span(start, start + len(noun[0]))
    if family in _ATTACKS and not _combatants_counted(figures, passages):
        # "Russian glide bombs kill four in Zaporizhzhia", "Two killed, 11 hurt as a drone
        # hits a minibus": an attack's dead counted without a noun are people (not where the
        # text counts soldiers: "killed 12 soldiers and wounded more than 60")
        for figure in figures:
            first = (figure.what or "").split()[:1]
            if figure.kind in ("killed", "injured") and (not first or first[0] in _NOT_A_NOUN):
                span = _figure_span(passages, figure)
                if span is not None:
                    return span
    for passage in passages if not named_only else ():
        if not any(word in passage.lower for word in _CROWD_WORDS):
            continue  # most texts: no vague crowd, no regex
        m = _CROWD_HARMED.search(passage.lower)
        if m:
            return passage.span(m.start(), m.end())
    return None


# "12 soldiers", "a Kosovo police officer", "says soldier": the harmed were combatants
_COMBATANT = caseless(
    rf"\b(?:{_COMBATANTS}|soldier|serviceman|policeman|police\s+officer|fighter|militant|"
    r"rebel|gunman|reservist|gendarmes?|peacekeepers?)\b"
)


def _combatants_counted(figures: list[Quantity], passages: list[Passage]) -> bool:
    """Does a death or injury figure count soldiers, police or fighters? Its noun may come
    after an adjective the figure's own noun stops at ("Five Israeli soldiers were killed")."""
    for f in figures:
        if f.kind not in ("killed", "injured"):
            continue
        if _COMBATANT.search(f"{f.what or ''} {f.surface}"):
            return True
        for passage in passages:
            at = passage.value.find(f.surface)
            if at >= 0 and _COMBATANT_AFTER.match(passage.value, at + len(f.surface)):
                return True
    return False


# the two words after a figure, the second its noun: "Five Israeli soldiers"
_COMBATANT_AFTER = caseless(rf"\s+[\w-]+\s+(?:{_COMBATANTS})\b")


def harmed_span(
    passages: list[Passage], figures: list[Quantity], unlisted: Unlisted | None
) -> TextSpan | None:
    """Where the text counts people harmed ("at least 20 dead"), whoever they were: the
    victims of violence against civilians are civilians unless the text names them."""
    if unlisted is None or _combatants_counted(figures, passages):
        return None  # "a police officer was killed and another wounded": no civilians
    spans = (_figure_span(passages, f) for f in figures if f.kind in unlisted.victim_kinds)
    return next((span for span in spans if span is not None), None)


def _figure_span(passages: list[Passage], figure: Quantity) -> TextSpan | None:
    """Where `figure` stands in the item's text (not its headline), if it does."""
    for passage in passages:
        at = passage.value.find(figure.surface) if passage.name == "text" else -1
        if at >= 0:
            return passage.span(at, at + len(figure.surface))
    return None


def _titles(actor: Actor, passage: Passage, person_start: int) -> bool:
    """Does `actor` name the office of the person at `person_start` ("Kenya's president")?"""
    span = actor.span
    if span is None or span.field != passage.field or span.end > person_start:
        return False
    after = passage.lower[span.end : span.end + _REACH]
    title = _TITLE_AFTER.match(after) if after.startswith(("'s", "’s")) else None
    return title is not None and person_start <= span.end + title.end() + 3


def _inside(span: TextSpan | None, passage: Passage, start: int, end: int) -> bool:
    return (
        span is not None and span.field == passage.field and start <= span.start and span.end <= end
    )


@cache
def load_actors() -> ActorIndex:
    text = resources.files("sitrep_classifier").joinpath("data/actors.json").read_text("utf-8")
    return ActorIndex.from_data(json.loads(text))
