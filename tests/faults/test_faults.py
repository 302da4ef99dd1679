"""Fault injection against the real local stack (`make test-faults`, run by CI).

Per scenario: a client pushes events over HTTP at 400 events/s to a running
stack; 2 s in, one fault; then the suite waits for quiescence and checks that
every event ingest answered 202 for is stored exactly once, that no refused
(503) event appears, that every counter equals a fold of everything stored,
and that the DLQ is empty (nothing here is poison).

The scenarios share two stacks, one per broker mode, one scenario after the
other, each with its own feed source: the faults to the broker (restart, 10 s
stopped) run on the durable stack (Tansu on s3://), since a broker in memory
forgets everything when it stops; the faults to the services and to Redis run
on the in-memory broker. The durable stack drains ~10x slower (bench/README.md),
which is what kept a suite of fresh durable stacks at ~25 min.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis

from sitrep_cli.audit import audit
from sitrep_schemas.topics import DLQ_TOPIC
from tests.conftest import read_topic, wait_until
from tests.faults.conftest import NOTES, ROWS
from tests.faults.harness import FaultStack, Generator, all_events, feed_events, running
from tests.folding import assert_incidents_are_fold, assert_state_is_fold

pytestmark = pytest.mark.faults
RATE = 400.0
FAULT_AFTER_S = 2.0


def kill_classifier(fs: FaultStack) -> None:
    fs.kill9("classifier")


def kill_projector(fs: FaultStack) -> None:
    fs.kill9("projector")


def kill_resolver(fs: FaultStack) -> None:
    fs.kill9("resolver")


def kill_ingest(fs: FaultStack) -> None:
    fs.kill9("ingest")


def restart_broker(fs: FaultStack) -> None:
    assert fs.stack.kafka is not None
    fs.stack.kafka.kill()
    fs.stack.kafka.start()


def restart_redis(fs: FaultStack) -> None:
    assert fs.stack.redis is not None
    fs.stack.redis.kill()
    fs.stack.redis.start()


def sigterm_restart_broker(fs: FaultStack) -> None:
    """What `sitrep up` does on Ctrl-C: SIGTERM (Tansu gives its tasks 5 s), then a start."""
    assert fs.stack.kafka is not None
    fs.stack.kafka.stop()
    fs.stack.kafka.start()


def broker_down_10s(fs: FaultStack) -> None:
    assert fs.stack.kafka is not None
    fs.stack.kafka.stop()
    time.sleep(10)
    fs.stack.kafka.start()


def slow_redis(fs: FaultStack) -> None:
    """Redis answers no write for 2 s, three times: the projector must wait, not drop."""
    assert fs.stack.redis is not None
    client = redis.Redis.from_url(fs.stack.redis.url)
    try:
        for _ in range(3):
            client.client_pause(2000, all=False)  # CLIENT PAUSE 2000 WRITE
            time.sleep(3)
    finally:
        client.close()


def sigterm_each_service(fs: FaultStack) -> None:
    """SIGTERM to each service in turn mid-stream: it finishes its batch, commits and
    exits 0 within 10 s; then it is started again."""
    for service in ("classifier", "projector", "resolver", "ingest", "api"):
        child = fs.stack.children[service]
        child.send_signal(signal.SIGTERM)
        started = time.monotonic()
        code = child.wait(15)
        took = time.monotonic() - started
        # uvicorn (ingest, api) re-raises the signal after its graceful shutdown: -15
        assert code in (0, -signal.SIGTERM), f"{service} exited with {code} on SIGTERM"
        assert took <= 10, f"{service} took {took:.1f}s to stop on SIGTERM"
        fs.stack.spawn(service)
        time.sleep(1)


@dataclass(frozen=True)
class Scenario:
    fault: Callable[[FaultStack], None]
    durable: bool = False  # on the durable stack (broker faults)
    events: int = 6_000  # 15 s at RATE: the stream goes on well after the fault


SCENARIOS: dict[str, Scenario] = {
    "kill -9 classifier": Scenario(kill_classifier),
    "kill -9 projector": Scenario(kill_projector),
    "kill -9 resolver": Scenario(kill_resolver),
    "kill -9 ingest": Scenario(kill_ingest),
    "kill -9 + restart redis (AOF)": Scenario(restart_redis),
    "redis writes paused 3 x 2 s": Scenario(slow_redis),
    "SIGTERM each service in turn": Scenario(sigterm_each_service),
    "kill -9 + restart broker (durable)": Scenario(restart_broker, durable=True),
    "SIGTERM + restart broker (durable)": Scenario(sigterm_restart_broker, durable=True),
    "broker stopped 10 s (durable)": Scenario(broker_down_10s, durable=True, events=8_000),
}


def stored_count(fs: FaultStack) -> int:
    try:
        return int(httpx.get(f"{fs.api}/v1/state", timeout=5).json()["events_stored"])
    except (httpx.HTTPError, ValueError, KeyError):
        return -1


def visible(fs: FaultStack, event_id: str) -> bool:
    try:
        return httpx.get(f"{fs.api}/v1/events/{event_id}", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_fault(
    name: str,
    run: int,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    scenario = SCENARIOS[name]
    if scenario.durable and request.config.getoption("repeat") > 1:
        # Repeated, each run of a broker fault gets a durable stack of its own: Tansu lists
        # every batch of a partition on each fetch, so a stack that took 30 runs' events
        # would measure that growth rather than the fault (README, "durable mode").
        with running(tmp_path / "durable", s3_request_log=True) as fs:
            check_fault(name, run, scenario, fs)
        return
    stack = "durable_stack" if scenario.durable else "memory_stack"  # started on first use
    check_fault(name, run, scenario, request.getfixturevalue(stack))


def check_fault(name: str, run: int, scenario: Scenario, fs: FaultStack) -> None:
    source = "faults-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + f"-{run}"
    before = stored_count(fs)
    generator = Generator(fs.ingest, feed_events(source, scenario.events), rate=RATE)
    generator.start()
    time.sleep(FAULT_AFTER_S)
    faulted_at = time.monotonic()
    scenario.fault(fs)

    # Recovered: an event accepted after the fault is visible in the API.
    def first_after_fault() -> str | None:
        later = generator.accepted_after(faulted_at)
        return later[0] if later else None

    probe = wait_until(first_after_fault, timeout=120, interval=0.05)
    wait_until(lambda: visible(fs, probe), timeout=180, interval=0.1)
    recovered_s = round(time.monotonic() - faulted_at, 1)

    generator.join(timeout=240)
    accepted = set(generator.accepted)
    # Quiescence: every accepted event stored, and nothing more arriving for 3 s.
    deadline = time.monotonic() + 180
    while stored_count(fs) < before + len(accepted) and time.monotonic() < deadline:
        time.sleep(0.5)  # short of it at the deadline: counted as lost below, with the logs
    drained_s = round(time.monotonic() - faulted_at, 1)
    time.sleep(3)

    # The operator's check (`sitrep audit`): every event ingest acknowledged, stored once.
    report = audit(fs.settings(), grace_s=0, sources={source}, idle_s=1)
    [row] = report.rows
    stored = all_events(fs.api, source)
    ids = Counter(e.event_id for e in stored)
    lost, duplicated = row.gaps, row.duplicated + sum(n - 1 for n in ids.values())
    refused_seen = len(generator.refused & set(ids))
    ROWS.append({
        "scenario": name, "run": run, "accepted": len(accepted), "refused": len(generator.refused),
        "lost": lost, "duplicated": duplicated, "refused_seen": refused_seen,
        "recovered_s": recovered_s, "drained_s": drained_s, "s3_errors": s3_errors(fs),
    })  # fmt: skip
    print(ROWS[-1], dict(generator.statuses))

    exited = {n: c.returncode for n, c in fs.stack.children.items() if c.poll() is not None}
    context = f"{name}: statuses {dict(generator.statuses)}, exited {exited}\n{fs.logs()}"
    assert not exited, context  # a service that dies of a fault is a failure of its own
    if not report.ok:
        NOTES.append(f"{name} run {run}: data in {fs.root}")
        NOTES.extend(line for line in report.lines() if not line.startswith("gap "))
        NOTES.extend(f"  {n} {where}" for where, n in Counter(g.where for g in report.gaps).items())
        context = "\n".join(report.lines()) + f"\ndata in {fs.root}\n{context}"
    assert lost == 0, context
    assert duplicated == 0, context
    # The audit saw every acknowledgement the client had, and the API shows each of them.
    assert row.accepted == row.stored == len(accepted), context
    assert set(ids) == accepted, context
    assert refused_seen == 0, context
    assert len(accepted) + len(generator.refused) == scenario.events
    # The counters are the stack's: a fold of everything stored, this scenario's and earlier ones'.
    everything = all_events(fs.api)
    state = httpx.get(f"{fs.api}/v1/state", timeout=10).json()
    assert state["events_stored"] == len(everything) == before + len(ids)
    assert_state_is_fold(state, everything)
    assert read_topic(fs.bootstrap, DLQ_TOPIC, expect=0, timeout=3) == []


def s3_errors(fs: FaultStack) -> str:
    """The durable broker's S3 requests answered 5xx so far, by method (the request log)."""
    log = fs.stack.log_dir / "s3-requests.ndjson"
    if not log.exists():
        return "-"
    errors = Counter(
        entry["method"]
        for entry in map(json.loads, log.read_text().splitlines())
        if entry.get("status", 0) >= 500
    )
    return ", ".join(f"{method} {n}" for method, n in sorted(errors.items())) or "0"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def classifier_lag(fs: FaultStack) -> float:
    text = httpx.get(f"http://127.0.0.1:{fs.ports['classifier']}/metrics", timeout=5).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("sitrep_classifier_lag{")
    )


