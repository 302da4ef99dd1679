"""The Redis edge of the read side: apply tagged events (projector) and read the state (api).

State is sharded by Kafka partition: every key of partition 3 starts with
`{prefix}:{p3}:`, so one Lua call touches one hash slot and the same code runs
on Redis Cluster; readers merge the shards listed in `{prefix}:shards`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import redis

from sitrep_api.contribution import FILTER_DIMENSIONS, project_event
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


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _ms_to_iso(value: str | bytes | None) -> str | None:
    if value is None:
        return None
    return datetime.fromtimestamp(int(value) / 1000, UTC).isoformat().replace("+00:00", "Z")


class StateStore:
    def __init__(self, client: redis.Redis, prefix: str = "sitrep") -> None:
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
    def apply(self, records: list[AppliedRecord]) -> list[int]:
        """Apply records in order; each is one atomic script call. Returns each status."""
        new_parts = {r.partition for r in records} - self._registered
        pipe = self.client.pipeline(transaction=False)
        if new_parts:
            pipe.sadd(self.shards_key, *(self.shard(p) for p in sorted(new_parts)))
        for r in records:
            contribution = project_event(r.event)
            update = r.event.event
            when = f"{int(update.received_at.timestamp() * 1000):015d}"
            latest = {
                "source": update.source,
                "bulletin_id": update.bulletin_id,
                "bulletin_date": update.bulletin_date.isoformat() if update.bulletin_date else None,
                "received_at": update.received_at.isoformat(),
            }
            self._apply(
                keys=[self.shard(r.partition)],
                args=[
                    r.topic,
                    r.offset,
                    r.event.event_id,
                    r.event.model_dump_json(),
                    json.dumps(contribution.to_json_dict()),
                    json.dumps(latest),
                    when,
                ],
                client=pipe,
            )
        results = pipe.execute()
        self._registered |= new_parts
        return [int(x) for x in results[1 if new_parts else 0 :]]

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
        self, shard: str, primary: str, others: list[str], start: str, limit: int
    ) -> list[str]:
        """Up to `limit` sort keys below `start` in `primary` that are also in every `others` index."""
        found: list[str] = []
        batch = max(limit * 2, 50)
        upper = start
        while len(found) < limit:
            page = [
                _text(m)
                for m in self.client.zrevrangebylex(
                    shard + "idx:" + primary, upper, "-", start=0, num=batch
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

    def list_events(
        self, filters: dict[str, str], limit: int, cursor: str | None
    ) -> tuple[list[bytes], str | None]:
        """A page of raw TaggedEvent JSON, newest first, and the cursor of the next page."""
        wanted = [f"{dim}:{filters[dim]}" for dim in _SCAN_ORDER if dim in filters]
        primary, others = (wanted[0], wanted[1:]) if wanted else ("all", [])
        start = "(" + decode_cursor(cursor) if cursor else "+"
        merged: list[str] = []
        for shard in self.shards():
            merged.extend(self._scan_shard(shard, primary, others, start, limit + 1))
        merged.sort(reverse=True)
        page = merged[:limit]
        next_cursor = encode_cursor(page[-1]) if len(merged) > limit else None
        return self.get_events([key.rsplit("|", 1)[1] for key in page]), next_cursor

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

    def places_geojson(self) -> dict[str, Any]:
        counts = self._merged_hash("count:place")
        features = []
        for pid, meta in sorted(self.places_meta().items()):
            if counts.get(pid, 0) <= 0:
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": pid,
                    "geometry": {"type": "Point", "coordinates": [meta["lon"], meta["lat"]]},
                    "properties": {**meta, "count": counts[pid]},
                }
            )
        return {"type": "FeatureCollection", "features": features}


__all__ = ["FILTER_DIMENSIONS", "AppliedRecord", "BadCursor", "StateStore"]
