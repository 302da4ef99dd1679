"""Whether two reports tell of one happening: a pure, symmetric decision over a pair.

The rule (its numbers are data, `data/incident_rules.json`; README "Incidents" says why):
1. Both are tallied events (background and meta lines never join anything).
2. Their dates are at most `max_day_gap` days apart, plus the slack of the less certain
   date (`date_slack`: a toll update may be dated a day late; a week-dated report). A day
   apart needs much more similar text, unless the later report carries the earlier one's
   death toll or a higher one (a toll revised without saying so; two days apart when the
   later one says it was revised: rescuers raise a collapse's toll for days). Two reports of one type
   giving the same death toll of `same_toll_min` or more (or, on one day in one region, tolls
   a tenth apart: `close_toll_share`) need hardly share a word, nor
   need a toll update ("the toll from Tuesday's blasts has risen to 12") and the report of
   that day whose toll it carries (`toll_update_min_similarity`).
3. Their event types are the same, of one family, or a documented pair (a missile or
   drone attack and the interceptions during it; a strike and its updated toll).
4. Their places are compatible: the same place, two points within `near_km` (a city
   district and the city), a point inside a coarser area, the same country. Reports that
   both name precise places with none of them near each other are apart (unless they give
   one death toll of `same_toll_min` or more on one day in one country: a village no
   gazetteer lists is put at its country's centroid), as are reports in different countries.
5. They do not name different parts of the day (a morning strike is not the night one),
   nor different weapons (a drone strike is not the missile strike), unless one is the
   interception of the other's attack, nor magnitudes `magnitude_gap` apart (a quake and
   its aftershock) unless one says the figure was revised ("upgraded to 8.8"). An earthquake
   strikes on one day (`instant_hazards`): reports fixing different days tell of two.
   An item that opens "Separately" or "Elsewhere" is another happening than the rest of its
   source's bulletin of that day.
6. Their text is similar enough for that place and type match: the coarser the place
   match and the looser the type match, the more the words must agree. Reports whose
   acting states differ need more. Rewritten reports of one event share few exact
   phrases, so the measure is a Jaccard index over content words where two words match
   when rapidfuzz's ratio says they are spelt nearly alike (Kharkiv/Kharkov,
   Zaporizhzhia/Zaporizhia). Measured on our set: rapidfuzz's token-set ratio scored
   unrelated reports 0.42-0.54, too close to related ones to draw a line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from sitrep_api.incidents.occurred import names_event_day, names_weekday
from sitrep_api.incidents.report import PlaceRef, Report, content_words, generic_words
from sitrep_schemas.geo import great_circle_km

PLACE_LEVELS = ("same", "near", "region", "country", "unknown")
_KIND_PRECISION = {"settlement": 1, "facility": 1, "admin2": 2, "country": 4}


@dataclass(frozen=True)
class IncidentRules:
    version: str
    max_day_gap: int
    week_precision_gap: int
    near_km: dict[int, float]
    compatible_types: frozenset[frozenset[str]]
    min_similarity: dict[str, dict[str, float]]
    day_gap_penalty: float
    actor_conflict_penalty: float
    conflicting_day_parts: frozenset[frozenset[str]]
    word_match: float
    violent_families: frozenset[str]
    casualty_kinds: frozenset[str]
    toll_slack: int
    toll_update_min_similarity: float
    disaster_days: int
    disaster_types: frozenset[str]
    disaster_min_similarity: float
    disaster_near_min_similarity: float
    magnitude_gap: float
    instant_hazards: frozenset[str]
    own_hazards: frozenset[str]
    disaster_far_km: float
    same_toll_min: int
    same_toll_min_similarity: float
    close_toll_share: float
    shared_group_min_similarity: float
    shared_name_min_similarity: float
    one_night_interception_min_similarity: float
    # "the number killed in the attack on Pont-Sonde has risen to 115", days on: a toll
    # update names its happening, so it may reach back further than a day if the words agree
    late_toll_days: int
    late_toll_min_similarity: float
    # "more than 800 killed in Ardamata" and, two days on, "the killing of more than 1,000
    # in Ardamata": a massacre's count, grown, at its own place, within `late_toll_days`
    massacre_toll_min: int
    # "RSF enters Wad Madani" and, the next day, "the RSF said it had taken Wad Madani": a
    # town changes hands once, so two reports of its fall a day apart are one happening
    once_types: frozenset[str]
    once_min_similarity: float
    # "fifty of the abducted pupils escaped", days after the abduction; "RSF fighters killed
    # 300 civilians after seizing the town": an undated report of what followed a happening,
    # at its place, within `follow_up_days`
    follow_ups: dict[str, frozenset[str]]
    follow_up_days: int
    follow_up_min_similarity: float

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> IncidentRules:
        return cls(
            version=raw["version"],
            max_day_gap=raw["max_day_gap"],
            week_precision_gap=raw["week_precision_gap"],
            near_km={int(k): float(v) for k, v in raw["near_km"].items()},
            compatible_types=frozenset(frozenset(p) for p in raw["compatible_types"]),
            min_similarity=raw["min_similarity"],
            day_gap_penalty=raw["day_gap_penalty"],
            actor_conflict_penalty=raw["actor_conflict_penalty"],
            conflicting_day_parts=frozenset(frozenset(p) for p in raw["conflicting_day_parts"]),
            word_match=float(raw["word_match"]),
            violent_families=frozenset(raw["violent_families"]),
            casualty_kinds=frozenset(raw["casualty_kinds"]),
            toll_slack=int(raw["toll_slack"]),
            toll_update_min_similarity=float(raw["toll_update_min_similarity"]),
            disaster_days=int(raw["disaster_days"]),
            disaster_types=frozenset(raw["disaster_types"]),
            disaster_min_similarity=float(raw["disaster_min_similarity"]),
            disaster_near_min_similarity=float(raw["disaster_near_min_similarity"]),
            magnitude_gap=float(raw["magnitude_gap"]),
            instant_hazards=frozenset(raw["instant_hazards"]),
            own_hazards=frozenset(raw["own_hazards"]),
            disaster_far_km=float(raw["disaster_far_km"]),
            same_toll_min=int(raw["same_toll_min"]),
            same_toll_min_similarity=float(raw["same_toll_min_similarity"]),
            close_toll_share=float(raw["close_toll_share"]),
            shared_group_min_similarity=float(raw["shared_group_min_similarity"]),
            shared_name_min_similarity=float(raw["shared_name_min_similarity"]),
            one_night_interception_min_similarity=float(
                raw["one_night_interception_min_similarity"]
            ),
            late_toll_days=int(raw["late_toll_days"]),
            late_toll_min_similarity=float(raw["late_toll_min_similarity"]),
            massacre_toll_min=int(raw["massacre_toll_min"]),
            once_types=frozenset(raw["once_types"]),
            once_min_similarity=float(raw["once_min_similarity"]),
            follow_ups={k: frozenset(v) for k, v in raw["follow_ups"].items()},
            follow_up_days=int(raw["follow_up_days"]),
            follow_up_min_similarity=float(raw["follow_up_min_similarity"]),
        )


@cache
def load_rules() -> IncidentRules:
    text = (
        resources.files("sitrep_api.incidents")
        .joinpath("data/incident_rules.json")
        .read_text("utf-8")
    )
    return IncidentRules.from_json(json.loads(text))


@dataclass(frozen=True)
class Link:
    """Why two reports were judged one incident."""

    place: str
    types: str
    similarity: float
    required: float


def _precision(place: PlaceRef) -> int:
    return _KIND_PRECISION.get(place.kind, 3)


def distance_km(a: PlaceRef, b: PlaceRef) -> float:
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def _pair_level(a: PlaceRef, b: PlaceRef, rules: IncidentRules) -> str | None:
    pa, pb = _precision(a), _precision(b)
    if a.place_id == b.place_id:
        return {1: "same", 2: "near", 3: "region"}.get(pa, "country")
    if 4 in (pa, pb):
        return "country" if a.country and a.country == b.country else None
    coarse = max(pa, pb)
    if coarse == 1:
        return "near" if distance_km(a, b) <= rules.near_km[1] else None
    fine, wide = (a, b) if pa < pb else (b, a)
    inside = fine.admin1 is not None and fine.admin1 in (wide.name, wide.admin1)
    if inside or distance_km(a, b) <= rules.near_km[coarse]:
        return "near" if coarse == 2 else "region"
    return None


@lru_cache(maxsize=65536)
def _name_words(name: str) -> frozenset[str]:
    """The content words of a place name (the same few names come up again and again)."""
    return frozenset(w for w in content_words(name) if not w.isdigit())


@lru_cache(maxsize=65536)
def _names_in(name: str, words: tuple[str, ...], own: tuple[str, ...]) -> bool:
    named = _name_words(name)
    if not named or not named <= set(words):
        return False
    return not named <= {w for n in own for w in _name_words(n)}


def _named_in(place: PlaceRef, report: Report) -> bool:
    """Does the report's text name the place, though its tagger did not place it there?
    ("el-Fasher", "Beirut;" and towns missing from the gazetteer are missed that way.)
    Not when the words are those of a place it did find: "the Kharkiv region" names the
    region, not the city."""
    return _names_in(place.name, report.words, tuple(p.name for p in report.places))


def place_level(a: Report, b: Report, rules: IncidentRules) -> str | None:
    """How closely the two reports' places agree: a PLACE_LEVELS name, or None when apart.

    A place of one report that the other's text names counts as a place of both. When
    both name towns or sites, only those count: two strikes on two towns are apart even
    when both reports also name the region or the country around them.
    """
    places_a = [*a.places, *(p for p in b.places if p not in a.places and _named_in(p, a))]
    places_b = [*b.places, *(p for p in a.places if p not in b.places and _named_in(p, b))]
    if not places_a or not places_b:
        return "unknown"
    precise_a = [p for p in places_a if _precision(p) == 1]
    precise_b = [p for p in places_b if _precision(p) == 1]
    if precise_a and precise_b:
        pairs = [(x, y) for x in precise_a for y in precise_b]
    else:
        pairs = [(x, y) for x in places_a for y in places_b]
    levels = {_pair_level(x, y, rules) for x, y in pairs} - {None}
    return next((level for level in PLACE_LEVELS if level in levels), None)


def _coarser(a: Report, b: Report) -> str | None:
    """'region' when one report names no town or site and every region it names holds one
    of the other's towns ("the children seized from the Catholic boarding school in Niger
    state" after "Gunmen abducted 303 pupils from St Mary's school in Papiri, Niger state"):
    the same place, told less precisely. Else None."""
    for fine, wide in ((a, b), (b, a)):
        wide_regions = [p for p in wide.places if _precision(p) == 3]
        if not wide_regions or any(_precision(p) < 3 for p in wide.places):
            continue
        towns = [p for p in fine.places if _precision(p) < 3]
        if towns and all(
            any(t.admin1 is not None and t.admin1 in (r.name, r.admin1) for t in towns)
            for r in wide_regions
        ):
            return "region"
    return None


def effective_type(report: Report, rules: IncidentRules) -> str:
    """The event type, except that a report giving a death or injury toll is about a violent
    happening whatever the tagger called it ("the governor said 12 were killed" is not a
    statement), and a revised toll ("the toll from the raid on Jenin rose to 10") is about
    the toll, whatever weapons it mentions: both are matched as a casualty toll. A reaction
    without a toll ("UNICEF said it was appalled by the killing ...") is a criticism."""
    if report.toll_update and any(c.kind in rules.casualty_kinds for c in report.claims):
        return "assessment.casualty_toll"
    if report.reaction and not any(c.kind in rules.casualty_kinds for c in report.claims):
        # "the UN condemned the attack on Sumy, where missiles hit a hall": said of a
        # happening, not telling of it (a reaction that gives the toll tells it)
        return "diplomacy.criticism"
    if report.family in rules.violent_families or report.event_type == "assessment.casualty_toll":
        return report.event_type
    if any(c.kind in rules.casualty_kinds for c in report.claims):
        return "assessment.casualty_toll"
    return report.event_type


def is_disaster(report: Report, rules: IncidentRules) -> bool:
    """A report of a natural disaster or its toll that names the hazard ('the quake')."""
    return bool(report.hazards) and effective_type(report, rules) in rules.disaster_types


def disaster_pair(a: Report, b: Report, rules: IncidentRules) -> bool:
    """Two reports of one kind of hazard, each a disaster report: a disaster lasts days and
    its toll is revised for a week, so their dates and places may be far apart."""
    ha, hb = set(a.hazards), set(b.hazards)
    return (
        is_disaster(a, rules)
        and is_disaster(b, rules)
        and bool(ha & hb)
        # a crash is a happening of its own: a helicopter that crashed on a typhoon relief
        # mission is not the typhoon
        and not (ha ^ hb) & rules.own_hazards
    )


def date_slack(report: Report, rules: IncidentRules) -> int:
    """The widest a report's date may be off its happening's, for blocking: `_slack` or, for
    a disaster report, the days a disaster's reports span."""
    return max(
        _slack(report, rules),
        rules.disaster_days if is_disaster(report, rules) else 0,
        rules.late_toll_days if _late_update(report, rules) else 0,
        rules.follow_up_days if _follow_up(report, rules) else 0,
    )


