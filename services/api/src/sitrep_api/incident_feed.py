"""Publish every incident change to Kafka (`sitrep.incidents`): the outbox relay.

The resolver's commit script appends one entry per incident it writes or drops to the
incident stream (`{prefix}:{inc}:stream`) in the same atomic step as the change, so the
stream is a transactional outbox: nothing changes without an entry. The relay reads the
stream from its cursor, publishes each changed incident *as it now stands* (one
`IncidentUpdate`, keyed by incident id, with the incident's version), waits for the broker
to acknowledge (acks=all), and only then moves its cursor. A crash between the two
publishes some updates again: at least once, and harmless, because a consumer keeps the
highest version per incident id.

One relay publishes at a time: a lease in Redis names the holder, and the cursor moves
only while the mover holds it (a fenced write), so two projectors do not interleave.
The stream is capped; a relay that fell behind past the cap (entries past its cursor were
trimmed unpublished, told by the stream's `entries-added` count) republishes every live
incident instead, a snapshot.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from kafka.errors import KafkaError
from prometheus_client import CollectorRegistry, Counter
from redis import RedisError

from sitrep_api.keyspace import incident_keys, text
from sitrep_runtime.service import LazyProducer, StopRequest
from sitrep_schemas.incidents import IncidentUpdate
from sitrep_schemas.topics import INCIDENT_UPDATE_SCHEMA, record_headers

log = logging.getLogger(__name__)

HEADERS = record_headers(INCIDENT_UPDATE_SCHEMA)
MAX_EVENT_IDS = 1000  # per update; an incident with more lists its first 1,000 by id

# Take or keep the lease (KEYS[1]) for ARGV[1] for ARGV[2] ms: 1 when held.
_LEASE = """
local holder = redis.call('GET', KEYS[1])
if not holder or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""
# Move the cursor (KEYS[2]) to ARGV[2] only while ARGV[1] holds the lease (KEYS[1]).
_ADVANCE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[2], ARGV[2])
return 1
"""
# Give the lease (KEYS[1]) up if ARGV[1] holds it.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


def _stream_id(entry_id: str) -> tuple[int, int]:
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


def updates_of(
    changed: list[tuple[str, str]], read: dict[str, tuple[Any, int, list[str]]]
) -> list[IncidentUpdate]:
    """The updates to publish: one per incident, as it stands now.

    `changed` is (incident id, merged-into id or '') in stream order; `read` holds each
    incident's stored view (None when gone), version and member ids."""
    into: dict[str, str] = {}
    for iid, target in changed:
        into[iid] = target
    out = []
    for iid in into:
        view, version, members = read[iid]
        if view is not None:
            incident = json.loads(view)
            out.append(
                IncidentUpdate(
                    op="put",
                    incident_id=iid,
                    version=max(version, 1),
                    event_ids=sorted(members),
                    event_ids_complete=len(members) >= incident["report_count"],
                    incident=incident,
                )
            )
        else:
            out.append(
                IncidentUpdate(
                    op="drop",
                    incident_id=iid,
                    version=max(version, 1),
                    merged_into=into[iid] or None,
                )
            )
    return out


def current_updates(client: Any, keys: str, changed: list[tuple[str, str]]) -> list[IncidentUpdate]:
    """`updates_of` the incidents in `changed`, read from the incident keyspace `keys` in
    one transaction (one hash slot), so a view and its version agree."""
    ids = list(dict.fromkeys(iid for iid, _ in changed))
    if not ids:
        return []
    pipe = client.pipeline(transaction=True)
    for iid in ids:
        pipe.hget(keys + "incident", iid)
        pipe.hget(keys + "ver", iid)
        # the first MAX_EVENT_IDS report ids in id order, sorted by Redis: a record stays
        # small however many reports an incident has (report_count has them all)
        pipe.sort(keys + "members:" + iid, start=0, num=MAX_EVENT_IDS, alpha=True)
    answers = pipe.execute()
    read = {
        iid: (answers[3 * i], int(answers[3 * i + 1] or 0), [text(m) for m in answers[3 * i + 2]])
        for i, iid in enumerate(ids)
    }
    return updates_of(changed, read)


def changes_of(entries: list[Any]) -> list[tuple[str, str]]:
    """(incident id, merged-into id or '') of incident stream entries."""
    return [(text(fields[b"incident_id"]), text(fields.get(b"into", b""))) for _, fields in entries]


