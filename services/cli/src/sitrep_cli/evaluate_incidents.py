"""`sitrep eval --incidents FILE`: score incident resolution on a labelled set of reports.

A set is JSON lines, one report each, in the order they arrive: `source`,
`bulletin_date`, optional `headline`, `text`, the gold `incident` it belongs to, and
optional gold `claims` ({"killed": 12, "injured": 30}: what the report itself claims).
Every report is tagged by the real tagger and grouped by the real rules
(`incidents.blocking.link_all`, which the resolver's tests hold equal to what the
resolver builds in Redis). Scores:

- B-cubed precision, recall and F1 of the grouping (per report: the share of its
  predicted incident that is in its gold incident, and the reverse);
- per figure kind, the predicted total (reconciled figures of the predicted incidents,
  from the tagger's own figures), the range the gold allows (per gold incident, each
  source's latest gold claim; low = the sum of the smallest, high = of the largest), and
  the sum of every report's claims, which is what counting reports would give.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sitrep_api.incidents.blocking import link_all
from sitrep_api.incidents.grouping import Incident, components
from sitrep_api.incidents.report import Report, report_of
from sitrep_classifier.tagger import Tagger
from sitrep_ingest.ids import event_id
from sitrep_schemas import UpdateEvent

KINDS = ("killed", "injured")


@dataclass(frozen=True)
class Labelled:
    incident: str
    event: UpdateEvent
    claims: dict[str, float]


def load_set(path: Path) -> list[Labelled]:
    out = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        day = date.fromisoformat(item["bulletin_date"])
        source, headline, text = item["source"], item.get("headline"), item["text"]
        event = UpdateEvent(
            event_id=event_id(source, day, headline, text),
            source=source,
            bulletin_date=day,
            headline=headline,
            text=text,
            position=number,
            # one arrival a second, in file order, on the evening of the bulletin's day
            received_at=datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
            + timedelta(seconds=number),
        )
        out.append(Labelled(item["incident"], event, dict(item.get("claims", {}))))
    return out


def group(reports: list[Report]) -> list[list[str]]:
    return components((r.event_id for r in reports), link_all(reports))


def bcubed(predicted: list[list[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    cluster = {eid: frozenset(members) for members in predicted for eid in members}
    gold_members: dict[str, set[str]] = {}
    for eid, label in gold.items():
        gold_members.setdefault(label, set()).add(eid)
    precision = recall = 0.0
    for eid, label in gold.items():
        mine, truth = cluster[eid], gold_members[label]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    n = len(gold)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_range(items: list[Labelled], kind: str) -> tuple[float, float]:
    """Sum over gold incidents of the smallest and of the largest latest claim per source."""
    latest: dict[str, dict[str, float]] = {}
    for item in sorted(items, key=lambda i: (i.event.bulletin_date or date.min, i.event.position)):
        if kind in item.claims:
            latest.setdefault(item.incident, {})[item.event.source] = item.claims[kind]
    low = sum(min(by_source.values()) for by_source in latest.values())
    high = sum(max(by_source.values()) for by_source in latest.values())
    return low, high


@dataclass
class IncidentScore:
    name: str
    reports: int
    gold_incidents: int
    predicted_incidents: int
    precision: float
    recall: float
    f1: float
    figures: dict[str, dict[str, float]] = field(default_factory=dict)
    mistakes: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = [
            f"{self.name}: {self.reports} reports, {self.gold_incidents} gold incidents,"
            f" {self.predicted_incidents} predicted",
            f"  B-cubed precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
        ]
        for kind, f in self.figures.items():
            inside = f["low"] <= f["predicted"] <= f["high"]
            lines.append(
                f"  {kind}: predicted {f['predicted']:g}, gold range {f['low']:g}-{f['high']:g}"
                f" ({'inside' if inside else 'outside'}), summing reports would give"
                f" {f['report_sum']:g}"
            )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "mistakes"}


def evaluate_incidents(
    path: Path, tagger: Tagger | None = None, shuffle_seed: int | None = None
) -> IncidentScore:
    """Score one labelled set; `shuffle_seed` tags the reports in another arrival order."""
    tagger = tagger or Tagger()
    items = load_set(path)
    order = list(items)
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(order)
    reports = {it.event.event_id: report_of(tagger.classify(it.event)) for it in order}
    predicted = group(list(reports.values()))
    gold = {it.event.event_id: it.incident for it in items}
    p, r, f1 = bcubed(predicted, gold)
    score = IncidentScore(path.stem, len(items), len(set(gold.values())), len(predicted), p, r, f1)
    incidents = [Incident(reports[eid] for eid in members) for members in predicted]
    for kind in KINDS:
        low, high = gold_range(items, kind)
        total = sum(
            fig["value"] for inc in incidents if inc.tallied
            for k, fig in inc.view["figures"].items() if k == kind
        )  # fmt: skip
        report_sum = sum(
            c.value for r in reports.values() if r.tallied for c in r.claims if c.kind == kind
        )
        score.figures[kind] = {
            "predicted": total,
            "low": low,
            "high": high,
            "report_sum": report_sum,
        }
    headline = {it.event.event_id: f"[{it.incident}] {it.event.text[:70]}" for it in items}
    for members in predicted:
        labels = {gold[eid] for eid in members}
        if len(labels) > 1:
            score.mistakes.append("merged: " + " | ".join(headline[e] for e in members))
    by_gold: dict[str, list[list[str]]] = {}
    for members in predicted:
        for label in {gold[e] for e in members}:
            by_gold.setdefault(label, []).append(members)
    for label, parts in sorted(by_gold.items()):
        if len(parts) > 1:
            score.mistakes.append(
                f"split {label}: " + " || ".join(
                    "; ".join(headline[e][len(label) + 3 :][:50] for e in part if gold[e] == label)
                    for part in parts
                )
            )  # fmt: skip
    return score
