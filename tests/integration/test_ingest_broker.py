"""Ingest against the real broker: 202 only after the records are on the topic, 503 while it is down."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep_cli.embedded import EmbeddedKafka, create_topics, free_port
from sitrep_ingest.app import create_app
from sitrep_ingest.settings import Settings
from sitrep_runtime.service import JsonFormatter
from tests.conftest import SEED_BULLETIN, read_topic

pytestmark = pytest.mark.integration
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_seed_lands_on_raw_topic_keyed_by_source_and_resend_adds_nothing(
    isolated: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(**isolated)
    body = SEED_BULLETIN.read_bytes()
    with TestClient(create_app(settings)) as client, caplog.at_level("INFO", "sitrep_ingest"):
        first = client.post(
            "/v1/feeds", content=body, headers={"Content-Type": "text/plain", "X-Request-ID": "r1"}
        )
        assert first.status_code == 202, first.text
        assert first.json()["accepted"] == 14 and first.json()["duplicates"] == 0
        again = client.post("/v1/feeds", content=body, headers={"Content-Type": "text/plain"})
        assert again.status_code == 202
        assert again.json() | {"event_ids": None} == {
            "accepted": 0,
            "duplicates": 14,
            "event_ids": None,
        }
        assert again.json()["event_ids"] == first.json()["event_ids"]
        assert client.get("/readyz").status_code == 200
    # one log line per accepted feed, with the request it answered
    lines = [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.msg == "feed accepted"
    ]
    assert [(x["format"], x["accepted"], x["duplicates"]) for x in lines] == [
        ("bulletin", 14, 0), ("bulletin", 0, 14),
    ]  # fmt: skip
    assert lines[0]["request_id"] == "r1" and lines[0]["source"] == "frontline-digest"
    records = read_topic(settings.kafka_bootstrap, settings.topic_raw, expect=14)
    assert len(records) == 14
    assert {r.key for r in records} == {b"frontline-digest"}
    # every record says what it holds, so a consumer can check before it decodes
    assert {tuple(r.headers) for r in records} == {
        (("content-type", b"application/json"), ("sitrep.schema", b"update_event.v1"))
    }
    assert len({r.partition for r in records}) == 1  # one source, one partition: order kept
    values = [json.loads(r.value) for r in sorted(records, key=lambda r: r.offset)]
    assert [v["position"] for v in values] == list(range(1, 15))
    assert [v["event_id"] for v in values] == first.json()["event_ids"]
    assert all(v["schema_version"] == 1 for v in values)


@pytest.mark.parametrize(
    ("name", "ctype", "count"),
    [
        ("events.json", "application/json", 2),
        ("events.ndjson", "application/x-ndjson", 3),
        ("bulletin-numbered-recap.md", "text/plain", 5),
        ("bulletin-paragraphs-quake.txt", "text/markdown", 4),
        ("feed-rss.xml", "application/rss+xml", 4),
        ("feed-atom.xml", "application/atom+xml", 2),
    ],
)
def test_every_seed_format_is_accepted(
    isolated: dict[str, Any], name: str, ctype: str, count: int
) -> None:
    settings = Settings(**isolated)
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/feeds", content=(SEEDS / name).read_bytes(), headers={"Content-Type": ctype}
        )
    assert response.status_code == 202 and response.json()["accepted"] == count
    assert len(read_topic(settings.kafka_bootstrap, settings.topic_raw, expect=count)) == count


def test_broker_down_gives_503_with_retry_after_then_recovers_without_restart(
    isolated: dict[str, Any],
) -> None:
    port = free_port()
    fields = isolated | {
        "kafka_bootstrap": f"127.0.0.1:{port}",
        "kafka_request_timeout_ms": 2000,
        "ingest_publish_timeout_s": 3,
    }
    settings = Settings(**fields)
    seed = SEED_BULLETIN.read_bytes()
    other = (SEEDS / "bulletin-numbered-recap.md").read_bytes()
    plain = {"Content-Type": "text/plain"}
    broker = EmbeddedKafka(port)
    broker.start()
    with TestClient(create_app(settings)) as client:
        try:
            create_topics(broker.bootstrap, [settings.topic_raw], 3)
            assert client.post("/v1/feeds", content=other, headers=plain).status_code == 202
            assert client.get("/readyz").status_code == 200
        finally:
            broker.stop()  # the broker goes away under a running ingest

        down = client.post("/v1/feeds", content=seed, headers=plain)
        assert down.status_code == 503
        assert down.headers["Retry-After"] == str(settings.ingest_retry_after_s)
        assert down.headers["content-type"] == "application/problem+json"
        assert down.json()["type"].endswith("/broker-unavailable")
        assert down.json()["acknowledged_event_ids"] == []
        assert client.get("/readyz").status_code == 503

        broker = EmbeddedKafka(port)  # back, empty (in-memory storage), on the same address
        broker.start()
        try:
            create_topics(broker.bootstrap, [settings.topic_raw], 3)
            up = client.post("/v1/feeds", content=seed, headers=plain)
            assert up.status_code == 202, up.text
            assert up.json()["accepted"] == 14  # the refused attempt was not remembered as seen
            assert client.get("/readyz").status_code == 200
            assert len(read_topic(broker.bootstrap, settings.topic_raw, expect=14)) == 14
        finally:
            broker.stop()


def test_streamed_ndjson_lists_exactly_what_was_accepted_before_a_bad_line(
    isolated: dict[str, Any],
) -> None:
    settings = Settings(**isolated)
    lines = [
        json.dumps({"source": "wire", "text": f"Shelling hit district {i} overnight."})
        for i in range(1800)
    ]
    lines[1234] = '{"text": "the line is cut'
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/feeds",
            content="\n".join(lines).encode(),
            headers={"Content-Type": "application/x-ndjson"},
        )
    assert response.status_code == 400
    problem = response.json()
    assert problem["line"] == 1235 and "line 1235" in problem["detail"]
    accepted = problem["accepted_event_ids"]
    assert len(accepted) == 1000  # two chunks of 500 were on the broker before line 1235
    on_topic = read_topic(settings.kafka_bootstrap, settings.topic_raw, expect=1000)
    assert sorted(json.loads(r.value)["event_id"] for r in on_topic) == sorted(accepted)
    # one source, one partition: the chunks (parsed while the one before was acknowledged)
    # reached the broker in the body's order
    ordered = sorted(on_topic, key=lambda r: (r.partition, r.offset))
    assert [json.loads(r.value)["event_id"] for r in ordered] == accepted
    assert [json.loads(r.value)["position"] for r in ordered] == list(range(1, 1001))
