"""From linked reports to incidents: components, ids, the incident's summary, view and figures.

An incident is a connected component of the "same happening" relation (`rules.decide`)
over the stored reports. Every pair is judged by a function of the two reports alone,
so the components are the same whatever order the reports came in, and a replay changes
nothing.

What the incident says is kept as a *summary*: counts and extremes that merge
(`merge`) in any order to the same result, so a report joining a large incident costs
the size of the summary, not of the incident. Its figures come from the claims still
standing: per kind and source, that source's latest report's (`reconcile`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import reduce
from typing import Any, Literal

from sitrep_api.contribution import Contribution, epoch_day, fields_of, filter_value
from sitrep_api.incidents.report import Claim, Report

FigureRule = Literal["highest", "lowest"]
Summary = dict[str, Any]


def components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components, each sorted, in order of their smallest member."""
    links = UnionFind(nodes)
    for a, b in edges:
        links.union(a, b)
    return links.groups()


class UnionFind:
    def __init__(self, nodes: Iterable[str] = ()) -> None:
        self.parent = {n: n for n in nodes}

    def add(self, node: str) -> None:
        self.parent.setdefault(node, node)

    def find(self, node: str) -> str:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for node in self.parent:
            out.setdefault(self.find(node), []).append(node)
        return sorted((sorted(g) for g in out.values()), key=lambda g: g[0])


def incident_id(members: Iterable[str]) -> str:
    """Named after its smallest report id: the same component always has the same id."""
    first = min(members)
    return hashlib.blake2b(f"incident:{first}".encode(), digest_size=16).hexdigest()


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat().replace("+00:00", "Z")


def _claim(report: Report, claim: Claim, order: list[str]) -> dict[str, Any]:
    return {
        "order": order, "kind": claim.kind, "value": claim.value, "unit": claim.unit,
        "qualifier": claim.qualifier, "source": report.source,
        "attributed_to": claim.attributed_to, "event_id": report.event_id,
    }  # fmt: skip


def summary_of(report: Report) -> Summary:
    """The summary of an incident of one report."""
    order = [report.reported_key, report.event_id]
    return {
        "reports": 1,
        "min_id": report.event_id,
        "untallied": 0 if report.tallied else 1,
        "types": {report.event_type: 1},
        "type_categories": {f"{report.event_type}|{report.category}": 1},
        "occurred": {f"{report.occurred}|{report.occurred_precision}": 1},
        "places": {p.place_id: {**fields_of(p), "reports": 1} for p in report.places},
        "sources": {report.source: 1},
        "received": [report.received_ms, report.received_ms],
        "first": [*order, report.headline],
        "claims": {f"{c.kind}|{report.source}": _claim(report, c, order) for c in report.claims},
        "claims_seen": len(report.claims),
        "words": sorted({w for w in report.words if not w.isdigit()}),
        "actor_tags": sorted(report.actor_tags),
    }


def _add_counts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    out = dict(a)
    for k, n in b.items():
        out[k] = out.get(k, 0) + n
    return dict(sorted(out.items()))


def merge(a: Summary, b: Summary) -> Summary:
    """The summary of the union of two disjoint incidents: commutative and associative."""
    places = {pid: dict(p) for pid, p in a["places"].items()}
    for pid, p in b["places"].items():
        if pid in places:
            places[pid]["reports"] += p["reports"]
        else:
            places[pid] = dict(p)
    claims = dict(a["claims"])
    for key, claim in b["claims"].items():
        held = claims.get(key)
        if held is None or claim["order"] > held["order"]:
            claims[key] = claim
    return {
        "reports": a["reports"] + b["reports"],
        "min_id": min(a["min_id"], b["min_id"]),
        "untallied": a["untallied"] + b["untallied"],
        "types": _add_counts(a["types"], b["types"]),
        "type_categories": _add_counts(a["type_categories"], b["type_categories"]),
        "occurred": _add_counts(a["occurred"], b["occurred"]),
        "places": dict(sorted(places.items())),
        "sources": _add_counts(a["sources"], b["sources"]),
        "received": [
            min(a["received"][0], b["received"][0]),
            max(a["received"][1], b["received"][1]),
        ],
        "first": min(a["first"], b["first"]),
        "claims": dict(sorted(claims.items())),
        "claims_seen": a["claims_seen"] + b["claims_seen"],
        "words": sorted(set(a["words"]) | set(b["words"])),
        "actor_tags": sorted(set(a.get("actor_tags", ())) | set(b.get("actor_tags", ()))),
    }


def summarise(reports: Iterable[Report]) -> Summary:
    return reduce(merge, (summary_of(r) for r in reports))


def _mode(counts: dict[str, int]) -> str:
    return min(counts, key=lambda v: (-counts[v], v))


