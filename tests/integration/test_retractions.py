"""Retractions: a feed withdraws an item it sent; the aggregate drops what it counted exactly
once, in whichever order the item and its withdrawal arrive, and its incident is what the
remaining reports make of it."""

from __future__ import annotations

import uuid
import zlib
from datetime import UTC, datetime
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from sitrep_api.incident_queries import IncidentQueries
from sitrep_api.resolver import Resolver
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_api.store import StateStore
from sitrep_api.word_index import WordIndexer
from sitrep_ingest.app import create_app as create_ingest
from sitrep_ingest.settings import Settings as IngestSettings
from sitrep_schemas import Retraction, TaggedEvent
from tests.conftest import read_topic
from tests.integration.test_projector_store import dump
from tests.integration.test_resolver import stored_grouping, stored_incidents
from tests.integration.test_word_index import word_index

pytestmark = pytest.mark.integration
TOPIC = "t.tagged"


def partition_of(event: TaggedEvent) -> int:
    """Keyed by source, as ingest and the classifier key them."""
    return zlib.crc32(event.event.source.encode()) % 3


class Pipeline:
    """The projector's two steps on one key prefix: store, then resolve."""

    def __init__(self, client: redis.Redis) -> None:
        self.prefix = f"t{uuid.uuid4().hex[:10]}"
        self.client = client
        self.store = StateStore(client, self.prefix)
        self.writer = StateWriter(client, self.prefix)
        self.resolver = Resolver(client, self.prefix)
        self.words = WordIndexer(client, self.prefix)
        self.offsets = [0, 0, 0]

    def apply(self, events: list[TaggedEvent]) -> list[int]:
        records = []
        for event in events:
            p = partition_of(event)
            records.append(AppliedRecord(TOPIC, p, self.offsets[p], event))
            self.offsets[p] += 1
        statuses = self.writer.apply(records)
        self.resolver.resolve(events)  # it remembers withdrawals on its own
        self.words.catch_up()
        return statuses

    def retract(self, events: list[TaggedEvent], source: str | None = None) -> list[int]:
        retractions = [
            (
                partition_of(e),
                Retraction(
                    event_id=e.event_id,
                    source=source or e.event.source,
                    retracted_at=datetime.now(UTC),
                ),
            )
            for e in events
        ]
        statuses = self.writer.retract(retractions)
        self.resolver.resolve([], withdrawn=[(r.event_id, r.source) for _, r in retractions])
        self.words.catch_up()
        return statuses

    def state(self) -> dict[str, Any]:
        """What the aggregate says: totals, the incidents and who is in them."""
        state = self.store.state()
        return {
            "summary": {k: state[k] for k in ("events_stored", "events_tallied", "by_category")},
            "incident_tallies": IncidentQueries(self.client, self.prefix).summary(),
            "incidents": stored_incidents(self.client, self.prefix),
            "grouping": stored_grouping(self.client, self.prefix),
            "words": word_index(self.client, self.prefix),
        }


def test_a_withdrawn_report_leaves_as_if_it_never_came(
    redis_client: redis.Redis, tagged: list[TaggedEvent]
) -> None:
    full = Pipeline(redis_client)
    full.apply(tagged)
    incidents = stored_incidents(redis_client, full.prefix)
    grouping = stored_grouping(redis_client, full.prefix)
    # a report of a multi-source incident with a killed figure
    shared = next(
        e
        for e in tagged
        if incidents[grouping[e.event_id]]["source_count"] > 1
        and "killed" in incidents[grouping[e.event_id]]["figures"]
    )
    assert full.retract([shared]) == [1]
    without = Pipeline(redis_client)
    without.apply([e for e in tagged if e is not shared])
    after = full.state()
    expected = without.state()
    assert after["incidents"] == expected["incidents"]
    assert after["grouping"] == expected["grouping"]
    assert after["summary"] == expected["summary"]
    assert after["incident_tallies"] == expected["incident_tallies"]
    assert after["words"] == expected["words"]
    # exactly once: again, and the item delivered again, change nothing
    before = dump(redis_client, full.prefix, skip=("offsets",))  # a new offset is recorded
    assert full.retract([shared]) == [0]
    assert full.apply([shared]) == [4]
    assert dump(redis_client, full.prefix, skip=("offsets",)) == before


def test_a_withdrawal_that_overtakes_its_item_keeps_it_out(
    redis_client: redis.Redis, tagged: list[TaggedEvent]
) -> None:
    early = Pipeline(redis_client)
    gone = tagged[:3]
    assert early.retract(gone) == [2, 2, 2]
    assert early.apply(tagged) == [4, 4, 4] + [1] * (len(tagged) - 3)
    without = Pipeline(redis_client)
    without.apply(tagged[3:])
    assert early.state()["incidents"] == without.state()["incidents"]
    assert early.state()["words"] == without.state()["words"]
    assert early.state()["summary"]["events_stored"] == len(tagged) - 3


def test_only_its_own_source_withdraws_an_item(
    redis_client: redis.Redis, tagged: list[TaggedEvent]
) -> None:
    pipeline = Pipeline(redis_client)
    pipeline.apply(tagged[:5])
    before = dump(redis_client, pipeline.prefix)
    assert pipeline.retract(tagged[:1], source="someone-else") == [-1]
    assert dump(redis_client, pipeline.prefix) == before


def test_ingest_publishes_withdrawals_of_what_it_accepted(isolated: dict[str, Any]) -> None:
    settings = IngestSettings(**isolated)
    bulletin = (
        b"Frontline digest, 3 March 2025\n- Strike: A drone hit a depot in Sumy, killing 2.\n"
    )
    with TestClient(create_ingest(settings)) as ingest:
        accepted = ingest.post(
            "/v1/feeds", params={"source": "desk-a"}, content=bulletin,
            headers={"Content-Type": "text/plain"},
        ).json()  # fmt: skip
        [event_id] = accepted["event_ids"]
        missing = ingest.post("/v1/retractions", json={"event_ids": [event_id]})
        assert missing.status_code == 400 and "source" in missing.json()["detail"]
        unknown = ingest.post(
            "/v1/retractions", params={"source": "desk-a"}, json={"event_ids": ["0" * 32]}
        )
        assert unknown.status_code == 404 and unknown.json()["unknown"] == ["0" * 32]
        bad = ingest.post("/v1/retractions", params={"source": "desk-a"}, json={"event_ids": []})
        assert bad.status_code == 400
        done = ingest.post(
            "/v1/retractions",
            params={"source": "desk-a"},
            json={"event_ids": [event_id, "1" * 32], "reason": "sent in error"},
        )
        assert done.status_code == 202
        assert done.json() == {"retracted": [event_id], "unknown": ["1" * 32]}
    [record] = read_topic(settings.kafka_bootstrap, settings.topic_retractions, 1)
    retraction = Retraction.model_validate_json(record.value)
    assert record.key == b"desk-a"
    assert (retraction.event_id, retraction.source, retraction.reason) == (
        event_id,
        "desk-a",
        "sent in error",
    )