def _follow_up(report: Report, rules: IncidentRules) -> bool:
    """A report dated only by its bulletin of what may follow a happening days later (a
    release after an abduction)."""
    return effective_type(report, rules) in rules.follow_ups and _undated(report)


def _follows(a: Report, b: Report, gap: int, rules: IncidentRules) -> bool:
    """Is the later-dated of the two a follow-up of the kind of happening the other is,
    within `follow_up_days`? Read from dates and types alone, as the resolver's shapes are."""
    earlier, later = (a, b) if a.occurred <= b.occurred else (b, a)
    return (
        gap <= rules.follow_up_days
        and _follow_up(later, rules)
        and effective_type(earlier, rules)
        in rules.follow_ups.get(effective_type(later, rules), frozenset())
    )


def _late_update(report: Report, rules: IncidentRules) -> bool:
    """A toll update dated only by its bulletin, or by a day that is not its happening's
    ("buried its dead on Monday; the toll stands at 20"), that gives a death or injury toll:
    its happening may be days before ("has risen to 115" after a massacre's first count)."""
    return (
        report.toll_update
        and (_undated(report) or not names_event_day(report.occurred_basis))
        and any(c.kind in rules.casualty_kinds for c in report.claims)
    )


def _late_window(a: Report, b: Report, gap: int, rules: IncidentRules) -> bool:
    """Could the later-dated report be a late toll update of the other (`_late_toll`)? Read
    from what the resolver's shapes hold (dates, the update flag, the death toll), not from
    publication order, so a whole shape is judged apart only when all of it is."""
    later = a if a.occurred >= b.occurred else b
    return gap <= rules.late_toll_days and _late_update(later, rules)


