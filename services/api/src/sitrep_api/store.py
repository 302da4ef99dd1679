"""The Redis edge of the read side: apply tagged events (projector) and read the state (api).

State is sharded by Kafka partition: every key of partition 3 starts with
`{prefix}:{p3}:`, so one Lua call touches one hash slot and the same code runs
on Redis Cluster; readers merge the shards listed in `{prefix}:shards`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import redis
from redis.cluster import RedisCluster

from sitrep_api.contribution import NOT_TALLIED, project_event
from sitrep_schemas import TaggedEvent

APPLY_SCRIPT = resources.files("sitrep_api").joinpath("lua/apply_event.lua").read_text("utf-8")
# Which index drives a filtered scan: the most selective dimension first.
_SCAN_ORDER = ("event_type", "place", "source", "category", "country")


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class AppliedRecord:
    topic: str
    partition: int
    offset: int
    event: TaggedEvent
    raw: bytes | None = None  # the record's value as it came: stored as is, not re-serialised


@dataclass(frozen=True)
class Window:
    """Lexicographic bounds over sort keys, as ZREVRANGEBYLEX takes them."""

    upper: str  # "+" or "(key"
    lower: str  # "-" or "[key"


@dataclass(frozen=True)
class EventQuery:
    """What /v1/events, /v1/facets and /v1/figures filter on (all combinable)."""

    filters: dict[str, str] = field(default_factory=dict)  # dimension -> value
    words: tuple[str, ...] = ()  # search terms of `q`, all required
    since_ms: int | None = None  # received at or after
    until_ms: int | None = None  # received before

    def index_names(self) -> list[str]:
        names = [f"{dim}:{self.filters[dim]}" for dim in _SCAN_ORDER if dim in self.filters]
        return names + [f"tok:{w}" for w in self.words]

    def is_everything(self) -> bool:
        return (
            not self.filters and not self.words and self.since_ms is None and self.until_ms is None
        )

    def window(self, cursor_key: str | None) -> Window:
        uppers = [
            k
            for k in (cursor_key, f"{self.until_ms:015d}" if self.until_ms is not None else None)
            if k
        ]
        return Window(
            upper="(" + min(uppers) if uppers else "+",
            lower="[" + f"{self.since_ms:015d}" if self.since_ms is not None else "-",
        )


def encode_positions(positions: dict[str, str]) -> str:
    """An SSE id: where the reader is in every shard's stream."""
    return (
        base64.urlsafe_b64encode(json.dumps(positions, sort_keys=True).encode())
        .decode()
        .rstrip("=")
    )


def decode_positions(value: str) -> dict[str, str]:
    try:
        data = json.loads(base64.urlsafe_b64decode((value + "=" * (-len(value) % 4)).encode()))
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and re.fullmatch(r"\d+-\d+", v)
            for k, v in data.items()
        ):
            raise ValueError
        return data
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursor("Last-Event-ID is not one this stream sent; reconnect without it") from None


def _event_id(sort_key: str) -> str:
    return sort_key.rsplit("|", 1)[1]


def encode_cursor(sort_key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"k": sort_key}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        key = data["k"]
        if not isinstance(key, str) or key.count("|") != 2:
            raise ValueError
        return key
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadCursor("cursor is not one this API issued; start again without it") from None


def connect(url: str, cluster: bool, timeout: float = 5.0) -> Any:
    """A Redis client for a single server or, with `cluster`, a Redis Cluster."""
    if cluster:
        return RedisCluster.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _ms_to_iso(value: str | bytes | None) -> str | None:
    if value is None:
        return None
    return datetime.fromtimestamp(int(value) / 1000, UTC).isoformat().replace("+00:00", "Z")


