"""Incident resolution's pure core: dates, the pair rule, components, summaries, the score."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sitrep_api.incidents.blocking import link_all
from sitrep_api.incidents.grouping import (
    Incident,
    components,
    merge,
    reconcile,
    summarise,
    summary_of,
)
from sitrep_api.incidents.occurred import occurred_on
from sitrep_api.incidents.report import Report, content_words, nation_words, report_of
from sitrep_api.incidents.rules import decide, load_rules, similarity
from sitrep_classifier.tagger import Tagger
from sitrep_cli.evaluate_incidents import bcubed, evaluate_incidents
from sitrep_ingest.ids import event_id
from sitrep_schemas import TaggedEvent, UpdateEvent

SETS = Path(__file__).resolve().parents[1] / "data" / "incidents"
MONDAY = date(2025, 3, 3)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def tag(tagger: Tagger, text: str, source: str = "desk", day: date | None = MONDAY) -> TaggedEvent:
    update = UpdateEvent(
        event_id=event_id(source, day, None, text), source=source, bulletin_date=day, text=text,
        received_at=datetime(2025, 3, 3, 18, tzinfo=UTC),
    )  # fmt: skip
    return tagger.classify(update)


def report(
    tagger: Tagger, text: str, source: str = "desk", day: date | None = MONDAY, days: int = 0
) -> Report:
    """The report of `text` in `source`'s bulletin of `day`, `days` after it."""
    return report_of(tag(tagger, text, source, day + timedelta(days=days) if day else day))


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("Drones hit a depot in Sumy.", "2025-03-03", "day"),
        ("Drones hit a depot in Sumy yesterday.", "2025-03-02", "day"),
        ("Drones hit a depot in Sumy on Saturday.", "2025-03-01", "day"),
        ("Fires burned at the depot a day after drones hit Sumy.", "2025-03-02", "day"),
        ("Drones hit a depot in Sumy the day before yesterday.", "2025-03-01", "day"),
        ("The toll from Friday's strike on Sumy rose to 4.", "2025-02-28", "day"),
        ("Drones hit a depot in Sumy overnight.", "2025-03-03", "day"),
        ("Drones hit a depot in Sumy last week.", "2025-02-24", "week"),
        ("Drones hit a depot in Sumy on 27 February.", "2025-02-27", "day"),
        ("17-18 February: drones hit a depot in Sumy.", "2025-02-17", "day"),
        ("Drones hit a depot on December 30.", "2024-12-30", "day"),
    ],
)
def test_occurred_on_resolves_relative_dates_against_the_bulletin(
    tagger: Tagger, text: str, day: str, precision: str
) -> None:
    when = occurred_on(tag(tagger, text))
    assert (when.date.isoformat(), when.precision) == (day, precision)


def test_occurred_on_without_a_bulletin_date_uses_the_received_day(tagger: Tagger) -> None:
    when = occurred_on(tag(tagger, "Drones hit a depot in Sumy.", day=None))
    assert (when.date.isoformat(), when.basis) == ("2025-03-03", "received_at")


STRIKE = "A Russian missile strike on an apartment block in Kharkiv killed eight people, the governor said."


@pytest.mark.parametrize(
    ("other", "same"),
    [
        ("At least 10 people were killed when Russian missiles hit a residential building in Kharkiv.", True),
        ("The death toll from the Kharkiv missile strike has risen to 10, officials said.", True),
        # another weapon, another part of the day, another city, another day, a reaction
        ("Russian drones struck the Saltivka district of Kharkiv in the morning, injuring three.", False),
        ("A Russian missile strike on an apartment block in Kherson killed eight people.", False),
        ("Ukraine's foreign minister condemned the Russian attack on Kharkiv at a meeting in Brussels.", False),
    ],
)  # fmt: skip
def test_the_pair_rule_on_reports_and_distractors(tagger: Tagger, other: str, same: bool) -> None:
    a, b = report(tagger, STRIKE, "desk-a"), report(tagger, other, "desk-b")
    assert (decide(a, b) is not None) == same
    assert (decide(b, a) is not None) == same  # symmetric


def test_the_same_place_on_another_day_is_another_incident(tagger: Tagger) -> None:
    a = report(tagger, STRIKE, "desk-a")
    b = report(tagger, STRIKE.replace("eight", "nine"), "desk-b", day=date(2025, 3, 6))
    assert decide(a, b) is None


FLOOD = (
    "Floods after days of heavy rain killed 40 people in Bihar state, India's disaster agency said."
)


@pytest.mark.parametrize(
    ("other", "days_later", "same"),
    [
        # a disaster's toll is revised for a week, from other towns of the region
        ("The death toll from the floods in Bihar has risen to 95 as the Kosi river burst its banks near Supaul.", 4, True),
        ("India flood toll passes 130 in Bihar and Assam, officials say.", 6, True),
        # another hazard in the same state that week, the same hazard weeks later
        ("A magnitude 5.1 earthquake shook Bihar on Tuesday, injuring four people.", 1, False),
        ("Floods killed 12 people in Bihar after a new spell of monsoon rain, officials said.", 20, False),
    ],
)  # fmt: skip
def test_a_disaster_spans_days_and_hazards_stay_apart(
    tagger: Tagger, other: str, days_later: int, same: bool
) -> None:
    a = report(tagger, FLOOD, "desk-a")
    b = report(tagger, other, "desk-b", days=days_later)
    assert (decide(a, b) is not None) == same
    assert (decide(b, a) is not None) == same


def test_background_never_joins(tagger: Tagger) -> None:
    a = report(tagger, STRIKE)
    b = report(tagger, "In 2022 a Russian missile strike on Kharkiv killed eight people.", "desk-b")
    if b.tallied:  # the tagger may not see it as background; the rule is what is tested here
        b = Report.from_json({**b.to_json(), "tallied": False, "event_type": "other.background"})
    assert decide(a, b) is None


def test_components_and_ids_do_not_depend_on_order() -> None:
    edges = [("c", "d"), ("a", "b"), ("b", "c"), ("x", "y")]
    nodes = ["a", "b", "c", "d", "x", "y", "z"]
    expected = [["a", "b", "c", "d"], ["x", "y"], ["z"]]
    for seed in range(5):
        random.Random(seed).shuffle(edges)
        random.Random(seed).shuffle(nodes)
        assert components(nodes, edges) == expected


def test_summaries_merge_in_any_order(tagger: Tagger) -> None:
    texts = [
        ("desk-a", STRIKE),
        ("desk-b", "Kharkiv: missile hits apartment block, 9 dead - officials."),
        ("desk-a", "The death toll from the Kharkiv strike has risen to 11, the governor said."),
    ]
    reports = [report(tagger, text, source) for source, text in texts]
    reports = [
        Report.from_json({**r.to_json(), "reported_key": f"2025-03-03|{i:015d}|00001"})
        for i, r in enumerate(reports)
    ]
    one = [summary_of(r) for r in reports]
    a = merge(merge(one[0], one[1]), one[2])
    b = merge(one[2], merge(one[1], one[0]))
    assert json.dumps(a) == json.dumps(b) == json.dumps(summarise(reversed(reports)))
    killed = reconcile(a)["killed"]
    # desk-a's 8 is superseded by its own later 11; desk-b's 9 stands
    assert (killed["value"], killed["low"], killed["high"], killed["claims"]) == (11, 9, 11, 2)
    assert reconcile(a, "lowest")["killed"]["value"] == 9
    assert Incident(reports).view["claims_superseded"] == 1


