"""End to end at a fixed rate: push -> visible latency through the whole stack, beside the
broker floor at the same rate, and the peak RSS of every service.

Starts the local stack (`sitrep up`, memory broker, free ports, the default settings) and pushes RATE events/s for
SECONDS: a feed of BATCH one-line JSON events every BATCH/RATE s, on a fixed schedule (a late
push does not shift the ones after it). Each event is timed from the moment its feed was
sent to:
- visible in /v1/events: its entry in the Redis stream the projector appends to in the same
  atomic script that indexes it (read here with a blocking XREAD; the API reads those keys
  with no cache in between);
- seen on /v1/stream: the SSE message the API sends a live subscriber.
Then the broker floor: a bare kafka-python producer (acks=all) and consumer on one topic of
the same broker, the same rate and batches, timed send -> consumed. The run is cut in three
windows for median/min/max of the per-window p99.

Run: .venv/bin/python bench/end_to_end.py [seconds] [rate] [setting=value ...]
(settings as sitrep reads them without the SITREP_ prefix, e.g. kafka_fetch_max_wait_ms=100;
prints a table; not a test)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import redis
from harness import broker, pct, peak_rss_mb, record, summary
from kafka import KafkaConsumer, KafkaProducer

from sitrep_api.store import StateStore
from sitrep_cli.embedded import create_topics
from sitrep_cli.local import LocalStack, local_stack
from sitrep_schemas.settings import SitrepSettings

BATCH, WINDOWS = 10, 3
WARMUP_S = 3.0  # pushed at the same rate first, not counted (connections, JIT-free warm caches)
SERVICES = ("ingest", "classifier", "projector", "api")  # whose peak RSS is reported


def paced(seconds: float, rate: int, send: Any) -> None:
    """Calls `send(i, counted)` for batch i every BATCH/rate s for WARMUP_S + `seconds`, on an
    absolute schedule; `counted` is false during the warm-up."""
    interval, start = BATCH / rate, time.perf_counter()
    warmup = int(WARMUP_S * rate / BATCH)
    for i in range(warmup + int(seconds * rate / BATCH)):
        delay = start + i * interval - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        send(i, i >= warmup)


def latencies(sent: dict[str, float], seen: dict[str, float], seconds: float) -> dict[str, Any]:
    """p50/p99 over the run, per-window p99 median/min/max, and how many never arrived."""
    first = min(sent.values())
    windows: list[list[float]] = [[] for _ in range(WINDOWS)]
    every = []
    for key, at in sent.items():
        if key in seen:
            ms = (seen[key] - at) * 1000
            every.append(ms)
            windows[min(WINDOWS - 1, int((at - first) / (seconds / WINDOWS)))].append(ms)
    return {
        "p50": statistics.median(every), "p99": pct(every, 0.99), "max": max(every),
        "window_p99": summary([pct(w, 0.99) for w in windows if w]),
        "sent": len(sent), "missing": len(sent) - len(every),
    }  # fmt: skip


def stages(
    redis_url: str, prefix: str, sent: dict[str, float], visible: dict[str, float]
) -> dict[str, Any]:
    """Where the time goes, from the stored events' own clocks (same machine): push -> ingest
    received the feed -> classifier tagged it -> visible."""
    wall = time.time() - time.perf_counter()
    with redis.Redis.from_url(redis_url) as client:
        stored = StateStore(client, prefix).get_events([i for i in sent if i in visible])
    found = {event["event_id"]: event for event in map(json.loads, stored)}
    segments: dict[str, list[float]] = {"push -> received": [], "received -> tagged": [],
                                        "tagged -> visible": []}  # fmt: skip
    for event_id, event in found.items():
        received = datetime.fromisoformat(event["event"]["received_at"]).timestamp()
        tagged = datetime.fromisoformat(event["tagged_at"]).timestamp()
        segments["push -> received"].append((received - sent[event_id] - wall) * 1000)
        segments["received -> tagged"].append((tagged - received) * 1000)
        segments["tagged -> visible"].append((visible[event_id] + wall - tagged) * 1000)
    return {
        name: {"p50": statistics.median(ms), "p99": pct(ms, 0.99)}
        for name, ms in segments.items() if ms
    }  # fmt: skip


def service_pids(parent: int) -> dict[str, int]:
    """The services `sitrep up` started, by name (from their command lines)."""
    pids = {}
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    for pid in children:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if b"sitrep_cli" in argv and argv[-2].decode() in SERVICES:
            pids[argv[-2].decode()] = int(pid)
    return pids


def watch_redis(url: str, prefix: str, seen: dict[str, float], done: threading.Event) -> None:
    """Every event id as the projector appends it to a shard's stream, with the time."""
    client = redis.Redis.from_url(url)
    positions: dict[str, str] = {}
    while not done.is_set():
        shards: Any = client.smembers(f"{prefix}:shards")
        for shard in shards:
            positions.setdefault(shard.decode() + "stream", "0-0")
        if not positions:
            time.sleep(0.01)
            continue
        reply: Any = client.xread(positions, count=1000, block=100)  # type: ignore[arg-type]
        now = time.perf_counter()
        for stream, items in reply or []:
            for _, fields in items:
                seen.setdefault(fields[b"event_id"].decode(), now)
            positions[stream.decode()] = items[-1][0].decode()
    client.close()


