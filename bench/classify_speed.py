"""classify() throughput on one core, and the bulletin parser's, over the project's sample feeds.

Run: .venv/bin/python bench/classify_speed.py   (prints a table; not a test)
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from harness import record, summary

from sitrep_classifier.tagger import Tagger
from sitrep_ingest.parsers import guess_format, parse_feed
from sitrep_schemas import UpdateEvent

ROOT = Path(__file__).resolve().parents[1]
FEEDS = sorted((ROOT / "seeds").glob("*"))


def load() -> tuple[list[bytes], list[UpdateEvent]]:
    bodies = [p.read_bytes() for p in FEEDS if p.is_file()]
    events = [
        e
        for body in bodies
        for e in parse_feed(body, fmt=guess_format(body.decode()), received_at=datetime.now(UTC))
    ]
    return bodies, events


def rate(work: int, seconds: float) -> float:
    return work / seconds if seconds else float("inf")


def main(runs: int = 5, repeat: int = 200) -> None:
    bodies, events = load()
    tagger = Tagger()
    rules = Tagger(taxonomy=tagger.taxonomy, gazetteer=tagger.gazetteer, actors=tagger.actors,
                   learned=False)  # fmt: skip
    tagger.classify(events[0])  # warm the regex caches
    rates: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, one in (("rules + learned", tagger), ("rules only", rules)):
            start = time.perf_counter()
            for _ in range(repeat):
                for e in events:
                    one.classify(e)
            elapsed = time.perf_counter() - start
            rates.setdefault(f"classify(), {name}", []).append(rate(repeat * len(events), elapsed))
            start = time.perf_counter()
            for _ in range(repeat):
                one.classify_many(events)
            elapsed = time.perf_counter() - start
            key = f"classify_many() of {len(events)}, {name}"
            rates.setdefault(key, []).append(rate(repeat * len(events), elapsed))
        parse_rates = rates.setdefault("parse_feed() all formats", [])
        start = time.perf_counter()
        for _ in range(repeat):
            for body in bodies:
                parse_feed(body, fmt=guess_format(body.decode()), received_at=datetime.now(UTC))
        parse_rates.append(rate(repeat * len(events), time.perf_counter() - start))
    print(f"{len(events)} sample events, {runs} runs x {repeat} passes, one core")
    print(f"{'stage':<44}{'median ev/s':>14}{'min':>12}{'max':>12}")
    for name, found in rates.items():
        print(
            f"{name:<44}{statistics.median(found):>14,.0f}{min(found):>12,.0f}{max(found):>12,.0f}"
        )
    record("classify_speed", {
        "events": len(events), "passes": repeat,
        "events_per_s": {name: summary(found) for name, found in rates.items()},
    })  # fmt: skip


if __name__ == "__main__":
    main()
