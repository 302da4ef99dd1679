"""`sitrep audit`: account for every event ingest acknowledged, end to end, over a time window.

Ingest writes each acknowledged event to its ledger (`sitrep_runtime.ledger`).
The audit reads a window of the ledger and finds every event where it should
have ended: stored once in the state (on exactly one shard), withdrawn by its
source (a retraction tombstone), or in the DLQ with the reason a stage gave. An
event in none of these is a gap; for each gap the audit reads the topics from
offset 0 to name the last stage that has it: the raw topic (the classifier
never tagged it), the tagged topic (the projector never stored it), or neither
(the broker lost a record it had acknowledged). End offsets are not used (they
are wrong on Tansu); topics are read until idle.

`account` is the pure core: the ledger window and what was found in, to the report.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sitrep_api.keyspace import Sharded, connect
from sitrep_api.unstored import in_state
from sitrep_cli.dlq import describe, read_from_start
from sitrep_runtime.ledger import ledger_key, parse_ledger_member
from sitrep_schemas.settings import SitrepSettings

# Where a gap's event was last seen, from the topics.
IN_TAGGED = "tagged, not stored (projector)"
IN_RAW = "raw, not tagged (classifier)"
NOWHERE = "not in the raw topic (broker)"


@dataclass(frozen=True)
class Accepted:
    event_id: str
    source: str
    at_ms: float


@dataclass
class Found:
    """What the state and the topics hold of the window's events."""

    stored: Counter[str] = field(default_factory=Counter)  # event id -> shards holding it
    retracted: set[str] = field(default_factory=set)
    dlq: dict[str, str] = field(default_factory=dict)  # event id -> stage: error
    raw: set[str] | None = None  # None: not read (no gap to explain)
    tagged: set[str] | None = None


@dataclass
class Gap:
    event_id: str
    source: str
    accepted_at: str
    where: str


@dataclass
class SourceRow:
    source: str
    accepted: int = 0
    stored: int = 0
    retracted: int = 0
    dlq: int = 0
    gaps: int = 0
    duplicated: int = 0


COUNTS = ("accepted", "stored", "retracted", "dlq", "gaps", "duplicated")  # SourceRow's counts


@dataclass
class AuditReport:
    rows: list[SourceRow]
    gaps: list[Gap]
    duplicated: list[str]  # event ids stored on more than one shard
    dlq: dict[str, str]  # event id -> reason, of the window's events in the DLQ

    @property
    def ok(self) -> bool:
        return not self.gaps and not self.duplicated

    def lines(self) -> Iterator[str]:
        columns = ("source", *COUNTS)
        rows = [*self.rows, self.total()]
        widths = [max(len(c), *(len(str(getattr(r, c))) for r in rows)) for c in columns]
        yield "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
        for row in rows:
            yield "  ".join(
                str(getattr(row, c)).ljust(w) for c, w in zip(columns, widths, strict=True)
            )
        for gap in self.gaps:
            yield f"gap  {gap.event_id}  {gap.source}  accepted {gap.accepted_at}  {gap.where}"
        for event_id in self.duplicated:
            yield f"duplicated  {event_id}  stored on more than one shard"
        for event_id, reason in sorted(self.dlq.items()):
            yield f"dlq  {event_id}  {reason}"

    def total(self) -> SourceRow:
        total = SourceRow("(all)")
        for row in self.rows:
            for name in COUNTS:
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total


