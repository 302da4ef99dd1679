"""`sitrep eval DIR`: score the tagger against a labelled dev set.

A dev set is a folder of bulletins (`NAME.txt` / `NAME.md` / `NAME.json` ...)
each with `NAME.gold.json`: one object per expected event, in order, with
`category`, `event_type`, `places` (names), `figures` ([kind, value] pairs) and
`actors` ([name, type] pairs). Events are aligned by position; a bulletin that
splits into the wrong number of events costs every field of the unmatched ones.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep_classifier.tagger import Tagger
from sitrep_ingest.parsers import guess_format, parse_feed
from sitrep_schemas import TaggedEvent

FIELDS = (
    "segmentation",
    "category",
    "event_type",
    "places",
    "figures",
    "figure_values",
    "actors",
    "actor_types",
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Counter[Any], gold: Counter[Any]) -> None:
        hit = sum((predicted & gold).values())
        self.tp += hit
        self.fp += sum(predicted.values()) - hit
        self.fn += sum(gold.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    events: int = 0
    bulletins: int = 0
    mistakes: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = [
            f"{self.bulletins} bulletins, {self.events} gold events",
            f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}",
        ]
        for name, s in self.scores.items():
            lines.append(
                f"{name:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp + s.fn:>7}"
            )
        return "\n".join(lines)

    def f1(self) -> dict[str, float]:
        return {name: round(s.f1, 3) for name, s in self.scores.items()}


def norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("-", " ").split())


def _fields(tagged: TaggedEvent | None, gold: dict[str, Any] | None) -> dict[str, Counter[Any]]:
    if tagged is not None:
        return {
            "category": Counter([tagged.category]),
            "event_type": Counter([tagged.event_type]),
            "places": Counter(norm(loc.name) for loc in tagged.locations),
            "figures": Counter((q.kind, float(q.value)) for q in tagged.quantities),
            "figure_values": Counter(float(q.value) for q in tagged.quantities),
            "actors": Counter(norm(a.name) for a in tagged.actors),
            "actor_types": Counter((norm(a.name), a.type) for a in tagged.actors),
        }
    if gold is not None:
        return {
            "category": Counter([gold["category"]]),
            "event_type": Counter([gold["event_type"]]),
            "places": Counter(norm(p) for p in gold["places"]),
            "figures": Counter((k, float(v)) for k, v in gold["figures"]),
            "figure_values": Counter(float(v) for _, v in gold["figures"]),
            "actors": Counter(norm(n) for n, _ in gold["actors"]),
            "actor_types": Counter((norm(n), t) for n, t in gold["actors"]),
        }
    return {name: Counter() for name in FIELDS if name != "segmentation"}


def evaluate(directory: Path, tagger: Tagger | None = None) -> Report:
    tagger = tagger or Tagger()
    report = Report()
    received = datetime(2025, 1, 1, tzinfo=UTC)
    for gold_path in sorted(directory.glob("*.gold.json")):
        stem = gold_path.name.removesuffix(".gold.json")
        [body_path] = [p for p in directory.glob(stem + ".*") if p != gold_path]
        body = body_path.read_bytes()
        gold: list[dict[str, Any]] = json.loads(gold_path.read_text("utf-8"))
        events = parse_feed(body, fmt=guess_format(body.decode("utf-8")), received_at=received)
        tagged = [tagger.classify(e, now=received) for e in events]
        report.bulletins += 1
        report.events += len(gold)
        matched = min(len(tagged), len(gold))
        seg = report.scores["segmentation"]
        seg.tp += matched
        seg.fp += len(tagged) - matched
        seg.fn += len(gold) - matched
        for i in range(max(len(tagged), len(gold))):
            predicted = _fields(tagged[i] if i < len(tagged) else None, None)
            expected = _fields(None, gold[i] if i < len(gold) else None)
            for name, counter in predicted.items():
                report.scores[name].add(counter, expected[name])
            if i < matched and predicted["event_type"] != expected["event_type"]:
                report.mistakes.append(
                    f"{stem} #{i + 1}: event_type {tagged[i].event_type} != {gold[i]['event_type']}"
                )
    return report