@dataclass
class IncidentRelay:
    client: Any  # redis.Redis or RedisCluster
    producer: LazyProducer
    topic: str
    prefix: str = "sitrep"
    batch: int = 500
    lease_ms: int = 15_000
    send_timeout_s: float = 30.0
    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    registry: CollectorRegistry | None = None

    def __post_init__(self) -> None:
        keys = incident_keys(self.prefix)
        self.stream, self.cursor_key, self.lease_key = (
            keys + "stream",
            keys + "relayed",
            keys + "relay",
        )
        self.keys = keys
        self._lease = self.client.register_script(_LEASE)
        self._advance = self.client.register_script(_ADVANCE)
        self._release = self.client.register_script(_RELEASE)
        self.published = Counter(
            "sitrep_incident_updates",
            "Incident updates published to Kafka, by op",
            ["op"],
            registry=self.registry,
        )

    def cursor(self) -> tuple[str, int]:
        """The last entry published and how many entries the stream had had up to it."""
        value = text(self.client.get(self.cursor_key) or b"0-0 0")
        entry_id, _, count = value.partition(" ")
        return entry_id, int(count or 0)

    def step(self) -> int:
        """Publish what changed since the cursor; the number of updates sent (0: nothing to
        do, or another relay holds the lease)."""
        if not int(self._lease(keys=[self.lease_key], args=[self.owner, self.lease_ms])):
            return 0
        if not self.client.exists(self.stream):
            return 0
        cursor, done = self.cursor()
        pipe = self.client.pipeline(transaction=True)  # the stream's counts and entries agree
        pipe.xinfo_stream(self.stream)
        pipe.xrange(self.stream, min="(" + cursor, count=self.batch)
        info, entries = pipe.execute()
        # The capped stream drops its oldest entries; `entries-added - length` of them so far.
        # Entries past the cursor that were dropped unpublished leave a gap: publish all.
        first = info.get("first-entry")
        first_number = int(info["entries-added"]) - int(info["length"]) + 1
        if first and _stream_id(text(first[0])) > _stream_id(cursor) and first_number > done + 1:
            return self._snapshot(text(info["last-generated-id"]), int(info["entries-added"]))
        if not entries:
            return 0
        sent = self._publish(changes_of(entries))
        self._move_cursor(text(entries[-1][0]), done + len(entries))
        return sent

    def _snapshot(self, head: str, added: int) -> int:
        """Republish every live incident, then move the cursor to the stream's head."""
        log.warning("incident relay fell behind the capped stream: republishing every incident")
        sent, scan = 0, 0
        while True:
            scan, ids = self.client.hscan(self.keys + "incident", scan, count=self.batch)
            sent += self._publish([(text(i), "") for i in ids])
            if not scan:
                break
        self._move_cursor(head, added)
        return sent

    def _publish(self, changed: list[tuple[str, str]]) -> int:
        if not changed:
            return 0
        updates = current_updates(self.client, self.keys, changed)
        producer = self.producer.get()
        futures = [
            producer.send(
                self.topic,
                key=u.incident_id.encode(),
                value=u.model_dump_json().encode(),
                headers=HEADERS,
            )
            for u in updates
        ]
        producer.flush(timeout=self.send_timeout_s)
        for future in futures:
            future.get(timeout=self.send_timeout_s)
        for u in updates:
            self.published.labels(u.op).inc()
        return len(updates)

    def _move_cursor(self, entry_id: str, count: int) -> None:
        cursor = f"{entry_id} {count}"
        if not int(
            self._advance(keys=[self.lease_key, self.cursor_key], args=[self.owner, cursor])
        ):
            log.warning(
                "incident relay lost its lease while publishing; the next holder repeats it"
            )

    def run(self, stop: StopRequest, idle_s: float = 0.1, interval_s: float = 0.5) -> None:
        """Step until `stop`; a Redis or Kafka error backs off and tries again (nothing is
        skipped: the cursor only moves after the broker acknowledged). After a step that
        published, wait `interval_s`: an incident that keeps changing (a flood of copies
        joining it) is published at most that often, with the changes coalesced."""
        backoff = 0.5
        while not stop.is_set():
            try:
                sent = self.step()
                backoff = 0.5
            except (RedisError, KafkaError) as exc:
                log.warning("incident relay failed, retrying in %.1fs: %s", backoff, exc)
                self.producer.after_failure(exc)
                stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
                continue
            stop.wait(idle_s if sent == 0 else interval_s)

    def release(self) -> None:
        """Give the lease up (on a clean stop), so another relay takes over at once."""
        self._release(keys=[self.lease_key], args=[self.owner])


__all__ = ["HEADERS", "IncidentRelay", "changes_of", "current_updates", "updates_of"]
