"""The ledger of acknowledged events: what ingest writes and `sitrep audit` and the projector's
`sitrep_accepted_unstored_*` gauges read.

A Redis sorted set `{prefix}:ingest:accepted`: one member `"<event_id> <source>"` per event
the broker acknowledged, scored by the millisecond of the acknowledgement.
"""

from __future__ import annotations


def ledger_key(prefix: str) -> str:
    return f"{prefix}:ingest:accepted"


def ledger_member(event_id: str, source: str) -> str:
    return f"{event_id} {source}"


def parse_ledger_member(member: bytes | str) -> tuple[str, str]:
    """(event_id, source) of a ledger member; event ids have no spaces, sources may."""
    text = member.decode() if isinstance(member, bytes) else member
    event_id, _, source = text.partition(" ")
    return event_id, source
