"""Topic names: a stable interface, read by downstream consumers."""

RAW_TOPIC = "sitrep.updates.raw"
TAGGED_TOPIC = "sitrep.updates.tagged"
DLQ_TOPIC = "sitrep.updates.dlq"
# Withdrawn items (`Retraction`), keyed by source: it must have as many partitions as the
# raw and tagged topics, so a retraction lands in the partition (and state shard) of its item.
RETRACTIONS_TOPIC = "sitrep.updates.retractions"
# Incident updates (`IncidentUpdate`), keyed by incident id: the latest per key is the state.
INCIDENTS_TOPIC = "sitrep.incidents"

# Headers on every record sitrep publishes: what its value is, so a consumer can check the
# schema (and its major version) before it decodes. The names match schemas/json/.
HEADER_CONTENT_TYPE = "content-type"
HEADER_SCHEMA = "sitrep.schema"
UPDATE_EVENT_SCHEMA = "update_event.v1"
TAGGED_EVENT_SCHEMA = "tagged_event.v1"
RETRACTION_SCHEMA = "retraction.v1"
INCIDENT_UPDATE_SCHEMA = "incident_update.v1"


def record_headers(schema: str) -> list[tuple[str, bytes]]:
    """`content-type: application/json` and `sitrep.schema: <name>.v<major>`."""
    return [(HEADER_CONTENT_TYPE, b"application/json"), (HEADER_SCHEMA, schema.encode())]


# Header names on DLQ records, so anyone can tell why a record is there.
DLQ_HEADER_ERROR_CLASS = "sitrep.error.class"
DLQ_HEADER_ERROR_MESSAGE = "sitrep.error.message"
DLQ_HEADER_TOPIC = "sitrep.original.topic"
DLQ_HEADER_PARTITION = "sitrep.original.partition"
DLQ_HEADER_OFFSET = "sitrep.original.offset"
DLQ_HEADER_STAGE = "sitrep.stage"
# On a record `sitrep dlq replay` sent back: the DLQ partition and offset it came from.
REPLAYED_HEADER = "sitrep.replayed.from"
DLQ_HEADERS = frozenset(
    {
        DLQ_HEADER_ERROR_CLASS,
        DLQ_HEADER_ERROR_MESSAGE,
        DLQ_HEADER_TOPIC,
        DLQ_HEADER_PARTITION,
        DLQ_HEADER_OFFSET,
        DLQ_HEADER_STAGE,
    }
)


def dlq_headers(
    stage: str,
    exc: BaseException,
    topic: str,
    partition: int,
    offset: int,
    original: list[tuple[str, bytes]] | None = None,
) -> list[tuple[str, bytes]]:
    """Headers of a DLQ record: which stage refused it, why, and where it came from, then
    the record's own headers (content type, schema) so that a replay sends them back too."""
    return [
        (DLQ_HEADER_STAGE, stage.encode()),
        (DLQ_HEADER_ERROR_CLASS, type(exc).__name__.encode()),
        (DLQ_HEADER_ERROR_MESSAGE, str(exc)[:2000].encode("utf-8", "replace")),
        (DLQ_HEADER_TOPIC, topic.encode()),
        (DLQ_HEADER_PARTITION, str(partition).encode()),
        (DLQ_HEADER_OFFSET, str(offset).encode()),
        *(
            (name, value)
            for name, value in original or []
            if name not in DLQ_HEADERS and name != REPLAYED_HEADER
        ),
    ]


def original_headers(headers: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """A DLQ record's headers without the DLQ's own: the original record's."""
    return [(n, v) for n, v in headers if n not in DLQ_HEADERS and n != REPLAYED_HEADER]
