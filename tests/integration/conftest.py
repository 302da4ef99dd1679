"""Fixtures the incident tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep_classifier.tagger import Tagger
from sitrep_cli.evaluate_incidents import load_set
from sitrep_schemas import TaggedEvent

TUNE_SET = Path(__file__).resolve().parents[1] / "data" / "incidents" / "tune.jsonl"


@pytest.fixture(scope="session")
def tagged() -> list[TaggedEvent]:
    """The incident tuning set, tagged by the real tagger (frozen events: safe to share)."""
    tagger = Tagger()
    return [tagger.classify(item.event) for item in load_set(TUNE_SET)]
