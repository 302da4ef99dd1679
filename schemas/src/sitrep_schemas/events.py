"""The events sitrep puts on Kafka.

`UpdateEvent` is one item of a feed (a bullet of a bulletin, an RSS item, ...);
`TaggedEvent` is that item with the classifier's labels. Both are versioned
by `schema_version`; consumers must reject versions they do not know.
Label vocabulary: docs/taxonomy.md (categories, event types, actor and place kinds).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SCHEMA_VERSION: Literal[1] = 1

LocationKind = Literal[
    "settlement",
    "facility",
    "admin2",
    "admin1",
    "region",
    "territory",
    "water_body",
    "country",
]
ActorType = Literal[
    "state",
    "non_state_armed",
    "intergovernmental",
    "civilians",
    "protesters",
    "media",
    "business",
    "civil_society",
    "former_official",
    "unknown",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextSpan(_Model):
    """Character offsets (`end` exclusive) into the event's `text` or `headline`, and the text there."""

    field: Literal["text", "headline"] = "text"
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class UpdateEvent(_Model):
    """One update of a feed, as ingest publishes it to `sitrep.updates.raw`."""

    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str = Field(
        description="Deterministic id: hash of source, bulletin date, normalised headline and text.",
        pattern=r"^[0-9a-f]{32}$",
    )
    source: str = Field(min_length=1, max_length=200, description="Source id; also the Kafka key.")
    bulletin_id: str | None = Field(
        default=None, description="Id of the bulletin/feed document this update came in."
    )
    bulletin_date: date | None = Field(
        default=None, description="Date the bulletin reports on, when it says so."
    )
    bulletin_title: str | None = Field(
        default=None,
        max_length=500,
        description="Title of the bulletin or feed the update came in, when it has one "
        "('Sudan: what we know so far'): the situation its items are about.",
    )
    position: int = Field(default=1, ge=1, description="1-based place of the item in its bulletin.")
    section: str | None = Field(
        default=None, description="Section header the item was listed under."
    )
    headline: str | None = Field(default=None, description="Label of the item ('Headline: text').")
    text: str = Field(min_length=1, description="The item's text, without its headline label.")
    url: str | None = None
    received_at: datetime = Field(description="When ingest received the feed (UTC).")


class Location(_Model):
    """A place where the event happened or that it affected."""

    name: str
    kind: LocationKind
    country: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3"
    )
    admin1: str | None = None
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision: int = Field(ge=1, le=3, description="ACLED geo precision: 1 exact, 2 near, 3 region")
    place_id: str = Field(description="Stable gazetteer id, used as the aggregate key.")
    confidence: float = Field(ge=0, le=1)
    span: TextSpan | None = None


class Actor(_Model):
    name: str
    type: ActorType
    sector: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    role: Literal["actor", "recipient"] = "actor"
    confidence: float = Field(ge=0, le=1)
    span: TextSpan | None = None


class Quantity(_Model):
    """A figure from the text, e.g. `76 of the 188 drones` gives two quantities."""

    value: float
    unit: str | None = None
    kind: str = Field(
        description="Quantity kind from docs/taxonomy.md, e.g. killed, launched, area"
    )
    what: str | None = None
    qualifier: str | None = Field(default=None, description="Hedge kept as written: 'at least'")
    modality: Literal["expected", "projected"] | None = None
    surface: str = Field(description="Literal text the value came from; occurs in the item text")
    confidence: float = Field(default=0.5, ge=0, le=1)


class ClassifierInfo(_Model):
    name: str
    version: str


class Attribution(_Model):
    name: str
    span: TextSpan | None = None


class TaggedEvent(_Model):
    """An `UpdateEvent` with the classifier's labels, as published to `sitrep.updates.tagged`."""

    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    event: UpdateEvent
    category: str = Field(description="Primary category (docs/taxonomy.md)")
    event_type: str = Field(description="family.subtype (docs/taxonomy.md)")
    confidence: float = Field(ge=0, le=1)
    evidence: TextSpan | None = Field(
        default=None, description="The text span that decided the event type"
    )
    alternate_categories: list[str] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    attributed_to: list[Attribution] = Field(default_factory=list)
    classifier: ClassifierInfo
    tagged_at: datetime


class Retraction(_Model):
    """A feed withdrawing an item it sent, as ingest publishes it to `sitrep.updates.retractions`
    (keyed by source, like the item itself): the aggregate drops the item's contribution."""

    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str = Field(description="The withdrawn event", pattern=r"^[0-9a-f]{32}$")
    source: str = Field(description="The source that sent it: only its own source may withdraw it")
    retracted_at: datetime
    reason: str | None = Field(default=None, max_length=500)


EventT = TypeVar("EventT", UpdateEvent, TaggedEvent, Retraction)


def decode_record(value: bytes | None, model: type[EventT]) -> EventT:
    """A topic record's value as `model`; ValueError/ValidationError say what is wrong with it."""
    if value is None:
        raise ValueError("record has no value")
    try:  # the common case in one pass (twice as fast as json.loads, then validate)
        decoded = model.model_validate_json(value)
        if "schema_version" in decoded.model_fields_set:
            return decoded
    except ValidationError:
        pass  # the checks below say what is wrong: the bytes, the JSON, the version, a field
    data = json.loads(value.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("record value is not a JSON object")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(
            f"unsupported schema_version {data.get('schema_version')!r}; "
            f"this reader understands {SCHEMA_VERSION}"
        )
    return model.model_validate(data)
