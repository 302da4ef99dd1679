"""Soak: a steady load for minutes, with every process's memory and the pipeline's lag sampled.

Starts the local stack (`sitrep up` on free ports; `durable=true` for the durable broker)
and pushes RATE events/s for MINUTES (feeds of 10 one-line JSON events over 12 sources, on
a fixed schedule). The events are a month of bulletins: eight kinds of report about eight
places, dated over 30 days, so incidents are the size real days make them (every event
of one day, place and kind in one incident: the resolver's worst case, which
bench/incident_resolution.py measures, not a soak). Every SAMPLE_S it samples the resident memory (VmRSS) of each service,
the broker, its store and Redis; the classifier's and projector's lag; and how many
acknowledged events are not stored yet. At the end it waits for the pipeline to drain and
runs `sitrep audit` over everything pushed. It prints the samples as a table and, per
process, the RSS of the last third against the first third (flat: within 10 %), and the
events behind at the start and end of the run (not growing: the last third no higher than
the first).

Run: .venv/bin/python bench/soak.py [minutes] [rate] [setting=value ...]
(e.g. durable=true; `make soak` runs the repeated durable fault scenarios, then this)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from end_to_end import paced
from harness import record, rss_mb

from sitrep_cli.audit import audit
from sitrep_cli.local import LocalStack, local_stack
from sitrep_schemas.settings import SitrepSettings

SAMPLE_S = 30.0
SOURCES = 12  # spread over the topics' partitions
REPORTS = [
    "Shelling hit a fuel depot in {place}, the governor said (soak {run}, feed {i}, item {j}).",
    "Two people were injured by a drone strike on {place} ({run}/{i}/{j}).",
    "Troops repelled an attack on positions near {place}, the army said ({run}/{i}/{j}).",
    "Aid trucks reached {place} with food for displaced families ({run}/{i}/{j}).",
    "Residents of {place} were told to evacuate as fighting drew closer ({run}/{i}/{j}).",
    "Power was cut in {place} after strikes on the grid overnight ({run}/{i}/{j}).",
    "Police detained three men in {place} over the bombing ({run}/{i}/{j}).",
    "Protesters marched in {place} against the new curfew ({run}/{i}/{j}).",
]
PLACES = ["Kharkiv", "Odesa", "Kherson", "El Fasher", "Goma", "Port-au-Prince", "Sumy", "Khartoum"]
PROCESSES = ("ingest", "classifier", "projector", "resolver", "api")
INFRA = {"tansu": "broker", "s3rver": "s3rver", "redis-server": "redis"}


def processes(parent: int) -> dict[str, int]:
    """The stack's processes by name: the services, the broker, its store, Redis."""
    found: dict[str, int] = {}
    todo = [parent]
    while todo:
        pid = todo.pop()
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            todo.append(child)
            argv = [a.decode() for a in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")]
            if "sitrep_cli" in argv and argv[-2] in PROCESSES:
                found[argv[-2]] = child
            for marker, name in INFRA.items():
                if any(marker in a for a in argv[:2]):
                    found[name] = child
    return found


def rss_now(pid: int) -> float:
    """RSS in MB; NaN for a process that has just gone (a restarted service)."""
    try:
        return rss_mb(pid)
    except OSError:
        return float("nan")


def lag(http: httpx.Client, port: int, metric: str) -> float:
    text = http.get(f"http://127.0.0.1:{port}/metrics").text
    return sum(
        float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(metric + "{")
    )


def stored(http: httpx.Client, api: str) -> int:
    return int(http.get(f"{api}/v1/state").json()["events_stored"])


def sampler(
    stack: LocalStack,
    accepted: dict[str, None],
    samples: list[dict[str, Any]],
    done: threading.Event,
) -> None:
    started = time.monotonic()
    with httpx.Client(timeout=10) as http:
        while not done.wait(SAMPLE_S):
            pids = processes(stack.process.pid)
            try:
                row: dict[str, Any] = {
                    "minute": (time.monotonic() - started) / 60,
                    "accepted": len(accepted),
                    "behind": len(accepted) - stored(http, stack.api),
                    "classifier lag": lag(http, stack.ports["classifier"], "sitrep_classifier_lag"),
                    "projector lag": lag(http, stack.ports["projector"], "sitrep_projector_lag"),
                }
            except httpx.HTTPError as exc:
                print(f"sample skipped: {exc}")
                continue
            row.update({f"{name} MB": rss_now(pid) for name, pid in sorted(pids.items())})
            samples.append(row)
            print("  ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}"
                            for k, v in row.items()), flush=True)  # fmt: skip