def _late_toll(a: Report, b: Report, gap: int, rules: IncidentRules) -> bool:
    """Is the later-published report a late toll update of the earlier one: dated only by
    its bulletin, within `late_toll_days` after it, carrying its death toll higher?"""
    earlier, later = _by_publication(a, b)
    if not (
        gap <= rules.late_toll_days
        and later.occurred >= earlier.occurred
        and _late_update(later, rules)
    ):
        return False
    return _toll_revised(a, b)


def _undated(report: Report) -> bool:
    """Is the report dated only by its bulletin (or the day it was received)?"""
    return report.occurred_basis in ("bulletin_date", "received_at")


def _slack(report: Report, rules: IncidentRules) -> int:
    """Days a report's own date may be off the happening's: a toll update or a claim of
    responsibility dated only by its bulletin is often a day after the strike it tells of,
    and a week-dated report may be
    anywhere in its week. A report that says its day ("on Saturday") has no slack."""
    if report.occurred_precision == "week":
        return rules.week_precision_gap
    undated = _undated(report)
    update = (
        report.toll_update
        or report.responsibility  # "X claimed the shooting": yesterday's, as often as not
        or effective_type(report, rules) == "assessment.casualty_toll"
    )
    return rules.toll_slack if undated and update else 0


def _slack_towards(report: Report, other: Report, rules: IncidentRules) -> int:
    """A week-dated report may be anywhere in its week; a toll update counts back to its
    strike, never forward to a later one."""
    if report.occurred_precision == "week" or report.occurred >= other.occurred:
        return max(_slack(report, rules), _night_before(report, other, rules))
    return 0


