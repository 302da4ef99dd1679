"""Every hostile body against ingest on the real broker: a 4xx that says what is wrong, nothing
published, the service healthy; then a good body still goes through."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep_ingest.app import create_app
from sitrep_ingest.settings import Settings
from tests.conftest import SEED_BULLETIN, read_topic
from tests.unit.test_hostile_input import BILLION_LAUGHS, EXTERNAL_ENTITY

pytestmark = pytest.mark.integration
HOSTILE: list[tuple[str, bytes | str, str, int]] = [
    ("billion laughs", BILLION_LAUGHS, "application/rss+xml", 400),
    ("external entity", EXTERNAL_ENTITY, "application/atom+xml", 400),
    ("malformed XML", "<rss><channel><item>", "application/rss+xml", 400),
    ("malformed JSON", '{"text": "a",', "application/json", 400),
    ("invalid UTF-8", b"- caf\xe9 bombed\n", "text/plain", 400),
    ("binary junk", bytes(range(256)) * 8, "text/plain", 400),
    ("wrong types", '[{"text": ["not", "a", "string"]}]', "application/json", 422),
    ("deep nesting", "[" * 40 + "]" * 40, "application/json", 400),
    ("empty", "", "text/plain", 422),
    ("whitespace only", " \n\t\n ", "application/x-ndjson", 422),
    ("huge single line", "- " + "y" * 150_000, "text/plain", 413),
    ("too big", "- x\n" * 600_000, "text/plain", 413),
    ("unknown type", "- x", "image/gif", 415),
]


@pytest.fixture
def setup(isolated: dict[str, Any]) -> Iterator[tuple[TestClient, Settings]]:
    settings = Settings(**isolated, ingest_max_body_bytes=2_000_000)
    with TestClient(create_app(settings)) as client:
        yield client, settings


def test_hostile_bodies_are_refused_and_nothing_is_published(
    setup: tuple[TestClient, Settings],
) -> None:
    client, settings = setup
    for name, body, ctype, status in HOSTILE:
        response = client.post("/v1/feeds", content=body, headers={"Content-Type": ctype})
        assert response.status_code == status, (name, response.text)
        problem = response.json()
        assert response.headers["content-type"] == "application/problem+json", name
        assert problem["status"] == status and problem["detail"] and problem["type"], name
        assert client.get("/healthz").status_code == 200
    good = client.post(
        "/v1/feeds", content=SEED_BULLETIN.read_bytes(), headers={"Content-Type": "text/plain"}
    )
    assert good.status_code == 202 and good.json()["accepted"] == 14
    assert len(read_topic(settings.kafka_bootstrap, settings.topic_raw, expect=14)) == 14
