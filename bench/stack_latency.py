"""Time from `sitrep up` to ready, and push -> visible in /v1/events, beside the broker floor.

Starts the local stack on free ports, pushes N one-event feeds one after another
and waits for each to appear in the API; then measures a bare kafka-python
produce -> consume round trip on the same broker, the floor any pipeline stage
sits on. Run: .venv/bin/python bench/stack_latency.py [N]   (prints a table; not a test)
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from harness import record
from kafka import KafkaConsumer, KafkaProducer

from sitrep_cli.embedded import create_topics, free_port

SITREP = Path(sys.executable).parent / "sitrep"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def broker_floor(bootstrap: str, n: int) -> list[float]:
    topic = f"bench-floor-{uuid.uuid4().hex[:6]}"
    create_topics(bootstrap, [topic], 1)
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0)
    consumer = KafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="latest", group_id=None
    )
    consumer.poll(timeout_ms=500)
    latencies = []
    for i in range(n):
        start = time.perf_counter()
        producer.send(topic, value=str(i).encode()).get(timeout=10)
        got = False
        while not got:
            got = any(
                r for batch in consumer.poll(timeout_ms=50, max_records=10).values() for r in batch
            )
        latencies.append(time.perf_counter() - start)
    producer.close()
    consumer.close()
    return latencies


def main(n: int = 50) -> None:
    ports = {k: free_port() for k in ("kafka", "redis", "ingest", "api", "classifier", "projector")}
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SITREP_KAFKA_BOOTSTRAP", "SITREP_REDIS_URL")
    }
    env.update(
        SITREP_EMBEDDED_KAFKA_PORT=str(ports["kafka"]), SITREP_EMBEDDED_REDIS_PORT=str(ports["redis"]),
        SITREP_INGEST_PORT=str(ports["ingest"]), SITREP_API_PORT=str(ports["api"]),
        SITREP_CLASSIFIER_PORT=str(ports["classifier"]), SITREP_PROJECTOR_PORT=str(ports["projector"]),
        SITREP_DATA_DIR=f"/tmp/sitrep-bench-{uuid.uuid4().hex[:6]}",
    )  # fmt: skip
    started = time.perf_counter()
    stack = subprocess.Popen([str(SITREP), "up"], env=env, stdout=subprocess.PIPE, text=True)
    assert stack.stdout is not None
    for line in stack.stdout:
        if line.startswith("ready in"):
            break
    ready = time.perf_counter() - started
    ingest, api = f"http://127.0.0.1:{ports['ingest']}", f"http://127.0.0.1:{ports['api']}"
    visible = []
    try:
        with httpx.Client(timeout=30) as http:
            for i in range(n):
                body = [
                    {
                        "source": "bench",
                        "text": f"Drones struck a depot near Sumy, run {uuid.uuid4()} item {i}.",
                    }
                ]
                start = time.perf_counter()
                [event_id] = http.post(f"{ingest}/v1/feeds", json=body).json()["event_ids"]
                while http.get(f"{api}/v1/events/{event_id}").status_code != 200:
                    time.sleep(0.005)
                visible.append(time.perf_counter() - start)
        floor = broker_floor(f"127.0.0.1:{ports['kafka']}", n)
    finally:
        stack.send_signal(signal.SIGTERM)
        stack.wait(30)
        stack.stdout.close()
    print(f"sitrep up -> ready: {ready:.2f} s")
    print(
        f"{'path (' + str(n) + ' sequential events)':<40}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}"
    )
    for name, values in (
        ("push -> visible in /v1/events", visible),
        ("broker floor produce -> consume", floor),
    ):
        ms = [v * 1000 for v in values]
        print(f"{name:<40}{statistics.median(ms):>10.1f}{pct(ms, 0.99):>10.1f}{max(ms):>10.1f}")
    record("stack_latency", {
        "events": n, "ready_s": ready,
        "latency_ms": {
            name: {"p50": statistics.median(ms), "p99": pct(ms, 0.99), "max": max(ms)}
            for name, ms in (("push -> visible in /v1/events", [v * 1000 for v in visible]),
                             ("broker floor produce -> consume", [v * 1000 for v in floor]))
        },
    })  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
