"""How an event's text is written, read alike by the services that tag and group it."""

from __future__ import annotations

_CLOSINGS = (".", "!", "?", '."', ".”")


def telegraphic(text: str) -> bool:
    """A line without a closing full stop ("Khuzdar bus attack: toll 10", "Crocus concert
    hall toll reaches 133"): a wire's terse line, which leads with names."""
    return not text.rstrip().endswith(_CLOSINGS)
