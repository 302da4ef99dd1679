"""Incidents through the read API: three outlets and a revised toll are one strike, counted once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from sitrep_api.app import create_app
from sitrep_api.resolver import Resolver
from sitrep_api.settings import Settings
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_classifier.tagger import Tagger
from sitrep_ingest.ids import event_id
from sitrep_schemas import TaggedEvent, UpdateEvent

pytestmark = pytest.mark.integration
DAY = date(2025, 6, 14)

# (source, hours after the first, text): one strike told four times, and a distractor.
REPORTS = [
    ("desk-a", 0, "A Russian missile strike on an apartment block in Dnipro killed eight people"
     " and wounded 25, the regional governor said."),
    ("desk-b", 1, "Dnipro: missile hits apartment block, 9 dead - officials."),
    ("desk-a", 5, "The death toll from the missile strike on a Dnipro apartment block has risen"
     " to 11, the governor said."),
    ("desk-c", 6, "Eleven people were killed when a Russian missile struck an apartment block in"
     " Dnipro, local authorities said."),
    ("desk-b", 2, "Russian shelling killed two people in the village of Marhanets, officials said."),
]  # fmt: skip


def tagged() -> list[TaggedEvent]:
    tagger, start = Tagger(), datetime(2025, 6, 14, 9, tzinfo=UTC)
    out = []
    for n, (source, hours, text) in enumerate(REPORTS, 1):
        update = UpdateEvent(
            event_id=event_id(source, DAY, None, text), source=source, bulletin_date=DAY,
            text=text, position=n, received_at=start + timedelta(hours=hours),
        )  # fmt: skip
        out.append(tagger.classify(update))
    return out


@pytest.fixture
def api(redis_url: str) -> Iterator[TestClient]:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(redis_url)
    events = tagged()
    StateWriter(client, prefix).apply(
        [AppliedRecord("tagged", i % 3, i, e) for i, e in enumerate(events)]
    )
    Resolver(client, prefix).resolve(events)
    with TestClient(create_app(Settings(redis_url=redis_url, redis_prefix=prefix))) as http:
        yield http
    client.close()


def incidents(api: TestClient, **params: Any) -> list[dict[str, Any]]:
    page = api.get("/v1/incidents", params=params)
    assert page.status_code == 200, page.text
    items: list[dict[str, Any]] = page.json()["items"]
    return items


def test_one_strike_told_four_times_is_one_incident(api: TestClient) -> None:
    found = incidents(api)
    assert sorted(i["report_count"] for i in found) == [1, 4]
    strike = next(i for i in found if i["report_count"] == 4)
    assert strike["sources"] == ["desk-a", "desk-b", "desk-c"] and strike["source_count"] == 3
    assert strike["occurred_on"] == {"date": "2025-06-14", "precision": "day"}
    # desk-a's 8 was revised to 11 by desk-a itself: its latest claim stands
    killed = strike["figures"]["killed"]
    assert (killed["value"], killed["low"], killed["high"], killed["claims"]) == (11, 9, 11, 3)
    assert strike["claims_superseded"] == 1
    assert {(c["source"], c["value"]) for c in strike["claims"] if c["kind"] == "killed"} == {
        ("desk-a", 11),
        ("desk-b", 9),
        ("desk-c", 11),
    }

    detail = api.get(f"/v1/incidents/{strike['incident_id']}").json()
    assert [r["event"]["source"] for r in detail["reports"]] == [
        "desk-a",
        "desk-b",
        "desk-a",
        "desk-c",
    ]
    assert {r["incident_id"] for r in detail["reports"]} == {strike["incident_id"]}


def test_figures_count_each_incident_once(api: TestClient) -> None:
    killed = api.get("/v1/figures", params={"kind": "killed"}).json()
    assert killed["count"] == "incidents"
    [figure] = killed["figures"]
    assert figure["total"] == 13 and figure["incidents"] == 2  # 11 in Dnipro + 2 in Marhanets
    assert (figure["low"], figure["high"]) == (11, 13)
    summed = api.get("/v1/figures", params={"kind": "killed", "count": "reports"}).json()
    assert summed["figures"][0]["total"] == 8 + 9 + 11 + 11 + 2  # what counting reports gave


def test_events_carry_their_incident_and_date(api: TestClient) -> None:
    items = api.get("/v1/events", params={"limit": 10}).json()["items"]
    assert len(items) == 5 and all(len(it["incident_id"]) == 32 for it in items)
    assert all(it["occurred_on"]["date"] == "2025-06-14" for it in items)
    one = api.get(f"/v1/events/{items[0]['event_id']}").json()
    assert one["incident_id"] == items[0]["incident_id"]
    state = api.get("/v1/state").json()
    assert state["events_tallied"] == 5 and state["incidents"]["tallied"] == 2


def test_incident_filters_cursor_and_errors(api: TestClient) -> None:
    assert [i["report_count"] for i in incidents(api, source="desk-c")] == [4]
    assert [i["report_count"] for i in incidents(api, place="Dnipro")] == [4]
    assert incidents(api, category="political_diplomatic") == []
    first = api.get("/v1/incidents", params={"limit": 1}).json()
    second = api.get("/v1/incidents", params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert len(first["items"]) == len(second["items"]) == 1 and second["next_cursor"] is None
    assert first["items"][0]["incident_id"] != second["items"][0]["incident_id"]
    missing = api.get("/v1/incidents/" + "0" * 32)
    assert missing.status_code == 404 and missing.json()["type"].endswith("/incident-not-found")
    assert api.get("/v1/incidents/nothex").status_code == 400
    assert api.get("/v1/incidents", params={"cursor": "garbage"}).status_code == 400
