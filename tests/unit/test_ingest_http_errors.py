"""Ingest's problem JSON for bad input: every case answers before any broker is needed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sitrep_ingest.app import create_app
from sitrep_ingest.settings import Settings


@pytest.fixture
def client() -> Iterator[TestClient]:
    # Nothing listens on these addresses: a test that reached the broker would fail.
    settings = Settings(
        kafka_bootstrap="127.0.0.1:9", redis_url="redis://127.0.0.1:9/0", ingest_max_body_bytes=1000
    )
    with TestClient(create_app(settings)) as c:
        yield c


def post(client: TestClient, body: bytes | str, ctype: str | None, **params: str) -> dict:  # type: ignore[type-arg]
    headers = {"Content-Type": ctype} if ctype else {}
    response = client.post("/v1/feeds", content=body, headers=headers, params=params)
    assert response.headers["content-type"] == "application/problem+json"
    data: dict = response.json()  # type: ignore[type-arg]
    assert data["status"] == response.status_code
    assert data["type"].startswith("https://sitrep.dev/problems/")
    return data


@pytest.mark.parametrize(
    ("body", "ctype", "status", "type_name"),
    [
        ("- a", "image/png", 415, "unsupported-media-type"),
        ("- a", None, 415, "unsupported-media-type"),
        ("x" * 2000, "text/plain", 413, "payload-too-large"),
        (b"- \xc3\x28 broken", "text/plain", 400, "undecodable-body"),
        ("{oops", "application/json", 400, "malformed-feed"),
        ("Just prose.", "text/plain", 422, "no-events"),
        ("", "text/plain", 422, "no-events"),
        ('[{"text": 1}]', "application/json", 422, "invalid-event"),
    ],
)
def test_bad_feed_gets_problem_json(
    client: TestClient, body: str, ctype: str | None, status: int, type_name: str
) -> None:
    problem = post(client, body, ctype)
    assert (problem["status"], problem["type"].rsplit("/", 1)[1]) == (status, type_name)
    assert problem["detail"]


def test_unknown_format_parameter(client: TestClient) -> None:
    """A format outside the documented enum is a bad parameter, naming the formats."""
    problem = post(client, "- a", "text/plain", format="xml")
    assert problem["status"] == 400 and "'bulletin', 'json', 'ndjson'" in problem["detail"]


def test_unknown_query_parameter_names_the_allowed_ones(client: TestClient) -> None:
    problem = post(client, "- a", "text/plain", sourse="desk")
    assert (problem["status"], problem["type"].rsplit("/", 1)[1]) == (400, "unknown-parameter")
    assert problem["unknown"] == ["sourse"] and problem["allowed"] == ["format", "source"]


def test_health_is_up_without_broker_and_readiness_says_not_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["ready"] is False
    metrics = client.get("/metrics").text
    assert "sitrep_ingest_feeds" in metrics
    assert 'sitrep_ingest_request_seconds_count{route="/readyz"} 1.0' in metrics
