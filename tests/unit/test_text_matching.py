"""The classifier's matching helpers: folded text and end-anchored patterns stay exact."""

from __future__ import annotations

import itertools
import re

import pytest

from sitrep_classifier import actors, gazetteer, quantities
from sitrep_classifier.text import EndAnchored, Passage, caseless, fold

END_ANCHORED = {
    f"{module.__name__}.{name}": value
    for module in (actors, gazetteer, quantities)
    for name, value in vars(module).items()
    if isinstance(value, EndAnchored)
}


def test_fold_keeps_offsets_even_where_lower_casing_grows_the_text() -> None:
    text = "İstanbul: KHARKIV hit"
    assert len("İ".lower()) == 2  # the case fold() exists for
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded[folded.index("kharkiv") :][:7] == "kharkiv"
    assert text[folded.index("kharkiv") :][:7] == "KHARKIV"
    assert Passage("text", text).lower == folded


def test_caseless_patterns_must_be_written_in_lower_case() -> None:
    assert caseless(r"(?P<who>\baccording\s+to)").search(fold("ACCORDING TO the UN"))
    with pytest.raises(ValueError, match="lower case"):
        caseless(r"UAVs?")


def test_there_are_end_anchored_patterns_to_check() -> None:
    assert len(END_ANCHORED) >= 8


@pytest.mark.parametrize("name", sorted(END_ANCHORED))
def test_end_anchored_gate_never_rejects_what_the_pattern_matches(name: str) -> None:
    """Every one-, two- and three-word ending built from the pattern's own words, with and
    without "the", hyphens and a trailing newline: the `ends` gate must let each match through."""
    anchored = END_ANCHORED[name]
    words = sorted(set(re.findall(r"[a-z]+\.?", anchored.pattern.pattern)) | {"the", "no."})
    checked = 0
    for size in (1, 2, 3):
        for combo in itertools.product(words, repeat=size):
            for joiner, tail in ((" ", " "), ("-", " "), (" ", "  \n")):
                window = "x " + joiner.join(combo) + tail
                if anchored.pattern.search(window):
                    checked += 1
                    assert anchored.search(window), window
    assert checked, f"{name}: no ending built from its words matched"
