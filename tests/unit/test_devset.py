"""The tagger's scores on the tuning part of the labelled set must not fall below these floors.

The floors are raised as the tagger improves; the scores come from `evaluate()`
over `tests/data/classifier/tune`, never from numbers typed here. The test part
(`tests/data/classifier/test`) has no floor: it is scored, never tuned on. Run
`sitrep eval tests/data/classifier -v` to see both and the event-type mistakes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep_classifier.tagger import Tagger
from sitrep_cli.evaluate import Report, bulletins, evaluate, read_labelled, split_misses
from sitrep_schemas.labels import load_labels

LABELLED = Path(__file__).resolve().parents[1] / "data" / "classifier"
DEVSET = LABELLED / "tune"
FLOORS = {
    "segmentation": 1.0,
    "category": 0.72,
    "event_type": 0.56,
    "places": 0.88,
    "figures": 0.92,
    "actors": 0.79,
}


@pytest.fixture(scope="module")
def report() -> Report:
    # The rules alone: the learned layer was trained on this part (its floors, cross-validated,
    # are in test_learned.py).
    return evaluate(DEVSET, Tagger(learned=False))


def test_labelled_set_is_big_and_varied_enough() -> None:
    sets = {part: list(bulletins(LABELLED / part)) for part in ("tune", "test")}
    everything = sets["tune"] + sets["test"]
    assert sum(len(gold) for _, _, gold in everything) >= 400
    assert len(everything) >= 25
    assert min(len(found) for found in sets.values()) >= 10
    assert not {name for name, _, _ in sets["tune"]} & {name for name, _, _ in sets["test"]}


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_scores_stay_above_floors(report: Report, field: str) -> None:
    assert report.f1()[field] >= FLOORS[field], report.table()


@pytest.mark.parametrize("part", ["tune", "test"])
def test_every_gold_label_is_in_the_taxonomy(part: str) -> None:
    from sitrep_classifier.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    types = {"state", "non_state_armed", "intergovernmental", "civilians", "protesters", "media",
             "business", "civil_society", "former_official", "unknown"}  # fmt: skip
    for name, _body, gold in bulletins(LABELLED / part):
        for item in gold:
            assert item["event_type"] in taxonomy.event_types, (name, item)
            assert item["category"] in taxonomy.categories, (name, item)
            assert all(kind in types for _, kind in item["actors"]), (name, item)
            for kind, value in item["figures"]:
                assert value >= 0, (name, item)
                assert kind in load_labels().quantity_kinds, (name, item)


def test_labelled_lines_say_what_is_wrong() -> None:
    def category(event_type: str) -> str:
        return "military"

    body, gold = read_labelled(
        "- A strike.\n=> remote.explosive | Kyiv | killed 2 | Russia:state\n", category
    )
    assert body == "- A strike.\n"
    assert gold == [
        {"event_type": "remote.explosive", "category": "military", "places": ["Kyiv"],
         "figures": [["killed", 2.0]], "actors": [["Russia", "state"]]}
    ]  # fmt: skip
    with pytest.raises(ValueError, match="line 2: a figure is 'kind value'"):
        read_labelled("- x\n=> remote.explosive | | killed |\n", category)
    with pytest.raises(ValueError, match="an actor is 'name:type'"):
        read_labelled("=> remote.explosive | | | Russia\n", category)
    with pytest.raises(ValueError, match="unknown figure kind 'returned'"):
        read_labelled("=> remote.explosive | | returned 2 |\n", category)
    with pytest.raises(ValueError, match="unknown actor type 'army'"):
        read_labelled("=> remote.explosive | | | Russia:army\n", category)


def test_wrong_names_split_into_named_differently_not_found_and_extra() -> None:
    split = split_misses(["gaza city", "washington", "israeli forces"], ["gaza", "israel", "aden"])
    assert split == {"named differently": 2, "not found": 1, "extra": 1}
