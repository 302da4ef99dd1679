"""Response models of the read API that are not Kafka contracts (those live in sitrep_schemas)."""

from __future__ import annotations

from pydantic import BaseModel, Field

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
