"""Optional read-side API keys and the per-client rate limit, over a real Redis."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from sitrep_api.access import window_count
from sitrep_api.app import create_app
from sitrep_api.settings import Settings

pytestmark = pytest.mark.integration


def api_with(redis_url: str, **settings: Any) -> Iterator[TestClient]:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    with TestClient(
        create_app(Settings(redis_url=redis_url, redis_prefix=prefix, **settings))
    ) as api:
        yield api


def clear_of_the_minute_edge(margin_s: float = 5.0) -> None:
    """The limiter's windows end on the minute: a counting test that straddled the edge would
    start a new count halfway (it once saw 200, 200, 200). Wait out a minute's last seconds."""
    left = 60 - time.time() % 60
    if left < margin_s:
        time.sleep(left + 0.05)


@pytest.fixture
def keyed(redis_url: str) -> Iterator[TestClient]:
    yield from api_with(
        redis_url, api_keys={"k-alice": "alice", "k-bob": "bob"}, api_rate_per_minute=3
    )


def test_reads_need_a_known_key_when_keys_are_configured(keyed: TestClient) -> None:
    missing = keyed.get("/v1/state")
    assert missing.status_code == 401
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert keyed.get("/v1/state", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert keyed.get("/v1/state", headers={"Authorization": "Bearer k-alice"}).status_code == 200
    assert keyed.get("/v1/taxonomy", headers={"X-API-Key": "k-bob"}).status_code == 200
    # the dashboard's way: a browser's EventSource and links send cookies, not headers
    keyed.cookies.set("sitrep_api_key", "k-bob")
    assert keyed.get("/v1/events.csv").status_code == 200
    keyed.cookies.set("sitrep_api_key", "nope")
    assert keyed.get("/v1/events.csv").status_code == 401
    keyed.cookies.clear()
    # health, readiness and metrics are for the platform, not for readers
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/metrics").status_code == 200


def test_each_key_has_its_own_count_and_the_excess_is_a_429_with_retry_after(
    keyed: TestClient,
) -> None:
    alice = {"Authorization": "Bearer k-alice"}
    clear_of_the_minute_edge()
    assert [keyed.get("/v1/facets", headers=alice).status_code for _ in range(3)] == [200] * 3
    over = keyed.get("/v1/facets", headers=alice)
    assert over.status_code == 429
    assert over.json()["type"].endswith("rate-limited") and over.json()["limit"] == 3
    assert 1 <= int(over.headers["retry-after"]) <= 60
    assert keyed.get("/v1/facets", headers={"X-API-Key": "k-bob"}).status_code == 200


def test_without_keys_the_limit_counts_per_client_address(redis_url: str) -> None:
    for api in api_with(redis_url, api_rate_per_minute=2):
        clear_of_the_minute_edge()
        assert [api.get("/v1/state").status_code for _ in range(3)] == [200, 200, 429]


def test_off_by_default(redis_url: str) -> None:
    for api in api_with(redis_url):
        assert all(api.get("/v1/state").status_code == 200 for _ in range(5))


def test_the_window_is_shared_through_redis_and_ends_on_the_minute(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    prefix = f"t{uuid.uuid4().hex[:10]}"
    assert window_count(client, prefix, "key:x", 120.0) == (1, 60)
    assert window_count(client, prefix, "key:x", 150.5) == (2, 30)  # another process, same window
    assert window_count(client, prefix, "key:x", 180.0) == (1, 60)  # the next minute
    client.close()
