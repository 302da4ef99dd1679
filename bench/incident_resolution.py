"""Incident resolution, reports/s, with INCIDENTS incidents already in state.

Synthetic reports (built directly as TaggedEvents, no tagger): a year of days, 400 places
on a grid over four countries, eight event types, texts of made-up words of their own
(an incident's four; its second report keeps three and adds two).
One report in five is a second outlet's report of an earlier incident (same place, day and
type, a rewritten text), so resolution both starts and joins incidents. The state is
filled by the resolver itself in batches of 500 (timed too), then MEASURE more reports
are resolved in batches of 100, the projector's usual batch, against a fresh
redis-server with AOF on, as `sitrep up` runs it.

Then the flood case: FLOOD near-copies of nine templates (numbers differ) on one day in one
country, resolved in batches of 200; the rate is printed per fifth of the flood, as the
day's candidate list grows (the resolver reads a day's list once per batch).

Run: .venv/bin/python bench/incident_resolution.py [incidents] [measure] [flood]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import redis
from harness import record

from sitrep_api.resolver import Resolver
from sitrep_cli.embedded import EmbeddedRedis, free_port
from sitrep_schemas import ClassifierInfo, Location, TaggedEvent, UpdateEvent

TYPES = [
    ("remote.missile_artillery", "military"), ("remote.air_drone_strike", "military"),
    ("battle.armed_clash", "military"), ("civilians.attack", "military"),
    ("diplomacy.meeting", "political_diplomatic"), ("aid.humanitarian", "humanitarian"),
    ("economic.sanctions", "economic_energy"), ("disaster.natural_event", "disaster_emergency"),
]  # fmt: skip
COUNTRIES = ["UKR", "SDN", "MMR", "HTI"]
WORDS = [
    "depot",
    "bridge",
    "market",
    "school",
    "clinic",
    "station",
    "factory",
    "warehouse",
    "port",
    "plant",
    "tower",
    "camp",
]


def town(i: int) -> str:
    """A made-up town name of letters only ("Kabodira"), one per number."""
    syllables = ["ka", "bo", "di", "ra", "lu", "me", "so", "ti", "va", "ne"]
    return "".join(syllables[int(d)] for d in f"{i:03d}").capitalize() + "vka"


def place(i: int) -> Location:
    country = COUNTRIES[i % 4]
    return Location(
        name=town(i), kind="settlement", country=country, admin1=f"Region {i % 40}",
        lat=40 + (i % 20) * 0.5, lon=20 + (i // 20) * 0.5, precision=1,
        place_id=f"{country.lower()}:town{i}", confidence=0.9,
    )  # fmt: skip


def report(n: int, incident: int, source: str) -> TaggedEvent:
    rnd = random.Random(incident)
    event_type, category = TYPES[incident % len(TYPES)]
    day = date(2025, 1, 1) + timedelta(days=incident % 365)
    where = place(rnd.randrange(400))
    # An incident's own words; the second outlet keeps three of its four and adds two.
    own = [town(rnd.randrange(1000)).lower() for _ in range(4)]
    extra = [town(random.Random(n).randrange(1000)).lower() for _ in range(2)]
    said = own if source == "outlet-a" else own[:3] + extra
    text = f"At {where.name}: {' '.join(said)}, {n % 7 + 2} hurt."
    eid = f"{n:032x}"
    update = UpdateEvent(
        event_id=eid, source=source, bulletin_date=day, position=1, text=text,
        received_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=n),
    )  # fmt: skip
    return TaggedEvent(
        event_id=eid, event=update, category=category, event_type=event_type, confidence=0.9,
        locations=[where], classifier=ClassifierInfo(name="bench", version="1.0.0"),
        tagged_at=update.received_at,
    )  # fmt: skip


def stream(count: int) -> list[TaggedEvent]:
    """`count` reports: four in five start an incident, one is a second outlet's report of
    an earlier one."""
    rnd, out, started = random.Random(7), [], 0
    for n in range(count):
        if n % 5 == 4:
            out.append(report(n, rnd.randrange(started), "outlet-b"))
        else:
            out.append(report(n, started, "outlet-a"))
            started += 1
    return out


def flood(count: int) -> list[TaggedEvent]:
    """Near-copies on one day: nine templates, each one incident, told `count // 9` times."""
    out = []
    for n in range(count):
        kind = n % 9
        event_type, category = TYPES[kind % len(TYPES)]
        where = place(kind)
        text = f"Template {kind}: {n % 97 + 2} people affected at the {WORDS[kind]} in {where.name}, report {n}."
        eid = f"f{n:031x}"
        update = UpdateEvent(
            event_id=eid, source="flood", bulletin_date=date(2025, 6, 1), position=1, text=text,
            received_at=datetime(2025, 6, 1, tzinfo=UTC) + timedelta(milliseconds=n),
        )  # fmt: skip
        out.append(TaggedEvent(
            event_id=eid, event=update, category=category, event_type=event_type, confidence=0.9,
            locations=[where], classifier=ClassifierInfo(name="bench", version="1.0.0"),
            tagged_at=update.received_at,
        ))  # fmt: skip
    return out


def resolve(resolver: Resolver, events: list[TaggedEvent], batch: int) -> float:
    started = time.perf_counter()
    for i in range(0, len(events), batch):
        resolver.resolve(events[i : i + batch])
    return time.perf_counter() - started


def main(incidents: int = 100_000, measure: int = 5_000, flood_size: int = 10_000) -> None:
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as data:
        server = EmbeddedRedis(free_port(), data_dir=Path(data))
        server.start()
        client = redis.Redis.from_url(server.url)
        try:
            resolver = Resolver(client, f"b{uuid.uuid4().hex[:6]}")
            everything = stream(incidents * 5 // 4 + measure)
            fill, more = everything[: incidents * 5 // 4], everything[incidents * 5 // 4 :]
            fill_s = resolve(resolver, fill, 500)
            stored = int(client.hget(resolver.keys + "count:total", "incidents") or 0)
            measure_s = resolve(resolver, more, 100)
            memory = client.info("memory")["used_memory"] / 2**20
            copies, rates = flood(flood_size), []
            flooded = Resolver(client, f"f{uuid.uuid4().hex[:6]}")
            fifth = max(1, len(copies) // 5)
            for start in range(0, len(copies), fifth):
                part = copies[start : start + fifth]
                rates.append(round(len(part) / resolve(flooded, part, 200)))
        finally:
            client.close()
            server.stop()
    result = {
        "incidents_in_state": stored,
        "reports_filled": len(fill),
        "fill_reports_per_s": round(len(fill) / fill_s),
        "measured_reports": measure,
        "reports_per_s": round(measure / measure_s),
        "redis_used_mb": round(memory),
        "flood_reports": flood_size,
        "flood_reports_per_s_by_fifth": rates,
    }
    print(
        f"filled {len(fill):,} reports -> {stored:,} incidents at {result['fill_reports_per_s']:,}/s"
    )
    print(f"then {measure:,} more in batches of 100: {result['reports_per_s']:,} reports/s")
    print(f"redis used memory {result['redis_used_mb']} MB")
    print(f"flood of {flood_size:,} near-copies on one day, reports/s per fifth: {rates}")
    record("incident_resolution", result)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