def _night_before(report: Report, other: Report, rules: IncidentRules) -> int:
    """A day back for a report dated only by its bulletin when the other tells of a happening
    late the night before ("late on Sunday"; the next morning's headline is Monday's), or for
    one of a night when the other, dated only by its bulletin, is of the evening it began."""
    undated = _undated(report)
    late = (
        other.day_part == "evening"
        or other.occurred_basis.startswith("late on")
        # "shot dead on Saturday night", told in Sunday's bulletin (not "overnight": that
        # night's is the bulletin's own day)
        or (other.day_part == "night" and names_weekday(other.occurred_basis))
    )
    # "after an overnight siege", told the next day: the night began on the other's day,
    # unless the other tells of a night too (Kyiv struck on two nights running)
    own_night = report.day_part == "night" and other.day_part != "night" and _undated(other)
    return (
        rules.toll_slack
        if ((undated and late) or own_night) and _day_gap(report, other) == 1
        else 0
    )


def type_level(a: Report, b: Report, rules: IncidentRules) -> str | None:
    ta, tb = effective_type(a, rules), effective_type(b, rules)
    if ta == tb:
        return "same"
    if frozenset((ta, tb)) in rules.compatible_types:
        return "paired"
    if ta.split(".", 1)[0] == tb.split(".", 1)[0]:
        return "family"
    return None


