"""Turning data-file phrases into regular expressions, and spans over an event's fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep_schemas import TextSpan

_GAP = r"(?:[\w’'.,-]+\s+){0,4}?"


def phrase_pattern(phrase: str) -> str:
    """`destroyed * drones` / `intercept*` / `air defen?e` -> a word-bounded regex.

    A lone `*` allows up to four words; `*` in a word is any word characters; `?` one character.
    """
    tokens = phrase.split()
    out = [r"(?<![\w-])"]
    for i, tok in enumerate(tokens):
        if tok == "*":
            out.append(_GAP)
            continue
        out.append(re.escape(tok).replace(r"\*", r"[\w-]*").replace(r"\?", "."))
        if i + 1 < len(tokens):
            out.append(r"[\s-]+" if tokens[i + 1] != "*" else r"\s+")
    out.append(r"(?![\w])")
    return "".join(out)


@dataclass(frozen=True)
class Passage:
    """One searchable field of an event (headline or text)."""

    name: str  # "headline" | "text"
    value: str

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(
            field="text" if self.name == "text" else "headline",
            start=start,
            end=end,
            text=self.value[start:end],
        )


def passages_of(headline: str | None, text: str) -> list[Passage]:
    out = [Passage("text", text)]
    if headline:
        out.append(Passage("headline", headline))
    return out