class StateStore:
    def __init__(self, client: redis.Redis | RedisCluster, prefix: str = "sitrep") -> None:
        self.client = client
        self.prefix = prefix
        self._apply = client.register_script(APPLY_SCRIPT)
        self._registered: set[int] = set()

    # -- keys -------------------------------------------------------------
    def shard(self, partition: int) -> str:
        return f"{self.prefix}:{{p{partition}}}:"

    @property
    def shards_key(self) -> str:
        return f"{self.prefix}:shards"

    def shards(self) -> list[str]:
        return sorted(_text(m) for m in self.client.smembers(self.shards_key))

    # -- writes (projector) -------------------------------------------------
    def apply(self, records: list[AppliedRecord], chunk: int = 200) -> list[int]:
        """Apply records in order: one script call per partition and chunk. Statuses in input order.

        Not pipelined: Redis Cluster refuses scripts in pipelines, and a chunk per call
        already takes the round trips off the hot path.
        """
        new_parts = {r.partition for r in records} - self._registered
        if new_parts:
            self.client.sadd(self.shards_key, *(self.shard(p) for p in sorted(new_parts)))
            self._registered |= new_parts
        by_partition: dict[int, list[int]] = {}
        for i, r in enumerate(records):
            by_partition.setdefault(r.partition, []).append(i)
        statuses = [0] * len(records)
        for partition, indexes in by_partition.items():
            for start in range(0, len(indexes), chunk):
                part = indexes[start : start + chunk]
                args: list[Any] = [records[part[0]].topic]
                for i in part:
                    args += self._event_args(records[i])
                result: Any = self._apply(keys=[self.shard(partition)], args=args)
                for i, status in zip(part, result, strict=True):
                    statuses[i] = int(status)
        return statuses

    @staticmethod
    def _event_args(r: AppliedRecord) -> list[Any]:
        contribution = project_event(r.event)
        update = r.event.event
        latest = {
            "source": update.source,
            "bulletin_id": update.bulletin_id,
            "bulletin_date": update.bulletin_date.isoformat() if update.bulletin_date else None,
            "received_at": update.received_at.isoformat(),
        }
        return [
            r.offset,
            r.event.event_id,
            r.raw if r.raw is not None else r.event.model_dump_json(),
            json.dumps(contribution.to_json_dict()),
            json.dumps(latest),
            f"{int(update.received_at.timestamp() * 1000):015d}",
        ]

    def applied_offset(self, partition: int, topic: str) -> int | None:
        value = self.client.hget(self.shard(partition) + "offsets", topic)
        return int(value) if value is not None else None

    # -- reads (api) ----------------------------------------------------------
    def ping(self) -> bool:
        return bool(self.client.ping())

    def _merged_hash(self, suffix: str) -> Counter[str]:
        pipe = self.client.pipeline(transaction=False)
        for shard in self.shards():
            pipe.hgetall(shard + suffix)
        total: Counter[str] = Counter()
        for part in pipe.execute():
            for k, v in part.items():
                total[k.decode()] += int(v)
        return total

    def places_meta(self) -> dict[str, dict[str, Any]]:
        pipe = self.client.pipeline(transaction=False)
        for shard in self.shards():
            pipe.hgetall(shard + "places")
        out: dict[str, dict[str, Any]] = {}
        for part in pipe.execute():
            for k, v in part.items():
                out[k.decode()] = json.loads(v)
        return out

    def resolve_place(self, value: str) -> str | None:
        """A place filter may name a place_id or a place name (case-insensitive)."""
        meta = self.places_meta()
        if value in meta:
            return value
        wanted = value.casefold()
        return next((pid for pid, p in meta.items() if str(p["name"]).casefold() == wanted), None)

    def state(self) -> dict[str, Any]:
        shards = self.shards()
        pipe = self.client.pipeline(transaction=False)
        for shard in shards:
            pipe.zcard(shard + "idx:all")
            pipe.hgetall(shard + "latest")
            pipe.hget(shard + "meta", "last_update")
        raw = pipe.execute()
        stored = sum(int(raw[i]) for i in range(0, len(raw), 3))
        latest: dict[str, Any] = {}
        for part in raw[1::3]:
            for k, v in part.items():
                item = json.loads(v)
                if (
                    k.decode() not in latest
                    or item["received_at"] > latest[k.decode()]["received_at"]
                ):
                    latest[k.decode()] = item
        updates = [v for v in raw[2::3] if v is not None]
        places = self.places_meta()
        by_place = self._merged_hash("count:place")
        return {
            "events_stored": stored,
            "events_tallied": self._merged_hash("count:total").get("events", 0),
            "by_category": dict(self._merged_hash("count:category").most_common()),
            "by_event_type": dict(self._merged_hash("count:event_type").most_common()),
            "by_place": [
                {"place_id": pid, "name": places.get(pid, {}).get("name", pid), "count": n}
                for pid, n in by_place.most_common()
            ],
            "by_country": dict(self._merged_hash("count:country").most_common()),
            "by_source": dict(self._merged_hash("count:source").most_common()),
            "by_day": dict(sorted(self._merged_hash("count:day").items())),
            "latest_bulletins": latest,
            "last_update": _ms_to_iso(max(updates)) if updates else None,
        }

    def _scan_shard(
        self, shard: str, primary: str, others: list[str], window: Window, limit: int
    ) -> list[str]:
        """Up to `limit` sort keys of `primary` inside `window` that are also in every `others` index."""
        found: list[str] = []
        batch = max(limit * 2, 50)
        upper = window.upper
        while len(found) < limit:
            page = [
                _text(m)
                for m in self.client.zrevrangebylex(
                    shard + "idx:" + primary, upper, window.lower, start=0, num=batch
                )
            ]
            if not page:
                break
            kept = page
            if others:
                pipe = self.client.pipeline(transaction=False)
                for other in others:
                    pipe.zmscore(shard + "idx:" + other, page)
                scores = pipe.execute()
                kept = [m for i, m in enumerate(page) if all(s[i] is not None for s in scores)]
            found.extend(kept)
            if len(page) < batch:
                break
            upper = "(" + page[-1]
        return found[:limit]

    def _matching_keys(self, query: EventQuery, limit: int, cursor: str | None = None) -> list[str]:
        """Sort keys of events matching the query, newest first, merged over the shards."""
        wanted = query.index_names()
        primary, others = (wanted[0], wanted[1:]) if wanted else ("all", [])
        window = query.window(decode_cursor(cursor) if cursor else None)
        merged: list[str] = []
        for shard in self.shards():
            merged.extend(self._scan_shard(shard, primary, others, window, limit))
        merged.sort(reverse=True)
        return merged

    def list_events(
        self, query: EventQuery, limit: int, cursor: str | None
    ) -> tuple[list[bytes], str | None]:
        """A page of raw TaggedEvent JSON, newest first, and the cursor of the next page."""
        merged = self._matching_keys(query, limit + 1, cursor)
        page = merged[:limit]
        next_cursor = encode_cursor(page[-1]) if len(merged) > limit else None
        return self.get_events([_event_id(key) for key in page]), next_cursor

    def get_events(self, event_ids: list[str]) -> list[bytes]:
        if not event_ids:
            return []
        shards = self.shards()
        pipe = self.client.pipeline(transaction=False)
        for shard in shards:
            pipe.hmget(shard + "events", event_ids)
        found: dict[str, bytes] = {}
        for values in pipe.execute():
            for eid, value in zip(event_ids, values, strict=True):
                if value is not None:
                    found[eid] = value
        return [found[eid] for eid in event_ids if eid in found]

    def facets(self, query: EventQuery, top: int, scan_limit: int = 5000) -> dict[str, Any]:
        """Counts per category, event type, place, country and source for the events matching."""
        if query.is_everything():
            places = self.places_meta()
            counters = {
                dim: self._merged_hash(f"count:{dim}")
                for dim in ("category", "event_type", "country", "source")
            }
            counters["place"] = self._merged_hash("count:place")
            scanned = None
        else:
            keys = self._matching_keys(query, scan_limit)
            counters = {
                dim: Counter() for dim in ("category", "event_type", "country", "source", "place")
            }
            places = {}
            for raw in self.get_events([_event_id(k) for k in keys]):
                event = json.loads(raw)
                if event["event_type"] in NOT_TALLIED:
                    continue
                counters["category"][event["category"]] += 1
                counters["event_type"][event["event_type"]] += 1
                counters["source"][event["event"]["source"]] += 1
                for loc in {loc["place_id"]: loc for loc in event["locations"]}.values():
                    counters["place"][loc["place_id"]] += 1
                    places[loc["place_id"]] = loc
                for country in {loc["country"] for loc in event["locations"] if loc["country"]}:
                    counters["country"][country] += 1
            scanned = len(keys)
        out: dict[str, Any] = {
            dim: [{"value": k, "count": n} for k, n in c.most_common(top)]
            for dim, c in counters.items()
        }
        for item in out["place"]:
            item["name"] = places.get(item["value"], {}).get("name", item["value"])
        out["scanned_events"] = scanned
        return out

    def timeline(self, bucket: str) -> list[dict[str, Any]]:
        """Live events per bucket ('day' of the bulletin, 'hour' received) and category."""
        merged = self._merged_hash(f"count:{bucket}_category")
        buckets: dict[str, dict[str, int]] = {}
        for label, n in merged.items():
            when, category = label.split("|", 1)
            buckets.setdefault(when, {})[category] = n
        return [
            {"bucket": when, "total": sum(c.values()), "by_category": dict(sorted(c.items()))}
            for when, c in sorted(buckets.items())
        ]

    def figures(
        self, kind: str | None, place: str | None, query: EventQuery, events_per_kind: int = 20
    ) -> list[dict[str, Any]]:
        """Sums of extracted quantities per kind (and place), with the events behind each sum."""
        kinds = [kind] if kind else self._figure_kinds()
        meta = self.places_meta()
        out = []
        for k in kinds:
            keys = self._figure_keys(k, query)
            total = 0.0
            by_place: Counter[str] = Counter()
            events = []
            for raw in self.get_events([_event_id(key) for key in keys]):
                event = json.loads(raw)
                if event["event_type"] in NOT_TALLIED:
                    continue
                place_ids = [loc["place_id"] for loc in event["locations"]]
                if place and place not in place_ids:
                    continue
                values = [q["value"] for q in event["quantities"] if q["kind"] == k]
                if not values:
                    continue
                total += sum(values)
                if len(set(place_ids)) == 1:
                    by_place[place_ids[0]] += sum(values)
                events.append(event["event_id"])
            if events:
                out.append({
                    "kind": k, "total": total, "events": len(events), "event_ids": events[:events_per_kind],
                    "by_place": [
                        {"place_id": pid, "name": meta.get(pid, {}).get("name", pid), "total": v}
                        for pid, v in by_place.most_common()
                    ],
                })  # fmt: skip
        return out

    def _figure_kinds(self) -> list[str]:
        pipe = self.client.pipeline(transaction=False)
        for shard in self.shards():
            pipe.smembers(shard + "figkinds")
        return sorted({_text(k) for part in pipe.execute() for k in part})

    def _figure_keys(self, kind: str, query: EventQuery) -> list[str]:
        window = query.window(None)
        keys: list[str] = []
        for shard in self.shards():
            keys += [
                _text(m)
                for m in self.client.zrevrangebylex(
                    f"{shard}figidx:{kind}", window.upper, window.lower
                )
            ]
        return sorted(keys, reverse=True)

    def places_geojson(self) -> dict[str, Any]:
        counts = self._merged_hash("count:place")
        latest: dict[str, str] = {}
        pipe = self.client.pipeline(transaction=False)
        for shard in self.shards():
            pipe.hgetall(shard + "place_latest")
        for part in pipe.execute():
            for k, v in part.items():
                pid, key = _text(k), _text(v)
                latest[pid] = max(latest.get(pid, ""), key)
        features = []
        for pid, meta in sorted(self.places_meta().items()):
            if counts.get(pid, 0) <= 0:
                continue
            newest = latest.get(pid)
            features.append(
                {
                    "type": "Feature",
                    "id": pid,
                    "geometry": {"type": "Point", "coordinates": [meta["lon"], meta["lat"]]},
                    "properties": {
                        **meta, "count": counts[pid],
                        "latest_event_id": _event_id(newest) if newest else None,
                        "latest_at": _ms_to_iso(newest.split("|", 1)[0]) if newest else None,
                    },
                }
            )  # fmt: skip
        return {"type": "FeatureCollection", "features": features}

    # -- the live stream ------------------------------------------------------
    def stream_heads(self) -> dict[str, str]:
        """The newest stream entry id of every shard: where a new subscriber starts."""
        heads = {}
        for shard in self.shards():
            last: Any = self.client.xrevrange(shard + "stream", count=1)
            heads[shard] = _text(last[0][0]) if last else "0-0"
        return heads

    def read_stream(
        self, positions: dict[str, str], count: int = 100
    ) -> list[tuple[str, str, str]]:
        """Entries after `positions` (shard -> entry id) in every shard: (shard, entry id, event id).

        Shards not in `positions` (new since the reader started) are read from their start.
        """
        out = []
        for shard in self.shards():
            entries: Any = self.client.xread(
                {shard + "stream": positions.get(shard, "0-0")}, count=count
            )
            for _, items in entries:
                for entry_id, fields in items:
                    out.append((shard, _text(entry_id), _text(fields[b"event_id"])))
        return out


__all__ = ["AppliedRecord", "BadCursor", "EventQuery", "StateStore"]