def test_bcubed() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed([["a", "b"], ["c"]], gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed([["a", "b", "c"]], gold)
    assert p == pytest.approx(5 / 9) and r == 1.0


def test_the_tuning_set_groups_as_labelled_in_any_order(tagger: Tagger) -> None:
    """Floors on the tuning part only (test.jsonl and test-b.jsonl are never tuned on)."""
    first = evaluate_incidents(SETS / "tune.jsonl", tagger)
    again = evaluate_incidents(SETS / "tune.jsonl", tagger, shuffle_seed=11)
    assert first.reports >= 80 and first.gold_incidents >= 35
    assert first.precision >= 0.97 and first.f1 >= 0.95, first.table()
    assert (again.precision, again.recall) == (first.precision, first.recall)
    killed = first.figures["killed"]
    assert killed["predicted"] < 0.75 * killed["report_sum"], first.table()
    assert killed["predicted"] <= 1.05 * killed["high"], first.table()


def test_the_labelled_sets_are_big_enough_and_disjoint() -> None:
    sets = {
        name: [json.loads(line) for line in (SETS / f"{name}.jsonl").read_text().splitlines()]
        for name in ("tune", "test", "test-b")
    }
    labels = {name: {r["incident"] for r in rows} for name, rows in sets.items()}
    assert not labels["tune"] & (labels["test"] | labels["test-b"])
    assert not labels["test"] & labels["test-b"]
    assert sum(len(rows) for rows in sets.values()) >= 100
    assert sum(len(v) for v in labels.values()) >= 40
    assert link_all([]) == []
    rules = load_rules()
    assert rules.max_day_gap == 1 and rules.min_similarity["same"]["same"] == 0.0


def test_an_aftershock_and_a_quake_of_another_magnitude_are_other_incidents(
    tagger: Tagger,
) -> None:
    quake = report(tagger, "A magnitude 6.9 earthquake struck off Bogo city in Cebu province.", "a")
    toll = report(
        tagger, "The death toll from the Cebu earthquake climbed to 69, officials said.", "b",
        days=1,
    )  # fmt: skip
    aftershock = report(
        tagger, "A magnitude 5.0 aftershock rattled northern Cebu; no casualties were reported.",
        "c", days=3,
    )  # fmt: skip
    second = report(tagger, "A magnitude 5.8 earthquake struck Cebu province on Thursday.", "d")
    assert decide(quake, toll) is not None  # one province, one hazard, the next day
    assert decide(toll, aftershock) is None
    assert decide(quake, second) is None


def test_a_quake_fixes_its_day(tagger: Tagger) -> None:
    """Sunday's quake (2025-03-02) and a new one of a close magnitude on Thursday are two;
    a toll dated before Thursday cannot be the new one's; one magnitude a day apart is one
    quake dated either side of midnight."""
    sunday = report(tagger, "A magnitude 6.0 earthquake struck Kunar province on Sunday.", "a")
    toll = report(
        tagger, "The death toll from the earthquake in Kunar rose above 800.", "b",
        days=1,
    )  # fmt: skip
    thursday = report(
        tagger, "A new magnitude 5.6 earthquake shook Kunar province on Thursday evening.", "c",
        days=3,
    )  # fmt: skip
    named = report(
        tagger, "The toll from Sunday's earthquake in Kunar has risen to 2,200.", "d",
        days=3,
    )  # fmt: skip
    midnight = report(tagger, "A magnitude 6.0 earthquake hit Kunar province on Monday.", "e")
    assert decide(sunday, toll) is not None and decide(sunday, named) is not None
    assert decide(sunday, thursday) is None
    assert decide(toll, thursday) is None  # Tuesday's toll is not Thursday's quake
    assert decide(named, thursday) is None  # the day named as the quake's
    assert decide(sunday, midnight) is not None


def test_one_hazard_in_one_country_far_apart_is_two_disasters(tagger: Tagger) -> None:
    kerr = report(
        tagger, "Flash flooding along the Guadalupe River in Kerr County, Texas, killed 13.", "a"
    )
    texas = report(
        tagger, "The toll from the floods in central Texas passed 100.", "b",
        days=3,
    )  # fmt: skip
    ruidoso = report(
        tagger, "A flash flood swept through Ruidoso, New Mexico, killing three people.", "c",
        days=4,
    )  # fmt: skip
    assert decide(kerr, texas) is not None
    assert decide(kerr, ruidoso) is None and decide(texas, ruidoso) is None


def test_a_riots_toll_now_known_two_days_on(tagger: Tagger) -> None:
    """'Four are now known to have died in the blaze' revises the riot's toll of three."""
    riot = report(
        tagger, "Rioters set fire to the council building in Makassar; three people died.", "a"
    )
    later = report(
        tagger, "Four people are now known to have died in the blaze at the Makassar council.",
        "b", days=2,
    )  # fmt: skip
    assert later.toll_update
    assert decide(riot, later) is not None


def test_two_sources_counting_one_strike_a_tenth_apart(tagger: Tagger) -> None:
    first = report(
        tagger, "A military air strike on a ceremony in Sagaing region killed at least 30.", "a"
    )
    second = report(
        tagger,
        "Junta jets bombed a ceremony in Kanbalu township at noon; monks and witnesses put the toll at 32.",
        "b",
    )
    other = report(
        tagger,
        "Junta jets bombed a ceremony in Kanbalu township at noon; monks and witnesses put the toll at 12.",
        "c",
    )
    assert decide(first, second) is not None
    assert decide(first, other) is None


def test_the_next_mornings_headline_of_a_late_night_strike(tagger: Tagger) -> None:
    night = report(
        tagger, "An air strike set fire to a tent camp in Tal al-Sultan late on Sunday, "
        "killing 35 displaced people.", "a",
    )  # fmt: skip
    title = report(
        tagger, "Strike on Tal al-Sultan kills 30, health ministry says",
        "b",
    )  # fmt: skip
    later = report(
        tagger, "Strike on Tal al-Sultan kills 30, health ministry says",
        "c", days=1,
    )  # fmt: skip
    assert decide(night, title) is not None
    assert decide(night, later) is None


def test_a_toll_carried_to_the_next_day_without_saying_so(tagger: Tagger) -> None:
    first = report(tagger, "Gangs attacked the commune of Kenscoff, killing at least 10 people.")
    later = report(
        tagger, "At least a dozen residents of Kenscoff were shot dead by gang members.", "b",
        days=1,
    )  # fmt: skip
    fewer = report(
        tagger, "Gang members shot dead two residents of Kenscoff, a rights group said.", "c",
        days=1,
    )  # fmt: skip
    assert decide(first, later) is not None
    assert decide(first, fewer) is None


def test_a_revised_toll_is_the_toll_whatever_weapons_it_names(tagger: Tagger) -> None:
    raid = report(
        tagger, "Israeli forces launched a large operation in Jenin, killing nine people."
    )
    toll = report(
        tagger,
        "The toll from the Israeli raid on Jenin rose to 10, as drones operated in the camp.",
        "b", days=1,
    )  # fmt: skip
    assert decide(raid, toll) is not None


def test_the_day_a_text_names_as_the_happenings_comes_first(tagger: Tagger) -> None:
    later = tag(
        tagger,
        "Workers ended the search of the high-rises on Friday; 33 people died in "
        "Wednesday's strike.",
        day=date(2025, 11, 21),
    )  # fmt: skip
    assert occurred_on(later).date == date(2025, 11, 19)


def test_one_death_toll_of_ten_or_more_on_one_day_is_one_happening(tagger: Tagger) -> None:
    fire = report(
        tagger, "Police opened fire on protesters who tried to storm parliament in Kathmandu, "
        "killing at least 19 people.",
    )  # fmt: skip
    later = report(
        tagger, "Gen Z protests: 19 killed on Monday as police fired live rounds outside parliament.",
        "b",
    )  # fmt: skip
    assert fire.hazards == ()  # "to storm parliament" is no storm
    assert decide(fire, later) is not None


def test_a_toll_carried_is_read_in_the_order_of_publication(tagger: Tagger) -> None:
    first = report(tagger, "Gunmen killed 52 people in overnight attacks on Zike in Plateau state.")
    follow = report(
        tagger, "The death toll from Sunday night's attack on Zike in Plateau state rose to 54.",
        "b", days=1,
    )  # fmt: skip
    assert follow.occurred < first.occurred  # named the night; the first is dated by its bulletin
    assert decide(first, follow) is not None


def test_a_toll_update_for_the_day_carries_that_days_happening(tagger: Tagger) -> None:
    tuesday = MONDAY + timedelta(days=1)
    blasts = report(
        tagger,
        "Hundreds of pagers used by Hezbollah members exploded at about the same time across "
        "Lebanon on Tuesday afternoon, killing at least nine people and wounding about 2,750.",
        "a", day=tuesday,
    )  # fmt: skip
    update = report(
        tagger,
        "The toll from Tuesday's pager explosions in Lebanon has risen to 12 dead, among them "
        "two children, with nearly 2,800 injured, the health ministry said.",
        "b", day=tuesday + timedelta(days=1),
    )  # fmt: skip
    radios = report(
        tagger,
        "The number of people killed when hand-held radios exploded across Lebanon on "
        "Wednesday has risen to 20, the health ministry said.",
        "b", day=tuesday + timedelta(days=2),
    )  # fmt: skip
    assert update.toll_update and update.occurred == blasts.occurred
    assert decide(blasts, update) is not None
    assert decide(blasts, radios) is None  # the next day's blasts, their own toll


def test_a_magnitude_revised_by_its_source_is_the_same_quake(tagger: Tagger) -> None:
    first = report(tagger, "A magnitude 8.0 earthquake struck off Russia's Kamchatka peninsula.")
    upgraded = report(
        tagger, "The USGS upgraded the Kamchatka earthquake to magnitude 8.8, one of the "
        "strongest ever recorded.", "b",
    )  # fmt: skip
    other = report(tagger, "A magnitude 8.8 earthquake struck off Kamchatka.", "c")
    assert upgraded.revision and not other.revision
    assert decide(first, upgraded) is not None
    assert decide(first, other) is None  # without a revision, 0.8 apart is another quake


def test_a_reaction_is_not_the_strike_and_a_revised_toll_may_come_two_days_on(
    tagger: Tagger,
) -> None:
    strike = report(
        tagger, "An Israeli air strike on a home in Beit Lahia killed at least 93 people.", "a"
    )
    reaction = report(
        tagger, "The US State Department called the Beit Lahia strike horrifying and asked "
        "Israel for an explanation.", "b",
    )  # fmt: skip
    assert reaction.event_type == "diplomacy.criticism"
    assert decide(strike, reaction) is None
    collapse = report(
        tagger, "In Bangkok a 30-storey building under construction collapsed, trapping dozens "
        "of workers; at least eight were killed.", "a",
    )  # fmt: skip
    later = report(
        tagger, "Rescuers at the collapsed tower in Bangkok said the toll had risen to 17.", "b",
        days=2,
    )  # fmt: skip
    assert decide(collapse, later) is not None
    unrevised = report(
        tagger, "A collapsed building in Bangkok killed 17 people.", "c",
        days=2,
    )  # fmt: skip
    assert decide(collapse, unrevised) is None  # two days on without a revision: another


def test_a_separately_item_is_another_happening_of_its_bulletin(tagger: Tagger) -> None:
    beirut = report(
        tagger, "An Israeli strike hit a building in Beirut's southern suburbs, killing six.", "a"
    )
    south = report(
        tagger, "Separately, Israeli jets carried out dozens of strikes on villages in the "
        "Nabatieh and Tyre districts, killing at least 15 people.", "a",
    )  # fmt: skip
    assert south.separate and not beirut.separate
    assert decide(beirut, south) is None
    same_words = report(tagger, "Separately, an Israeli strike hit a building in Beirut's "
                        "southern suburbs, killing six.", "b")  # fmt: skip
    assert decide(beirut, same_words) is not None  # another outlet's "separately" is its own


def test_one_armed_group_one_day_one_province_needs_few_words(tagger: Tagger) -> None:
    sunday = MONDAY - timedelta(days=1)
    church = report(
        tagger, "Attackers from the Allied Democratic Forces stormed a Catholic church in "
        "Komanda, Ituri province, during a night vigil, killing at least 21 people, a local "
        "civil society leader said.", "a", sunday,
    )  # fmt: skip
    rewritten = report(
        tagger, "ADF rebels killed 38 people in an attack on a church in eastern Congo's Ituri "
        "province early on Sunday, the UN mission said, and several homes and shops were "
        "burned.", "b", sunday,
    )  # fmt: skip
    assert church.groups == rewritten.groups == ("Allied Democratic Forces",)
    link = decide(church, rewritten)
    assert link is not None and link.place == "region"
    assert link.required == load_rules().shared_group_min_similarity
    # another group's attack that day in the province is not it
    other = report(
        tagger, "CODECO militiamen killed 12 people in an attack on a displacement camp in "
        "Ituri province on Sunday, the UN mission said.", "b", sunday,
    )  # fmt: skip
    assert decide(church, other) is None
    # nor is the group's attack of the next day
    later = report(
        tagger, "ADF rebels killed 9 people in an attack on a village in Ituri province.", "b",
    )  # fmt: skip
    assert decide(church, later) is None


def test_a_toll_update_days_on_joins_its_happening_when_its_words_agree(tagger: Tagger) -> None:
    attack = report(
        tagger, "Members of the Gran Grif gang killed at least 70 people in an attack on the "
        "town of Pont-Sonde, the UN said.", "a",
    )  # fmt: skip
    risen = report(
        tagger, "The number of people killed in the Gran Grif attack on Pont-Sonde has risen "
        "to 115, according to a rights group.", "b", days=3,
    )  # fmt: skip
    assert risen.toll_update
    assert decide(attack, risen) is not None
    # a lower toll days on is not this attack's, revised
    lower = report(
        tagger, "The number of people killed in the Gran Grif attack on Pont-Sonde has risen "
        "to 40, according to a rights group.", "b", days=3,
    )  # fmt: skip
    assert decide(attack, lower) is None
    # a week on is beyond the window however alike the words
    week = report(
        tagger, "The number of people killed in the Gran Grif attack on Pont-Sonde has risen "
        "to 115, according to a rights group.", "b", days=7,
    )  # fmt: skip
    assert decide(attack, week) is None


def test_a_toll_update_dated_by_another_happening_reaches_back_too(tagger: Tagger) -> None:
    strike = report(
        tagger, "A Russian missile hit a residential area next to a playground in Kryvyi Rih, "
        "killing 16 people, six of them children.", "a",
    )  # fmt: skip
    # Wednesday is the burial's day, not the strike's: the count may be days after it
    burial = report(
        tagger, "Kryvyi Rih buried its dead on Wednesday; the toll from the strike stands at 20, "
        "among them nine children.", "b", days=3,
    )  # fmt: skip
    assert burial.toll_update and burial.claim("killed") == 20
    assert decide(strike, burial) is not None
    # a day of mourning for "the nine people killed": the toll, though referred to
    mourning = report(
        tagger, "The region held a day of mourning for the nine people killed in the drone strike "
        "on a bus in Bilopillia.", "c",
    )  # fmt: skip
    assert mourning.claim("killed") == 9


def test_a_reaction_without_a_toll_is_not_the_happening(tagger: Tagger) -> None:
    strike = report(
        tagger, "An Israeli strike killed 15 people, nine of them children, who were queuing "
        "outside a clinic in Deir al-Balah, Gaza's civil defence said.", "a",
    )  # fmt: skip
    appalled = report(
        tagger, "UNICEF said it was appalled by the killing of children and women waiting "
        "outside a clinic in Deir al-Balah.", "b",
    )  # fmt: skip
    assert appalled.reaction and decide(strike, appalled) is None
    # a reaction that gives the toll tells of the happening
    toll = report(
        tagger, "UNICEF said it was horrified that 15 people, nine of them children, were "
        "killed outside a clinic in Deir al-Balah.", "c",
    )  # fmt: skip
    assert toll.reaction and toll.claim("killed") == 15
    assert decide(strike, toll) is not None


def test_two_kinds_of_place_struck_in_one_city_are_two_strikes(tagger: Tagger) -> None:
    printing = report(
        tagger, "The Factor Druk printing plant in Kharkiv was wrecked by a missile strike; "
        "seven of its workers died.", "a",
    )  # fmt: skip
    store = report(
        tagger, "The death toll from the strike on the Epicentr home-improvement store in "
        "Kharkiv rose to 12, officials said.", "b", days=1,
    )  # fmt: skip
    assert printing.targets == ("printing",) and store.targets == ("shop",)
    assert decide(printing, store) is None
    # where the wounded were taken, or who counted them, is not what was hit
    died = report(tagger, "A woman died in hospital, bringing the Kharkiv toll to 12.", "c")
    counted = report(tagger, "Hospital officials in Kharkiv said 12 had died.", "c")
    assert died.targets == () and counted.targets == ()


def test_a_bulletin_cannot_tell_of_a_happening_after_its_day(tagger: Tagger) -> None:
    friday = report(
        tagger, "Russian missiles struck Kharkiv, killing seven people.", "a",
        days=4,
    )  # fmt: skip
    saturday = report(
        tagger, "Nineteen people are now known to have died in Saturday's attack on Kharkiv.",
        "b", days=7,
    )  # fmt: skip
    assert saturday.occurred == (MONDAY + timedelta(days=5)).isoformat()
    assert decide(friday, saturday) is None


def test_a_feast_day_dates_the_happening_and_a_close_toll_the_next_day(tagger: Tagger) -> None:
    christmas = tag(
        tagger, "The gang coalition claimed the Christmas Eve attack at the General Hospital.",
        day=date(2024, 12, 26),
    )  # fmt: skip
    assert occurred_on(christmas).date == date(2024, 12, 24)
    january = tag(tagger, "Rescuers recalled the New Year's Eve fire.", day=date(2025, 1, 2))
    assert occurred_on(january).date == date(2024, 12, 31)
    who = report(
        tagger, "A drone attack on the Saudi hospital in El Fasher killed 70 people, the WHO "
        "chief said.", "a",
    )  # fmt: skip
    officials = report(
        tagger, "Sudanese officials blamed the RSF for the drone strike on El Fasher's last "
        "functioning hospital, which killed 67 patients.", "b", days=1,
    )  # fmt: skip
    assert decide(who, officials) is not None
    halved = report(
        tagger, "A drone strike on a hospital in El Fasher killed 35 patients.", "b",
        days=1,
    )  # fmt: skip
    assert decide(who, halved) is None  # another day's strike, another toll


def test_a_toll_raised_by_recovered_bodies_and_a_final_toll_repeated_days_on(
    tagger: Tagger,
) -> None:
    strike = report(
        tagger, "A Russian cruise missile hit an apartment building in Uman before dawn, "
        "killing at least 17 people.", "a", day=MONDAY - timedelta(days=2),
    )  # fmt: skip
    raised = report(
        tagger, "Rescuers in Uman recovered more bodies from the rubble, raising the toll from "
        "Saturday's strike to 23.", "b",
    )  # fmt: skip
    assert raised.toll_update and raised.claim("killed") == 23
    final = report(
        tagger, "The search of the collapsed building in Uman has ended; 23 people were killed, "
        "the ministry said.", "c", days=2,
    )  # fmt: skip
    assert not final.toll_update
    # a final toll repeated days on without words of a revision is not linked back: the
    # resolver would widen the window for every report dated by its bulletin with a toll
    assert decide(raised, final) is None
    assert decide(strike, raised) is not None
    other = report(
        tagger, "A missile hit an apartment building in Uman; 12 people were killed.", "c",
        days=2,
    )  # fmt: skip
    assert decide(raised, other) is None


def test_a_town_taken_told_on_two_days_is_one_happening_unless_retaken(tagger: Tagger) -> None:
    entered = report(
        tagger, "Paramilitary fighters of the RSF moved into Wad Madani; residents said "
        "soldiers had left their positions overnight.", "a",
    )  # fmt: skip
    taken = report(
        tagger, "The Rapid Support Forces said they had taken Wad Madani, the capital of "
        "Gezira state, after the army pulled out of the city.", "b", days=1,
    )  # fmt: skip
    assert decide(entered, taken) is not None
    # the other side taking it back the next day is another happening
    captured = report(tagger, "Russian forces captured the village of Robotyne.", "a")
    retaken = report(tagger, "Ukrainian troops retook the village of Robotyne.", "b", days=1)
    assert decide(captured, retaken) is None
    again = report(tagger, "Russia's defence ministry said its troops took Robotyne.", "c", days=1)
    assert decide(captured, again) is not None


def test_what_followed_a_happening_at_its_place_days_later_is_the_same_happening(
    tagger: Tagger,
) -> None:
    abducted = report(
        tagger,
        "Armed men abducted 303 pupils and 12 teachers from St Mary's school in Papiri, "
        "in Niger state.",
        "a",
    )
    escaped = report(
        tagger,
        "Fifty of the children taken from the Catholic boarding school in Papiri escaped and "
        "have been reunited with their families.",
        "b",
        days=2,
    )
    assert decide(abducted, escaped) is not None
    elsewhere = report(
        tagger, "Fifty pupils abducted in Kebbi state escaped and returned to Maga.", "b", days=2
    )
    assert decide(abducted, elsewhere) is None
    # told only by the region of the happening's town: the same place, less precisely
    in_the_state = report(
        tagger,
        "Fifty of the children seized from the Catholic boarding school in Niger state have "
        "escaped and been reunited with their families.",
        "b",
        days=2,
    )
    assert decide(abducted, in_the_state) is not None
    # another state's school: not told less precisely, told elsewhere
    kebbi = report(
        tagger, "Fifty of the pupils seized in Kebbi state have escaped, police said.", "b", days=2
    )
    assert decide(abducted, kebbi) is None
    too_late = report(
        tagger,
        "Fifty of the children taken from the Catholic boarding school in Papiri escaped.",
        "b",
        days=9,
    )
    assert decide(abducted, too_late) is None
    taken = report(tagger, "The RSF said it had taken El Nahud in West Kordofan.", "a")
    killed = report(
        tagger,
        "Rights groups said RSF fighters killed about 300 civilians in El Nahud after "
        "seizing the town.",
        "b",
        days=2,
    )
    assert decide(taken, killed) is not None


def test_a_night_told_the_next_day_began_on_the_evening_before(tagger: Tagger) -> None:
    """A car bomb at a college's gate one day, "an overnight siege" ended the next: one attack;
    but a second night's strikes on a city are another."""
    gate = report(
        tagger,
        "Militants rammed an explosives-laden vehicle into the gate of the Cadet College in "
        "Wana and tried to storm the campus, the army said.",
        "a",
    )
    siege = report(
        tagger,
        "Troops killed all five militants who attacked a cadet college in Wana and rescued "
        "more than 500 students after an overnight siege, the military said.",
        "b",
        days=1,
    )
    assert gate.event_type == "remote.explosive"
    assert decide(gate, siege) is not None
    first = report(
        tagger, "Russian drones struck apartment blocks in Kyiv overnight, killing three.", "a"
    )
    second = report(
        tagger, "Russian drones hit an energy facility in Kyiv overnight, the mayor said.", "b",
        days=1,
    )  # fmt: skip
    assert decide(first, second) is None


def test_a_factory_claimed_struck_is_not_the_train_a_city_reports_hit(tagger: Tagger) -> None:
    city = report(
        tagger,
        "A Russian missile strike on Dnipro killed 17 people and injured 279, hitting a "
        "passenger train and residential buildings.",
        "a",
    )
    claim = report(
        tagger,
        "Russia's defence ministry said it had struck a Ukrainian military-industrial "
        "enterprise in Dnipropetrovsk region with Iskander missiles.",
        "b",
    )
    assert decide(city, claim) is None
    jets = report(
        tagger,
        "Romania's defence ministry said it scrambled two F-16 jets after detecting drones "
        "during a Russian attack on the Ukrainian port of Izmail.",
        "b",
    )
    port = report(tagger, "Russian drones attacked the port of Izmail, injuring two workers.")
    assert jets.event_type == "military.posture_movement"
    assert decide(port, jets) is None


def test_a_military_jet_crash_and_its_toll_told_over_days(tagger: Tagger) -> None:
    crash = report(
        tagger,
        "A Bangladesh air force training jet crashed into a school building in Dhaka's Uttara "
        "area, killing at least 19 people and injuring more than 160, officials said.",
        "a",
    )
    toll = report(
        tagger, "The toll from the crash of an F-7 training jet into a school in Dhaka rose to 27.",
        "b", days=1,
    )  # fmt: skip
    later = report(tagger, "Dhaka school jet crash deaths reach 31", "c", days=2)
    assert later.toll_update
    assert decide(crash, toll) is not None and decide(crash, later) is not None


def test_a_building_fire_is_a_disaster_told_for_days(tagger: Tagger) -> None:
    fire = report(
        tagger,
        "A fire tore through several towers of a housing estate in Tai Po, in Hong Kong's New "
        "Territories, killing at least four people, the fire department said.",
        "a",
    )
    searched = report(
        tagger,
        "Firefighters finished searching the burned towers at Wang Fuk Court on Friday as the "
        "toll from Hong Kong's deadliest fire in decades reached 128.",
        "b", days=2,
    )  # fmt: skip
    assert fire.hazards == ("fire",) and searched.hazards == ("fire",)
    assert decide(fire, searched) is not None
    flood = report(
        tagger, "Floods in Hong Kong's New Territories killed six people, officials said.", "c",
        days=1,
    )  # fmt: skip
    assert decide(fire, flood) is None


def test_forms_of_one_word_match_and_a_city_is_not_its_region(tagger: Tagger) -> None:
    ours = report(
        tagger,
        "Pakistan's military said 23 of its soldiers were killed in overnight clashes with "
        "Afghan Taliban forces along the border.",
        "a",
    )
    theirs = report(
        tagger, "Taliban say 58 Pakistani soldiers killed in Afghanistan border raids", "b"
    )
    assert decide(ours, theirs) is not None  # "afghan" is a form of "afghanistan"

    def words(*these: str) -> Report:
        return Report.from_json({**ours.to_json(), "words": these})

    assert similarity(words("afghan", "cricket"), words("afghanistan", "cricketer")) == 1.0
    # a city is not its region, however the name starts
    assert similarity(words("dnipro", "station"), words("dnipropetrovsk", "station")) == 1 / 3


def test_who_tells_of_an_attack_on_it_is_no_side_that_acted(tagger: Tagger) -> None:
    """The Russian ministry reporting drones on its airfields and Ukraine's service claiming
    them tell of one attack: a speaker is not a rival side."""
    claimed = report(
        tagger,
        "Ukraine's SBU said its drones hit 41 aircraft at air bases in the Irkutsk and "
        "Murmansk regions.",
        "a",
    )
    confirmed = report(
        tagger,
        "Russia's defence ministry said drones attacked airfields in the Murmansk and Irkutsk "
        "regions and several aircraft caught fire.",
        "b",
    )
    assert "RUS" not in confirmed.actors
    assert decide(claimed, confirmed) is not None


def test_who_judges_an_attack_in_a_clause_of_their_own_is_no_side(tagger: Tagger) -> None:
    """ "...; Zelensky calls it 'savage'": the president judges the strike, Ukraine did not
    carry it out, so the Russian strike told elsewhere is the same one."""
    headline = report(
        tagger,
        "Drone attack on train station in northern Ukraine's Shostka injures dozens; "
        "Zelensky calls it 'savage'",
        "a",
    )
    struck = report(
        tagger,
        "Russian drones struck the railway station in Shostka as passengers were boarding a "
        "train, wounding about 30 people.",
        "b",
    )
    assert [p.name for p in headline.places] == ["Shostka"]
    assert headline.actors == ()
    assert decide(headline, struck) is not None


def test_a_toll_that_stays_is_carried(tagger: Tagger) -> None:
    hotel = report(
        tagger,
        "A fire tore through a hotel at the Kartalkaya ski resort in Bolu province, Turkey, "
        "killing 66 people.",
        "a",
    )
    later = report(tagger, "Ski hotel fire toll at 78; owner among 11 detained", "b", days=2)
    assert later.claim("killed") == 78
    assert decide(hotel, later) is not None
    stayed = report(tagger, "The injured rose to 113; the toll stayed at seven.", "c")
    assert stayed.toll_update and stayed.claim("killed") == 7


def test_a_name_no_list_holds_shared_by_two_reports(tagger: Tagger) -> None:
    hall = report(
        tagger,
        "Gunmen opened fire at the Crocus City Hall concert venue in Krasnogorsk, outside "
        "Moscow; at least 40 people were killed, the FSB said.",
        "a",
    )
    toll = report(
        tagger, "Crocus concert hall toll reaches 133; rescuers still searching the ruins", "b",
        days=2,
    )  # fmt: skip
    assert "crocu" in hall.names and "crocu" in toll.names
    assert "krasnogorsk" not in hall.names and "moscow" not in hall.names  # places
    assert decide(hall, toll) is not None
    # a sentence's first word is no name in prose; the day and generic words are none
    prose = report(tagger, "Rescuers searched the ruins on Sunday.", "c")
    assert prose.names == ()


def test_a_happening_named_with_its_toll_days_on(tagger: Tagger) -> None:
    """ "Barsalogho massacre: up to 400 dead" three days after the attack: a toll update of
    the happening it names, dated only by its bulletin."""
    attack = report(
        tagger,
        "JNIM fighters attacked villagers digging trenches around Barsalogho in central "
        "Burkina Faso on Monday, killing at least 200 people, local sources said.",
        "a",
    )
    later = report_of(
        tagger.classify(
            UpdateEvent(
                event_id=event_id("b", MONDAY, "Burkina Faso", "x"),
                source="b",
                bulletin_date=MONDAY + timedelta(days=3),
                headline="Burkina Faso",
                text="Barsalogho massacre: up to 400 dead, survivors say",
                received_at=datetime(2025, 3, 6, 18, tzinfo=UTC),
            )
        )
    )
    assert later.toll_update
    assert decide(attack, later) is not None


def test_an_air_crash_is_one_happening_whatever_it_is_called(tagger: Tagger) -> None:
    """An airliner's crash told as a disaster, as a military incident ("the Aktau crash")
    and as a toll: one happening at one place; a crash on a typhoon relief mission is not
    the typhoon."""
    crash = report(
        tagger,
        "An Azerbaijan Airlines Embraer flying from Baku to Grozny crashed near the city of "
        "Aktau in Kazakhstan, killing 38 of the 67 people on board.",
        "a",
    )
    assert [p.name for p in crash.places] == ["Aktau"]  # not where it flew from and to
    survivors = report(
        tagger,
        "Survivors of the Aktau crash described loud bangs before the plane lost control.",
        "b", days=1,
    )  # fmt: skip
    assert "crash" in crash.hazards and "crash" in survivors.hazards
    assert decide(crash, survivors) is not None
    typhoon = report(
        tagger,
        "Typhoon Kalmaegi unleashed flash floods in Cebu province, killing at least 26 people.",
        "c",
    )
    relief = report(
        tagger,
        "A Philippine air force helicopter on a typhoon relief mission crashed in Agusan del Sur "
        "province, killing all six crew members.",
        "d",
    )
    assert decide(typhoon, relief) is None


def test_bodies_recovered_days_on_are_the_collapse_s_toll(tagger: Tagger) -> None:
    """Bodies pulled from a building's ruins are the toll of what brought it down, counted
    for days; a building that collapsed after shelling was shelled, not a disaster."""
    hit = report(
        tagger,
        "A bakery in Lysychansk collapsed after being hit by shelling, officials in the "
        "occupied part of Luhansk region said, and at least 10 people were trapped.",
        "a",
    )
    assert hit.event_type == "remote.missile_artillery"
    pulled = report(
        tagger,
        "Rescuers pulled 28 bodies from the ruins of a bakery in Lysychansk, officials said.",
        "b", days=2,
    )  # fmt: skip
    assert pulled.toll_update
    assert decide(hit, pulled) is not None


def test_nations_are_no_names_two_reports_share(tagger: Tagger) -> None:
    """ "The Thai army said" and "Thai officials said": every report of a country says it, so
    a nation's words are no proper name; the list holds every country and people the
    tagger's gazetteer knows."""
    known = {*tagger.gazetteer.demonyms, *tagger.gazetteer.index.country_names()}
    missing = {w for name in known for w in content_words(name)} - nation_words()
    assert not missing, f"report_words.json 'nations' lacks {sorted(missing)}"
    jets = report(
        tagger,
        "Thailand sent an F-16 fighter jet to bomb Cambodian military targets after the "
        "clashes broke out, the Thai army said.",
        "a",
    )
    assert not {"thai", "cambodian"} & set(jets.names)


def test_a_telegraphic_toll_at_is_an_update(tagger: Tagger) -> None:
    later = report(tagger, "Bandar Abbas port blast toll at 70; fire finally put out", "a")
    assert later.toll_update
    # who counted is no revision: "witnesses put the toll at 32"
    counted = report(
        tagger, "Junta jets bombed a village in Kanbalu township; witnesses put the toll at 32.",
        "b",
    )  # fmt: skip
    assert not counted.toll_update


def test_a_long_name_is_also_its_initials(tagger: Tagger) -> None:
    full = report(
        tagger,
        "Seven World Central Kitchen staff were killed when air strikes hit their convoy in "
        "Deir al-Balah.",
        "a",
    )
    short = report(tagger, "WCK convoy strike: 7 aid workers dead", "b")
    assert "wck" in full.names and "wck" in short.names
    # a weapon's acronym is no name: many reports name it
    rockets = report(tagger, "HIMARS rockets hit a depot near Kherson.", "c")
    assert "himar" not in rockets.names and "himars" not in rockets.names


def test_the_toll_when_the_search_ends_is_an_update(tagger: Tagger) -> None:
    hit = report(
        tagger,
        "A Russian missile hit a five-storey apartment building in Poltava overnight; at least "
        "seven people were killed, the governor said.",
        "a",
    )
    final = report(tagger, "Poltava: search ends, 14 dead in apartment strike", "b", days=2)
    assert final.toll_update
    assert decide(hit, final) is not None


def test_a_claim_of_responsibility_the_next_day_joins_its_attack(tagger: Tagger) -> None:
    shooting = report(
        tagger,
        "Two gunmen opened fire on people at a light rail stop on Jerusalem Boulevard in Jaffa, "
        "killing seven and wounding 16, police said.",
        "a",
    )
    claimed = report(
        tagger,
        "Hamas's armed wing claimed the Jaffa shooting, saying the two attackers were from "
        "Hebron.",
        "b", days=1,
    )  # fmt: skip
    assert claimed.responsibility and not shooting.responsibility
    assert [p.name for p in claimed.places] == ["Jaffa"]  # not where the attackers came from
    assert decide(shooting, claimed) is not None


def test_more_dead_days_on_are_the_attack_s_toll(tagger: Tagger) -> None:
    bombing = report(
        tagger,
        "A suicide car bomber rammed a school bus in Khuzdar, Balochistan, killing at least "
        "five people, officials said.",
        "a",
    )
    later = report(tagger, "Khuzdar bus attack: two more children die in hospital, toll 10", "b",
                   days=4)  # fmt: skip
    assert later.toll_update and later.claim("killed") == 10
    assert [p.name for p in later.places] == ["Khuzdar"]
    assert decide(bombing, later) is not None


def test_a_dateline_in_capitals_is_no_name(tagger: Tagger) -> None:
    """Two wire stories filed from Kyiv on two days share their dateline, not a happening."""
    filed = report(tagger, "KYIV, Ukraine (AP) — Drones hit an energy site in the region.", "a")
    assert "kyiv" not in filed.names
    labelled = report(tagger, "WCK convoy strike: 7 aid workers dead", "b")
    assert "wck" in labelled.names


def test_a_sunday_night_killing_in_mondays_bulletin(tagger: Tagger) -> None:
    """One bulletin names Sunday night; another of Monday, dated only by itself, tells of the
    same killing (an "overnight" report gives no such day back: that night is its own)."""
    night = report(
        tagger,
        "Carlos Manzo, the mayor of Uruapan in Michoacan state, was shot dead on Sunday night "
        "at a festival in the main square, prosecutors said.",
        "a",
    )
    told = report(tagger, "Gunman kills Uruapan mayor at candle festival, bodyguards wounded",
                  "b")  # fmt: skip
    assert night.day_part == "night" and told.claim("killed") == 1
    assert decide(night, told) is not None


def test_a_small_toll_said_to_rise_is_the_shootings(tagger: Tagger) -> None:
    shooting = report(
        tagger,
        "Two people were killed when gendarmes opened fire on a group trying to storm their "
        "post in Lqliaa, near Agadir, the interior ministry said.",
        "a",
    )
    protest = report(tagger, "Gendarmes shoot dead two protesters who tried to seize weapons at "
                     "Lqliaa station", "b")  # fmt: skip
    third = report(
        tagger,
        "A third man wounded in Monday's shooting at the Lqliaa gendarmerie post has died in "
        "hospital, officials said, bringing the toll to three.",
        "a",
        days=1,
    )
    assert [(c.kind, c.value) for c in third.claims] == [("killed", 3.0)]
    assert decide(shooting, protest) is not None  # force against protesters: one happening
    assert decide(shooting, third) is not None


def test_one_massacres_toll_told_with_places_that_disagree(tagger: Tagger) -> None:
    fambita = report(
        tagger,
        "Gunmen from the Islamic State in the Sahel surrounded a mosque in Fambita, in Niger's "
        "Tillaberi region, during Friday prayers and opened fire, killing 44 worshippers, the "
        "government said.",
        "a",
    )
    assert "Sahel" not in {p.name for p in fambita.places}  # the group's name, no place
    kokorou = report(
        tagger,
        "Niger's junta said 44 civilians were massacred and 13 wounded when heavily armed "
        "attackers stormed a mosque near the town of Kokorou.",
        "b",
    )
    assert decide(fambita, kokorou) is not None
    # another toll far off in the same country is another massacre
    elsewhere = report(tagger, "Gunmen killed 12 villagers near Diffa, officials said.", "c")
    assert decide(kokorou, elsewhere) is None


def test_one_countrys_air_defence_on_one_night(tagger: Tagger) -> None:
    jets = report(
        tagger,
        "Polish and allied jets shot down drones that entered Poland's airspace overnight "
        "during a Russian attack on western Ukraine.",
        "a",
    )
    tusk = report(
        tagger,
        "Prime Minister Donald Tusk said 19 violations of Polish airspace were recorded "
        "overnight and that at least three drones were shot down.",
        "b",
    )
    assert decide(jets, tusk) is not None
    # the next night's is another
    later = report(tagger, "Polish jets shot down two drones over the country overnight.", "c",
                   days=1)  # fmt: skip
    assert decide(jets, later) is None


def test_an_attackers_count_of_its_kills_is_no_toll(tagger: Tagger) -> None:
    moscow = report(
        tagger,
        "Russia's defence ministry said its strike in Kryvyi Rih had hit a restaurant where "
        "Ukrainian commanders were meeting, killing up to 85 servicemen.",
        "a",
    )
    assert moscow.claim("killed") is None
    rafah = report(
        tagger,
        "An Israeli air strike set fire to a camp in Rafah, killing at least 35 people, health "
        "officials said; Israel said it had struck a Hamas compound and killed two senior "
        "militants.",
        "b",
    )
    assert rafah.claim("killed") == 35
    # a toll the attacker's account gives of people, and a side's claim of the other's dead
    # told without its own strike, stand
    clinic = report(
        tagger,
        "The Israeli military said it had targeted a militant in the Deir al-Balah strike, "
        "which killed 16 people.",
        "c",
    )
    assert clinic.claim("killed") == 16
    taliban = report(tagger, "Taliban say 58 Pakistani soldiers killed in border raids", "d")
    assert taliban.claim("killed") == 58


def test_an_update_two_days_on_in_the_region(tagger: Tagger) -> None:
    collapse = report(
        tagger,
        "A road bridge collapsed onto a passenger train in Russia's Bryansk region late on "
        "Sunday, killing seven people and injuring 69, officials said.",
        "a",
    )
    update = report(
        tagger,
        "Bryansk train crash: officials raised the number injured in the bridge collapse to "
        "113; the toll stayed at seven.",
        "b",
        days=1,
    )
    assert update.toll_update and decide(collapse, update) is not None


def test_a_toll_revised_far_into_its_sentence_and_counted_overnight(tagger: Tagger) -> None:
    strike = report(
        tagger,
        "Russian missiles hit two apartment blocks in Ternopil before dawn, killing at least 25 "
        "people and wounding 73, the interior minister said.",
        "a",
    )
    update = report(
        tagger,
        "The death toll from Monday's strike on residential buildings in the western Ukrainian "
        "city of Ternopil rose to 32, including six children, after more bodies were recovered "
        "overnight.",
        "b",
        days=2,
    )
    # the toll's words far from "toll"; "overnight" is when the bodies were found
    assert update.toll_update and update.day_part == "night"
    assert decide(strike, update) is not None
    mourning = report(
        tagger, "The number of dead from the missile strike on Ternopil reached 33.", "c", days=3
    )
    assert mourning.toll_update


def test_reports_placed_only_at_sea_meet_as_candidates(tagger: Tagger) -> None:
    strike = report(
        tagger,
        "A US military strike on a semi-submersible vessel in the Caribbean on Monday killed "
        "two people, and two survivors were taken aboard a US Navy ship.",
        "a",
    )
    survivors = report(
        tagger,
        "The two survivors of Monday's US strike on a suspected drug-carrying submarine in the "
        "Caribbean were repatriated to Colombia and Ecuador.",
        "b",
        days=2,
    )
    assert not strike.countries()  # the Caribbean Sea is no country's
    assert decide(strike, survivors) is not None
    # the resolver's blocks (link_all is its reference) put the two in reach of each other
    assert link_all([strike, survivors]) == [tuple(sorted((strike.event_id, survivors.event_id)))]


def test_one_small_toll_of_one_side_told_without_towns(tagger: Tagger) -> None:
    first = report(
        tagger,
        "US forces struck a vessel off the coast of Venezuela in international waters, killing "
        "six people aboard, the defence secretary said.",
        "a",
    )
    second = report(
        tagger,
        "Trump says six 'narco-terrorists' killed in latest US strike on boat near Venezuela",
        "b",
    )
    assert decide(first, second) is not None
    other_toll = report(
        tagger,
        "Trump says three 'narco-terrorists' killed in latest US strike on boat near Venezuela",
        "b",
    )
    assert decide(first, other_toll) is None


def test_a_search_ended_after_recovering_bodies_is_a_toll_update(tagger: Tagger) -> None:
    strike = report(
        tagger,
        "Russian rockets hit a five-storey apartment building in Chasiv Yar late on Saturday, "
        "killing at least 15 people.",
        "a",
    )
    toll = report(
        tagger,
        "The death toll from the Russian strike on an apartment block in Chasiv Yar has climbed "
        "to 34, emergency services said.",
        "b",
        days=2,
    )
    ended = report(
        tagger,
        "Rescuers ended the search of the collapsed building in Chasiv Yar after recovering 48 "
        "bodies, the state emergency service said.",
        "a",
        days=4,
    )
    assert ended.toll_update and ended.event_type == "assessment.casualty_toll"
    assert decide(strike, toll) is not None and decide(toll, ended) is not None


def test_of_two_reports_each_is_listed_where_the_other_reads(tagger: Tagger) -> None:
    """The resolver reads blocks for the newcomer only: whichever of two arrives first,
    the later must find it (a sea-only report once read only place-less ones)."""
    from sitrep_api.incidents.blocking import read_blocks, stored_blocks

    rules = load_rules()
    texts = [
        "A US strike on a vessel in the Caribbean killed two people.",  # a sea only
        "US forces struck a boat off Venezuela, killing six.",  # a country
        "Six people were killed in the latest strike, officials said.",  # no place
        "Drones hit a depot in Sumy.",  # a town
    ]
    reports = [report(tagger, text, str(n)) for n, text in enumerate(texts)]
    for a in reports:
        for b in reports:
            found = set(read_blocks(a, rules)) & set(stored_blocks(b, rules))
            assert bool(found) == bool(set(read_blocks(b, rules)) & set(stored_blocks(a, rules)))


def test_a_massacres_count_grown_days_on_at_its_town_is_one_massacre(tagger: Tagger) -> None:
    first = report(
        tagger, "More than 300 people were killed in three days of attacks on Kutum, in North "
        "Darfur, the UN refugee agency said.", "a",
    )  # fmt: skip
    grown = report(
        tagger, "The EU condemned the killing of more than 450 civilians in Kutum and called "
        "for an inquiry.", "b", days=2,
    )  # fmt: skip
    assert decide(first, grown) is not None
    # past three times the first count it is not a recount but another total
    total = report(
        tagger, "The EU condemned the killing of more than 1,000 civilians in Kutum and called "
        "for an inquiry.", "b", days=2,
    )  # fmt: skip
    assert decide(first, total) is None
    # small tolls days apart in one town are two attacks
    small = report(tagger, "Gunmen killed 12 people in Kutum, residents said.", "a")
    later = report(tagger, "Gunmen killed 14 people in Kutum, residents said.", "b", days=3)
    assert decide(small, later) is None


def test_an_acronym_matches_the_name_it_stands_for(tagger: Tagger) -> None:
    spelled = report(
        tagger, "Three Hope Relief Network workers were wounded when a shell hit their "
        "clinic in Kherson on Monday.", "a",
    )  # fmt: skip
    short = report(tagger, "HRN clinic shelled; three staff wounded", "b")
    unrelated = report(tagger, "ICRC clinic shelled; three staff wounded", "b")
    assert similarity(spelled, short) > similarity(spelled, unrelated)
    assert similarity(spelled, short) == similarity(short, spelled)


def test_a_final_toll_days_on_at_the_place_and_one_number_of_abducted(tagger: Tagger) -> None:
    """A count told days on of "the attack" at its place, or once the search ended, is the
    happening's toll; the same number taken in one region within a day is one abduction."""
    strike = report(
        tagger, "Russian missiles hit two apartment blocks in Ternopil overnight, killing at "
        "least 19 people and injuring 64, the regional administration said.", "a",
    )  # fmt: skip
    final = report(
        tagger, "Search operations at the destroyed building in Ternopil have ended; 33 people "
        "were killed and 94 injured in the attack, according to the interior minister.", "b",
        days=3,
    )  # fmt: skip
    assert final.toll_update
    assert decide(strike, final) is not None
    church = report(
        tagger, "ADF rebels attacked a Catholic church in Komanda, Ituri province, during an "
        "overnight vigil, killing at least 21 people, a civil society leader said.", "a",
    )  # fmt: skip
    mission = report(
        tagger, "The UN mission MONUSCO said at least 43 people, including 19 women and 9 "
        "children, were killed in the attack on the church in Komanda.", "b", days=2,
    )  # fmt: skip
    assert [p.name for p in mission.places] == ["Komanda"]
    assert decide(church, mission) is not None
    school = report(
        tagger, "Gunmen stormed a girls' secondary school in Maga, Kebbi state, abducting 25 "
        "students and killing a staff member, police said.", "a",
    )  # fmt: skip
    told = report(
        tagger, "Nigeria: 25 schoolgirls kidnapped from boarding school in Kebbi; "
        "vice-principal shot dead.", "b", days=1,
    )  # fmt: skip
    assert decide(school, told) is not None
    other = report(
        tagger, "Gunmen abducted 25 worshippers from a church in Kebbi state, police said.", "b",
        days=6,
    )  # fmt: skip
    assert decide(school, other) is None


def test_another_attack_is_not_the_one_told_the_day_before(tagger: Tagger) -> None:
    first = report(
        tagger, "A Russian drone attack on Kharkiv's Shevchenkivskyi district killed four "
        "people and wounded 17, the governor said.", "a",
    )  # fmt: skip
    again = report(
        tagger, "Another drone attack on Kharkiv overnight injured five people in the Kyivskyi "
        "district, the mayor said.", "a", days=1,
    )  # fmt: skip
    assert again.another and not first.another
    assert decide(first, again) is None


def test_an_earlier_happenings_figure_and_a_toll_told_again_days_on(tagger: Tagger) -> None:
    again = report(
        tagger, "Another magnitude 6.3 earthquake struck Herat province on Wednesday, killing "
        "at least one person and injuring 120, days after quakes killed more than 1,000.",
    )  # fmt: skip
    assert (again.claim("killed"), again.claim("injured")) == (1, 120)
    first = report(
        tagger, "A gang leader in Port-au-Prince's Cité Soleil ordered the killing of at least "
        "60 elderly people in the Wharf Jérémie area, a human rights group said.", "a",
    )  # fmt: skip
    vowed = report(
        tagger, "Haiti's government vowed to hunt down those responsible for the massacre in "
        "Cité Soleil, in which at least 184 people died.", "b", days=3,
    )  # fmt: skip
    assert vowed.toll_update
    assert decide(first, vowed) is not None
