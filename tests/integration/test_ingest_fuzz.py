"""Generated bodies against the real endpoint and broker: never a 5xx, the service stays healthy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep_ingest.app import create_app
from sitrep_ingest.parsers.dispatch import MEDIA_TYPES
from sitrep_ingest.settings import Settings
from tests.unit.test_hostile_input import BODIES

pytestmark = pytest.mark.integration
STATUSES: Counter[int] = Counter()


@pytest.fixture(scope="module")
def client(kafka_bootstrap: str, redis_url: str) -> Iterator[TestClient]:
    from sitrep_cli.embedded import create_topics

    settings = Settings(kafka_bootstrap=kafka_bootstrap, redis_url=redis_url, topic_raw="fuzz.raw",
                        redis_prefix="fuzz", ingest_max_body_bytes=64_000)  # fmt: skip
    create_topics(kafka_bootstrap, ["fuzz.raw"], 3)
    with TestClient(create_app(settings)) as c:
        yield c
    print(
        f"\nfuzzed the endpoint: {sum(STATUSES.values())} bodies, statuses {dict(sorted(STATUSES.items()))}"
    )


@settings(max_examples=1000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    body=BODIES, ctype=st.sampled_from([*MEDIA_TYPES, "image/png", "application/octet-stream", ""])
)
def test_generated_bodies_get_4xx_or_202_never_5xx(
    client: TestClient, body: Any, ctype: str
) -> None:
    response = client.post(
        "/v1/feeds", content=body, headers={"Content-Type": ctype} if ctype else {}
    )
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"]
    else:
        assert response.status_code == 202 and response.json()["event_ids"]


def test_still_healthy_after_the_fuzz(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
