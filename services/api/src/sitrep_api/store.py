"""The read side of the Redis state (the api): merge the shards into answers.

The key layout is in `keyspace`; the projector writes it through `state_writer`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import redis
from redis.cluster import RedisCluster

from sitrep_api.contribution import NOT_TALLIED, event_words, key_of
from sitrep_api.keyspace import Sharded, text
from sitrep_api.place_counts import Counted, collection
from sitrep_runtime.problems import ProblemError

# Which index drives a filtered scan: the most selective dimension first.
_SCAN_ORDER = (
    "actor",
    "event_type",
    "place",
    "admin1",
    "source",
    "category",
    "country",
    "actor_type",
)


# Queues one command for one shard on a pipeline (see StateStore._over_shards).
ShardCommand = Callable[[Any, str], object]


def _on_shard(command: str, suffix: str, *args: Any, **kwargs: Any) -> ShardCommand:
    """`command` on the shard's key `suffix`, e.g. `_on_shard("hgetall", "places")`."""
    return lambda pipe, shard: getattr(pipe, command)(shard + suffix, *args, **kwargs)


def summed(parts: list[dict[bytes, bytes]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for part in parts:
        for k, v in part.items():
            total[k.decode()] += int(v)
    return total


def summed_floats(parts: list[dict[bytes, bytes]]) -> dict[str, float]:
    """HINCRBYFLOAT hashes of every shard, added field by field."""
    total: dict[str, float] = {}
    for part in parts:
        for k, v in part.items():
            key = k.decode()
            total[key] = total.get(key, 0.0) + float(v)
    return total


def ranked(by_place: Mapping[str, float]) -> list[tuple[str, float]]:
    """A figure's places, largest first (ties by id), without those that sum to nothing
    (running sums keep a field an event took back to zero)."""
    kept = [(pid, v) for pid, v in by_place.items() if abs(v) > 1e-9 and not pid.startswith("_")]
    return sorted(kept, key=lambda item: (-item[1], item[0]))


def _places(parts: list[dict[bytes, bytes]]) -> dict[str, dict[str, Any]]:
    return {k.decode(): json.loads(v) for part in parts for k, v in part.items()}


class BadCursor(ProblemError, ValueError):
    """A cursor or SSE id this API did not issue: a 400 problem wherever it is raised."""

    type_name = "invalid-cursor"
    title = "The cursor is not valid"


@dataclass(frozen=True)
class Window:
    """Lexicographic bounds over sort keys, as ZREVRANGEBYLEX takes them."""

    upper: str  # "+" or "(key"
    lower: str  # "-" or "[key"


@dataclass(frozen=True)
class EventQuery:
    """What /v1/events, /v1/facets and /v1/figures filter on (all combinable)."""

    # dimension -> the values it may have (an event matches when it has any of them)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    words: tuple[str, ...] = ()  # search terms of `q`, all required
    since_ms: int | None = None  # received at or after
    until_ms: int | None = None  # received before
    occurred_from: int | None = None  # happened on or after this day (days since 1970-01-01)
    occurred_before: int | None = None  # happened before this day

    def dates_occurred(self) -> bool:
        return self.occurred_from is not None or self.occurred_before is not None

    def occurred_in(self, day: float | None) -> bool:
        """Whether a day from the `occurred` index (None: not indexed) is in the range."""
        return (
            day is not None
            and (self.occurred_from is None or day >= self.occurred_from)
            and (self.occurred_before is None or day < self.occurred_before)
        )

    def index_groups(self) -> list[tuple[str, ...]]:
        """The indexes an event must be in: one of each group (a dimension's values, or one
        search word), most selective dimension first."""
        groups = [
            tuple(f"{dim}:{value}" for value in self.filters[dim])
            for dim in _SCAN_ORDER
            if dim in self.filters
        ]
        return groups + [(f"tok:{w}",) for w in self.words]

    def is_everything(self) -> bool:
        return (
            not self.filters
            and not self.words
            and self.since_ms is None
            and self.until_ms is None
            and not self.dates_occurred()
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


# Where a reader is in the streams it follows, as an SSE id: `p0=1700000000000-0,inc=...`,
# one `tag=entry id` per stream (tag: the partition shard `p<n>`, or `inc` for incidents).
# Entry ids are bounded to 15 digits a part so that any id the pattern admits is one Redis takes.
_POSITION = r"(?:p[0-9]{1,5}|inc)=[0-9]{1,15}-[0-9]{1,15}"
POSITIONS_PATTERN = rf"^{_POSITION}(?:,{_POSITION})*$"
# A page cursor is the sort key of the last item of the previous page (received ms | position
# from the end | id): any key of that shape is a position in the newest-first order.
CURSOR_PATTERN = r"^[0-9]{15}\|[0-9]{5}\|[0-9a-f]{32}$"
INCIDENT_STREAM = "incidents"  # the incident stream's name in a reader's positions


def encode_positions(positions: dict[str, str], prefix: str) -> str:
    """An SSE id: where the reader is in every stream it follows."""
    return ",".join(
        f"{_stream_tag(name, prefix)}={entry}" for name, entry in sorted(positions.items())
    )


def decode_positions(value: str, prefix: str) -> dict[str, str]:
    if not re.fullmatch(POSITIONS_PATTERN, value):
        raise BadCursor("Last-Event-ID is not one this stream sent; reconnect without it")
    out = {}
    for part in value.split(","):
        tag, entry = part.split("=")
        out[INCIDENT_STREAM if tag == "inc" else f"{prefix}:{{{tag}}}:"] = entry
    return out


def _stream_tag(name: str, prefix: str) -> str:
    if name == INCIDENT_STREAM:
        return "inc"
    return name.removeprefix(prefix + ":").strip(":{}")


def _event_id(sort_key: str) -> str:
    return sort_key.rsplit("|", 1)[1]


def encode_cursor(sort_key: str) -> str:
    return sort_key


_PAGE_SCRIPT = resources.files("sitrep_api").joinpath("lua/page_events.lua").read_text("utf-8")


def with_membership(raw: bytes, incident: str | None, occurred: bytes | None) -> bytes:
    """Stored TaggedEvent JSON with `incident_id` and `occurred_on` added in front, without
    parsing and re-serialising the event."""
    head = b'{"incident_id":' + json.dumps(incident).encode()
    head += b',"occurred_on":' + (occurred if occurred else b"null") + b","
    return head + raw[1:] if raw[:1] == b"{" else raw


def decode_cursor(cursor: str) -> str:
    if not re.fullmatch(CURSOR_PATTERN, cursor):
        raise BadCursor("cursor is not one this API issued; start again without it")
    return cursor


def _ms_to_iso(value: str | bytes | None) -> str | None:
    if value is None:
        return None
    return datetime.fromtimestamp(int(value) / 1000, UTC).isoformat().replace("+00:00", "Z")


class StateStore(Sharded):
    """The read side: the aggregate, events by filter and cursor, places, figures, streams."""

    def __init__(self, client: redis.Redis | RedisCluster, prefix: str = "sitrep") -> None:
        super().__init__(client, prefix)
        self._shard_cache: list[str] | None = None  # see _over_shards
        self._page_script: Any = None  # see page_with_incidents

    def shard_list(self) -> list[str]:
        """The shards as last read (cached; `_over_shards` keeps it current)."""
        if self._shard_cache is None:
            self._shard_cache = self.shards()
        return self._shard_cache

    def _over_shards(self, *commands: ShardCommand) -> tuple[list[str], list[list[Any]]]:
        """Every command on every shard in one round trip: the shards, and per command the
        result per shard.

        The shard list is cached. The same trip counts the shards; a count that moved (a
        partition's first event) reloads the list and runs the trip again.
        """
        while True:
            shards = self.shard_list()
            pipe = self.client.pipeline(transaction=False)
            for command in commands:
                for shard in shards:
                    command(pipe, shard)
            pipe.scard(self.shards_key)
            *results, count = pipe.execute()
            if count == len(shards):
                n = len(shards)
                return shards, [results[i * n : (i + 1) * n] for i in range(len(commands))]
            self._shard_cache = None

    def _merged_hash(self, suffix: str) -> Counter[str]:
        _, [parts] = self._over_shards(_on_shard("hgetall", suffix))
        return summed(parts)

    def places_meta(self) -> dict[str, dict[str, Any]]:
        _, [parts] = self._over_shards(_on_shard("hgetall", "places"))
        return _places(parts)

    def resolve_place(self, value: str) -> str | None:
        """A place filter may name a place_id or a place name (case-insensitive)."""
        meta = self.places_meta()
        if value in meta:
            return value
        wanted = value.casefold()
        return next((pid for pid, p in meta.items() if str(p["name"]).casefold() == wanted), None)

    def state(self) -> dict[str, Any]:
        dims = ("total", "category", "event_type", "place", "country", "source", "day")
        _, (stored, latest_parts, updates, place_parts, *counts) = self._over_shards(
            _on_shard("zcard", "idx:all"),
            _on_shard("hgetall", "latest"),
            _on_shard("hget", "meta", "last_update"),
            _on_shard("hgetall", "places"),
            *(_on_shard("hgetall", f"count:{dim}") for dim in dims),
        )
        merged = dict(zip(dims, (summed(parts) for parts in counts), strict=True))
        latest: dict[str, Any] = {}
        for part in latest_parts:
            for k, v in part.items():
                item, name = json.loads(v), k.decode()
                if name not in latest or item["received_at"] > latest[name]["received_at"]:
                    latest[name] = item
        last = [v for v in updates if v is not None]
        places = _places(place_parts)
        return {
            "events_stored": sum(int(n) for n in stored),
            "events_tallied": merged["total"].get("events", 0),
            "by_category": dict(merged["category"].most_common()),
            "by_event_type": dict(merged["event_type"].most_common()),
            "by_place": [
                {"place_id": pid, "name": places.get(pid, {}).get("name", pid), "count": n}
                for pid, n in merged["place"].most_common()
            ],
            "by_country": dict(merged["country"].most_common()),
            "by_source": dict(merged["source"].most_common()),
            "by_day": dict(sorted(merged["day"].items())),
            "latest_bulletins": latest,
            "last_update": _ms_to_iso(max(last)) if last else None,
        }

    def _matching_keys(self, query: EventQuery, limit: int, cursor: str | None = None) -> list[str]:
        """Sort keys of events matching the query, newest first, merged over the shards.

        Reads a page of the most selective index in every shard at once, keeps the keys that
        are in every other index too, and reads further only in shards whose page fell short.
        """
        groups = query.index_groups()
        # Walk one index (the most selective single one, else every event) and check the rest.
        single = next((g for g in groups if len(g) == 1), None)
        primary = single[0] if single else "all"
        others = [g for g in groups if g is not single]
        window = query.window(decode_cursor(cursor) if cursor else None)
        batch = max(limit * 2, 50)

        def page(upper: str) -> ShardCommand:
            return lambda pipe, shard: pipe.zrevrangebylex(
                shard + "idx:" + primary, upper, window.lower, start=0, num=batch
            )

        shards, [first] = self._over_shards(page(window.upper))
        pages = {
            shard: [text(m) for m in keys]
            for shard, keys in zip(shards, first, strict=True)
            if keys
        }
        found: dict[str, list[str]] = {shard: [] for shard in pages}
        while pages:
            kept = (
                self._in_every(pages, others, query) if others or query.dates_occurred() else pages
            )
            short = {}
            for shard, keys in pages.items():
                found[shard] += kept[shard]
                if len(keys) == batch and len(found[shard]) < limit:
                    short[shard] = "(" + keys[-1]
            pipe = self.client.pipeline(transaction=False)
            for shard, upper in short.items():
                page(upper)(pipe, shard)
            pages = {
                shard: [text(m) for m in keys]
                for shard, keys in zip(short, pipe.execute() if short else [], strict=True)
                if keys
            }
        return sorted((k for keys in found.values() for k in keys[:limit]), reverse=True)

    def _in_every(
        self, pages: dict[str, list[str]], others: list[tuple[str, ...]], query: EventQuery
    ) -> dict[str, list[str]]:
        """The keys of each shard's page that are in one index of every group of `others` and,
        when the query bounds when it happened, whose day is in the range."""
        dated = query.dates_occurred()
        pipe = self.client.pipeline(transaction=False)
        for shard, keys in pages.items():
            for group in others:
                for name in group:
                    pipe.zmscore(shard + "idx:" + name, keys)
            if dated:
                pipe.zmscore(shard + "happened", keys)
        scores = iter(pipe.execute())
        kept = {}
        for shard, keys in pages.items():
            per_group = [[next(scores) for _ in group] for group in others]
            days = next(scores) if dated else None
            kept[shard] = [
                k
                for i, k in enumerate(keys)
                if all(any(s[i] is not None for s in group) for group in per_group)
                and (days is None or query.occurred_in(days[i]))
            ]
        return kept

    def list_events(
        self, query: EventQuery, limit: int, cursor: str | None
    ) -> tuple[list[bytes], str | None]:
        """A page of raw TaggedEvent JSON, newest first, and the cursor of the next page."""
        merged = self._matching_keys(query, limit + 1, cursor)
        page = merged[:limit]
        next_cursor = encode_cursor(page[-1]) if len(merged) > limit else None
        return self.get_events([_event_id(key) for key in page]), next_cursor

    def page_with_incidents(
        self, query: EventQuery, limit: int, cursor: str | None, incident_prefix: str
    ) -> tuple[list[bytes], str | None] | None:
        """`list_events()` with each event's incident (as `with_incidents`), in one round
        trip (`lua/page_events.lua`), for a query that one index answers: no filter, or one
        value of one dimension, or one search word; no days. None when that is not so, or on
        a cluster, whose shards a script cannot read together."""
        groups = query.index_groups()
        if (
            isinstance(self.client, RedisCluster)
            or len(groups) > 1
            or any(len(g) > 1 for g in groups)
            or query.dates_occurred()
        ):
            return None
        window = query.window(decode_cursor(cursor) if cursor else None)
        if self._page_script is None:
            self._page_script = self.client.register_script(_PAGE_SCRIPT)
        index = "idx:" + (groups[0][0] if groups else "all")
        keys, events, members, occurred = self._page_script(
            keys=[self.shards_key, incident_prefix],
            args=[index, window.upper, window.lower, limit],
        )
        next_cursor = encode_cursor(text(keys[limit - 1])) if len(keys) > limit else None
        items = [
            with_membership(raw, text(m) if m is not None else None, o)
            for raw, m, o in zip(events, members, occurred, strict=True)
            if raw is not None
        ]
        return items, next_cursor

    def get_events(self, event_ids: list[str]) -> list[bytes]:
        if not event_ids:
            return []
        _, [per_shard] = self._over_shards(_on_shard("hmget", "events", event_ids))
        found: dict[str, bytes] = {}
        for values in per_shard:
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

    def places_matching(self, query: EventQuery, scan_limit: int = 5000) -> dict[str, Any]:
        """/v1/places for a filtered view: its newest `scan_limit` tallied events' places."""
        keys = self._matching_keys(query, scan_limit)
        events = [json.loads(raw) for raw in self.get_events([_event_id(k) for k in keys])]
        return collection(
            (
                Counted(e["locations"], e["category"], e["event_id"], e["event"]["received_at"])
                for e in events
                if e["event_type"] not in NOT_TALLIED
            ),
            "latest_event_id",
        )

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
        self,
        kind: str | None,
        places: tuple[str, ...],
        query: EventQuery,
        events_per_kind: int = 20,
    ) -> list[dict[str, Any]]:
        """Sums of extracted quantities per kind (and place), with the events behind each sum.
        Unfiltered, the projection's running sums answer (`fig:<kind>`); with a place or a
        time range, the events behind each kind are read and summed."""
        kinds = [kind] if kind else self._figure_kinds()
        meta = self.places_meta()
        if not places and query.is_everything():
            return self._figures_summed(kinds, meta, events_per_kind)
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
                if places and not set(places) & set(place_ids):
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
                        for pid, v in ranked(by_place)
                    ],
                })  # fmt: skip
        return out

    def _figures_summed(
        self, kinds: list[str], meta: dict[str, dict[str, Any]], per_kind: int
    ) -> list[dict[str, Any]]:
        """`figures()` without filters, from each shard's running sums: one round trip."""
        commands: list[ShardCommand] = []
        for k in kinds:
            commands += [
                _on_shard("hgetall", f"fig:{k}"),
                _on_shard("zcard", f"figidx:{k}"),
                _on_shard("zrevrangebylex", f"figidx:{k}", "+", "-", start=0, num=per_kind),
            ]
        _, results = self._over_shards(*commands)
        out = []
        for n, k in enumerate(kinds):
            sums, counts, newest = results[3 * n : 3 * n + 3]
            events = sum(int(c) for c in counts)
            if not events:
                continue
            merged = summed_floats(sums)
            keys = sorted((text(m) for part in newest for m in part), reverse=True)
            out.append({
                "kind": k, "total": merged.pop("_total", 0.0), "events": events,
                "event_ids": [_event_id(key) for key in keys[:per_kind]],
                "by_place": [
                    {"place_id": pid, "name": meta.get(pid, {}).get("name", pid), "total": v}
                    for pid, v in ranked(merged)
                ],
            })  # fmt: skip
        return out

    def _figure_kinds(self) -> list[str]:
        _, [parts] = self._over_shards(_on_shard("smembers", "figkinds"))
        return sorted({text(k) for part in parts for k in part})

    def _figure_keys(self, kind: str, query: EventQuery) -> list[str]:
        window = query.window(None)
        shards, [parts] = self._over_shards(
            _on_shard("zrevrangebylex", f"figidx:{kind}", window.upper, window.lower)
        )
        pages = {shard: [text(m) for m in part] for shard, part in zip(shards, parts, strict=True)}
        if query.dates_occurred():
            pages = self._in_every({s: k for s, k in pages.items() if k}, [], query)
        return sorted((k for keys in pages.values() for k in keys), reverse=True)

    def places_geojson(self) -> dict[str, Any]:
        _, (count_parts, category_parts, latest_parts, place_parts) = self._over_shards(
            _on_shard("hgetall", "count:place"),
            _on_shard("hgetall", "count:place_category"),
            _on_shard("hgetall", "place_latest"),
            _on_shard("hgetall", "places"),
        )
        counts = summed(count_parts)
        by_category: dict[str, Counter[str]] = {}
        for label, n in summed(category_parts).items():
            pid, category = label.rsplit("|", 1)
            if n > 0:
                by_category.setdefault(pid, Counter())[category] = n
        latest: dict[str, str] = {}
        for part in latest_parts:
            for k, v in part.items():
                pid, key = text(k), text(v)
                latest[pid] = max(latest.get(pid, ""), key)
        features = []
        for pid, meta in sorted(_places(place_parts).items()):
            if counts.get(pid, 0) <= 0:
                continue
            newest = latest.get(pid)
            categories = by_category.get(pid, Counter())
            features.append(
                {
                    "type": "Feature",
                    "id": pid,
                    "geometry": {"type": "Point", "coordinates": [meta["lon"], meta["lat"]]},
                    "properties": {
                        **meta, "count": counts[pid],
                        "by_category": dict(categories.most_common()),
                        "category": categories.most_common(1)[0][0] if categories else None,
                        "latest_event_id": _event_id(newest) if newest else None,
                        "latest_at": _ms_to_iso(newest.split("|", 1)[0]) if newest else None,
                    },
                }
            )  # fmt: skip
        return {"type": "FeatureCollection", "features": features}

    # -- the live stream ------------------------------------------------------
    def stream_heads(self) -> dict[str, str]:
        """The newest stream entry id of every shard: where a new subscriber starts."""
        shards, [lasts] = self._over_shards(_on_shard("xrevrange", "stream", count=1))
        return {
            shard: text(last[0][0]) if last else "0-0"
            for shard, last in zip(shards, lasts, strict=True)
        }

    def keep_matching(self, query: EventQuery, events: list[tuple[str, str]]) -> set[str]:
        """Of (shard, TaggedEvent JSON) pairs, the event ids `query` matches: the same indexes
        and bounds /v1/events reads, checked for these events only (the live stream)."""
        if query.is_everything():
            return {json.loads(raw)["event_id"] for _, raw in events}
        # An event on the stream was stored a moment ago and its words may not be indexed
        # yet (word_index.py): `q` is matched on its own text.
        words = set(query.words)
        query = replace(query, words=())
        keys: dict[str, list[str]] = {}
        ids: dict[str, str] = {}
        for shard, raw in events:
            data = json.loads(raw)
            if words and not words.issubset(event_words(data)):
                continue
            key = _stream_sort_key(data)
            keys.setdefault(shard, []).append(key)
            ids[key] = data["event_id"]
        return {ids[key] for key in self.keys_matching(query, keys)}

    def keys_matching(self, query: EventQuery, keys: dict[str, list[str]]) -> set[str]:
        """Of sort keys per shard, those `query` matches: inside its received window, in one
        index of every filter group, and happened in its day range."""
        window = query.window(None)
        lower = window.lower[1:] if window.lower != "-" else ""
        upper = window.upper[1:] if window.upper != "+" else None
        inside = {
            shard: [k for k in found if k[:15] >= lower and (upper is None or k[:15] < upper)]
            for shard, found in keys.items()
        }
        inside = {shard: found for shard, found in inside.items() if found}
        groups = query.index_groups()
        if inside and (groups or query.dates_occurred()):
            inside = self._in_every(inside, groups, query)
        return {key for found in inside.values() for key in found}

    def read_stream(
        self, positions: dict[str, str], count: int = 100
    ) -> list[tuple[str, str, str]]:
        """Entries after `positions` (shard -> entry id) in every shard: (shard, entry id, event id).

        Shards not in `positions` (new since the reader started) are read from their start.
        """
        shards, [per_shard] = self._over_shards(
            lambda pipe, shard: pipe.xread(
                {shard + "stream": positions.get(shard, "0-0")}, count=count
            )
        )
        out = []
        for shard, entries in zip(shards, per_shard, strict=True):
            for _, items in entries or []:
                for entry_id, fields in items:
                    out.append((shard, text(entry_id), text(fields[b"event_id"])))
        return out


def _stream_sort_key(data: dict[str, Any]) -> str:
    """The sort key the projector indexed a stored event's JSON under."""
    update = data["event"]
    received = datetime.fromisoformat(update["received_at"].replace("Z", "+00:00"))
    return key_of(received, int(update["position"]), data["event_id"])


__all__ = ["BadCursor", "EventQuery", "ShardCommand", "StateStore", "summed"]
