"""The pure parts of conditional GETs: comparing tags, keeping answers."""

from __future__ import annotations

import pytest

from sitrep_api.conditional import Answer, AnswerCache, presented


@pytest.mark.parametrize(
    ("header", "held"),
    [
        (None, False),
        ("", False),
        ('W/"v1-a"', True),
        ('"v1-a"', True),  # weak comparison: the strong form names the same answer
        ('W/"v0-a", W/"v1-a"', True),
        ('W/"v1-b"', False),
        ("*", True),
    ],
)
def test_if_none_match_holds_the_tag(header: str | None, held: bool) -> None:
    assert presented(header, 'W/"v1-a"') is held


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = AnswerCache(size=2)
    for tag in ("a", "b"):
        cache.put(tag, Answer(200, (), tag.encode()))
    assert cache.get("a") is not None  # "a" is now the most recent
    cache.put("c", Answer(200, (), b"c"))
    assert cache.get("b") is None and cache.get("a") and cache.get("c")
