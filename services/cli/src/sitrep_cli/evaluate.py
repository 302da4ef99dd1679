"""`sitrep eval DIR`: score the tagger against a labelled dev set.

A dev set is a folder of bulletins in either of two forms:

- `NAME.txt` / `NAME.md` / `NAME.json` ... with `NAME.gold.json`: one object per
  expected event, in order, with `category`, `event_type`, `places` (names),
  `figures` ([kind, value] pairs) and `actors` ([name, type] pairs);
- `NAME.labelled.EXT`: the bulletin with each event's gold on a line of its own
  after it, `=> event_type[@category] | place; place | kind value; kind value |
  name:type; name:type` (trailing fields may be left out; the category defaults to
  the type's). The `=>` lines are removed before the bulletin is parsed, so any feed
  format works (text, Markdown, RSS, NDJSON).

Events are aligned by position; a bulletin that splits into the wrong number of events
costs every field of the unmatched ones. A folder holding `tune/` and `test/` is scored
part by part: rules are chosen on `tune`; `test` is only read to measure.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep_classifier.gazetteer_index import PLAIN_LETTERS
from sitrep_classifier.tagger import Tagger
from sitrep_classifier.taxonomy import load_taxonomy
from sitrep_ingest.parsers import guess_format, parse_feed
from sitrep_schemas import TaggedEvent
from sitrep_schemas.labels import load_labels

Gold = dict[str, Any]
# The figure kinds issue 17 holds to >= 90 % right where the value is right.
COMMON_KINDS = (
    "killed", "injured", "launched", "intercepted", "displaced", "detained", "area", "money",
)  # fmt: skip

FIELDS = (
    "segmentation",
    "category",
    "event_type",
    "event_family",
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
    # Per gold figure kind: [right kind, figures whose value the tagger found].
    kinds: dict[str, list[int]] = field(default_factory=dict)
    # (the event type's confidence, whether the type is right), one per aligned event.
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    # Per named field (places, actors): how its misses split (see `split_misses`).
    misses: dict[str, Counter[str]] = field(default_factory=dict)

    def calibration(self, bins: int = 10) -> float:
        """Expected calibration error of the event type's confidence: how far, weighted by
        events, each confidence decile's mean confidence is from its share right."""
        if not self.confidences:
            return 0.0
        error = 0.0
        for b in range(bins):
            inside = [
                (c, ok)
                for c, ok in self.confidences
                if b / bins < c <= (b + 1) / bins or (b == 0 and c == 0)
            ]
            if inside:
                mean = sum(c for c, _ in inside) / len(inside)
                right = sum(ok for _, ok in inside) / len(inside)
                error += len(inside) / len(self.confidences) * abs(mean - right)
        return error

    def confident(self, at_least: float) -> tuple[float, float]:
        """(share of events whose type confidence is >= at_least, share of those right)."""
        kept = [ok for c, ok in self.confidences if c >= at_least]
        share = len(kept) / len(self.confidences) if self.confidences else 0.0
        return share, (sum(kept) / len(kept) if kept else 1.0)

    def table(self) -> str:
        lines = [
            f"{self.bulletins} bulletins, {self.events} gold events",
            f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}",
        ]
        for name, s in self.scores.items():
            lines.append(
                f"{name:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp + s.fn:>7}"
            )
        lines.append(f"figure kind right where the value is right: {self.kind_accuracy():.3f}")
        common = [k for k in COMMON_KINDS if k in self.kinds]
        lines.append(
            "  by kind: "
            + ", ".join(f"{k} {self.kinds[k][0]}/{self.kinds[k][1]}" for k in common)
            + f"; common kinds {self.common_kind_accuracy():.3f}"
        )
        for name, split in self.misses.items():
            lines.append(
                f"{name} misses: {split['named differently']} named differently, "
                f"{split['not found']} not found, {split['extra']} extra"
            )
        if self.confidences:
            share, right = self.confident(0.8)
            lines.append(
                f"event type confidence: calibration error {self.calibration():.3f}; "
                f"{share:.0%} of events at >= 0.8, {right:.3f} of them right"
            )
        return "\n".join(lines)

    def common_kind_accuracy(self) -> float:
        right = sum(self.kinds.get(k, [0, 0])[0] for k in COMMON_KINDS)
        found = sum(self.kinds.get(k, [0, 0])[1] for k in COMMON_KINDS)
        return right / found if found else 1.0

    def add_kinds(self, predicted: list[tuple[str, float]], gold: list[tuple[str, float]]) -> None:
        """Pair each gold figure with a predicted one of the same value (same kind first)."""
        left = list(predicted)
        for kind, value in sorted(gold, key=lambda g: (g[0], g[1])):
            same = [p for p in left if p[1] == value]
            if not same:
                continue
            pick = next((p for p in same if p[0] == kind), same[0])
            left.remove(pick)
            tally = self.kinds.setdefault(kind, [0, 0])
            tally[0] += pick[0] == kind
            tally[1] += 1

    def kind_accuracy(self) -> float:
        values = self.scores["figure_values"].tp
        return self.scores["figures"].tp / values if values else 1.0

    def f1(self) -> dict[str, float]:
        return {name: round(s.f1, 3) for name, s in self.scores.items()}


