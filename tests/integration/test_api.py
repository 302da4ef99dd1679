"""The read API over a real Redis holding the projected seed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from sitrep_api.app import create_app
from sitrep_api.contribution import NOT_TALLIED
from sitrep_api.incident_queries import IncidentQueries, with_incidents
from sitrep_api.resolver import Resolver
from sitrep_api.settings import Settings
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_api.store import EventQuery, StateStore
from sitrep_api.word_index import WordIndexer
from sitrep_schemas import Retraction
from tests.integration.test_projector_store import TOPIC, seed_tagged

pytestmark = pytest.mark.integration


@pytest.fixture
def loaded(redis_url: str) -> Iterator[tuple[TestClient, StateWriter]]:
    prefix = f"t{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(redis_url)
    store = StateWriter(client, prefix)
    # Spread over two partitions, as a real topic would be.
    events = seed_tagged()
    store.apply([AppliedRecord(TOPIC, i % 2, i, ev) for i, ev in enumerate(events)])
    Resolver(client, prefix).resolve(events)
    WordIndexer(client, prefix).catch_up()
    with TestClient(create_app(Settings(redis_url=redis_url, redis_prefix=prefix))) as api:
        yield api, store
    client.close()


def all_pages(api: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        page = api.get(
            "/v1/events", params={**params, **({"cursor": cursor} if cursor else {})}
        ).json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def event_ids(api: TestClient, **params: Any) -> set[str]:
    return {e["event_id"] for e in all_pages(api, **params)}


def test_state_totals(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    state = api.get("/v1/state").json()
    assert state["events_stored"] == 14 and state["events_tallied"] == 14
    assert sum(state["by_category"].values()) == 14
    assert state["by_source"] == {"frontline-digest": 14}
    assert state["latest_bulletins"]["frontline-digest"]["bulletin_id"]
    assert state["last_update"].startswith("2025-03-04")


def test_cursor_pages_cover_every_event_once_in_document_order(
    loaded: tuple[TestClient, StateWriter],
) -> None:
    api, _ = loaded
    items = all_pages(api, limit=4)
    assert [it["event"]["position"] for it in items] == list(range(1, 15))
    assert len({it["event_id"] for it in items}) == 14


def test_filters_combine(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    state = api.get("/v1/state").json()
    military = all_pages(api, category="military", limit=3)
    assert len(military) == state["by_category"]["military"]
    assert all(it["category"] == "military" for it in military)
    sumy = all_pages(api, place="Sumy")
    assert [it["event"]["position"] for it in sumy] == [2]
    assert all_pages(api, place="ukr:sumy") == sumy
    assert all_pages(api, category="military", place="sumy") == sumy
    assert all_pages(api, category="economic_energy", place="Sumy") == []
    assert all_pages(api, place="Atlantis") == []
    ukr = all_pages(api, country="ukr")
    assert ukr and all(any(loc["country"] == "UKR" for loc in it["locations"]) for it in ukr)
    by_type = all_pages(api, event_type="diplomacy.expulsion", source="frontline-digest")
    assert [it["event"]["headline"] for it in by_type] == ["Diplomat Expelled"]


def test_cursor_is_stable_while_new_events_arrive(loaded: tuple[TestClient, StateWriter]) -> None:
    api, store = loaded
    first = api.get("/v1/events", params={"limit": 5}).json()
    newer = [
        ev.model_copy(update={"event_id": f"{i:032x}", "event": ev.event.model_copy(update={
            "event_id": f"{i:032x}", "received_at": ev.event.received_at + timedelta(hours=1)})})
        for i, ev in enumerate(seed_tagged()[:3], start=1)
    ]  # fmt: skip
    store.apply([AppliedRecord(TOPIC, 2, i, ev) for i, ev in enumerate(newer)])
    rest = all_pages(api, limit=5, cursor=first["next_cursor"])
    ids = [it["event_id"] for it in first["items"] + rest]
    assert (
        len(ids) == len(set(ids)) == 14
    )  # the new events are ahead of the cursor, not in its pages
    assert api.get("/v1/state").json()["events_stored"] == 17


def test_one_event_and_problems(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    first = api.get("/v1/events", params={"limit": 1}).json()["items"][0]
    assert api.get(f"/v1/events/{first['event_id']}").json() == first
    missing = api.get("/v1/events/" + "f" * 32)
    assert (
        missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    )
    for params in ({"cursor": "garbage"}, {"limit": 0}, {"limit": 10_000}, {"country": "Ukraine"}):
        bad = api.get("/v1/events", params=params)
        assert bad.status_code == 400, params
        assert (
            bad.json()["type"].startswith("https://sitrep.dev/problems/") and bad.json()["detail"]
        )


def test_unknown_labels_say_which_exist_and_the_taxonomy_is_served(
    loaded: tuple[TestClient, StateWriter],
) -> None:
    api, _ = loaded
    bad = api.get("/v1/events", params={"category": "military,war"})
    assert bad.status_code == 400 and bad.json()["type"].endswith("/unknown-label")
    assert "'war'" in bad.json()["detail"] and "military" in bad.json()["allowed"]
    assert api.get("/v1/events", params={"event_type": "battle.big"}).status_code == 400
    taxonomy = api.get("/v1/taxonomy").json()
    assert len(taxonomy["event_types"]) == 45
    assert taxonomy["event_types"]["battle.armed_clash"]["acled"].startswith("Battles")


def test_places_geojson(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    places = api.get("/v1/places")
    assert places.headers["content-type"] == "application/geo+json"
    collection = places.json()
    assert collection["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    assert {"Sumy", "Kopanky", "Dnipro"} <= set(by_name)
    sumy = by_name["Sumy"]
    assert sumy["geometry"] == {"type": "Point", "coordinates": [34.8, 50.91]}
    assert sumy["properties"]["count"] == 1 and sumy["properties"]["country"] == "UKR"
    # colour of the dashboard's marker: the category most of the place's events have
    events = [
        e for e in all_pages(api, limit=50) if "Sumy" in {loc["name"] for loc in e["locations"]}
    ]
    assert sumy["properties"]["by_category"] == {events[0]["category"]: 1}
    assert sumy["properties"]["category"] == events[0]["category"]
    for feature in collection["features"]:
        props = feature["properties"]
        assert sum(props["by_category"].values()) == props["count"]
        assert props["category"] == max(props["by_category"], key=props["by_category"].get)


def test_dashboard_page_and_its_files(redis_url: str) -> None:
    settings = Settings(
        redis_url=redis_url, api_map_tiles_url='https://tiles.example/{z}/{x}/{y}.png?a="b"'
    )
    with TestClient(create_app(settings)) as api:
        page = api.get("/")
        assert page.headers["content-type"].startswith("text/html")
        assert 'data-tiles="https://tiles.example/{z}/{x}/{y}.png?a=&quot;b&quot;"' in page.text
        assert api.get("/static/app.js").headers["content-type"].startswith("text/javascript")
        assert api.get("/static/vendor/leaflet/leaflet.js").status_code == 200
        missing = api.get("/static/nope.js")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"


def test_health_ready_metrics(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    assert api.get("/healthz").json() == {"status": "ok"}
    assert api.get("/readyz").json()["ready"] is True
    api.get("/v1/state")
    metrics = api.get("/metrics").text
    assert 'sitrep_api_requests_total{route="/v1/state",status="200"}' in metrics
    # latency per route template, not per URL
    assert 'sitrep_api_request_seconds_count{route="/v1/state"} 1.0' in metrics
    api.get("/v1/events/" + "0" * 32)
    assert 'route="/v1/events/{event_id}"' in api.get("/metrics").text


def test_since_until_and_q_combine_with_filters(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    assert len(all_pages(api, received_since="2025-03-03T00:00:00Z")) == 14
    assert all_pages(api, received_until="2025-03-03T00:00:00Z") == []
    window = {"received_since": "2025-03-03T00:00:00Z", "received_until": "2025-03-05T00:00:00Z"}
    assert len(all_pages(api, **window, limit=5)) == 14
    # since/until: when it happened (the seed was received on 4 March and has no date)
    days = {it["event_id"]: it["occurred_on"]["date"] for it in all_pages(api)}
    assert set(days.values()) == {"2025-03-04"}
    assert len(all_pages(api, since="2025-03-04", limit=5)) == 14
    assert all_pages(api, until="2025-03-04") == all_pages(api, since="2025-03-05") == []
    # a date-time counts by its own calendar date: 01:00 on the 5th at UTC+5 is the 5th
    assert len(all_pages(api, until="2025-03-05T01:00:00+05:00", category="military")) == len(
        all_pages(api, category="military")
    )
    incidents = api.get("/v1/incidents", params={"until": "2025-03-04"}).json()["items"]
    assert incidents == []
    assert api.get("/v1/incidents", params={"since": "2025-03-04"}).json()["items"]
    drones = all_pages(api, q="drones")
    assert drones and all("drone" in it["event"]["text"].lower() for it in drones)
    both = all_pages(api, q="drone attack", category="military")
    assert [it["event"]["headline"] for it in both] == ["Record Drone Attack"]
    assert all_pages(api, q="nonexistentword") == []
    # nothing to search for, an empty range: nothing matches (as the OpenAPI allows them)
    for params in (
        {"q": "of"},
        {"since": "2025-03-05", "until": "2025-03-01"},
        {"received_since": "2025-03-05T00:00:00Z", "received_until": "2025-03-01T00:00:00Z"},
    ):
        assert all_pages(api, **params) == [], params
    for params in ({"since": "yesterday"}, {"until": "0.5"}, {"limit": "0"}, {"cursor": "abc"}):
        bad = api.get("/v1/events", params=params)
        assert bad.status_code == 400 and bad.json()["detail"], params


def test_facets_timeline_and_figures(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    facets = api.get("/v1/facets").json()
    state = api.get("/v1/state").json()
    assert {f["value"]: f["count"] for f in facets["category"]} == state["by_category"]
    sumy = next(f for f in facets["place"] if f["value"] == "ukr:sumy")
    assert sumy["name"] == "Sumy" and sumy["count"] == 1
    narrowed = api.get("/v1/facets", params={"category": "military"}).json()
    assert [f["value"] for f in narrowed["category"]] == ["military"]
    assert narrowed["scanned_events"] == state["by_category"]["military"]

    timeline = api.get("/v1/timeline").json()
    assert timeline["bucket"] == "day" and timeline["count"] == "incidents"
    assert sum(b["total"] for b in timeline["buckets"]) == state["incidents"]["tallied"]
    reports = api.get("/v1/timeline", params={"count": "reports"}).json()
    assert sum(b["total"] for b in reports["buckets"]) == 14
    hours = api.get("/v1/timeline", params={"bucket": "hour"}).json()["buckets"]
    assert [b["bucket"] for b in hours] == ["2025-03-04T00"]
    assert api.get("/v1/timeline", params={"bucket": "week"}).status_code == 400

    figures = {f["kind"]: f for f in api.get("/v1/figures").json()["figures"]}
    assert figures["intercepted"]["total"] == 76 and figures["launched"]["total"] == 188
    assert figures["killed"]["by_place"] == [{"place_id": "ukr:sumy", "name": "Sumy", "total": 2.0}]
    first = api.get("/v1/events/" + figures["money"]["event_ids"][0]).json()
    assert any(q["kind"] == "money" for q in first["quantities"])
    only = api.get("/v1/figures", params={"kind": "killed", "place": "Sumy"}).json()["figures"]
    assert [(f["kind"], f["total"]) for f in only] == [("killed", 2.0)]
    assert api.get("/v1/figures", params={"since": "2030-01-01"}).json()["figures"] == []
    late = {"received_since": "2030-01-01T00:00:00Z", "count": "reports"}
    assert api.get("/v1/figures", params=late).json()["figures"] == []
    assert api.get("/v1/figures", params={"kind": "bananas"}).status_code == 400


def test_stream_replays_and_resumes_with_last_event_id(
    loaded: tuple[TestClient, StateWriter],
) -> None:
    api, store = loaded

    def read(headers: dict[str, str], limit: int) -> list[tuple[str, dict[str, Any]]]:
        out = []
        with api.stream("GET", "/v1/stream", params={"limit": limit}, headers=headers) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            message: dict[str, str] = {}
            for line in response.iter_lines():
                if line.startswith(("id: ", "data: ")):
                    key, _, value = line.partition(": ")
                    message[key] = value
                elif not line and "data" in message:
                    out.append((message["id"], json.loads(message["data"])))
                    message = {}
        return out

    replay = read({"Last-Event-ID": "0"}, 14)
    assert sorted(e["event"]["position"] for _, e in replay) == list(range(1, 15))
    newer = [
        ev.model_copy(update={"event_id": f"{i:032x}", "event": ev.event.model_copy(update={"event_id": f"{i:032x}"})})
        for i, ev in enumerate(seed_tagged()[:2], start=100)
    ]  # fmt: skip
    store.apply([AppliedRecord(TOPIC, 5, i, ev) for i, ev in enumerate(newer)])
    resumed = read({"Last-Event-ID": replay[-1][0]}, 2)
    assert [e["event_id"] for _, e in resumed] == [ev.event_id for ev in newer]
    bad = api.get("/v1/stream", headers={"Last-Event-ID": "garbage"})
    assert bad.status_code == 400


def _same_figures(fast: list[dict[str, Any]], slow: list[dict[str, Any]]) -> None:
    assert [f["kind"] for f in fast] == [f["kind"] for f in slow]
    for a, b in zip(fast, slow, strict=True):
        for key, value in b.items():
            if isinstance(value, float):
                assert a[key] == pytest.approx(value), (b["kind"], key)
            elif key == "by_place":
                assert [(p["place_id"], pytest.approx(p["total"])) for p in a[key]] == [
                    (p["place_id"], p["total"]) for p in value
                ]
            else:
                assert a[key] == value, (b["kind"], key)


@pytest.fixture
def readers(
    loaded: tuple[TestClient, StateWriter],
) -> tuple[StateWriter, StateStore, IncidentQueries]:
    """The loaded state's writer, and its two read sides called directly."""
    _, writer = loaded
    return (
        writer,
        StateStore(writer.client, writer.prefix),
        IncidentQueries(writer.client, writer.prefix),
    )


