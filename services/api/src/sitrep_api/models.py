"""Response models of the read API that are not Kafka contracts (those live in sitrep_schemas)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sitrep_schemas import TaggedEvent
from sitrep_schemas.incidents import Incident, OccurredOn


class StoredEvent(TaggedEvent):
    """A tagged event as stored: the report, the incident it belongs to and when it happened."""

    incident_id: str | None = Field(
        default=None, description="The incident this report belongs to (GET /v1/incidents/{id})"
    )
    occurred_on: OccurredOn | None = None


class EventPage(BaseModel):
    items: list[StoredEvent]
    next_cursor: str | None


class IncidentDetail(Incident):
    reports: list[StoredEvent] = Field(description="Its reports, oldest first")


class IncidentPage(BaseModel):
    items: list[Incident]
    next_cursor: str | None


class PlaceCount(BaseModel):
    place_id: str = Field(examples=["ukr:kharkiv"])
    name: str = Field(examples=["Kharkiv"])
    count: int


class Tallies(BaseModel):
    """Counts by label, place, country, source and day (the day a bulletin gives, or received)."""

    by_category: dict[str, int] = Field(examples=[{"military": 21, "humanitarian": 9}])
    by_event_type: dict[str, int] = Field(examples=[{"remote.air_drone_strike": 4}])
    by_place: list[PlaceCount] = Field(description="Most counted first")
    by_country: dict[str, int] = Field(examples=[{"UKR": 14, "SDN": 8}])
    by_source: dict[str, int]
    by_day: dict[str, int] = Field(examples=[{"2025-03-03": 6}])


class IncidentTallies(Tallies):
    stored: int = Field(description="Incidents stored")
    reports: int = Field(
        description="Reports the resolver has placed in an incident (caught up when this equals"
        " events_stored)"
    )
    tallied: int = Field(description="Incidents counted in the tallies (not background or meta)")


class LatestBulletin(BaseModel):
    source: str
    bulletin_id: str | None
    bulletin_date: date | None
    received_at: datetime


class State(Tallies):
    """The aggregate: reports by label, place and source, and the same for incidents."""

    events_stored: int
    events_tallied: int = Field(description="Reports counted in the tallies")
    latest_bulletins: dict[str, LatestBulletin] = Field(description="Per source")
    last_update: datetime | None = Field(description="When the projector last stored a report")
    incidents: IncidentTallies


class FacetValue(BaseModel):
    value: str
    count: int
    name: str | None = Field(default=None, description="A place's name (place facet only)")


class Facets(BaseModel):
    category: list[FacetValue]
    event_type: list[FacetValue]
    country: list[FacetValue]
    source: list[FacetValue]
    place: list[FacetValue]
    scanned_events: int | None = Field(
        description="Events read to count a filtered query (null: answered from the tallies)"
    )


class TimelineBucket(BaseModel):
    bucket: str = Field(description="A day (YYYY-MM-DD) or an hour (YYYY-MM-DDTHH)")
    total: int
    by_category: dict[str, int]


class Timeline(BaseModel):
    bucket: Literal["day", "hour"]
    count: Literal["incidents", "reports"]
    buckets: list[TimelineBucket]


class PlaceTotal(BaseModel):
    place_id: str
    name: str
    total: float


class FigureTotal(BaseModel):
    kind: str = Field(examples=["killed"])
    total: float
    low: float | None = Field(default=None, description="Incidents: the sum of the lowest claims")
    high: float | None = Field(default=None, description="Incidents: the sum of the highest claims")
    rule: str | None = Field(default=None, description="Incidents: how claims were reconciled")
    incidents: int | None = Field(default=None, description="Incidents: how many are summed")
    incident_ids: list[str] | None = Field(default=None, description="Incidents: the first ones")
    events: int = Field(description="Reports behind the total")
    event_ids: list[str] = Field(description="The first of them")
    by_place: list[PlaceTotal]


class Figures(BaseModel):
    count: Literal["incidents", "reports"]
    figures: list[FigureTotal]


class Point(BaseModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2, description="[lon, lat]")


class PlaceProperties(BaseModel):
    model_config = ConfigDict(extra="allow")

    place_id: str
    name: str
    country: str | None
    kind: str
    admin1: str | None = None
    lat: float
    lon: float
    count: int
    by_category: dict[str, int]
    category: str | None = Field(description="The category counted most here")
    latest_at: datetime | None
    latest_event_id: str | None = Field(default=None, description="count=reports")
    latest_incident_id: str | None = Field(default=None, description="count=incidents")


class PlaceFeature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: Point
    properties: PlaceProperties


class PlaceCollection(BaseModel):
    """A GeoJSON FeatureCollection (RFC 7946) of points."""

    type: Literal["FeatureCollection"]
    features: list[PlaceFeature]


class Taxonomy(BaseModel):
    """The label vocabulary (as in docs/TAXONOMY.md) with its ACLED/PLOVER crosswalk."""

    model_config = ConfigDict(extra="allow")

    version: str
    about: str
    categories: dict[str, Any]
    event_types: dict[str, Any]
    actor_types: list[Any]
    state_sectors: list[Any]
    location_kinds: list[Any]
    quantity_kinds: list[Any]
    guide: dict[str, Any]


class EventFeatureProperties(BaseModel):
    """One event at one place: the CSV export's columns plus the place's id."""

    event_id: str
    incident_id: str | None
    event_date: str = Field(description="YYYY-MM-DD")
    date_precision: str = Field(description="day or week (when it happened), bulletin or received")
    category: str
    event_type: str
    acled_event_type: str
    acled_sub_event_type: str
    actors: str = Field(description="Names, '; '-separated")
    country: str | None
    admin1: str | None
    place: str
    place_id: str
    latitude: float
    longitude: float
    geo_precision: int
    fatalities: int = Field(description="The event's killed figures, summed")
    source: str
    attribution: str = Field(description="Who the report attributes it to, '; '-separated")
    received_at: str
    text: str


class EventFeature(BaseModel):
    type: Literal["Feature"]
    id: str = Field(description="event_id:place_id")
    geometry: Point
    properties: EventFeatureProperties


class EventFeatureCollection(BaseModel):
    """A GeoJSON FeatureCollection (RFC 7946) of events at their places."""

    type: Literal["FeatureCollection"]
    features: list[EventFeature]
    next_cursor: str | None = Field(description="Continue after `limit` events with this cursor")