def split_misses(extra: list[str], missed: list[str]) -> Counter[str]:
    """An event's wrong names, split: a predicted name and a gold one that are the same thing
    at another grain or spelling ("gaza" / "gaza city", "israel" / "israeli forces") are one
    "named differently"; the other gold names were "not found", the other predicted "extra"."""
    left = list(extra)
    split: Counter[str] = Counter()
    for gold in missed:
        words = set(gold.split())
        twin = next(
            (
                name
                for name in left
                if words <= set(name.split())
                or set(name.split()) <= words
                or name.split()[0][:5] == gold.split()[0][:5]
            ),
            None,
        )
        if twin is None:
            split["not found"] += 1
        else:
            left.remove(twin)
            split["named differently"] += 1
    split["extra"] += len(left)
    return split


# Letters NFKD does not split into a base letter and a mark ("Pazarcık", "Łódź").


def norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.translate(PLAIN_LETTERS))
    text = text.encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("-", " ").split())


def _fields(
    tagged: TaggedEvent | None, gold: dict[str, Any] | None, canonical: dict[str, str]
) -> dict[str, Counter[Any]]:
    """The scored fields; actor names read through the tagger's aliases ("Myanmar military"
    is "Myanmar forces"), so a gold spelling the tagger knows is not a miss."""

    def actor(name: str) -> str:
        key = norm(name)
        return canonical.get(key, key)

    if tagged is not None:
        return {
            "category": Counter([tagged.category]),
            "event_type": Counter([tagged.event_type]),
            "event_family": Counter([tagged.event_type.split(".")[0]]),
            "places": Counter(norm(loc.name) for loc in tagged.locations),
            "figures": Counter((q.kind, float(q.value)) for q in tagged.quantities),
            "figure_values": Counter(float(q.value) for q in tagged.quantities),
            "actors": Counter(actor(a.name) for a in tagged.actors),
            "actor_types": Counter((actor(a.name), a.type) for a in tagged.actors),
        }
    if gold is not None:
        return {
            "category": Counter([gold["category"]]),
            "event_type": Counter([gold["event_type"]]),
            "event_family": Counter([gold["event_type"].split(".")[0]]),
            "places": Counter(norm(p) for p in gold["places"]),
            "figures": Counter((k, float(v)) for k, v in gold["figures"]),
            "figure_values": Counter(float(v) for _, v in gold["figures"]),
            "actors": Counter(actor(n) for n, _ in gold["actors"]),
            "actor_types": Counter((actor(n), t) for n, t in gold["actors"]),
        }
    return {name: Counter() for name in FIELDS if name != "segmentation"}


GOLD_LINE = re.compile(r"^\s*=>\s?(?P<gold>.*)$")
_LABELS = load_labels()  # the figure kinds and actor types a gold line may use


def read_labelled(text: str, default_category: Callable[[str], str]) -> tuple[str, list[Gold]]:
    """A `NAME.labelled.EXT` file -> (the bulletin without its `=>` lines, the gold events)."""
    body: list[str] = []
    gold: list[Gold] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        m = GOLD_LINE.match(line)
        if not m:
            body.append(line)
            continue
        try:
            gold.append(_gold_line(m.group("gold"), default_category))
        except ValueError as exc:
            raise ValueError(f"line {number}: {exc}") from None
    return "".join(body), gold


