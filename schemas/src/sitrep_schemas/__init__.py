"""Models and conventions shared by every sitrep service: the events on the topics."""

from sitrep_schemas.events import (
    SCHEMA_VERSION,
    Actor,
    ClassifierInfo,
    Location,
    Quantity,
    Retraction,
    TaggedEvent,
    TextSpan,
    UpdateEvent,
)
from sitrep_schemas.topics import DLQ_TOPIC, RAW_TOPIC, RETRACTIONS_TOPIC, TAGGED_TOPIC

__all__ = [
    "DLQ_TOPIC",
    "RAW_TOPIC",
    "RETRACTIONS_TOPIC",
    "SCHEMA_VERSION",
    "TAGGED_TOPIC",
    "Actor",
    "ClassifierInfo",
    "Location",
    "Quantity",
    "Retraction",
    "TaggedEvent",
    "TextSpan",
    "UpdateEvent",
]