def test_unfiltered_figures_come_from_running_sums_equal_to_reading_every_report(
    readers: tuple[StateWriter, StateStore, IncidentQueries],
) -> None:
    writer, store, incidents = readers
    everything, all_received = EventQuery(), EventQuery(since_ms=0)  # the same events
    fast = store.figures(None, (), everything)
    assert fast and {"killed", "launched", "intercepted"} <= {f["kind"] for f in fast}
    _same_figures(fast, store.figures(None, (), all_received))
    fast_incidents = incidents.incident_figures(None, (), everything)
    assert fast_incidents
    _same_figures(fast_incidents, incidents.incident_figures(None, (), all_received))
    # a keyspace whose incidents predate the sums (`_n` short) reads them all instead
    kind = fast_incidents[0]["kind"]
    writer.client.hincrby(incidents.keys + f"fig:{kind}", "_n", -1)
    assert incidents._incident_figures_summed([kind], {}, 20) is None
    _same_figures(
        incidents.incident_figures(kind, (), everything),
        incidents.incident_figures(kind, (), all_received),
    )
    # a withdrawn report leaves sums equal to a fresh read
    event = seed_tagged()[0]
    withdrawn = Retraction(event_id=event.event_id, source=event.event.source,
                           retracted_at=datetime.now(UTC))  # fmt: skip
    writer.retract([(0, withdrawn)])
    _same_figures(store.figures(None, (), everything), store.figures(None, (), all_received))


