"""Response models of the read API that are not Kafka contracts (those live in sitrep_schemas)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from sitrep_schemas import TaggedEvent


class OccurredOn(BaseModel):
    date: str = Field(
        description="ISO date the reported happening took place", examples=["2025-03-03"]
    )
    precision: Literal["day", "week"]
    basis: str | None = Field(
        default=None,
        description="What dated it: bulletin_date, received_at, or the words that moved it",
    )


class StoredEvent(TaggedEvent):
    """A tagged event as stored: the report, the incident it belongs to and when it happened."""

    incident_id: str | None = Field(
        default=None, description="The incident this report belongs to (GET /v1/incidents/{id})"
    )
    occurred_on: OccurredOn | None = None


class EventPage(BaseModel):
    items: list[StoredEvent]
    next_cursor: str | None


class Figure(BaseModel):
    value: float = Field(description="The incident's figure under `rule`")
    low: float
    high: float
    claims: int = Field(description="Standing claims (each source's latest) behind it")
    unit: str | None = None
    rule: Literal["highest", "lowest"]


class Claim(BaseModel):
    kind: str
    value: float
    unit: str | None = None
    qualifier: str | None = None
    source: str
    attributed_to: str | None = Field(default=None, description="Who the report says claimed it")
    event_id: str


class Incident(BaseModel):
    """One real-world happening behind one or more reports."""

    incident_id: str
    headline: str
    event_type: str
    category: str
    tallied: bool
    occurred_on: OccurredOn
    first_seen: str
    last_seen: str
    sources: list[str]
    source_count: int
    report_count: int
    places: list[dict[str, Any]]
    figures: dict[str, Figure]
    claims: list[Claim] = Field(description="Each source's latest claim per kind and claimant")
    claims_superseded: int = Field(description="Earlier claims revised by their own source")


class IncidentDetail(Incident):
    reports: list[StoredEvent] = Field(description="Its reports, oldest first")


class IncidentPage(BaseModel):
    items: list[Incident]
    next_cursor: str | None