def _gold_line(text: str, default_category: Callable[[str], str]) -> Gold:
    fields = [f.strip() for f in text.split("|")]
    fields += [""] * (4 - len(fields))
    if len(fields) > 4 or not fields[0]:
        raise ValueError(f"expected 'type[@category] | places | figures | actors': {text!r}")
    event_type, _, category = fields[0].partition("@")
    figures = []
    for pair in _items(fields[2]):
        kind, _, value = pair.rpartition(" ")
        if not kind:
            raise ValueError(f"a figure is 'kind value': {pair!r}")
        if kind.strip() not in _LABELS.quantity_kinds:
            raise ValueError(f"unknown figure kind {kind.strip()!r}")
        figures.append([kind.strip(), float(value)])
    actors = []
    for pair in _items(fields[3]):
        name, sep, kind = pair.rpartition(":")
        if not sep or not name.strip():
            raise ValueError(f"an actor is 'name:type': {pair!r}")
        if kind.strip() not in _LABELS.actor_types:
            raise ValueError(f"unknown actor type {kind.strip()!r}")
        actors.append([name.strip(), kind.strip()])
    return {
        "event_type": event_type.strip(),
        "category": category.strip() or default_category(event_type.strip()),
        "places": _items(fields[1]),
        "figures": figures,
        "actors": actors,
    }


def _items(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


def bulletins(directory: Path) -> Iterator[tuple[str, str, list[Gold]]]:
    """(name, body, gold events) of every bulletin in a dev-set folder, by name."""
    taxonomy = load_taxonomy()

    def category_of(event_type: str) -> str:
        known = taxonomy.event_types.get(event_type)
        if known is None:
            raise ValueError(f"unknown event type {event_type!r}")
        return known.category

    found: list[tuple[str, str, list[Gold]]] = []
    for gold_path in directory.glob("*.gold.json"):
        stem = gold_path.name.removesuffix(".gold.json")
        [body_path] = [p for p in directory.glob(stem + ".*") if p != gold_path]
        gold: list[Gold] = json.loads(gold_path.read_text("utf-8"))
        found.append((stem, body_path.read_text("utf-8"), gold))
    for path in directory.glob("*.labelled.*"):
        try:
            body, gold = read_labelled(path.read_text("utf-8"), category_of)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
        found.append((path.name.split(".labelled.")[0], body, gold))
    return iter(sorted(found, key=lambda item: item[0]))


def parts(directory: Path) -> dict[str, Path]:
    """{"tune": ..., "test": ...} for a split set, else {"all": directory}."""
    split = {name: directory / name for name in ("tune", "test") if (directory / name).is_dir()}
    return split or {"all": directory}


def evaluate(
    directory: Path,
    tagger: Tagger | None = None,
    only: Callable[[str], bool] | None = None,
    report: Report | None = None,
) -> Report:
    """Score `tagger` on the bulletins of `directory` (those `only` accepts), adding to `report`."""
    tagger = tagger or Tagger()
    report = report or Report()
    received = datetime(2025, 1, 1, tzinfo=UTC)
    canonical = {norm(alias): norm(entry.name) for alias, entry in tagger.actors.aliases.items()}
    for stem, body, gold in bulletins(directory):
        if only is not None and not only(stem):
            continue
        events = parse_feed(body.encode(), fmt=guess_format(body), received_at=received)
        tagged = [tagger.classify(e, now=received) for e in events]
        report.bulletins += 1
        report.events += len(gold)
        matched = min(len(tagged), len(gold))
        seg = report.scores["segmentation"]
        seg.tp += matched
        seg.fp += len(tagged) - matched
        seg.fn += len(gold) - matched
        for i in range(max(len(tagged), len(gold))):
            predicted = _fields(tagged[i] if i < len(tagged) else None, None, canonical)
            expected = _fields(None, gold[i] if i < len(gold) else None, canonical)
            for name, counter in predicted.items():
                report.scores[name].add(counter, expected[name])
            if i < matched:
                report.add_kinds(
                    [(q.kind, float(q.value)) for q in tagged[i].quantities],
                    [(k, float(v)) for k, v in gold[i]["figures"]],
                )
            if i >= matched:
                continue
            report.confidences.append(
                (tagged[i].confidence, tagged[i].event_type == gold[i]["event_type"])
            )
            if predicted["event_type"] != expected["event_type"]:
                report.mistakes.append(
                    f"{stem} #{i + 1}: event_type {tagged[i].event_type} != {gold[i]['event_type']}"
                    f"  | {tagged[i].event.text[:110]}"
                )
            for name in ("places", "figures", "actors"):
                extra = sorted(map(str, (predicted[name] - expected[name]).elements()))
                missed = sorted(map(str, (expected[name] - predicted[name]).elements()))
                if name != "figures":
                    report.misses.setdefault(name, Counter()).update(split_misses(extra, missed))
                if extra or missed:
                    report.mistakes.append(
                        f"{stem} #{i + 1}: {name} +{extra} -{missed}  | {tagged[i].event.text[:110]}"
                    )
    return report
