"""When a reported happening took place: a date with a precision, from the report alone.

The reference is the bulletin's date, else the day the feed was received (in the time
zone `received_at` carries). Words in the item move it: "yesterday", "last night",
"on Sunday", "on 3 March", "last week". The word lists are data
(`data/time_words.json`); the function is pure, so a replay dates every report the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

from sitrep_schemas import TaggedEvent

Precision = Literal["day", "week"]
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class OccurredOn:
    date: date
    precision: Precision
    basis: str  # what set it: "bulletin_date", "received_at", or the words that moved it

    def to_json(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "precision": self.precision, "basis": self.basis}


@dataclass(frozen=True)
class _TimeWords:
    relative: tuple[tuple[re.Pattern[str], int, Precision], ...]
    any_relative: re.Pattern[str]  # any of them: most texts have none, and are done in one search
    weekday: re.Pattern[str]
    weekday_event: re.Pattern[str]
    explicit: tuple[re.Pattern[str], ...]
    day_parts: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]
    named_days: tuple[tuple[re.Pattern[str], int, int], ...] = ()  # "christmas eve": 12, 24


@cache
def _words() -> _TimeWords:
    raw: dict[str, Any] = json.loads(
        resources.files("sitrep_api.incidents").joinpath("data/time_words.json").read_text("utf-8")
    )
    months = {name: i for i, name in enumerate(raw["months"], 1)}
    month = "(" + "|".join([*months, *(m[:3] for m in months), "sept"]) + r")\.?"
    day = r"(\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?:,?\s+(\d{4}))?"
    explicit = (
        # "on 3 March", "on 17-18 September 2025", or a date label opening the item
        re.compile(rf"(?:\bon\s+|^){day}(?:\s*[-–]\s*\d{{1,2}})?\s+{month}{year}\b"),
        re.compile(rf"(?:\bon\s+|^){month}\s+{day}(?:\s*[-–]\s*\d{{1,2}})?{year}\b"),
    )
    return _TimeWords(
        relative=tuple(
            (re.compile(r["pattern"]), int(r["days_before"]), r["precision"])
            for r in raw["relative"]
        ),
        any_relative=re.compile("|".join(f"(?:{r['pattern']})" for r in raw["relative"])),
        weekday=re.compile(raw["weekday"]),
        weekday_event=re.compile(raw["weekday_event"]),
        explicit=explicit,
        day_parts=tuple((name, re.compile(p)) for name, p in raw["day_parts"].items()),
        months=months,
        named_days=tuple(
            (re.compile(rf"\b{re.escape(name)}\b"), int(md[:2]), int(md[3:]))
            for name, md in raw.get("named_days", {}).items()
        ),
    )


def _month_number(name: str, months: dict[str, int]) -> int:
    name = name.rstrip(".")
    return next(n for full, n in months.items() if full.startswith(name[:3]))


def _explicit_date(text: str, reference: date, words: _TimeWords) -> date | None:
    for number, pattern in enumerate(words.explicit):
        match = pattern.search(text)
        if not match:
            continue
        if number == 0:
            day_s, month_s, year_s = match.group(1), match.group(2), match.group(3)
        else:
            month_s, day_s, year_s = match.group(1), match.group(2), match.group(3)
        try:
            month = _month_number(month_s, words.months)
            year = int(year_s) if year_s else reference.year
            found = date(year, month, int(day_s))
        except (ValueError, StopIteration):
            continue
        if not year_s and found > reference + timedelta(days=7):
            found = found.replace(year=year - 1)  # "on 30 December" in a January bulletin
        return found
    return None


def occurred_on(event: TaggedEvent) -> OccurredOn:
    update = event.event
    if update.bulletin_date is not None:
        reference, basis = update.bulletin_date, "bulletin_date"
    else:
        reference, basis = update.received_at.date(), "received_at"
    text = " ".join(filter(None, [update.headline, update.text])).lower()
    words = _words()
    found = _explicit_date(text, reference, words)
    if found is not None:
        return OccurredOn(found, "day", "date in text")
    for pattern, month, day in words.named_days:  # "the Christmas Eve attack"
        named = pattern.search(text)
        if named:
            when = date(reference.year, month, day)
            if when > reference + timedelta(days=7):
                when = when.replace(year=reference.year - 1)  # "on New Year's Eve" in January
            return OccurredOn(when, "day", named.group(0))
    event_day = words.weekday_event.search(text)  # "died in Wednesday's strike"
    match = event_day or words.weekday.search(text)
    if match:
        wanted = _WEEKDAYS.index(match.group(1) or match.group(2))
        back = (reference.weekday() - wanted) % 7
        return OccurredOn(reference - timedelta(days=back), "day", match.group(0))
    if words.any_relative.search(text):  # then the first pattern in order that matches
        for pattern, days_before, precision in words.relative:
            match = pattern.search(text)
            if match:
                return OccurredOn(
                    reference - timedelta(days=days_before), precision, match.group(0)
                )
    return OccurredOn(reference, "day", basis)


_WEEKDAY_NAMED = re.compile(rf"\b(?:{'|'.join(_WEEKDAYS)})\b")


def names_weekday(basis: str) -> bool:
    """Was the date read from a weekday the text names ("on Saturday", "late on Sunday",
    "Wednesday's strike"), not from "overnight", "yesterday" or the bulletin?"""
    return _WEEKDAY_NAMED.search(basis) is not None


def names_event_day(basis: str) -> bool:
    """Was the date read from a weekday given as the happening's own ("Sunday's earthquake"),
    not from when something else in the text took place?"""
    return _words().weekday_event.fullmatch(basis) is not None


def day_part(text: str) -> str | None:
    """'morning', 'afternoon', 'evening' or 'night' when the text names exactly one."""
    lowered = text.lower()
    found = [name for name, pattern in _words().day_parts if pattern.search(lowered)]
    return found[0] if len(found) == 1 else None
