"""ETag / If-None-Match and kept answers over a real Redis: an answer lives until a write."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import redis
from fastapi.testclient import TestClient

from sitrep_api.app import create_app
from sitrep_api.resolver import Resolver
from sitrep_api.settings import Settings
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_schemas import Retraction
from tests.integration.test_projector_store import TOPIC, seed_tagged

pytestmark = pytest.mark.integration


@pytest.fixture
def half_loaded(redis_url: str) -> Iterator[tuple[TestClient, StateWriter, redis.Redis]]:
    """An api over the first half of the seed; the test writes the rest."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(redis_url)
    store = StateWriter(client, prefix)
    events = seed_tagged()
    store.apply([AppliedRecord(TOPIC, 0, i, ev) for i, ev in enumerate(events[:3])])
    with TestClient(create_app(Settings(redis_url=redis_url, redis_prefix=prefix))) as api:
        yield api, store, client
    client.close()


def test_an_answer_is_not_modified_until_the_state_changes(
    half_loaded: tuple[TestClient, StateWriter, redis.Redis],
) -> None:
    api, store, client = half_loaded
    first = api.get("/v1/events", params={"limit": 5})
    etag = first.headers["etag"]
    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    again = api.get("/v1/events", params={"limit": 5}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    # the same question without the tag: the kept bytes, the same tag
    kept = api.get("/v1/events", params={"limit": 5})
    assert (kept.status_code, kept.content, kept.headers["etag"]) == (200, first.content, etag)
    # another question is another answer
    other = api.get("/v1/events", params={"limit": 4})
    assert other.headers["etag"] != etag

    # a write (a new shard here) changes every tag
    events = seed_tagged()
    store.apply([AppliedRecord(TOPIC, 1, 0, events[3])])
    after = api.get("/v1/events", params={"limit": 5}, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag
    assert events[3].event_id in {e["event_id"] for e in after.json()["items"]}

    # a replayed record changes nothing: the tag holds
    store.apply([AppliedRecord(TOPIC, 1, 0, events[3])])
    same = api.get(
        "/v1/events", params={"limit": 5}, headers={"If-None-Match": after.headers["etag"]}
    )
    assert same.status_code == 304

    # a retraction and the incidents' resolution are writes too
    tag = after.headers["etag"]
    event = events[3]
    withdrawn = Retraction(
        event_id=event.event_id, source=event.event.source, retracted_at=datetime.now(UTC)
    )
    store.retract([(1, withdrawn)])
    gone = api.get("/v1/events", params={"limit": 5}, headers={"If-None-Match": tag})
    assert gone.status_code == 200 and event.event_id not in gone.text
    tag = gone.headers["etag"]
    Resolver(client, store.prefix).resolve(events[:3])
    resolved = api.get("/v1/incidents", headers={"If-None-Match": tag})
    assert resolved.status_code == 200 and resolved.json()["items"]


def test_not_modified_and_kept_answers_only_after_the_key_check(redis_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    settings = Settings(redis_url=redis_url, redis_prefix=prefix, api_keys={"k-alice": "alice"})
    with TestClient(create_app(settings)) as api:
        ok = api.get("/v1/state", headers={"X-API-Key": "k-alice"})
        etag = ok.headers["etag"]
        assert api.get("/v1/state", headers={"If-None-Match": etag}).status_code == 401
        assert api.get("/v1/state").status_code == 401  # the kept answer is not given either
        keyed = {"X-API-Key": "k-alice", "If-None-Match": etag}
        assert api.get("/v1/state", headers=keyed).status_code == 304


def test_the_live_stream_is_never_tagged(
    half_loaded: tuple[TestClient, StateWriter, redis.Redis],
) -> None:
    api, _, _ = half_loaded
    headers = {"Last-Event-ID": "0"}
    with api.stream("GET", "/v1/stream", params={"limit": 1}, headers=headers) as response:
        assert response.status_code == 200 and "etag" not in response.headers
        assert any(line.startswith("data: ") for line in response.iter_lines())
