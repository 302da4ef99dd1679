"""A chunk of new events as one merged write (pure): what `lua/apply_new_events.lua` takes.

The per-event script (`apply_event.lua`) runs ~40 Redis commands an event and decodes each
Contribution in Lua. When every event of a partition chunk is new to the shard (the steady
state: the script checks it), the chunk's writes are merged here instead: a counter field's
increments summed, an index key's members in one ZADD, a figure's values summed, a place's
newest event, a source's latest bulletin. The state is the one the per-event script leaves.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic_core import to_json

from sitrep_api.contribution import Contribution


def latest_bulletin(record: Any) -> str:
    """The latest-bulletin JSON of the record's source (`/v1/state` `latest_bulletins`)."""
    update = record.event.event
    return json.dumps({
        "source": update.source,
        "bulletin_id": update.bulletin_id,
        "bulletin_date": update.bulletin_date.isoformat() if update.bulletin_date else None,
        "received_at": update.received_at.isoformat(),
    })  # fmt: skip


def time_key(c: Contribution) -> str:
    """When the event was received, as a comparable key (ms, zero-padded): the first part of
    its sort key (`contribution.key_of`), not computed again."""
    return c.sort_key.partition("|")[0]


def merged_args(
    records: Sequence[Any],
    contributions: Sequence[Contribution],
    contrib_json: Sequence[str | bytes],
) -> list[Any]:
    """ARGV of `apply_new_events.lua` for one partition's chunk (records in offset order,
    their ids distinct; `records` are `state_writer.AppliedRecord`s)."""
    counters: dict[tuple[str, str], int] = {}
    indexes: dict[str, dict[str, int]] = {}
    figures: dict[tuple[str, str], float] = {}
    kinds: dict[str, None] = {}
    places: dict[str, tuple[dict[str, Any], str]] = {}  # place id -> (properties, newest key)
    sources: dict[str, tuple[Any, str]] = {}  # source -> (its latest record, time key)
    events: list[Any] = []
    newest = ""
    for record, c, contrib in zip(records, contributions, contrib_json, strict=True):
        key = c.sort_key
        events += [record.event.event_id, record.stored_json(), contrib, key]
        for dim, label in c.counters:
            field = ("count:" + dim, label)
            counters[field] = counters.get(field, 0) + 1
        for name in c.indexes:
            indexes.setdefault("idx:" + name, {})[key] = 0
        for kind, place, value in c.figures:
            sums = "fig:" + kind
            figures[sums, "_total"] = figures.get((sums, "_total"), 0.0) + value
            if place:  # the figure's one place ("" when it names none or several)
                figures[sums, place] = figures.get((sums, place), 0.0) + value
            kinds[kind] = None
            indexes.setdefault("figidx:" + kind, {})[key] = 0
        if isinstance(c.occurred, int):
            indexes.setdefault("happened", {})[key] = c.occurred
        for pid, props in c.places.items():
            held = places.get(pid)
            places[pid] = (props, max(key, held[1]) if held else key)
        when = time_key(c)
        held_source = sources.get(c.source)
        if held_source is None or when >= held_source[1]:
            sources[c.source] = (record, when)
        newest = max(newest, when)
    offsets = [record.offset for record in records]
    args: list[Any] = [records[0].topic, min(offsets), max(offsets), newest, len(records), *events]
    args.append(len(counters))
    for (counter, label), delta in counters.items():
        args += [counter, label, delta]
    args.append(len(indexes))
    for name, members in indexes.items():
        args += [name, len(members)]
        for member, score in members.items():
            args += [score, member]
    args.append(len(figures))
    for (sums, at), total in figures.items():
        args += [sums, at, repr(float(total))]
    args += [len(kinds), *kinds]
    args.append(len(places))
    for pid, (properties, place_newest) in places.items():
        args += [pid, to_json(properties), place_newest]
    args.append(len(sources))
    for source, (latest, when) in sources.items():
        args += [source, latest_bulletin(latest), when]
    return args


__all__ = ["latest_bulletin", "merged_args", "time_key"]
