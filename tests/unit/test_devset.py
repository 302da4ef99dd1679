"""The tagger's scores on the project's labelled dev set must not fall below these floors.

The floors are raised as the tagger improves; the scores come from `evaluate()`
over `tests/data/devset`, never from numbers typed here. Run `sitrep eval
tests/data/devset -v` to see them and the event-type mistakes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep_cli.evaluate import Report, evaluate

DEVSET = Path(__file__).resolve().parents[1] / "data" / "devset"
FLOORS = {
    "segmentation": 1.0,
    "category": 0.93,
    "event_type": 0.93,
    "places": 0.89,
    "figures": 0.92,
    "actors": 0.89,
}


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(DEVSET)


def test_dev_set_is_big_and_varied_enough() -> None:
    golds = sorted(DEVSET.glob("*.gold.json"))
    assert sum(len(json.loads(p.read_text("utf-8"))) for p in golds) >= 80
    assert len(golds) >= 6


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_scores_stay_above_floors(report: Report, field: str) -> None:
    assert report.f1()[field] >= FLOORS[field], report.table()


def test_every_gold_label_is_in_the_taxonomy() -> None:
    from sitrep_classifier.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    for path in DEVSET.glob("*.gold.json"):
        for item in json.loads(path.read_text("utf-8")):
            assert item["event_type"] in taxonomy.event_types, (path.name, item)
            assert (
                taxonomy.event_types[item["event_type"]].category == item["category"]
                or item["category"] in taxonomy.categories
            ), (path.name, item)
