"""Where a report's candidates are: blocking keys `{occurred day}|{country}`.

A report is listed under its own day and the days of its date slack (`rules.date_slack`):
under each country of its places and under `*` (every report of the day), or, when it
names no place in a country (no place at all, or only a sea), under `-`. It is judged
against the reports listed under its day, the days either side and the days of its slack:
a report with a country reads its countries and `-`; one without reads `*` and `-`, since
the tagger misses places and such a report may be the same happening as any of the day's.
So of any two reports each is listed where the other reads, whichever arrives first (the
resolver reads only for the newcomer), and the candidate relation is wider than the rule's
own date window: every pair the rule could link meets, which is what makes the grouping
independent of arrival order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sitrep_api.incidents.report import Report
from sitrep_api.incidents.rules import IncidentRules, date_slack, decide, load_rules


def _days(day: str, before: int, after: int) -> list[str]:
    start = date.fromisoformat(day)
    return [(start + timedelta(days=d)).isoformat() for d in range(-before, after + 1)]


def stored_blocks(report: Report, rules: IncidentRules) -> list[str]:
    """The blocks a report is listed in (none for background and meta lines)."""
    if not report.tallied:
        return []
    # a report whose places lie in no country (the Caribbean Sea) is listed and reads like
    # one without places: its candidates are every report of its days
    own = report.countries()
    countries = (*own, "*") if own else ("-",)
    spread = date_slack(report, rules)
    return [f"{d}|{c}" for d in _days(report.occurred, spread, spread) for c in countries]


def read_blocks(report: Report, rules: IncidentRules) -> list[str]:
    """The blocks where a report's candidates are listed."""
    if not report.tallied:
        return []
    own = report.countries()
    countries = (*own, "-") if own else ("*", "-")
    gap = rules.max_day_gap + date_slack(report, rules)
    return [f"{d}|{c}" for d in _days(report.occurred, gap, gap) for c in countries]


def link_all(
    reports: Iterable[Report], rules: IncidentRules | None = None
) -> list[tuple[str, str]]:
    """Every linked pair among `reports`, judged all at once: what the resolver builds one
    batch at a time, and the reference its tests compare with."""
    rules = rules or load_rules()
    by_id = {r.event_id: r for r in reports}
    listed: dict[str, list[str]] = {}
    for eid in sorted(by_id):
        for block in stored_blocks(by_id[eid], rules):
            listed.setdefault(block, []).append(eid)
    edges = set()
    for eid, report in by_id.items():
        for block in read_blocks(report, rules):
            for other in listed.get(block, ()):
                pair = (min(eid, other), max(eid, other))
                if other != eid and pair not in edges and decide(report, by_id[other], rules):
                    edges.add(pair)
    return sorted(edges)
