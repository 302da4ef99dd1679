"""Exports over a real Redis holding the projected seed: the CSV opens with the csv module and
says what /v1/events says; the GeoJSON validates against its published schema."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from sitrep_api.exports import CSV_COLUMNS
from sitrep_api.models import EventFeatureCollection
from sitrep_api.state_writer import StateWriter
from tests.integration.test_api import all_pages, loaded  # noqa: F401  (the fixture)

pytestmark = pytest.mark.integration


def csv_rows(api: TestClient, **params: Any) -> list[dict[str, str]]:
    response = api.get("/v1/events.csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(response.text, newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


def test_csv_has_one_row_per_event_with_the_events_filters(
    loaded: tuple[TestClient, StateWriter],  # noqa: F811
) -> None:
    api, _ = loaded
    every = all_pages(api)
    assert [r["event_id"] for r in csv_rows(api)] == [e["event_id"] for e in every]
    military = all_pages(api, category="military")
    rows = csv_rows(api, category="military")
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in military]
    assert {r["category"] for r in rows} == {"military"}
    by_id = {e["event_id"]: e for e in military}
    for row in rows:
        event = by_id[row["event_id"]]
        assert row["text"] == event["event"]["text"] and row["source"] == event["event"]["source"]
        assert row["incident_id"] == (event["incident_id"] or "")
        killed = sum(q["value"] for q in event["quantities"] if q["kind"] == "killed")
        assert int(row["fatalities"]) == round(killed)
        if event["locations"]:
            first = event["locations"][0]
            assert (row["place"], float(row["latitude"]), float(row["longitude"])) == (
                first["name"], first["lat"], first["lon"],
            )  # fmt: skip
        if event["event_type"] == "remote.air_drone_strike":
            assert row["acled_event_type"] == "Explosions/Remote violence"
            assert row["acled_sub_event_type"] == "Air/drone strike"
    assert len(csv_rows(api, limit=2)) == 2
    assert csv_rows(api, q="nonexistentword") == []


def test_geojson_has_one_feature_per_event_and_place_and_validates(
    loaded: tuple[TestClient, StateWriter],  # noqa: F811
) -> None:
    api, _ = loaded
    response = api.get("/v1/events.geojson", params={"country": "UKR"})
    assert response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    jsonschema.validate(collection, EventFeatureCollection.model_json_schema())
    events = all_pages(api, country="UKR")
    expected = [(e["event_id"], loc["place_id"]) for e in events for loc in e["locations"]]
    got = [
        (f["properties"]["event_id"], f["properties"]["place_id"]) for f in collection["features"]
    ]
    assert got == expected and got
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert (feature["properties"]["longitude"], feature["properties"]["latitude"]) == (lon, lat)
    assert collection["next_cursor"] is None


def test_geojson_pages_with_its_cursor(loaded: tuple[TestClient, StateWriter]) -> None:  # noqa: F811
    api, _ = loaded
    ids: list[str] = []
    cursor = None
    for _ in range(50):
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get("/v1/events.geojson", params=params).json()
        ids += list(dict.fromkeys(f["properties"]["event_id"] for f in page["features"]))
        cursor = page["next_cursor"]
        if cursor is None:
            break
    located = [e["event_id"] for e in all_pages(api) if e["locations"]]
    assert ids == located


def test_exports_refuse_what_events_refuse(loaded: tuple[TestClient, StateWriter]) -> None:  # noqa: F811
    api, _ = loaded
    for path in ("/v1/events.csv", "/v1/events.geojson"):
        for params in ({"category": "war"}, {"limit": "0"}, {"format": "csv"}):
            bad = api.get(path, params=params)
            assert bad.status_code == 400, (path, params)
            assert bad.headers["content-type"] == "application/problem+json"
    assert json.loads(api.get("/v1/events.csv", params={"radius": "1"}).text)["allowed"]
    assert api.get("/v1/events.csv", params={"bbox": "1"}).status_code == 400