def test_a_page_in_one_round_trip_equals_the_page_read_in_steps(
    readers: tuple[StateWriter, StateStore, IncidentQueries],
) -> None:
    _, store, incidents = readers
    for query in (EventQuery(), EventQuery(filters={"category": ("military",)})):
        cursor, pages = None, 0
        while True:
            fast = store.page_with_incidents(query, 4, cursor, incidents.keys)
            assert fast is not None
            items, next_cursor = store.list_events(query, 4, cursor)
            assert fast == (with_incidents(items, incidents), next_cursor)
            pages += 1
            if next_cursor is None:
                break
            cursor = next_cursor
        assert pages >= 2
    # two dimensions, or two values of one, take the steps
    both = EventQuery(filters={"category": ("military",), "source": ("frontline-digest",)})
    assert store.page_with_incidents(both, 4, None, incidents.keys) is None


def test_cors_is_off_by_default_and_configurable(redis_url: str) -> None:
    origin = {"Origin": "https://dashboard.example"}
    with TestClient(create_app(Settings(redis_url=redis_url))) as api:
        assert "access-control-allow-origin" not in api.get("/healthz", headers=origin).headers
    allowed = Settings(redis_url=redis_url, api_cors_origins=["https://dashboard.example"])
    with TestClient(create_app(allowed)) as api:
        response = api.get("/healthz", headers=origin)
        assert response.headers["access-control-allow-origin"] == "https://dashboard.example"


