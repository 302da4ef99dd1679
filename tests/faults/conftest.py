"""The fault suite's stacks (one per broker mode, shared by its scenarios), and the table of
each scenario's outcome printed at the end of the run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.faults.harness import FaultStack, running

ROWS: list[dict[str, Any]] = []
NOTES: list[str] = []  # other figures a fault test measured
COLUMNS = (
    "scenario",
    "run",
    "accepted",
    "refused",
    "lost",
    "duplicated",
    "refused_seen",
    "recovered_s",
    "drained_s",
    "s3_errors",
)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not ROWS and not NOTES:
        return
    terminalreporter.section("fault scenarios")
    for note in NOTES:
        terminalreporter.write_line(note)
    terminalreporter.write_line("| " + " | ".join(COLUMNS) + " |")
    terminalreporter.write_line("|" + " --- |" * len(COLUMNS))
    for row in ROWS:
        terminalreporter.write_line("| " + " | ".join(str(row[c]) for c in COLUMNS) + " |")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`run`: which repetition of a scenario this is (`--repeat N`, default once)."""
    if "run" in metafunc.fixturenames:
        metafunc.parametrize("run", range(metafunc.config.getoption("repeat")))


@pytest.fixture(scope="session")
def memory_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    """The broker in memory; ingest takes 4 feeds at once (the overload test needs a limit)."""
    with running(tmp_path_factory.mktemp("memory"), durable=False,
                 SITREP_INGEST_MAX_INFLIGHT="4") as fs:  # fmt: skip
        yield fs


@pytest.fixture(scope="session")
def durable_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    """Tansu on s3:// (s3rver on disk): what a broker restart must not lose."""
    with running(tmp_path_factory.mktemp("durable"), s3_request_log=True) as fs:
        yield fs
