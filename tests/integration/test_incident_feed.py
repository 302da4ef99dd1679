"""Incident updates on Kafka (`sitrep.incidents`) and on /v1/stream: folding the published
updates (highest version per incident id, drop as a tombstone) gives exactly the incidents
stored, however the relay is interrupted, shared or left behind."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from typing import Any

import pytest
import redis
from kafka import KafkaProducer

from sitrep_api.incident_feed import HEADERS, IncidentRelay, changes_of, current_updates
from sitrep_api.incidents.blocking import link_all
from sitrep_api.incidents.grouping import components
from sitrep_api.incidents.report import report_of
from sitrep_api.resolver import Resolver
from sitrep_cli.embedded import create_topics
from sitrep_runtime.service import LazyProducer
from sitrep_schemas import TaggedEvent
from sitrep_schemas.incidents import Incident, IncidentUpdate
from tests.conftest import read_topic
from tests.integration.test_resolver import stored_grouping, stored_incidents

pytestmark = pytest.mark.integration


def relay_for(client: redis.Redis, bootstrap: str, prefix: str) -> IncidentRelay:
    topic = f"{prefix}.incidents"
    create_topics(bootstrap, [topic], 3)
    producer = LazyProducer(lambda: KafkaProducer(bootstrap_servers=bootstrap, acks="all"))
    return IncidentRelay(client, producer, topic, prefix, batch=7)


def fold(records: list[Any]) -> tuple[dict[str, IncidentUpdate], list[IncidentUpdate]]:
    """The latest update per incident id, and every update in the order read."""
    latest: dict[str, IncidentUpdate] = {}
    updates = []
    for record in records:
        update = IncidentUpdate.model_validate_json(record.value)
        assert record.key.decode() == update.incident_id
        assert dict(record.headers) == dict(HEADERS)
        updates.append(update)
        held = latest.get(update.incident_id)
        if held is None or update.version >= held.version:
            latest[update.incident_id] = update
    return latest, updates


def assert_fold_matches(client: redis.Redis, prefix: str, records: list[Any]) -> None:
    latest, _ = fold(records)
    live = {i: u for i, u in latest.items() if u.op == "put"}
    views = stored_incidents(client, prefix)
    assert set(live) == set(views)
    for iid, update in live.items():
        assert update.incident == Incident.model_validate(views[iid])
    membership = {eid: iid for iid, u in live.items() for eid in u.event_ids}
    assert membership == stored_grouping(client, prefix)


def with_a_late_merge(tagged: list[TaggedEvent]) -> list[TaggedEvent]:
    """The reports with the smallest report of the biggest incident moved to the end: the
    incident exists, under another report's id, until that report arrives and names it, so
    an update must drop the old id whatever the tagger's output (not only when the set's
    order happens to join two incidents late)."""
    reports = [report_of(t) for t in tagged]
    biggest = max(components((r.event_id for r in reports), link_all(reports)), key=len)
    assert len(biggest) >= 3, "the tuning set has incidents of several reports"
    late = min(biggest)
    return [t for t in tagged if t.event_id != late] + [t for t in tagged if t.event_id == late]


def drain(relay: IncidentRelay) -> int:
    sent = 0
    while n := relay.step():
        sent += n
    return sent


def test_published_updates_fold_to_the_stored_incidents(
    redis_client: redis.Redis, kafka_bootstrap: str, tagged: list[TaggedEvent]
) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    relay = relay_for(redis_client, kafka_bootstrap, prefix)
    resolver = Resolver(redis_client, prefix)
    sent = 0
    arrivals = with_a_late_merge(tagged)
    for start in range(0, len(arrivals), 9):  # publish between batches: merges happen later
        resolver.resolve(arrivals[start : start + 9])
        sent += drain(relay)
    records = read_topic(kafka_bootstrap, relay.topic, sent)
    assert len(records) == sent
    assert_fold_matches(redis_client, prefix, records)
    latest, updates = fold(records)
    drops = [u for u in latest.values() if u.op == "drop"]
    assert drops, "batches that arrive apart merge incidents, and the merged ones are dropped"
    for drop in drops:  # a chain of merges (A into B, then B into C) ends at a live incident
        seen, target = set(), drop.merged_into
        while target is not None and latest[target].op == "drop" and target not in seen:
            seen.add(target)
            target = latest[target].merged_into
        assert target is not None and latest[target].op == "put"
    versions = [(u.incident_id, u.version) for u in updates]
    assert len(set(versions)) == len(versions)  # no update published twice
    assert drain(relay) == 0


def test_a_relay_that_dies_before_its_cursor_moves_publishes_again_and_the_fold_holds(
    redis_client: redis.Redis, kafka_bootstrap: str, tagged: list[TaggedEvent]
) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    relay = relay_for(redis_client, kafka_bootstrap, prefix)
    Resolver(redis_client, prefix).resolve(tagged[:30])

    def die(entry_id: str, count: int) -> None:
        raise redis.ConnectionError("killed between the broker's ack and the cursor")

    original = relay._move_cursor
    relay._move_cursor = die  # type: ignore[method-assign]
    with pytest.raises(redis.ConnectionError):
        relay.step()
    assert relay.cursor() == ("0-0", 0)
    relay._move_cursor = original  # type: ignore[method-assign]
    Resolver(redis_client, prefix).resolve(tagged[30:])
    sent = drain(relay)
    records = read_topic(kafka_bootstrap, relay.topic, sent + 1)
    assert len(records) > sent  # the first batch went out twice
    assert_fold_matches(redis_client, prefix, records)


def test_one_relay_publishes_at_a_time(
    redis_client: redis.Redis, kafka_bootstrap: str, tagged: list[TaggedEvent]
) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    one = relay_for(redis_client, kafka_bootstrap, prefix)
    other = relay_for(redis_client, kafka_bootstrap, prefix)
    Resolver(redis_client, prefix).resolve(tagged)
    assert one.step() > 0
    assert other.step() == 0  # the lease is one's
    one.release()
    assert drain(other) > 0 and drain(one) == 0


def test_a_relay_left_behind_the_capped_stream_republishes_everything(
    redis_client: redis.Redis, kafka_bootstrap: str, tagged: list[TaggedEvent]
) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    relay = relay_for(redis_client, kafka_bootstrap, prefix)
    resolver = Resolver(redis_client, prefix)
    resolver.resolve(tagged[:20])
    sent = drain(relay)
    stream = f"{prefix}:{{inc}}:stream"
    redis_client.xtrim(stream, maxlen=0, approximate=False)  # published entries trimmed: no gap
    resolver.resolve(tagged[20:25])
    fresh = len(
        {
            u.incident_id
            for u in current_updates(
                redis_client, relay.keys, changes_of(list(redis_client.xrange(stream) or []))
            )
        }
    )
    assert relay.step() == fresh
    sent += fresh
    resolver.resolve(tagged[25:])
    redis_client.xtrim(
        f"{prefix}:{{inc}}:stream", maxlen=1, approximate=False
    )  # unpublished entries trimmed
    snapshot = relay.step()
    assert snapshot == len(stored_incidents(redis_client, prefix))
    assert drain(relay) == 0
    records = read_topic(kafka_bootstrap, relay.topic, sent + snapshot)
    latest, _ = fold(records)
    live = {i for i, u in latest.items() if u.op == "put"}
    # every stored incident is published as it stands; incidents merged away while the
    # relay was behind stay as their last put (their members moved: the fold's
    # membership by highest version still names the incident that holds them now)
    assert set(stored_incidents(redis_client, prefix)) <= live


def stream_incidents(
    redis_url: str, prefix: str, limit: int, **filters: str
) -> list[IncidentUpdate]:
    """The first `limit` incident messages of /v1/stream, replayed from the start."""
    from fastapi.testclient import TestClient

    from sitrep_api.app import create_app
    from sitrep_api.settings import Settings

    with TestClient(create_app(Settings(redis_url=redis_url, redis_prefix=prefix))) as api:
        params: dict[str, Any] = {"limit": limit, "updates": "incident", **filters}
        with api.stream("GET", "/v1/stream", params=params, headers={"Last-Event-ID": "0"}) as r:
            names, data = [], []
            for line in r.iter_lines():
                if line.startswith("event: "):
                    names.append(line[7:])
                elif line.startswith("data: "):
                    data.append(IncidentUpdate.model_validate(json.loads(line[6:])))
    assert set(names) == {"incident"}
    return data


def test_stream_sends_incident_updates(redis_url: str, tagged: list[TaggedEvent]) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(redis_url)
    Resolver(client, prefix).resolve(tagged[:12])
    views = stored_incidents(client, prefix)
    client.close()
    data = stream_incidents(redis_url, prefix, len(views))
    assert {u.incident_id for u in data if u.op == "put"} == set(views)


def test_stream_sends_the_incidents_its_filters_match(
    redis_url: str, tagged: list[TaggedEvent]
) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(redis_url)
    Resolver(client, prefix).resolve(tagged[:40])
    views = stored_incidents(client, prefix)
    client.close()
    categories = Counter(v["category"] for v in views.values())
    assert len(categories) >= 2, "the reports have incidents of several categories"
    category = min(categories, key=lambda c: (categories[c], c))  # the rarest: most filtered out
    wanted = {iid for iid, v in views.items() if v["category"] == category}
    data = stream_incidents(redis_url, prefix, len(wanted), category=category)
    assert all(u.op == "put" and u.incident and u.incident.category == category for u in data)
    assert {u.incident_id for u in data} == wanted


def test_an_update_lists_at_most_max_event_ids_reports(
    redis_client: redis.Redis, tagged: list[TaggedEvent], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitrep_api.incident_feed as feed

    prefix = f"t{uuid.uuid4().hex[:10]}"
    Resolver(redis_client, prefix).resolve(tagged)
    monkeypatch.setattr(feed, "MAX_EVENT_IDS", 2)
    views = stored_incidents(redis_client, prefix)
    big = next(iid for iid, v in views.items() if v["report_count"] > 2)
    [update] = current_updates(redis_client, f"{prefix}:{{inc}}:", [(big, "")])
    members = sorted(e for e, i in stored_grouping(redis_client, prefix).items() if i == big)
    assert update.event_ids == members[:2] and update.event_ids_complete is False
    small = next(iid for iid, v in views.items() if v["report_count"] == 1)
    [whole] = current_updates(redis_client, f"{prefix}:{{inc}}:", [(small, "")])
    assert len(whole.event_ids) == 1 and whole.event_ids_complete is True
