"""Incidents: one real-world happening behind one or more reports, and the record that
tells Kafka consumers about each change (`sitrep.incidents`).

An incident's reports are tagged events (`sitrep.updates.tagged`); which incident a
report belongs to can change as more reports arrive (two incidents found to be one merge,
a re-tagged report leaves). `IncidentUpdate` carries the incident as it stands after a
change, keyed by `incident_id`: a consumer keeps, per incident id, the update with the
highest `version`, and treats `op: "drop"` as a tombstone.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from sitrep_schemas.events import SCHEMA_VERSION


class OccurredOn(BaseModel):
    date: str = Field(
        description="ISO date the reported happening took place", examples=["2025-03-03"]
    )
    precision: Literal["day", "week"]
    basis: str | None = Field(
        default=None,
        description="What dated it: bulletin_date, received_at, or the words that moved it",
    )


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


class IncidentUpdate(BaseModel):
    """One change of one incident, as published to `sitrep.incidents` (key: incident id)."""

    schema_version: Literal[1] = SCHEMA_VERSION
    op: Literal["put", "drop"] = Field(
        description="put: the incident as it now stands; drop: it no longer exists "
        "(merged into another, or its reports left or were withdrawn)"
    )
    incident_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    version: int = Field(
        ge=1, description="Grows with every change of this incident: keep the highest"
    )
    event_ids: list[str] = Field(
        default_factory=list,
        description="Its reports (tagged event ids), at most the first 1,000 by id; empty on drop",
    )
    event_ids_complete: bool = Field(
        default=True,
        description="False when the incident has more reports than event_ids lists"
        " (GET /v1/incidents/{id} has them all)",
    )
    merged_into: str | None = Field(
        default=None, description="On drop: the incident that took its reports, if any"
    )
    incident: Incident | None = Field(default=None, description="On put: the incident")


__all__ = ["Claim", "Figure", "Incident", "IncidentUpdate", "OccurredOn"]
