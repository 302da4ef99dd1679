"""Ingest throughput: NDJSON and bulletin bodies POSTed to a real ingest, acks=all, beside the broker floor.

Starts the embedded broker and Redis, runs `sitrep ingest` as a subprocess, posts
bodies of N events from 2 client threads, and reports accepted events/s and
request latency; the floor is a bare kafka-python producer (acks=all,
idempotent) sending the same records. Run:
    .venv/bin/python bench/ingest_throughput.py [requests] [events_per_request] [workers]
(prints a table; not a test). `workers` (default 1,2,4): the ingest again as that many
processes on one port (SITREP_INGEST_WORKERS), NDJSON from 4 client threads: the scaling
curve.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from harness import pct, record, summary, tree_cpu_s
from kafka import KafkaProducer

from sitrep_cli.embedded import (
    EmbeddedKafka,
    EmbeddedRedis,
    create_topics,
    free_port,
    terminate,
    wait_for_port,
)

SITREP = Path(sys.executable).parent / "sitrep"


def ndjson_body(n: int) -> bytes:
    run = uuid.uuid4().hex
    lines = [
        json.dumps({"source": f"bench-{i % 8}", "headline": f"Item {i}",
                    "text": f"Drones struck a depot near Sumy overnight, run {run} item {i}."})
        for i in range(n)
    ]  # fmt: skip
    return ("\n".join(lines) + "\n").encode()


def bulletin_body(n: int) -> bytes:
    run = uuid.uuid4().hex
    bullets = "\n".join(
        f"- Item {i}: Shelling hit a school in Kharkiv, run {run} item {i}." for i in range(n)
    )
    return f"Bench bulletin (Bench Desk) - the latest:\nFighting:\n{bullets}\n".encode()


def post_all(
    url: str, bodies: list[bytes], ctype: str, clients: int = 2
) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    accepted = 0

    def one(body: bytes) -> tuple[float, int]:
        with httpx.Client(timeout=60) as http:
            start = time.perf_counter()
            response = http.post(url, content=body, headers={"Content-Type": ctype})
            assert response.status_code == 202, response.text
            return time.perf_counter() - start, int(response.json()["accepted"])

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for latency, n in pool.map(one, bodies):
            latencies.append(latency)
            accepted += n
    return time.perf_counter() - started, latencies, accepted


def floor(bootstrap: str, topic: str, records: int) -> tuple[float, float]:
    """Records/s of a bare producer, and its process's CPU microseconds per record."""
    producer = KafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=2
    )
    value = json.dumps({"text": "x" * 180}).encode()
    start, cpu = time.perf_counter(), time.process_time()
    futures = [
        producer.send(topic, key=f"bench-{i % 8}".encode(), value=value) for i in range(records)
    ]
    producer.flush()
    for f in futures:
        f.get(timeout=30)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    producer.close()
    return records / elapsed, cpu / records * 1e6


