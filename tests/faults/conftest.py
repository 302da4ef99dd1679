"""Collects each fault scenario's outcome and prints them as one table at the end of the run."""

from __future__ import annotations

from typing import Any

ROWS: list[dict[str, Any]] = []
NOTES: list[str] = []  # other figures a fault test measured
COLUMNS = ("scenario", "accepted", "refused", "lost", "duplicated", "refused_seen", "recovered_s")


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
