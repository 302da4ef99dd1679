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
    tagger.classify(events[0])  # warm the regex caches
    classify_rates, many_rates, parse_rates = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            for e in events:
                tagger.classify(e)
        classify_rates.append(rate(repeat * len(events), time.perf_counter() - start))
        start = time.perf_counter()
        for _ in range(repeat):
            tagger.classify_many(events)
        many_rates.append(rate(repeat * len(events), time.perf_counter() - start))
        start = time.perf_counter()
        for _ in range(repeat):
            for body in bodies:
                parse_feed(body, fmt=guess_format(body.decode()), received_at=datetime.now(UTC))
        parse_rates.append(rate(repeat * len(events), time.perf_counter() - start))
    print(f"{len(events)} sample events, {runs} runs x {repeat} passes, one core")
    print(f"{'stage':<28}{'median ev/s':>14}{'min':>12}{'max':>12}")
    for name, rates in (
        ("classify() rules path", classify_rates),
        (f"classify_many() of {len(events)}", many_rates),
        ("parse_feed() all formats", parse_rates),
    ):
        print(
            f"{name:<28}{statistics.median(rates):>14,.0f}{min(rates):>12,.0f}{max(rates):>12,.0f}"
        )
    record("classify_speed", {
        "events": len(events), "passes": repeat,
        "events_per_s": {
            "classify()": summary(classify_rates),
            f"classify_many() of {len(events)}": summary(many_rates),
            "parse_feed()": summary(parse_rates),
        },
    })  # fmt: skip


if __name__ == "__main__":
    main()
