"""Places of a filtered view as a GeoJSON FeatureCollection, counted from the items themselves
(the unfiltered map reads the projector's running counts instead). Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Counted:
    """One item to count: its places, its category, its id and when it was last reported."""

    places: list[dict[str, Any]]
    category: str
    item_id: str
    at: str


@dataclass
class _Place:
    where: dict[str, Any]
    count: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    latest: tuple[str, str] = ("", "")  # (at, item id)


def collection(items: Iterable[Counted], latest_field: str) -> dict[str, Any]:
    """Features like /v1/places': per place its count, counts by category, the category most
    counted there, and its most recently reported item under `latest_field`."""
    places: dict[str, _Place] = {}
    for item in items:
        for where in {p["place_id"]: p for p in item.places}.values():
            place = places.setdefault(where["place_id"], _Place(where))
            place.count += 1
            place.by_category[item.category] += 1
            place.latest = max(place.latest, (item.at, item.item_id))
    features = []
    for pid, place in sorted(places.items()):
        where = place.where
        features.append(
            {
                "type": "Feature",
                "id": pid,
                "geometry": {"type": "Point", "coordinates": [where["lon"], where["lat"]]},
                "properties": {
                    "place_id": pid, "name": where["name"], "country": where.get("country"),
                    "kind": where["kind"], "admin1": where.get("admin1"),
                    "lat": where["lat"], "lon": where["lon"], "count": place.count,
                    "by_category": dict(place.by_category),
                    "category": place.by_category.most_common(1)[0][0],
                    "latest_at": place.latest[0] or None, latest_field: place.latest[1] or None,
                },
            }
        )  # fmt: skip
    return {"type": "FeatureCollection", "features": features}