def reconcile(summary: Summary, rule: FigureRule = "highest") -> dict[str, dict[str, Any]]:
    """One figure per kind from the claims still standing.

    A source's later report supersedes its own earlier claim of the same kind (a revised
    toll, not a second one), whoever it attributes the figure to ("the governor said" one
    hour, "the regional governor said" the next); the summary keeps only the latest, with
    its attribution. Different sources' claims all stand: Kyiv's figure reported by one
    outlet and Moscow's reported by another are both kept and set the range. The
    incident's figure is the highest of the standing claims (`rule="lowest"`: the most
    conservative, as ACLED codes fatalities), with their range and how many stand behind it.
    """
    figures: dict[str, dict[str, Any]] = {}
    standing = list(summary["claims"].values())
    for kind in sorted({c["kind"] for c in standing}):
        claims = [c for c in standing if c["kind"] == kind]
        values = [c["value"] for c in claims]
        units = sorted({c["unit"] for c in claims if c["unit"]})
        figures[kind] = {
            "value": max(values) if rule == "highest" else min(values),
            "low": min(values),
            "high": max(values),
            "claims": len(values),
            "unit": units[0] if len(units) == 1 else None,
            "rule": rule,
        }
    return figures


def view_of(summary: Summary, rule: FigureRule = "highest") -> dict[str, Any]:
    """The incident as the API shows it."""
    event_type = _mode(summary["types"])
    categories = {
        k.split("|", 1)[1]: n
        for k, n in summary["type_categories"].items()
        if k.split("|", 1)[0] == event_type
    }
    occurred = _mode(summary["occurred"]) if summary["occurred"] else "|day"
    day, precision = occurred.split("|", 1)
    place_list = sorted(
        summary["places"].values(), key=lambda p: (-p["reports"], p["precision"], p["name"])
    )
    sources = sorted(summary["sources"])
    claims = sorted(summary["claims"].values(), key=lambda c: (c["kind"], c["source"], c["order"]))
    return {
        "incident_id": incident_id([summary["min_id"]]),
        "headline": summary["first"][2],
        "event_type": event_type,
        "category": _mode(categories),
        "tallied": summary["untallied"] == 0,
        "occurred_on": {"date": day, "precision": precision},
        "first_seen": _iso(summary["received"][0]),
        "last_seen": _iso(summary["received"][1]),
        "sources": sources,
        "source_count": len(sources),
        "report_count": summary["reports"],
        "places": place_list,
        "figures": reconcile(summary, rule),
        "claims": [{k: v for k, v in c.items() if k != "order"} for c in claims],
        "claims_superseded": summary["claims_seen"] - len(claims),
    }


def sort_key(view: dict[str, Any], summary: Summary) -> str:
    """Newest activity last, as event sort keys order events."""
    return f"{summary['received'][1]:015d}|00000|{view['incident_id']}"


def contribution_of(view: dict[str, Any], summary: Summary) -> Contribution:
    """What the incident adds to the incident tallies: counted once, however many reports."""
    place_ids = [p["place_id"] for p in view["places"]]
    countries = list(dict.fromkeys(p["country"] for p in view["places"] if p["country"]))
    indexes = [
        "all",
        f"category:{view['category']}",
        f"event_type:{view['event_type']}",
        *(f"source:{s}" for s in view["sources"]),
        *(f"place:{p}" for p in place_ids),
        *(f"country:{c}" for c in countries),
        *(f"admin1:{a}" for a in dict.fromkeys(
            filter_value(p["admin1"]) for p in view["places"] if p.get("admin1")
        )),
        *summary.get("actor_tags", ()),
        *(f"tok:{w}" for w in summary["words"]),
    ]  # fmt: skip
    day = view["occurred_on"]["date"]
    occurred = epoch_day(date.fromisoformat(day)) if day else None
    key = sort_key(view, summary)
    if not view["tallied"]:
        return Contribution(rank="", sort_key=key, indexes=indexes, day=day, occurred=occurred)
    category = view["category"]
    hour = view["first_seen"][:13]
    counters = [
        ["total", "incidents"],
        ["category", category],
        ["event_type", view["event_type"]],
        ["day", day],
        ["day_category", f"{day}|{category}"],
        ["hour_category", f"{hour}|{category}"],
        *(["source", s] for s in view["sources"]),
        *(["place", p] for p in place_ids),
        *(["place_category", f"{p}|{category}"] for p in place_ids),
        *(["country", c] for c in countries),
    ]
    single_place = place_ids[0] if len(place_ids) == 1 else ""
    # [kind, place, value, low, high, claims]: the keyspace keeps running sums of each, so
    # /v1/figures reads them instead of every incident (incident_queries.incident_figures)
    claims = Counter(c["kind"] for c in view["claims"])
    figures = [
        [kind, single_place, f["value"], f["low"], f["high"], claims[kind]]
        for kind, f in view["figures"].items()
    ]
    places = {
        p["place_id"]: {
            k: p[k] for k in ("place_id", "name", "kind", "country", "admin1", "lat", "lon")
        }
        for p in view["places"]
    }
    return Contribution(
        rank="", sort_key=key, indexes=indexes, counters=counters, figures=figures,
        places=places, day=day, occurred=occurred,
    )  # fmt: skip


class Incident:
    """An incident computed at once from all its reports (evaluation, tests)."""

    def __init__(self, reports: Iterable[Report], rule: FigureRule = "highest") -> None:
        self.reports = sorted(reports, key=lambda r: (r.reported_key, r.event_id))
        self.summary = summarise(self.reports)
        self.view = view_of(self.summary, rule)
        self.incident_id: str = self.view["incident_id"]
        self.tallied: bool = self.view["tallied"]


__all__ = [
    "FigureRule",
    "Incident",
    "UnionFind",
    "components",
    "contribution_of",
    "incident_id",
    "merge",
    "reconcile",
    "summarise",
    "summary_of",
    "view_of",
]