def account(accepted: Iterable[Accepted], found: Found) -> AuditReport:
    """Each accepted event's end: stored (once), retracted, in the DLQ, or a gap with the last
    stage that has it."""
    rows: dict[str, SourceRow] = {}
    gaps: list[Gap] = []
    duplicated: list[str] = []
    dlq: dict[str, str] = {}
    for ev in accepted:
        row = rows.setdefault(ev.source, SourceRow(ev.source))
        row.accepted += 1
        shards = found.stored[ev.event_id]
        if shards:
            row.stored += 1
            if shards > 1:
                row.duplicated += 1
                duplicated.append(ev.event_id)
        elif ev.event_id in found.retracted:
            row.retracted += 1
        elif ev.event_id in found.dlq:
            row.dlq += 1
            dlq[ev.event_id] = found.dlq[ev.event_id]
        else:
            row.gaps += 1
            gaps.append(Gap(ev.event_id, ev.source, _iso(ev.at_ms), _where(ev.event_id, found)))
    return AuditReport(sorted(rows.values(), key=lambda r: r.source), gaps, duplicated, dlq)


def _where(event_id: str, found: Found) -> str:
    if found.tagged is not None and event_id in found.tagged:
        return IN_TAGGED
    if found.raw is not None and event_id in found.raw:
        return IN_RAW
    if found.raw is None:
        return "not stored (topics not read)"
    return NOWHERE


def _iso(ms: float) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")


def read_ledger(
    client: Any, prefix: str, since_ms: float, until_ms: float, sources: set[str] | None
) -> list[Accepted]:
    """The ledger's entries accepted in [since_ms, until_ms], of `sources` if given."""
    out: list[Accepted] = []
    offset = 0
    while True:
        page = client.zrangebyscore(
            ledger_key(prefix), since_ms, until_ms, start=offset, num=50_000, withscores=True
        )
        for member, score in page:
            event_id, source = parse_ledger_member(member)
            if sources is None or source in sources:
                out.append(Accepted(event_id, source, float(score)))
        if len(page) < 50_000:
            return out
        offset += len(page)


def find_in_state(state: Sharded, event_ids: list[str], found: Found) -> None:
    found.stored, found.retracted = in_state(state, event_ids)


def find_in_topics(settings: SitrepSettings, found: Found, idle_s: float) -> None:
    """The event ids in the raw and tagged topics, and the DLQ's with their stage and error:
    every record from offset 0, in one pass until the topics are idle."""
    found.raw, found.tagged = set(), set()
    topics = (settings.topic_raw, settings.topic_tagged, settings.topic_dlq)
    for record in read_from_start(settings.kafka_bootstrap, *topics, idle_s=idle_s):
        event_id = _event_id(record.value)
        if event_id is None:
            continue
        if record.topic == settings.topic_raw:
            found.raw.add(event_id)
        elif record.topic == settings.topic_tagged:
            found.tagged.add(event_id)
        else:
            d = describe(record)
            found.dlq[event_id] = f"{d['stage']}: {d['error_class']}: {d['error']}"


def _event_id(value: bytes | None) -> str | None:
    try:
        event_id = json.loads(value or b"").get("event_id")
    except (ValueError, AttributeError):
        return None
    return event_id if isinstance(event_id, str) else None


def audit(
    settings: SitrepSettings,
    since: datetime | None = None,
    until: datetime | None = None,
    grace_s: float = 30.0,
    sources: set[str] | None = None,
    idle_s: float = 3.0,
) -> AuditReport:
    """The audit of events accepted in [since, until] (default: the whole ledger up to `grace_s`
    ago: later ones may still be on their way)."""
    since_ms = since.timestamp() * 1000 if since else 0.0
    until_ms = until.timestamp() * 1000 if until else (time.time() - grace_s) * 1000
    client = connect(settings.redis_url, settings.redis_cluster)
    try:
        accepted = read_ledger(client, settings.redis_prefix, since_ms, until_ms, sources)
        found = Found()
        find_in_state(Sharded(client, settings.redis_prefix), [a.event_id for a in accepted], found)
    finally:
        client.close()
    if any(not found.stored[a.event_id] and a.event_id not in found.retracted for a in accepted):
        find_in_topics(settings, found, idle_s)
    return account(accepted, found)


__all__ = ["Accepted", "AuditReport", "Found", "Gap", "account", "audit"]
