"""A chunk of new events as one merged write (pure): the sums and choices the per-event
script would arrive at, one item per key."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from pydantic_core import to_json

from sitrep_api.batch_apply import merged_args
from sitrep_api.contribution import project_event
from sitrep_api.state_writer import AppliedRecord
from sitrep_schemas import TaggedEvent
from tests.unit.test_contribution import NOW, tagged


def sections(args: list[Any]) -> dict[str, Any]:
    """ARGV of apply_new_events.lua read back into its sections."""
    at = 5
    out: dict[str, Any] = {"head": args[:4]}
    n = args[4]
    out["events"] = [args[at + 4 * i : at + 4 * i + 4] for i in range(n)]
    at += 4 * n

    def triples(name: str) -> None:
        nonlocal at
        count = args[at]
        out[name] = {
            (args[at + 1 + 3 * i], args[at + 2 + 3 * i]): args[at + 3 + 3 * i] for i in range(count)
        }
        at += 1 + 3 * count

    triples("counters")
    out["indexes"] = {}
    for _ in range(args[at]):
        name, pairs = args[at + 1], args[at + 2]
        flat = args[at + 3 : at + 3 + 2 * pairs]
        out["indexes"][name] = dict(zip(flat[1::2], flat[::2], strict=True))
        at += 2 + 2 * pairs
    at += 1
    triples("figures")
    out["kinds"] = args[at + 1 : at + 1 + args[at]]
    at += 1 + args[at]
    triples("places")
    triples("sources")
    return out


def event(event_id: str, position: int, hours_later: int = 0) -> TaggedEvent:
    base = tagged(position=position)
    update = base.event.model_copy(
        update={"event_id": event_id, "received_at": NOW + timedelta(hours=hours_later)}
    )
    return base.model_copy(update={"event_id": event_id, "event": update})


def test_a_chunk_sums_counters_and_figures_and_lists_each_index_once() -> None:
    events = [event("a" * 32, 1, hours_later=1), event("b" * 32, 2)]
    records = [AppliedRecord("t", 0, 7 + i, e) for i, e in enumerate(events)]
    contributions = [project_event(e) for e in events]
    args = merged_args(records, contributions, [to_json(c.to_json_dict()) for c in contributions])
    got = sections(args)
    assert got["head"][:3] == ["t", 7, 8]
    assert got["head"][3] == f"{int((NOW + timedelta(hours=1)).timestamp() * 1000):015d}"
    assert [e[0] for e in got["events"]] == ["a" * 32, "b" * 32]
    assert got["counters"][("count:category", "military")] == 2
    assert got["counters"][("count:place", "ukr:sumy")] == 2
    assert set(got["indexes"]["idx:all"]) == {c.sort_key for c in contributions}
    assert got["figures"][("fig:killed", "_total")] == "4.0"
    assert got["figures"][("fig:killed", "ukr:sumy")] == "4.0"
    assert got["kinds"] == ["killed"]
    # a place keeps its newest event; a source its latest bulletin (the later arrival)
    places = {pid: (json.loads(props), newest) for (pid, props), newest in got["places"].items()}
    newest = max(c.sort_key for c in contributions)
    assert places == {"ukr:sumy": (contributions[0].places["ukr:sumy"], newest)}
    ((source, latest),) = got["sources"]
    assert source == "desk" and json.loads(latest)["received_at"].startswith("2025-03-04T13")
