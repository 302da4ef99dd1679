"""Projector, events/s into Redis: sitrep's projector process reading COUNT tagged events
(the sample feeds' events, tagged once, distinct ids) from its own 3-partition topic into
a fresh key prefix of an embedded redis-server (AOF on, as `sitrep up` runs it), beside
the Redis floor: the same events' JSON written with one pipelined SET each, no index, and
the projector's own ceiling: a kafka-python consumer that reads and decodes the same records
(pydantic, as the projector does) and writes nothing.

The projector's rate is taken from the first 1 % of stored events to the last, as
`StateStore.state()` reports them (start-up and group join excluded).

Run: .venv/bin/python bench/projector_stage.py [runs] [count] [instances]
(instances > 1 also measures that many projectors in one consumer group, run by run.)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis
from classify_speed import load
from harness import ROOT, broker, peak_rss_mb, record, service_env, summary
from kafka import KafkaConsumer, KafkaProducer

from sitrep_api.store import StateStore
from sitrep_classifier.tagger import Tagger
from sitrep_cli.embedded import EmbeddedRedis, create_topics, free_port, terminate
from sitrep_schemas import TaggedEvent
from sitrep_schemas.events import decode_record
from sitrep_schemas.settings import SitrepSettings

PARTITIONS = 3


def tagged_values(count: int) -> list[tuple[bytes, bytes]]:
    _, events = load()
    tagger = Tagger()
    tagged = [tagger.classify(e) for e in events]
    out = []
    for i in range(count):
        t = tagged[i % len(tagged)]
        event_id = f"{i:032x}"
        event = t.event.model_copy(update={"event_id": event_id})
        value = t.model_copy(update={"event_id": event_id, "event": event}).model_dump_json()
        out.append((event_id.encode(), value.encode()))
    return out


def topic_of(run: int, instances: int = 1) -> str:
    return f"bench.{run}.{instances}.projector.tagged"


def measure_projector(
    bootstrap: str,
    redis_url: str,
    values: list[tuple[bytes, bytes]],
    run: int,
    instances: int = 1,
) -> tuple[float, float]:
    """Events/s stored by `instances` projector processes in one group (the partitions are
    shared among them), and their largest peak RSS."""
    topic = topic_of(run, instances)
    prefix = f"bench{uuid.uuid4().hex[:8]}"
    create_topics(bootstrap, [topic, f"{topic}.dlq", f"{topic}.retractions"], PARTITIONS)
    producer = KafkaProducer(**SitrepSettings(kafka_bootstrap=bootstrap).producer_config())
    for key, value in values:
        producer.send(topic, key=key, value=value)
    producer.flush(timeout=120)
    producer.close()
    procs = []
    for _ in range(instances):
        env = service_env(
            kafka_bootstrap=bootstrap, redis_url=redis_url, redis_prefix=prefix,
            topic_tagged=topic, topic_dlq=f"{topic}.dlq", topic_retractions=f"{topic}.retractions",
            projector_group=f"{topic}.group", projector_port=free_port(),
        )  # fmt: skip
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "sitrep_cli", "projector"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
    client = redis.Redis.from_url(redis_url)
    store = StateStore(client, prefix)
    count = len(values)
    stored, first_at, first_stored, rss = 0, 0.0, 0, 0.0
    deadline = time.monotonic() + 600
    try:
        while stored < count:
            if any(proc.poll() is not None for proc in procs):
                raise RuntimeError("a projector exited")
            if time.monotonic() > deadline:
                raise TimeoutError(f"projector: {stored} of {count} stored after 600 s")
            time.sleep(0.05)
            stored = int(store.state()["events_stored"])
            if not first_at and stored >= count // 100:
                first_at, first_stored = time.monotonic(), stored
            rss = max(rss, *(peak_rss_mb(proc.pid) for proc in procs))
        rate = (stored - first_stored) / (time.monotonic() - first_at)
    finally:
        for proc in procs:
            terminate(proc, 30)
        client.close()
    return rate, rss


def measure_consume_decode(bootstrap: str, topic: str, count: int) -> float:
    """The projector's own ceiling in this process: a kafka-python consumer reading the topic
    the projector just read (its own group, from the start) and decoding every record into a
    TaggedEvent, as the projector does, with nothing written anywhere. Rate from the first
    1 % of records to the last."""
    consumer = KafkaConsumer(
        topic,
        **SitrepSettings(kafka_bootstrap=bootstrap).consumer_config(f"{topic}.ceiling"),
    )
    seen, first_at, first_seen = 0, 0.0, 0
    deadline = time.monotonic() + 600
    try:
        while seen < count and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    decode_record(record.value, TaggedEvent)
                seen += len(records)
            if not first_at and seen >= count // 100:
                first_at, first_seen = time.monotonic(), seen
        return (seen - first_seen) / (time.monotonic() - first_at)
    finally:
        consumer.close()


def measure_floor(redis_url: str, values: list[tuple[bytes, bytes]]) -> float:
    """One SET per event, pipelined 500 at a time: what Redis takes from one client."""
    client = redis.Redis.from_url(redis_url)
    prefix = f"benchfloor{uuid.uuid4().hex[:8]}:"
    started = time.perf_counter()
    for first in range(0, len(values), 500):
        pipe = client.pipeline(transaction=False)
        for key, value in values[first : first + 500]:
            pipe.set(prefix + key.decode(), value)
        pipe.execute()
    rate = len(values) / (time.perf_counter() - started)
    client.close()
    return rate


def main(runs: int = 3, count: int = 10_000, instances: int = 1) -> None:
    """With `instances` > 1, that many projectors in one group are measured too, run by run
    beside one (the scale-out curve on this machine's cores)."""
    values = tagged_values(count)
    rates: dict[str, list[float]] = {"projector": [], "floor": [], "ceiling": []}
    if instances > 1:
        rates["scaled"] = []
    peak = 0.0
    with broker() as bootstrap, tempfile.TemporaryDirectory() as data:
        redis_server = EmbeddedRedis(free_port(), data_dir=Path(data))
        redis_server.start()
        try:
            for run in range(runs):
                rate, rss = measure_projector(bootstrap, redis_server.url, values, run)
                rates["projector"].append(rate)
                peak = max(peak, rss)
                if instances > 1:
                    scaled, scaled_rss = measure_projector(
                        bootstrap, redis_server.url, values, run, instances
                    )
                    rates["scaled"].append(scaled)
                    print(f"run {run + 1}: {instances} projectors {scaled:,.0f} ev/s, "
                          f"peak RSS {scaled_rss:,.0f} MB", flush=True)  # fmt: skip
                rates["floor"].append(measure_floor(redis_server.url, values))
                rates["ceiling"].append(measure_consume_decode(bootstrap, topic_of(run), count))
                print(f"run {run + 1}: projector {rate:,.0f} ev/s, Redis floor "
                      f"{rates['floor'][-1]:,.0f} SET/s, consume + decode "
                      f"{rates['ceiling'][-1]:,.0f} ev/s, peak RSS {rss:,.0f} MB", flush=True)  # fmt: skip
        finally:
            redis_server.stop()
    labels = {
        "projector": "sitrep projector",
        "floor": "Redis floor: pipelined SET per event",
        "ceiling": "ceiling: consume + decode, no Redis",
    }
    if instances > 1:
        labels["scaled"] = f"sitrep projector x{instances}, one group"
    print(f"\nprojector, {count:,} tagged events, {runs} runs")
    print(f"{'contender':<40}{'median ev/s':>12}{'min':>9}{'max':>9}")
    for name, label in labels.items():
        s = summary(rates[name])
        print(f"{label:<40}{s['median']:>12,.0f}{s['min']:>9,.0f}{s['max']:>9,.0f}")
    print(f"projector peak RSS {peak:,.0f} MB (target: projector >= 50,000 events/s)")
    record("projector_stage", {
        "count": count,
        "events_per_s": {labels[n]: summary(rates[n]) for n in labels},
        "peak_rss_mb": {"sitrep projector": peak},
    })  # fmt: skip


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