def test_places_name_their_latest_event(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    places = api.get("/v1/places", params={"count": "reports"}).json()["features"]
    features = {f["properties"]["name"]: f["properties"] for f in places}
    sumy = features["Sumy"]
    assert api.get(f"/v1/events/{sumy['latest_event_id']}").json()["event"]["position"] == 2
    assert sumy["latest_at"].startswith("2025-03-04")


def test_filters_take_several_values_and_match_any(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    every = all_pages(api)

    ids = partial(event_ids, api)

    categories = sorted({e["category"] for e in every})[:2]
    assert ids(category=",".join(categories)) == ids(category=categories[0]) | ids(
        category=categories[1]
    )
    assert ids(country="UKR,RUS") == ids(country="UKR") | ids(country="rus")
    assert ids(place="Sumy,Kharkiv") == ids(place="Sumy") | ids(place="Kharkiv")
    assert ids(place="Sumy,Nowhere-at-all") == ids(place="Sumy")  # an unknown one adds nothing
    # with another filter: any of one dimension's values, and the other one too
    military_in_two = ids(category="military", country="UKR,RUS")
    assert military_in_two == ids(category="military") & (ids(country="UKR") | ids(country="RUS"))
    kinds = api.get("/v1/figures", params={"count": "reports", "place": "Sumy,Dnipro"}).json()
    one = api.get("/v1/figures", params={"count": "reports", "place": "Sumy"}).json()
    total = {f["kind"]: f["total"] for f in kinds["figures"]}
    assert all(total[f["kind"]] >= f["total"] for f in one["figures"])


def test_places_take_the_events_filters(loaded: tuple[TestClient, StateWriter]) -> None:
    api, _ = loaded
    for count in ("reports", "incidents"):
        places = api.get("/v1/places", params={"category": "military", "count": count})
        assert places.headers["content-type"] == "application/geo+json"
        features = places.json()["features"]
        assert features and all(
            f["properties"]["by_category"] == {"military": f["properties"]["count"]}
            for f in features
        )
    # reports: each place counts the matching events that name it
    events = [e for e in all_pages(api, category="military") if e["event_type"] not in NOT_TALLIED]
    expected: dict[str, int] = {}
    for event in events:
        for pid in {loc["place_id"] for loc in event["locations"]}:
            expected[pid] = expected.get(pid, 0) + 1
    features = api.get("/v1/places", params={"category": "military", "count": "reports"}).json()
    got = {f["id"]: f["properties"]["count"] for f in features["features"]}
    assert got == expected
    # no filter: the projector's running counts, as before
    unfiltered = api.get("/v1/places", params={"count": "reports"}).json()["features"]
    assert len(unfiltered) >= len(got)


def test_actor_actor_type_and_admin1_filters_match_what_the_events_carry(
    loaded: tuple[TestClient, StateWriter],
) -> None:
    api, _ = loaded
    every = all_pages(api)

    ids = partial(event_ids, api)

    def having(test: Any) -> set[str]:
        return {e["event_id"] for e in every if test(e)}

    names = sorted({a["name"] for e in every for a in e["actors"]})
    assert names, "the seed tags actors"
    for name in names[:4]:
        expected = having(lambda e, n=name: n in {a["name"] for a in e["actors"]})
        assert ids(actor=name) == expected
        assert ids(actor=name.upper()) == expected  # any case
    assert ids(actor=",".join(names[:2])) == ids(actor=names[0]) | ids(actor=names[1])
    for kind in sorted({a["type"] for e in every for a in e["actors"]}):
        assert ids(actor_type=kind) == having(
            lambda e, k=kind: k in {a["type"] for a in e["actors"]}
        )
    regions = sorted({loc["admin1"] for e in every for loc in e["locations"] if loc["admin1"]})
    assert regions, "the seed places events in regions"
    for region in regions[:3]:
        expected = having(lambda e, r=region: r in {loc["admin1"] for loc in e["locations"]})
        assert ids(admin1=region) == expected
    assert ids(actor="Nobody at all") == set()
    bad = api.get("/v1/events", params={"actor_type": "aliens"})
    assert bad.status_code == 400 and "civilians" in bad.json()["allowed"]
    # incidents take them too: an incident matches when one of its reports does
    for name in names[:4]:
        found = api.get("/v1/incidents", params={"actor": name, "limit": 200}).json()["items"]
        expected = {
            e["incident_id"]
            for e in every
            if e.get("incident_id") and name in {a["name"] for a in e["actors"]}
        }
        assert expected and {i["incident_id"] for i in found} == expected


def test_a_bounding_box_keeps_the_events_with_a_place_inside(
    loaded: tuple[TestClient, StateWriter],
) -> None:
    api, _ = loaded
    every = all_pages(api)

    ids = partial(event_ids, api)

    def inside(west: float, south: float, east: float, north: float) -> set[str]:
        return {
            e["event_id"]
            for e in every
            if any(
                west <= loc["lon"] <= east and south <= loc["lat"] <= north
                for loc in e["locations"]
            )
        }

    eastern_ukraine = (34.0, 46.0, 40.5, 51.0)
    expected = inside(*eastern_ukraine)
    assert expected and expected != {e["event_id"] for e in every}
    assert ids(bbox=",".join(map(str, eastern_ukraine))) == expected
    assert ids(bbox="-180,-90,180,90") == inside(-180, -90, 180, 90)
    assert ids(bbox="-999,-99,999,99") == inside(-180, -90, 180, 90)  # clamped
    assert ids(bbox="10,60,20,50") == set()  # south of its north: nothing
    assert ids(bbox="170,-90,-170,90") == set()  # across the antimeridian: nothing there
    # with another filter of places: both must hold
    box = ",".join(map(str, eastern_ukraine))
    locations = {loc["place_id"]: loc for e in every for loc in e["locations"]}
    west, south, east, north = eastern_ukraine
    held = [
        p
        for p, loc in locations.items()
        if west <= loc["lon"] <= east and south <= loc["lat"] <= north
    ]
    out = [p for p in locations if p not in held]
    assert held and out
    assert ids(bbox=box, place=out[0]) == set()
    assert ids(bbox=box, place=f"{held[0]},{out[0]}") == ids(place=held[0])
    assert api.get("/v1/events", params={"bbox": "east"}).status_code == 400


def test_the_stream_takes_the_events_filters(loaded: tuple[TestClient, StateWriter]) -> None:
    api, store = loaded
    every = all_pages(api)

    def streamed(params: dict[str, Any], limit: int) -> list[str]:
        ids = []
        params = {**params, "limit": limit}
        with api.stream("GET", "/v1/stream", params=params, headers={"Last-Event-ID": "0"}) as r:
            for line in r.iter_lines():
                if line.startswith("data: "):
                    ids.append(json.loads(line[6:])["event_id"])
        return ids

    category = "military"
    expected = {e["event_id"] for e in every if e["category"] == category}
    assert expected and len(expected) < len(every)
    assert set(streamed({"category": category}, len(expected))) == expected
    name = sorted({a["name"] for e in every for a in e["actors"]})[0]
    with_actor = {e["event_id"] for e in every if name in {a["name"] for a in e["actors"]}}
    assert set(streamed({"actor": name}, len(with_actor))) == with_actor
    # what arrives later is filtered too, and the filter's misses only move the position
    later = [
        ev.model_copy(update={"event_id": f"{i:032x}", "event": ev.event.model_copy(update={"event_id": f"{i:032x}"})})
        for i, ev in enumerate(seed_tagged(), start=200)
    ]  # fmt: skip
    store.apply([AppliedRecord(TOPIC, 7, i, ev) for i, ev in enumerate(later)])
    later_military = {ev.event_id for ev in later if ev.category == category}
    got = streamed({"category": category}, len(expected) + len(later_military))
    assert set(got) == expected | later_military
