"""Ingest's fast paths give exactly what the plain code they stand in for gives."""

from __future__ import annotations

import json
import random
import re
import unicodedata

import pytest

from sitrep_ingest.ids import normalise
from sitrep_ingest.parsers.jsonfeed import _loads
from sitrep_ingest.problems import MalformedFeed


def reference_normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def test_normalise_ascii_table_matches_the_regex() -> None:
    rng = random.Random(3)
    every = "".join(chr(i) for i in range(128))
    texts = [every, every[::-1]] + [
        "".join(rng.choice(every) for _ in range(rng.randint(1, 60))) for _ in range(5_000)
    ]
    texts += ["Drones struck a depot near Sumy, 12 killed (officials)", "ALL_CAPS_and-dashes"]
    for text in texts:
        assert normalise(text) == reference_normalise(text)
    assert normalise("Ｆｕｌｌ-width Ünïcode") == reference_normalise("Ｆｕｌｌ-width Ünïcode")


@pytest.mark.parametrize(
    "text",
    [
        '{"text": "a", "position": 3}',
        '{"a": NaN, "b": Infinity, "c": 1e400, "d": -0.0}',
        '{"big": 123456789012345678901234567890, "f": 12345678901234567.5}',
        '{"lone": "\\ud800", "nul": "x\\u0000y"}',  # the Rust parser refuses the lone surrogate
        '{"a": 1, "a": 2}',
        '"\\u00e9t\\u00e9"',
        "[" * 15 + "]" * 15,
    ],
)
def test_loads_is_json_loads(text: str) -> None:
    assert repr(_loads(text, "line 1")) == repr(json.loads(text))


def test_loads_errors_are_json_errors() -> None:
    with pytest.raises(MalformedFeed, match="invalid JSON at line 1 column 10"):
        _loads('{"text": "a', "line 1")
    with pytest.raises(MalformedFeed, match="nested deeper than 16"):
        _loads("[" * 17 + "]" * 17, "line 1")
    with pytest.raises(MalformedFeed, match="nested deeper than 16"):
        _loads("[" * 300 + "]" * 300, "line 1")  # past the Rust parser's own limit
    assert _loads(json.dumps(["[" * 20]), "line 1") == ["[" * 20]  # brackets in a string