def watch_sse(api: str, seen: dict[str, float], done: threading.Event) -> None:
    """Every event the API's live stream sends, with the time."""
    try:
        with httpx.Client(timeout=None) as http, http.stream("GET", f"{api}/v1/stream") as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    seen.setdefault(json.loads(line[6:])["event_id"], time.perf_counter())
                if done.is_set():
                    return
    except httpx.HTTPError:
        if not done.is_set():  # the stack stopping ends the stream; anything else is news
            raise


def stack_run(
    seconds: float, rate: int, settings: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, float], float]:
    """The stack's latencies, their stages, its services' peak RSS, and `sitrep up` -> ready."""
    started = time.perf_counter()
    settings = {"log_level": "WARNING", **settings}
    with tempfile.TemporaryDirectory() as data, local_stack(Path(data), None, **settings) as stack:
        ready = time.perf_counter() - started
        return (*measure(stack, seconds, rate), ready)


def measure(
    stack: LocalStack, seconds: float, rate: int
) -> tuple[dict[str, Any], dict[str, Any], dict[str, float]]:
    ingest, api, redis_url = stack.ingest, stack.api, stack.redis_url
    sent: dict[str, float] = {}
    visible: dict[str, float] = {}
    streamed: dict[str, float] = {}
    done = threading.Event()
    prefix = "sitrep"  # sitrep up's default
    watchers = [
        threading.Thread(target=watch_redis, args=(redis_url, prefix, visible, done)),
        threading.Thread(target=watch_sse, args=(api, streamed, done), daemon=True),
    ]
    try:
        for t in watchers:
            t.start()
        run = uuid.uuid4().hex[:8]
        with httpx.Client(timeout=30) as http:

            def push(i: int, counted: bool) -> None:
                body = [
                    {"source": "bench-e2e",
                     "text": f"Drones struck a depot near Sumy, run {run} feed {i} item {j}."}
                    for j in range(BATCH)
                ]  # fmt: skip
                at = time.perf_counter()
                response = http.post(f"{ingest}/v1/feeds", json=body)
                response.raise_for_status()
                for event_id in response.json()["event_ids"]:
                    if counted:
                        sent[event_id] = at

            paced(seconds, rate, push)
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline and not (
            sent.keys() <= visible.keys() and sent.keys() <= streamed.keys()
        ):
            time.sleep(0.1)
        rss = {name: peak_rss_mb(pid) for name, pid in service_pids(stack.process.pid).items()}
        breakdown = stages(redis_url, prefix, sent, visible)
        with redis.Redis.from_url(redis_url) as client:
            persistence: Any = client.info("persistence")
        # an AOF rewrite forks and writes the whole data set, on the same two cores
        breakdown["redis AOF rewrites during the run"] = persistence["aof_rewrites"]
    finally:
        done.set()
    paths = {
        "push -> visible in /v1/events": latencies(sent, visible, seconds),
        "push -> seen on /v1/stream": latencies(sent, streamed, seconds),
    }
    return paths, breakdown, rss