def similarity(a: Report, b: Report, word_match: float = 88) -> float:
    """Jaccard index of the two reports' content words, a near spelling counting as a match.
    Generic words of the event's kind ("strike", "overnight", "air defence") are left out:
    the type and date rules already weigh them, and they make any two reports alike."""
    generic = generic_words()
    wa, wb = set(a.words) - generic, set(b.words) - generic
    if not wa or not wb:
        return 0.0
    shared = wa & wb
    # "WCK" in one, "World Central Kitchen" in the other: the acronym is among the other's
    # names (which hold the initials of its names), so it matches the name
    acronyms = {w for w in wa - shared if w in b.names} | {w for w in wb - shared if w in a.names}
    rest_b = [w for w in wb if w not in shared and w not in acronyms]
    matched = len(shared) + len(acronyms)
    if rest_b:
        for word in wa - shared - acronyms:
            if len(word) >= 5 and not word.isdigit():
                found = _stem_match(word, rest_b)
                if found is None:
                    hit = process.extractOne(
                        word, rest_b, scorer=fuzz.ratio, score_cutoff=word_match
                    )
                    found = hit[0] if hit is not None else None
                if found is not None:
                    matched += 1
                    rest_b.remove(found)
    return matched / (len(wa) + len(wb) - matched)


_STEM = 6  # letters a word must share as the start of another to be its form
_ENDING = 5  # letters a form may add: "afghan" -> "afghanistan", not "dnipro" -> "dnipropetrovsk"


def _stem_match(word: str, others: list[str]) -> str | None:
    """A word of `others` that is a longer or shorter form of `word` ("afghan" and
    "afghanistan", "cricket" and "cricketer"): one starts the other, sharing at least `_STEM`
    letters, the longer adding at most `_ENDING` (a city is not its region, "Dnipropetrovsk")."""
    if len(word) < _STEM:
        return None
    for other in others:
        if len(other) < _STEM or abs(len(other) - len(word)) > _ENDING:
            continue
        if other.startswith(word) or word.startswith(other):
            return other
    return None


def _fixes_strike_day(report: Report) -> bool:
    """Does the report fix the day its quake struck: by its own words with a magnitude ("a
    magnitude 5.6 quake shook Kunar on Thursday"), or naming the day as the quake's ("the toll
    from Sunday's earthquake")? Not a rescue's or a toll's day, nor its bulletin's."""
    if names_event_day(report.occurred_basis):
        return True
    return not _undated(report) and report.claim("magnitude") is not None


def _two_strikes(a: Report, b: Report, rules: IncidentRules) -> bool:
    """An earthquake strikes on one day. Two reports of one that each fix that day, on
    different days, tell of two quakes (the Sunday quake and Thursday's new one), unless they
    give one magnitude a day apart (one quake dated either side of midnight); and a report
    dated more than a day before the day another fixes cannot tell of that quake (Monday's
    toll is not Thursday's aftershock's)."""
    if not set(a.hazards) & set(b.hazards) & rules.instant_hazards or a.occurred == b.occurred:
        return False
    fixed_a, fixed_b = _fixes_strike_day(a), _fixes_strike_day(b)
    if fixed_a and fixed_b:
        ma, mb = a.claim("magnitude"), b.claim("magnitude")
        return ma is None or ma != mb or _day_gap(a, b) > 1
    if not (fixed_a or fixed_b):
        return False
    fixed, other = (a, b) if fixed_a else (b, a)
    return _day_gap(fixed, other) > 1 and other.occurred < fixed.occurred


def _far_apart(a: Report, b: Report, rules: IncidentRules) -> bool:
    """Do both reports name located places and are all of one's far from all of the other's
    (Kerr County, Texas and Ruidoso, New Mexico: two floods of one week and one country)?"""
    located_a = [p for p in a.places if _precision(p) < 4]
    located_b = [p for p in b.places if _precision(p) < 4]
    if not located_a or not located_b:
        return False
    return all(distance_km(x, y) > rules.disaster_far_km for x in located_a for y in located_b)


def _only_countries(a: Report, b: Report) -> bool:
    """Does either report place its disaster only in a country (or a part of one)?"""
    return any(all(_precision(p) >= 4 or p.kind == "region" for p in r.places) for r in (a, b))


def _day_gap(a: Report, b: Report) -> int:
    return abs((date.fromisoformat(a.occurred) - date.fromisoformat(b.occurred)).days)


