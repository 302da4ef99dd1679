"""Classifier stage, events/s: consume -> classify() -> produce on one core.

Three contenders on the same broker, each on its own fresh topics (3 partitions)
pre-filled with the same COUNT raw events (the sample feeds' events, distinct ids),
interleaved run by run so that all see the same machine:

* sitrep's classifier worker (`python -m sitrep_cli classifier`, batch classify);
* the same stage written with Quix Streams (bench/peers/quix_classifier.py, same
  `classify()`, same acks=all, linger 2 ms, session timeout and fetch wait);
* the broker floor: bare kafka-python copying each record (bench/peers/passthrough.py).

The rate is taken from the first 1 % of outputs to the last (group join and start-up
excluded), as seen by a consumer of the output topic. Also: each process's peak RSS.

Run: .venv/bin/python bench/classifier_stage.py [runs] [count]   (after `make bench-env`)
"""

from __future__ import annotations

import subprocess
import sys
import time

from classify_speed import load
from harness import BENCH_PYTHON, ROOT, broker, peak_rss_mb, record, service_env, summary
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from sitrep_cli.embedded import create_topics, free_port, terminate
from sitrep_schemas.settings import SitrepSettings

PARTITIONS = 3


def prefill(bootstrap: str, topic: str, count: int) -> None:
    _, events = load()
    producer = KafkaProducer(**SitrepSettings(kafka_bootstrap=bootstrap).producer_config())
    for i in range(count):
        event = events[i % len(events)].model_copy(update={"event_id": f"{i:032x}"})
        producer.send(topic, key=event.event_id.encode(), value=event.model_dump_json().encode())
    producer.flush(timeout=120)
    producer.close()


def command(name: str, bootstrap: str, raw: str, tagged: str, count: int) -> list[str]:
    group = f"{tagged}.group"
    if name == "sitrep":
        return [sys.executable, "-m", "sitrep_cli", "classifier"]
    script = {"quix": "bench/peers/quix_classifier.py", "floor": "bench/peers/passthrough.py"}
    python = str(BENCH_PYTHON) if name == "quix" else sys.executable
    return [python, script[name], bootstrap, raw, tagged, group, str(count)]


def measure(name: str, bootstrap: str, run: int, count: int) -> tuple[float, float]:
    raw, tagged = f"bench.{run}.{name}.raw", f"bench.{run}.{name}.tagged"
    create_topics(bootstrap, [raw, tagged, f"bench.{run}.{name}.dlq"], PARTITIONS)
    prefill(bootstrap, raw, count)
    env = service_env(
        kafka_bootstrap=bootstrap, topic_raw=raw, topic_tagged=tagged,
        topic_dlq=f"bench.{run}.{name}.dlq", classifier_group=f"{tagged}.group",
        classifier_port=free_port(),
    )  # fmt: skip
    proc = subprocess.Popen(
        command(name, bootstrap, raw, tagged, count), cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, fetch_max_wait_ms=50)
    consumer.assign([TopicPartition(tagged, p) for p in range(PARTITIONS)])
    consumer.seek_to_beginning()
    seen, first_at, first_seen, rss = 0, 0.0, 0, 0.0
    deadline = time.monotonic() + 600
    try:
        while seen < count:
            if proc.poll() is not None and seen < count:
                raise RuntimeError(f"{name} exited early: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name}: {seen} of {count} outputs after 600 s")
            batch = consumer.poll(timeout_ms=200)
            seen += sum(len(records) for records in batch.values())
            if not first_at and seen >= count // 100:
                first_at, first_seen = time.monotonic(), seen
            rss = max(rss, peak_rss_mb(proc.pid))
        rate = (seen - first_seen) / (time.monotonic() - first_at)
    finally:
        consumer.close()
        terminate(proc, 30)
    return rate, rss


def main(runs: int = 3, count: int = 20_000) -> None:
    if not BENCH_PYTHON.exists():
        sys.exit(f"{BENCH_PYTHON} is missing: `make bench` creates it (the bench extra)")
    names = ("sitrep", "quix", "floor")
    rates: dict[str, list[float]] = {n: [] for n in names}
    rss: dict[str, list[float]] = {n: [] for n in names}
    with broker() as bootstrap:
        for run in range(runs):
            order = names if run % 2 == 0 else tuple(reversed(names))
            for name in order:
                rate, peak = measure(name, bootstrap, run, count)
                rates[name].append(rate)
                rss[name].append(peak)
                print(
                    f"run {run + 1}: {name:<7} {rate:>9,.0f} ev/s  peak RSS {peak:,.0f} MB",
                    flush=True,
                )
    ratios = [s / q for s, q in zip(rates["sitrep"], rates["quix"], strict=True)]
    labels = {
        "sitrep": "sitrep classifier worker",
        "quix": "Quix Streams, same classify()",
        "floor": "broker floor (kafka-python copy, no classify)",
    }
    print(f"\nclassifier stage, {count:,} events, {runs} runs, one process each")
    print(f"{'contender':<48}{'median ev/s':>12}{'min':>9}{'max':>9}{'peak RSS MB':>13}")
    for name in names:
        s = summary(rates[name])
        print(f"{labels[name]:<48}{s['median']:>12,.0f}{s['min']:>9,.0f}{s['max']:>9,.0f}"
              f"{max(rss[name]):>13,.0f}")  # fmt: skip
    r = summary(ratios)
    print(f"ratio sitrep / Quix Streams (per run): median {r['median']:.2f}, "
          f"min {r['min']:.2f}, max {r['max']:.2f} (target >= 1.2)")  # fmt: skip
    record("classifier_stage", {
        "count": count,
        "events_per_s": {labels[n]: summary(rates[n]) for n in names},
        "peak_rss_mb": {labels[n]: max(rss[n]) for n in names},
        "ratio_sitrep_to_quix": r,
    })  # fmt: skip


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
