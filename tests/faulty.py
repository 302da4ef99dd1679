"""A real tagger with one injected failure: the stand-in for a tagger bug in fault tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sitrep_classifier.tagger import Tagger
from sitrep_schemas import TaggedEvent, UpdateEvent


class FailsOn(Tagger):
    """The real tagger, except that it raises for one event id."""

    def __init__(self, bad_id: str) -> None:
        super().__init__()
        self.bad_id = bad_id
        self.batches = 0

    def classify_many(
        self, events: Sequence[UpdateEvent], now: datetime | None = None
    ) -> list[TaggedEvent]:
        self.batches += 1
        if any(e.event_id == self.bad_id for e in events):
            raise RuntimeError(f"cannot tag {self.bad_id}")
        return super().classify_many(events, now)
