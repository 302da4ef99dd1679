"""The embedded broker in memory vs durable (Tansu on s3:// files served by s3rver).

For each mode: synchronous produce latency (send, wait for the ack, 1,000
times: p50/p99) and produce throughput (20,000 records of 600 bytes sent
asynchronously, then flush), acks=all, the producer settings sitrep uses in
that mode (no idempotence on s3://, see SitrepSettings.kafka_idempotence).
Run: .venv/bin/python bench/broker_modes.py [runs]   (prints a table; not a test)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import record, summary
from kafka import KafkaProducer

from sitrep_cli.embedded import EmbeddedKafka, EmbeddedS3, create_topics, free_port
from sitrep_schemas.settings import SitrepSettings

VALUE = b"x" * 600


def measure(bootstrap: str, idempotence: bool) -> tuple[float, float, float]:
    create_topics(bootstrap, ["bench"], 3)
    settings = SitrepSettings(kafka_bootstrap=bootstrap, kafka_idempotence=idempotence)
    producer = KafkaProducer(**settings.producer_config())
    try:
        latencies = []
        for i in range(1_000):
            start = time.perf_counter()
            producer.send("bench", key=b"k%d" % (i % 7), value=VALUE).get(timeout=10)
            latencies.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        for i in range(20_000):
            producer.send("bench", key=b"k%d" % (i % 7), value=VALUE)
        producer.flush(timeout=120)
        rate = 20_000 / (time.perf_counter() - start)
    finally:
        producer.close()
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99)], rate


def main(runs: int = 3) -> None:
    results: dict[str, list[tuple[float, float, float]]] = {"memory": [], "durable": []}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):  # interleaved, so both modes see the same machine
            memory = EmbeddedKafka(free_port())
            memory.start()
            try:
                results["memory"].append(measure(memory.bootstrap, idempotence=True))
            finally:
                memory.stop()
            s3 = EmbeddedS3(free_port(), data_dir=Path(tmp) / f"s3-{run}")
            s3.start()
            durable = EmbeddedKafka(free_port(), s3_endpoint=s3.endpoint)
            durable.start()
            try:
                results["durable"].append(measure(durable.bootstrap, idempotence=False))
            finally:
                durable.stop()
                s3.stop()
    print(f"produce, acks=all, {runs} runs (median [min-max])")
    print(f"{'mode':<10}{'sync p50 ms':>22}{'sync p99 ms':>22}{'records/s':>26}")
    for mode, rows in results.items():
        cells = []
        for i in range(3):
            values = [r[i] for r in rows]
            fmt = ",.0f" if i == 2 else ".2f"
            cells.append(
                f"{statistics.median(values):{fmt}} [{min(values):{fmt}}-{max(values):{fmt}}]"
            )
        print(f"{mode:<10}{cells[0]:>22}{cells[1]:>22}{cells[2]:>26}")
    record("broker_modes", {
        mode: {
            "sync_p50_ms": summary([r[0] for r in rows]),
            "sync_p99_ms": summary([r[1] for r in rows]),
            "records_per_s": summary([r[2] for r in rows]),
        }
        for mode, rows in results.items()
    })  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