def _word_free(a: Report, b: Report, rules: IncidentRules) -> tuple[str, int, int, bool] | None:
    """The checks that read no words: background, dates, types, parts of the day, weapons,
    hazards. None when they alone keep the two apart, else (type level, day gap, date slack,
    whether they are a disaster pair)."""
    if not (a.tallied and b.tallied):
        return None
    if a.hazards and b.hazards and not set(a.hazards) & set(b.hazards):
        return None  # a flood and an earthquake
    gap = _day_gap(a, b)
    disaster = disaster_pair(a, b, rules)
    if disaster:
        slack = rules.disaster_days
    else:
        slack = max(_slack_towards(a, b, rules), _slack_towards(b, a, rules))
    if (
        gap > rules.max_day_gap + slack
        and not _late_window(a, b, gap, rules)
        and not _follows(a, b, gap, rules)
    ):
        return None
    types = type_level(a, b, rules)
    if types is None:
        return None
    parts = frozenset((a.day_part, b.day_part))
    # a revised toll's part of the day may be the count's ("after more bodies were recovered
    # overnight"), not the happening's
    counted = a.toll_update or b.toll_update
    if a.day_part and b.day_part and parts in rules.conflicting_day_parts and not counted:
        return None
    ma, mb = a.claim("magnitude"), b.claim("magnitude")
    revised = a.revision or b.revision  # "upgraded to magnitude 8.8": the 8.0 quake, revised
    if ma is not None and mb is not None and abs(ma - mb) >= rules.magnitude_gap and not revised:
        return None  # a magnitude 6.9 quake is not the 5.0 one
    if _two_strikes(a, b, rules):
        return None
    if _told_before(a, b) or _told_before(b, a):
        return None
    interception = "military.interception" in (a.event_type, b.event_type)
    if not interception and a.weapons and b.weapons and not set(a.weapons) & set(b.weapons):
        return None
    return types, gap, slack, disaster


_A_DAY = timedelta(days=1)


def _told_before(report: Report, other: Report) -> bool:
    """Was `report` published before the day `other` says its happening took place? A
    bulletin of Friday cannot tell of "Saturday's attack": a Kharkiv printing house struck
    on Thursday, reported on Friday, is not the hypermarket bombed on Saturday."""
    dated = not _undated(other) and (
        # a toll update's day may be the count's ("passed 100 on Monday"), not the happening's
        not other.toll_update or names_event_day(other.occurred_basis)
    )
    if not dated:
        return False
    if other.day_part != "night":
        return other.occurred > report.bulletin_day  # ISO dates order as strings
    # "after an overnight siege": a night told on the day it ended began the evening before
    return date.fromisoformat(other.occurred) > date.fromisoformat(report.bulletin_day) + _A_DAY


def _by_publication(a: Report, b: Report) -> tuple[Report, Report]:
    """The two reports, the earlier-published first."""
    return (a, b) if a.reported_key <= b.reported_key else (b, a)


def _toll_carried(a: Report, b: Report) -> bool:
    """Does the later-published report carry the earlier one's death toll, the same or higher
    ("at least 10 killed" one day, "a dozen shot dead" the next)? A toll revised without the
    words of a revision; a lower or missing one is another happening (a town shelled on
    consecutive days). Published, not happened: a first report dated only by its bulletin
    may be a day later than the follow-up that names the night it happened."""
    earlier, later = _by_publication(a, b)
    ke, kl = earlier.claim("killed"), later.claim("killed")
    if later.toll_update and kl is not None and (ke is None or ke < kl):
        # "the toll from the crash has risen to 270" after a first report of none; "a third
        # man has died, bringing the toll to three" after two killed: a small toll too, when
        # the later one says it rose
        return True
    return ke is not None and kl is not None and 3 <= ke <= kl


def _toll_revised(a: Report, b: Report) -> bool:
    """Is the later-published report a toll update ("has risen to 12") carrying the earlier
    one's death toll, the same or higher?"""
    return _by_publication(a, b)[1].toll_update and _toll_carried(a, b)


def _casualties(report: Report) -> float | None:
    """The dead and injured a report counts, if it counts either."""
    killed, injured = report.claim("killed"), report.claim("injured")
    return None if killed is None and injured is None else (killed or 0) + (injured or 0)