def test_overload_is_refused_with_retry_after_memory_stays_bounded_and_all_drains(
    memory_stack: FaultStack,
) -> None:
    """More than the pipeline drains: 12 clients push 2,000-event NDJSON feeds at once to an
    ingest that takes 4 feeds at a time (ingest accepts ~6,500 events/s, the classifier tags
    ~4,000). Excess feeds get 503 + Retry-After (re-sent after it), ingest memory stays
    bounded, the classifier's lag shows on /metrics, and once the burst is over every
    accepted event is stored exactly once. The broker runs in memory here: overload is about
    rates, and the durable broker drains far slower."""
    fs = memory_stack
    before = stored_count(fs)
    peak = {"rss": 0.0, "lag": 0.0}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            with contextlib.suppress(httpx.HTTPError, OSError, ValueError):
                peak["rss"] = max(peak["rss"], rss_mb(fs.stack.children["ingest"].pid))
                peak["lag"] = max(peak["lag"], classifier_lag(fs))
            done.wait(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    clients = [
        Generator(fs.ingest, feed_events(f"burst-{n}", 4_000), rate=1e9, batch=2_000,
                  resend_refused=True)
        for n in range(12)
    ]  # fmt: skip
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=600)
    accepted = set().union(*(c.accepted for c in clients))
    assert len(accepted) == 12 * 4_000
    wait_until(lambda: stored_count(fs) >= before + len(accepted), timeout=300, interval=1)
    wait_until(lambda: classifier_lag(fs) == 0, timeout=60, interval=0.5)
    done.set()
    watcher.join(5)
    overloaded = sum(c.statuses["503"] for c in clients)
    NOTES.append(
        f"overload: 503 answers {overloaded}, ingest peak RSS {peak['rss']:.0f} MB, "
        f"classifier peak lag {peak['lag']:.0f}"
    )
    assert overloaded > 0, "the burst never exceeded what ingest takes at once"
    assert all(c.problems <= {"overloaded"} for c in clients), [c.problems for c in clients]
    assert peak["lag"] > 0, "classifier lag never showed on /metrics"
    assert peak["rss"] < 300, f"ingest grew to {peak['rss']:.0f} MB"
    stored = [e for n in range(12) for e in all_events(fs.api, f"burst-{n}")]
    ids = Counter(e.event_id for e in stored)
    assert set(ids) == accepted
    assert max(ids.values()) == 1
    assert_state_is_fold(httpx.get(f"{fs.api}/v1/state", timeout=10).json(), all_events(fs.api))


