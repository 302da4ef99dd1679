"""The read side of incidents: the incident keyspace (`{prefix}:{inc}:`) read as one shard.

The resolver writes incident tallies under the same key names as the per-partition
shards (`count:*`, `idx:*`, `fig:*`, `places`, ...), so the shard queries of `StateStore`
(timeline, places, filtered scans) read incidents when pointed at this one keyspace.
What only incidents have (their views, members, reconciled figures) is here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from sitrep_api.keyspace import incident_keys, text
from sitrep_api.place_counts import Counted, collection
from sitrep_api.store import (
    EventQuery,
    ShardCommand,
    StateStore,
    encode_cursor,
    ranked,
    summed,
    summed_floats,
    with_membership,
)

_DIMS = ("category", "event_type", "place", "country", "source", "day")
# The first event_id in a stored TaggedEvent is its own (the nested event's is the same).
_EVENT_ID = re.compile(rb'"event_id"\s*:\s*"([0-9a-f]{32})"')


class IncidentQueries(StateStore):
    """`StateStore`'s queries over the incident keyspace, and the incidents' own."""

    def shard_list(self) -> list[str]:
        return [incident_keys(self.prefix)]

    def _over_shards(self, *commands: ShardCommand) -> tuple[list[str], list[list[Any]]]:
        shards = self.shard_list()
        pipe = self.client.pipeline(transaction=False)
        for command in commands:
            command(pipe, shards[0])
        return shards, [[result] for result in pipe.execute()]

    @property
    def keys(self) -> str:
        return incident_keys(self.prefix)

    def summary(self) -> dict[str, Any]:
        """Incident tallies, as /v1/state gives them under `incidents`."""
        pipe = self.client.pipeline(transaction=False)
        pipe.zcard(self.keys + "idx:all")
        for dim in ("total", *_DIMS):
            pipe.hgetall(self.keys + f"count:{dim}")
        pipe.hgetall(self.keys + "places")
        pipe.hlen(self.keys + "report")
        stored, total, *counts, places, resolved = pipe.execute()
        merged = dict(zip(_DIMS, (summed([c]) for c in counts), strict=True))
        names = {text(k): json.loads(v).get("name") for k, v in places.items()}
        return {
            "stored": int(stored),
            # reports the resolver has placed in an incident: it has caught up when this
            # equals events_stored
            "reports": int(resolved),
            "tallied": summed([total]).get("incidents", 0),
            "by_category": dict(merged["category"].most_common()),
            "by_event_type": dict(merged["event_type"].most_common()),
            "by_place": [
                {"place_id": pid, "name": names.get(pid, pid), "count": n}
                for pid, n in merged["place"].most_common()
            ],
            "by_country": dict(merged["country"].most_common()),
            "by_source": dict(merged["source"].most_common()),
            "by_day": dict(sorted(merged["day"].items())),
        }

    def places_geojson(self) -> dict[str, Any]:
        """Places with incident counts; each names its most recently reported incident."""
        collection = super().places_geojson()
        for feature in collection["features"]:
            props = feature["properties"]
            props["latest_incident_id"] = props.pop("latest_event_id")
        return collection

    def places_matching(self, query: EventQuery, scan_limit: int = 5000) -> dict[str, Any]:
        """/v1/places for a filtered view: its most recently active tallied incidents' places."""
        raws, _ = self.list_incidents(query, scan_limit, None)
        views = [json.loads(raw) for raw in raws]
        return collection(
            (
                Counted(v["places"], v["category"], v["incident_id"], v["last_seen"])
                for v in views
                if v["tallied"]
            ),
            "latest_incident_id",
        )

    def list_incidents(
        self, query: EventQuery, limit: int, cursor: str | None
    ) -> tuple[list[bytes], str | None]:
        """A page of incident views, most recently active first, and the next page's cursor."""
        keys = self._matching_keys(query, limit + 1, cursor)
        page = keys[:limit]
        ids = [key.rsplit("|", 1)[1] for key in page]
        views = self.client.hmget(self.keys + "incident", ids) if ids else []
        next_cursor = encode_cursor(page[-1]) if len(keys) > limit else None
        return [v for v in views if isinstance(v, bytes)], next_cursor

    def matching(self, query: EventQuery, incident_ids: list[str]) -> set[str]:
        """Of these incident ids, those whose incident as it now stands `query` matches, by
        the indexes and bounds /v1/incidents reads (the live stream's filter)."""
        if query.is_everything() or not incident_ids:
            return set(incident_ids)
        contributions = self.client.hmget(self.keys + "contrib", incident_ids)
        by_key = {
            json.loads(raw)["sort_key"]: iid
            for iid, raw in zip(incident_ids, contributions, strict=True)
            if raw is not None
        }
        return {by_key[key] for key in self.keys_matching(query, {self.keys: list(by_key)})}

    def incident(self, incident_id: str) -> tuple[dict[str, Any], list[str]] | None:
        """An incident's view and the ids of its reports (oldest first), or None."""
        pipe = self.client.pipeline(transaction=False)
        pipe.hget(self.keys + "incident", incident_id)
        pipe.smembers(self.keys + f"members:{incident_id}")
        view, members = pipe.execute()
        if view is None:
            return None
        return json.loads(view), sorted(text(m) for m in members)

    def memberships(self, event_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """event_id -> (incident id, occurred-on JSON) for stored events."""
        if not event_ids:
            return {}
        pipe = self.client.pipeline(transaction=False)
        pipe.hmget(self.keys + "member", event_ids)
        pipe.hmget(self.keys + "occurred", event_ids)
        members, occurred = pipe.execute()
        return {
            eid: (text(m) if m is not None else None, text(o) if o is not None else None)
            for eid, m, o in zip(event_ids, members, occurred, strict=True)
        }

    def incident_figures(
        self, kind: str | None, places: tuple[str, ...], query: EventQuery, per_kind: int = 20
    ) -> list[dict[str, Any]]:
        """Reconciled figures summed over incidents, per kind and place, with their incidents:
        each incident counts once, with the figure its sources' latest claims give, and
        `low`/`high` sum the ranges those claims span."""
        kinds = [kind] if kind else self._figure_kinds()
        meta = self.places_meta()
        if not places and query.is_everything():
            from_sums = self._incident_figures_summed(kinds, meta, per_kind)
            if from_sums is not None:
                return from_sums
        out = []
        for k in kinds:
            keys = self._figure_keys(k, query)
            ids = [key.rsplit("|", 1)[1] for key in keys]
            views = (
                [json.loads(v) for v in self.client.hmget(self.keys + "incident", ids) if v]
                if ids
                else []
            )
            total = low = high = 0.0
            by_place: Counter[str] = Counter()
            chosen, reports = [], []
            for view in views:
                figure = view["figures"].get(k)
                place_ids = [p["place_id"] for p in view["places"]]
                if (
                    figure is None
                    or not view["tallied"]
                    or (places and not set(places) & set(place_ids))
                ):
                    continue
                total += figure["value"]
                low += figure["low"]
                high += figure["high"]
                if len(place_ids) == 1:
                    by_place[place_ids[0]] += figure["value"]
                chosen.append(view["incident_id"])
                reports += [c["event_id"] for c in view["claims"] if c["kind"] == k]
            if chosen:
                out.append({
                    "kind": k, "total": total, "low": low, "high": high,
                    "rule": views[0]["figures"][k]["rule"] if views else "highest",
                    "incidents": len(chosen), "incident_ids": chosen[:per_kind],
                    "events": len(reports), "event_ids": reports[:per_kind],
                    "by_place": [
                        {"place_id": pid, "name": meta.get(pid, {}).get("name", pid), "total": v}
                        for pid, v in ranked(by_place)
                    ],
                })  # fmt: skip
        return out

    def _incident_figures_summed(
        self, kinds: list[str], meta: dict[str, dict[str, Any]], per_kind: int
    ) -> list[dict[str, Any]] | None:
        """`incident_figures()` without filters, from the keyspace's running sums (value,
        range, claims and incidents per kind) and the newest incidents' views for the ids;
        None when some incident was stored before the sums existed (`_n` is short)."""
        pipe = self.client.pipeline(transaction=False)
        for k in kinds:
            pipe.hgetall(self.keys + f"fig:{k}")
            pipe.zrevrangebylex(self.keys + f"figidx:{k}", "+", "-", start=0, num=per_kind)
            pipe.zcard(self.keys + f"figidx:{k}")
        results = pipe.execute()
        newest: dict[str, list[str]] = {}
        sums: dict[str, dict[str, float]] = {}
        for n, k in enumerate(kinds):
            raw, keys, count = results[3 * n : 3 * n + 3]
            merged = summed_floats([raw])
            if int(count) != round(merged.get("_n", 0)):
                return None
            if count:
                sums[k] = merged
                newest[k] = [text(key).rsplit("|", 1)[1] for key in keys]
        wanted = list(dict.fromkeys(i for ids in newest.values() for i in ids))
        views = dict(zip(wanted, self.client.hmget(self.keys + "incident", wanted), strict=True))
        out = []
        for k, merged in sums.items():
            shown = [json.loads(v) for i in newest[k] if (v := views.get(i))]
            reports = [c["event_id"] for view in shown for c in view["claims"] if c["kind"] == k]
            out.append({
                "kind": k, "total": merged["_total"], "low": merged["_low"],
                "high": merged["_high"],
                "rule": shown[0]["figures"][k]["rule"] if shown else "highest",
                "incidents": round(merged["_n"]), "incident_ids": newest[k],
                "events": round(merged["_claims"]), "event_ids": reports[:per_kind],
                "by_place": [
                    {"place_id": pid, "name": meta.get(pid, {}).get("name", pid), "total": v}
                    for pid, v in ranked(merged)
                ],
            })  # fmt: skip
        return out


def with_incidents(raws: list[bytes], incidents: IncidentQueries) -> list[bytes]:
    """Stored TaggedEvent JSON with `incident_id` and `occurred_on` added in front, without
    parsing and re-serialising the event."""
    ids = []
    for raw in raws:
        match = _EVENT_ID.search(raw)
        ids.append(match.group(1).decode() if match else "")
    found = incidents.memberships([i for i in ids if i])
    out = []
    for raw, eid in zip(raws, ids, strict=True):
        incident, occurred = found.get(eid, (None, None))
        out.append(with_membership(raw, incident, occurred.encode() if occurred else None))
    return out


__all__ = ["IncidentQueries", "with_incidents"]