def trend(samples: list[dict[str, Any]], column: str) -> tuple[float, float]:
    """The median of `column` over the first and the last third of the samples."""
    third = max(1, len(samples) // 3)
    first = [s[column] for s in samples[:third] if column in s]
    last = [s[column] for s in samples[-third:] if column in s]
    return statistics.median(first), statistics.median(last)


def main(minutes: float = 20, rate: int = 300, settings: dict[str, str] | None = None) -> None:
    settings = {"log_level": "WARNING", **(settings or {})}
    run = uuid.uuid4().hex[:6]
    accepted: dict[str, None] = {}
    samples: list[dict[str, Any]] = []
    done = threading.Event()
    with tempfile.TemporaryDirectory() as data, local_stack(Path(data), None, **settings) as stack:
        watcher = threading.Thread(target=sampler, args=(stack, accepted, samples, done))
        watcher.start()
        with httpx.Client(timeout=30) as http:

            def push(i: int, counted: bool) -> None:
                body = [
                    {"source": f"soak-{i % SOURCES}",
                     "bulletin_date": (date(2026, 10, 1) + timedelta(days=(i + j) % 30)).isoformat(),
                     "text": REPORTS[(i + j) % 8].format(
                         place=PLACES[(i // 8 + j) % 8], run=run, i=i, j=j)}
                    for j in range(10)
                ]  # fmt: skip
                while True:
                    try:
                        response = http.post(f"{stack.ingest}/v1/feeds", json=body)
                    except httpx.TransportError:
                        time.sleep(0.5)
                        continue
                    if response.status_code == 202:
                        accepted.update(dict.fromkeys(response.json()["event_ids"]))
                        return
                    time.sleep(float(response.headers.get("Retry-After", 1)))

            paced(minutes * 60, rate, push)
        done.set()
        watcher.join()
        drain_started = time.monotonic()
        with httpx.Client(timeout=10) as http:
            while (
                stored(http, stack.api) < len(accepted) and time.monotonic() - drain_started < 600
            ):
                time.sleep(1)
            drained_s = time.monotonic() - drain_started
            left = len(accepted) - stored(http, stack.api)
        report = audit(
            SitrepSettings(kafka_bootstrap=stack.bootstrap, redis_url=stack.redis_url), grace_s=0
        )
    total = report.total()
    print(f"\n{rate} events/s for {minutes:g} min ({len(accepted):,} accepted), {settings}")
    print(f"drained {drained_s:.0f} s after the load stopped; {left} not stored then")
    print(f"audit: {total.accepted} accepted, {total.stored} stored, {total.gaps} gaps,"
          f" {total.duplicated} duplicated")  # fmt: skip
    flat: dict[str, Any] = {}
    print(f"{'process':<12}{'RSS first third MB':>20}{'last third MB':>15}{'change':>9}")
    for column in sorted(c for c in samples[0] if c.endswith(" MB")) if samples else []:
        first, last = trend(samples, column)
        change = (last - first) / first * 100
        flat[column[:-3]] = {"first_mb": first, "last_mb": last, "change_pct": change}
        print(f"{column[:-3]:<12}{first:>20.1f}{last:>15.1f}{change:>+8.1f}%")
    behind = trend(samples, "behind") if samples else (0, 0)
    print(f"events behind (median, first third -> last third): {behind[0]:.0f} -> {behind[1]:.0f}")
    record(f"soak{'_durable' if settings.get('durable') == 'true' else ''}", {
        "minutes": minutes, "rate": rate, "accepted": len(accepted), "drained_s": drained_s,
        "audit": {"accepted": total.accepted, "stored": total.stored, "gaps": total.gaps,
                  "duplicated": total.duplicated},
        "rss": flat, "behind": {"first": behind[0], "last": behind[1]}, "samples": samples,
    })  # fmt: skip


if __name__ == "__main__":
    main(
        float(sys.argv[1]) if len(sys.argv) > 1 else 20,
        int(sys.argv[2]) if len(sys.argv) > 2 else 300,
        dict(arg.split("=", 1) for arg in sys.argv[3:]),
    )
