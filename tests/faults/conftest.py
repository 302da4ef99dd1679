"""Collects each fault scenario's outcome and prints them as one table at the end of the run."""

from __future__ import annotations

from typing import Any

ROWS: list[dict[str, Any]] = []
COLUMNS = ("scenario", "accepted", "refused", "lost", "duplicated", "refused_seen", "recovered_s")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not ROWS:
        return
    terminalreporter.section("fault scenarios")
    terminalreporter.write_line("| " + " | ".join(COLUMNS) + " |")
    terminalreporter.write_line("|" + " --- |" * len(COLUMNS))
    for row in ROWS:
        terminalreporter.write_line("| " + " | ".join(str(row[c]) for c in COLUMNS) + " |")