def _massacre_recounted(a: Report, b: Report, gap: int, place: str, rules: IncidentRules) -> bool:
    """Do the two count one mass-casualty happening at one place, days apart, the later-
    published count of dead and injured the same or higher but within three times the first
    (a recount, not a war's total)? "More than 800 people were reported killed in Ardamata",
    then "the killing of more than 1,000 in Ardamata"; "14 dead, 750 hurt" at a port, then
    "57 killed and about 1,200 injured" there. Counts of `massacre_toll_min` or more within
    `late_toll_days`: two such happenings at one place in a few days are not told apart by
    a bulletin without naming both."""
    earlier, later = _by_publication(a, b)
    ce, cl = _casualties(earlier), _casualties(later)
    return (
        place == "same"
        and gap <= rules.late_toll_days
        and ce is not None
        and cl is not None
        and rules.massacre_toll_min <= ce <= cl <= 3 * ce
    )


def _same_deaths(
    a: Report, b: Report, types: str, gap: int, place: str, rules: IncidentRules
) -> bool:
    """Do the two count the same deaths, however worded? One toll of ten or more within a
    day, of one type or family ("19 killed" in both; a riot and a demonstration are one
    protest read two ways); or two tolls a tenth apart on one day in one region, of one type
    ("at least 30 killed" and "witnesses put the toll at 32": two sources counting one air
    strike), or the next day in a report dated only by its bulletin (WHO's 70 and officials'
    67 of one hospital strike)."""
    ka, kb = a.claim("killed"), b.claim("killed")
    if ka is None or kb is None or min(ka, kb) < rules.same_toll_min:
        return False
    if ka == kb:
        return types in ("same", "family")
    # the later one dated only by its bulletin may be the next day's count of the same strike
    next_day = gap == 1 and _undated(_by_publication(a, b)[1])
    return (
        types == "same"
        and (gap == 0 or next_day)
        and place in ("same", "near", "region")
        and abs(ka - kb) <= rules.close_toll_share * max(ka, kb)
    )


def _same_abducted(
    a: Report, b: Report, types: str, gap: int, place: str, rules: IncidentRules
) -> bool:
    """Do the two count the same people taken, of one kind of act, in one region within a day
    ("abducting 25 students" in Maga, Kebbi State, and "25 schoolgirls kidnapped ... in
    Kebbi" the next morning)? Ten or more, the same number."""
    ha, hb = a.claim("held_hostage"), b.claim("held_hostage")
    return (
        ha is not None
        and ha == hb
        and ha >= rules.same_toll_min
        and types == "same"
        and gap <= 1
        and place in ("same", "near", "region")
    )


def _one_day_toll(a: Report, b: Report, types: str) -> float | None:
    """The death toll two reports of one type and one day both give, when it is the same."""
    ka = a.claim("killed")
    same = types == "same" and a.occurred == b.occurred and ka is not None
    return ka if same and ka == b.claim("killed") else None


def _one_toll_apart(a: Report, b: Report, types: str, rules: IncidentRules) -> bool:
    """One day, one country, one type and one death toll of `same_toll_min` or more, told
    with places that disagree: 44 worshippers killed at a mosque "in Fambita, Tillaberi
    region" and "near the town of Kokorou" (a village no gazetteer lists, put at the
    country's centroid) are one massacre."""
    toll = _one_day_toll(a, b, types)
    return (
        toll is not None
        and toll >= rules.same_toll_min
        and bool(set(a.countries()) & set(b.countries()))
    )


def _one_toll_unplaced(a: Report, b: Report, types: str, place: str) -> bool:
    """One day, one type, one attacker and one death toll, told by two reports that name no
    town, only a country or a sea ("US forces struck a vessel off the coast of Venezuela,
    killing six" and "six 'narco-terrorists' killed in latest US strike on boat near
    Venezuela"): nothing tells the two apart, and the toll and the side agree."""
    return (
        _one_day_toll(a, b, types) is not None
        and place in ("country", "region")
        and bool(a.actors)
        and set(a.actors) == set(b.actors)
        and all(_precision(p) >= 3 for p in (*a.places, *b.places))
    )


def apart_before_places(a: Report, b: Report, rules: IncidentRules) -> bool:
    """True when the word-free checks alone keep the two apart (the resolver skips whole
    groups of reports that agree on the fields these checks read this way)."""
    return _word_free(a, b, rules) is None