def broker_floor(seconds: float, rate: int) -> dict[str, Any]:
    """A bare produce (acks=all) -> consume on the embedded broker, same rate and batches."""
    with broker() as bootstrap:
        topic = f"bench-floor-{uuid.uuid4().hex[:6]}"
        create_topics(bootstrap, [topic], 1)
        producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0)
        consumer = KafkaConsumer(
            topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None,
            fetch_max_wait_ms=SitrepSettings().kafka_fetch_max_wait_ms,
        )  # fmt: skip
        sent: dict[str, float] = {}
        seen: dict[str, float] = {}
        done = threading.Event()

        def consume() -> None:
            while not done.is_set():
                for batch in consumer.poll(timeout_ms=100).values():
                    now = time.perf_counter()
                    for r in batch:
                        seen.setdefault(r.value.decode(), now)

        reader = threading.Thread(target=consume)
        reader.start()

        def send(i: int, counted: bool) -> None:
            at = time.perf_counter()
            for j in range(BATCH):
                key = f"{i}-{j}"
                if counted:
                    sent[key] = at
                producer.send(topic, value=key.encode())
            producer.flush()

        paced(seconds, rate, send)
        deadline = time.perf_counter() + 30
        while not sent.keys() <= seen.keys() and time.perf_counter() < deadline:
            time.sleep(0.05)
        done.set()
        reader.join(35)
        producer.close()
        consumer.close()
        return latencies(sent, seen, seconds)


def main(seconds: float = 60, rate: int = 1000, settings: dict[str, str] | None = None) -> None:
    if os.environ.get("SITREP_KAFKA_BOOTSTRAP"):
        print("note: the stack runs its own embedded broker; the floor uses SITREP_KAFKA_BOOTSTRAP")
    paths, breakdown, rss, ready = stack_run(seconds, rate, settings or {})
    paths["broker floor produce -> consume"] = broker_floor(seconds / 2, rate)
    print(f"sitrep up -> ready: {ready:.2f} s")
    print(
        f"{rate:,} events/s for {seconds:.0f} s ({BATCH} per feed); floor for {seconds / 2:.0f} s"
    )
    print(f"{'path':<36}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}"
          f"{'window p99 min-max':>22}{'missing':>9}")  # fmt: skip
    for name, v in paths.items():
        w = v["window_p99"]
        print(f"{name:<36}{v['p50']:>8.1f}{v['p99']:>8.1f}{v['max']:>8.1f}"
              f"{w['min']:>14.1f}-{w['max']:<7.1f}{v['missing']:>9}")  # fmt: skip
    rewrites = breakdown.pop("redis AOF rewrites during the run")
    print("stages (p50 / p99 ms): " + ", ".join(
        f"{k} {v['p50']:.1f} / {v['p99']:.1f}" for k, v in breakdown.items()))  # fmt: skip
    print(f"redis AOF rewrites during the run: {rewrites}")
    print("peak RSS MB: " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(rss.items())))
    record("end_to_end", {
        "seconds": seconds, "rate": rate, "batch": BATCH, "ready_s": ready,
        "latency_ms": paths, "stages_ms": breakdown, "peak_rss_mb": rss,
        "redis_aof_rewrites": rewrites,
    })  # fmt: skip


if __name__ == "__main__":
    main(
        float(sys.argv[1]) if len(sys.argv) > 1 else 60,
        int(sys.argv[2]) if len(sys.argv) > 2 else 1000,
        dict(arg.split("=", 1) for arg in sys.argv[3:]),
    )
