"""Events as analysts load them elsewhere: ACLED-like CSV rows and GeoJSON features. Pure.

Both read the stored event JSON (a TaggedEvent with `incident_id` and `occurred_on` added,
as `/v1/events` answers it). A CSV row is one event at its first place (ACLED's one location
per row); a GeoJSON feature is one event at one place, so an event in three places is three
features with the same `event_id`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from functools import cache
from typing import Any

from sitrep_schemas.labels import load_labels

CSV_COLUMNS = (
    "event_id", "incident_id", "event_date", "date_precision", "category", "event_type",
    "acled_event_type", "acled_sub_event_type", "actors", "country", "admin1", "place",
    "latitude", "longitude", "geo_precision", "fatalities", "source", "attribution",
    "received_at", "text",
)  # fmt: skip
FATALITIES = "killed"  # the quantity kind ACLED's fatalities column sums


@cache
def acled_types(event_type: str) -> tuple[str, str]:
    """ACLED's event type and sub-event type from the taxonomy's crosswalk ('' when not coded)."""
    label = load_labels().raw["event_types"].get(event_type, {}).get("acled", "")
    if not label or label.startswith("("):
        return "", ""
    event, _, sub = label.partition(" / ")
    return event.strip(), sub.strip()


def event_date(event: dict[str, Any]) -> tuple[str, str]:
    """(ISO day, precision): when it happened if known, else the bulletin's day, else received."""
    occurred = event.get("occurred_on")
    if occurred:
        return occurred["date"], occurred.get("precision", "day")
    update = event["event"]
    if update.get("bulletin_date"):
        return update["bulletin_date"], "bulletin"
    return update["received_at"][:10], "received"


def fatalities(event: dict[str, Any]) -> int:
    return round(sum(float(q["value"]) for q in event["quantities"] if q["kind"] == FATALITIES))


def _common(event: dict[str, Any]) -> dict[str, Any]:
    day, precision = event_date(event)
    acled_event, acled_sub = acled_types(event["event_type"])
    return {
        "event_id": event["event_id"],
        "incident_id": event.get("incident_id"),
        "event_date": day,
        "date_precision": precision,
        "category": event["category"],
        "event_type": event["event_type"],
        "acled_event_type": acled_event,
        "acled_sub_event_type": acled_sub,
        "actors": "; ".join(a["name"] for a in event["actors"]),
        "fatalities": fatalities(event),
        "source": event["event"]["source"],
        "attribution": "; ".join(a["name"] for a in event["attributed_to"]),
        "received_at": event["event"]["received_at"],
        "text": event["event"]["text"],
    }


def _place(location: dict[str, Any] | None) -> dict[str, Any]:
    if location is None:
        return dict.fromkeys(
            ("country", "admin1", "place", "latitude", "longitude", "geo_precision")
        )
    return {
        "country": location.get("country"),
        "admin1": location.get("admin1"),
        "place": location["name"],
        "latitude": location["lat"],
        "longitude": location["lon"],
        "geo_precision": location["precision"],
    }


def csv_header() -> str:
    return _csv_lines([list(CSV_COLUMNS)])


def csv_rows(events: Iterable[dict[str, Any]]) -> str:
    """CSV lines (RFC 4180, CRLF) of the events, one per event at its first place."""
    rows = []
    for event in events:
        locations = event["locations"]
        row = {**_common(event), **_place(locations[0] if locations else None)}
        rows.append(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return _csv_lines(rows)


def _csv_lines(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def features(event: dict[str, Any]) -> list[dict[str, Any]]:
    """GeoJSON features of an event: one per place it names (none without a place)."""
    common = _common(event)
    out = []
    for location in event["locations"]:
        place = _place(location)
        out.append(
            {
                "type": "Feature",
                "id": f"{event['event_id']}:{location['place_id']}",
                "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
                "properties": {**common, "place_id": location["place_id"], **place},
            }
        )
    return out