def decide(a: Report, b: Report, rules: IncidentRules | None = None) -> Link | None:
    """A Link when `a` and `b` tell of one happening, else None. decide(a, b) == decide(b, a)."""
    rules = rules or load_rules()
    word_free = _word_free(a, b, rules)
    if word_free is None:
        return None
    later = a if a.occurred > b.occurred else b if b.occurred > a.occurred else None
    if later is not None and later.another:
        return None  # "Another drone attack on Kharkiv overnight": not the day before's
    if (a.separate or b.separate) and (a.source, a.bulletin_day) == (b.source, b.bulletin_day):
        # "Separately, ...": one outlet's bulletin telling of two happenings. Read here, not
        # in the word-free checks: the resolver's shapes hold reports of many sources
        return None
    types, gap, slack, disaster = word_free
    if a.targets and b.targets and not set(a.targets) & set(b.targets) and not disaster:
        return None  # a printing house and a hypermarket of one city: two strikes
    place = place_level(a, b, rules)
    if (
        disaster
        and place in (None, "country")
        and set(a.countries()) & set(b.countries())
        and not _far_apart(a, b, rules)
    ):
        place = "region"  # a disaster covers a region: its reports name different towns
    if place is None and _one_toll_apart(a, b, types, rules):
        place = "country"
    if place is None:
        return None
    required = rules.min_similarity[place][types]
    if disaster:  # one hazard, one country, one week: the text need only agree a little,
        # less still when both name the same province or towns near each other
        near = place in ("same", "near") or (place == "region" and not _only_countries(a, b))
        required = min(
            required, rules.disaster_near_min_similarity if near else rules.disaster_min_similarity
        )
    # a toll carried to the next day; a day more when the later one says it was revised
    # (rescuers at a collapsed tower raise the toll for days)
    carried_days = rules.toll_slack + (1 if _toll_revised(a, b) else 0)
    # beyond that, a toll update that names its happening's place in its words
    late = (
        gap > max(carried_days, slack)
        and place in ("same", "near")
        and _late_toll(a, b, gap, rules)
    )
    rival = bool(a.actors and b.actors and not set(a.actors) & set(b.actors))
    recounted = _massacre_recounted(a, b, gap, place, rules)
    follow_up = gap > slack and _follows(a, b, gap, rules)
    if follow_up and (place not in ("same", _coarser(a, b)) or rival):
        return None  # what followed is told at the happening's own place, by its sides
    if (
        gap > slack
        and not late
        and not follow_up
        and not (gap <= carried_days and place in ("same", "near") and _toll_carried(a, b))
        # "officials raised the number injured to 113; the toll stayed at seven", two days
        # after the Bryansk region's bridge collapse: an update saying so, in the region
        and not (gap <= carried_days and place == "region" and _toll_revised(a, b))
        and not recounted
    ):
        required += rules.day_gap_penalty
    if types != "paired" and rival:
        required += rules.actor_conflict_penalty
    if types != "family" and a.occurred == b.occurred and _toll_revised(a, b):
        # "the toll from Tuesday's pager explosions has risen to 12": that day's happening,
        # its toll carried and revised, however differently the two tell it
        required = min(required, rules.toll_update_min_similarity)
    if (
        types == "same"
        and gap == 0
        and place in ("same", "near", "region")
        and set(a.groups) & set(b.groups)
    ):
        # "ADF rebels killed 38 in an attack on a church in Ituri" and "ADF fighters stormed
        # a church in Komanda": one group, one day, one kind of act in one province
        required = min(required, rules.shared_group_min_similarity)
    once = types == "same" and effective_type(a, rules) in rules.once_types
    if once and place == "same" and not rival:
        # a town taken, told on its day and the next; retaken by the other side is another
        required = min(required, rules.once_min_similarity)
    if (
        _same_deaths(a, b, types, gap, place, rules)
        or _same_abducted(a, b, types, gap, place, rules)
        or _one_toll_unplaced(a, b, types, place)
        or recounted
    ):
        required = min(required, rules.same_toll_min_similarity)
    if (
        place == "country"
        and types == "same"
        and gap == 0
        and effective_type(a, rules) == "military.interception"
        and a.day_part == b.day_part
    ):
        # "jets shot down drones that entered Poland's airspace overnight" and "three drones
        # were shot down overnight, Tusk said": one country's air defence on one night
        required = min(required, rules.one_night_interception_min_similarity)
    if set(a.names) & set(b.names) and types != "family":
        # "Crocus concert hall toll reaches 133" two days after gunmen hit the Crocus City
        # Hall: a name no place or actor list holds, told of by both, within the date window
        required = min(required, rules.shared_name_min_similarity)
    if late:
        required = max(required, rules.late_toll_min_similarity)
    if follow_up:
        required = min(required, rules.follow_up_min_similarity)
    sim = similarity(a, b, rules.word_match)
    if sim < required:
        return None
    return Link(place, types, round(sim, 4), round(required, 4))