def main(requests: int = 40, per_request: int = 1000, workers: tuple[int, ...] = (1, 2, 4)) -> None:
    with tempfile.TemporaryDirectory() as data:
        broker, redis_server = (
            EmbeddedKafka(free_port()),
            EmbeddedRedis(free_port(), data_dir=Path(data)),
        )
        broker.start()
        redis_server.start()
        create_topics(broker.bootstrap, ["bench.raw"], 3)
        port = free_port()
        env = dict(os.environ)
        env.update(SITREP_KAFKA_BOOTSTRAP=broker.bootstrap, SITREP_REDIS_URL=redis_server.url,
                   SITREP_TOPIC_RAW="bench.raw", SITREP_INGEST_PORT=str(port), SITREP_LOG_LEVEL="WARNING",
                   SITREP_REDIS_PREFIX=f"bench{uuid.uuid4().hex[:6]}")  # fmt: skip
        ingest = subprocess.Popen([str(SITREP), "ingest"], env=env, stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, 30)
            url = f"http://127.0.0.1:{port}/v1/feeds"
            post_all(url, [ndjson_body(100)], "application/x-ndjson")  # warm up the producer
            rows = []
            for name, make, ctype in (("NDJSON", ndjson_body, "application/x-ndjson"),
                                      ("bulletin", bulletin_body, "text/plain")):  # fmt: skip
                runs, cpu = [], []
                for _ in range(3):
                    bodies = [make(per_request) for _ in range(requests)]
                    used = tree_cpu_s(ingest.pid)
                    elapsed, latencies, accepted = post_all(url, bodies, ctype)
                    cpu.append((tree_cpu_s(ingest.pid) - used) / accepted * 1e6)
                    runs.append((accepted / elapsed, latencies))
                rates = [r for r, _ in runs]
                lat = [x * 1000 for _, ls in runs for x in ls]
                rows.append((f"ingest {name} ({per_request}/request)", rates, lat, cpu))
            floors = [
                floor(broker.bootstrap, "bench.raw", requests * per_request // 4) for _ in range(3)
            ]
            floor_rates, floor_cpu = [r for r, _ in floors], [c for _, c in floors]
            terminate(ingest, 10)
            scaling = {}
            for n in workers:  # several processes on the one port, 4 clients posting NDJSON
                env["SITREP_INGEST_WORKERS"] = str(n)
                ingest = subprocess.Popen(
                    [str(SITREP), "ingest"], env=env, stderr=subprocess.DEVNULL
                )
                wait_for_port(port, 30)
                for _ in range(n):  # each worker's producer
                    post_all(url, [ndjson_body(100)] * 4, "application/x-ndjson", 4)
                rates, cpu = [], []
                for _ in range(3):
                    bodies = [ndjson_body(per_request) for _ in range(requests)]
                    used = tree_cpu_s(ingest.pid)
                    elapsed, _, accepted = post_all(url, bodies, "application/x-ndjson", 4)
                    cpu.append((tree_cpu_s(ingest.pid) - used) / accepted * 1e6)
                    rates.append(accepted / elapsed)
                scaling[n] = rates, cpu
                terminate(ingest, 10)
        finally:
            terminate(ingest, 10)
            redis_server.stop()
            broker.stop()
    print(f"{'path':<36}{'median ev/s':>13}{'min':>10}{'max':>10}{'p50 ms':>9}{'p99 ms':>9}"
          f"{'CPU us/ev':>11}")  # fmt: skip
    for name, rates, lat, cpu in rows:
        print(f"{name:<36}{statistics.median(rates):>13,.0f}{min(rates):>10,.0f}{max(rates):>10,.0f}"
              f"{statistics.median(lat):>9.1f}{pct(lat, 0.99):>9.1f}{statistics.median(cpu):>11.1f}")  # fmt: skip
    print(f"{'broker floor: bare producer acks=all':<36}{statistics.median(floor_rates):>13,.0f}"
          f"{min(floor_rates):>10,.0f}{max(floor_rates):>10,.0f}{'':>18}"
          f"{statistics.median(floor_cpu):>11.1f}")  # fmt: skip
    for n, (rates, cpu) in scaling.items():
        print(f"{f'ingest NDJSON, {n} worker process(es), 4 clients':<48}"
              f"{statistics.median(rates):>9,.0f}{min(rates):>10,.0f}{max(rates):>10,.0f}{'':>18}"
              f"{statistics.median(cpu):>11.1f}")  # fmt: skip
    record("ingest_throughput", {
        "requests": requests, "events_per_request": per_request,
        "events_per_s": {name: summary(rates) for name, rates, _, _ in rows},
        "latency_ms": {name: {"p50": statistics.median(lat), "p99": pct(lat, 0.99)}
                       for name, _, lat, _ in rows},
        "cpu_us_per_event": {name: summary(cpu) for name, _, _, cpu in rows},
        "broker_floor_events_per_s": summary(floor_rates),
        "broker_floor_cpu_us_per_event": summary(floor_cpu),
        "workers_events_per_s": {str(n): summary(rates) for n, (rates, _) in scaling.items()},
        "workers_cpu_us_per_event": {str(n): summary(cpu) for n, (_, cpu) in scaling.items()},
    })  # fmt: skip


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:3]] + [40, 1000][len(sys.argv[1:3]) :]
    counts = tuple(int(n) for n in sys.argv[3].split(",")) if len(sys.argv) > 3 else (1, 2, 4)
    main(sizes[0], sizes[1], workers=counts)