@pytest.mark.parametrize("kind", ["memory", "durable"])
def test_incidents_are_a_fold_of_everything_stored(
    kind: str, memory_stack: FaultStack, durable_stack: FaultStack
) -> None:
    """After every fault above (kill -9 of the resolver, and of the projector, among them),
    the stored incidents are what one clean resolver makes of everything stored."""
    fs = memory_stack if kind == "memory" else durable_stack

    def caught_up() -> bool:
        state = httpx.get(f"{fs.api}/v1/state", timeout=10).json()
        return bool(state["incidents"]["reports"] == state["events_stored"])

    waited = time.monotonic()
    wait_until(caught_up, timeout=900, interval=2)  # incidents follow events, at their pace
    waited = time.monotonic() - waited
    everything = all_events(fs.api)
    assert everything and all(
        e.incident_id for e in everything if e.event_type not in ("other.background", "other.meta")
    )
    membership = {e.event_id: e.incident_id for e in everything if e.incident_id}
    client = redis.Redis.from_url(f"redis://127.0.0.1:{fs.ports['redis']}/0")
    started = time.monotonic()
    try:
        assert_incidents_are_fold(client, "sitrep", everything, membership)
    finally:
        client.close()
    NOTES.append(
        f"incident fold ({kind}): the resolver caught up {waited:.0f} s after the last "
        f"scenario; {len(everything)} events resolved again in "
        f"{time.monotonic() - started:.0f} s, same incidents"
    )
