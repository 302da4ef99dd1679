"""What ingest's HTTP API answers and takes (besides feeds, whose bodies are in `feed_bodies`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

EventId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class FeedAccepted(BaseModel):
    accepted: int = Field(description="Events new to this ingest, acknowledged by the broker")
    duplicates: int = Field(description="Events it had already accepted (sent again: not counted)")
    event_ids: list[str] = Field(description="Every event of the feed, in order, new or not")


class RetractionRequest(BaseModel):
    """Items a feed withdraws: the aggregate drops what each counted, exactly once."""

    event_ids: list[EventId] = Field(
        min_length=1, max_length=1000, description="Ids ingest answered when it accepted them"
    )
    reason: str | None = Field(default=None, max_length=500, examples=["published in error"])


class RetractionsAccepted(BaseModel):
    retracted: list[str] = Field(description="Withdrawals the broker acknowledged")
    unknown: list[str] = Field(description="Ids this ingest never accepted: nothing was sent")
