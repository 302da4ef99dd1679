"""The published JSON Schemas and the taxonomy document are generated and must not go stale."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep_schemas import TaggedEvent, UpdateEvent
from sitrep_schemas.export import render
from sitrep_schemas.taxonomy_doc import render_taxonomy
from tests.conftest import assert_committed

ROOT = Path(__file__).resolve().parents[2]
JSON_DIR = ROOT / "schemas" / "json"


def test_committed_json_schemas_match_the_models() -> None:
    assert_committed(JSON_DIR, "*.schema.json", render())


def test_committed_taxonomy_document_matches_the_labels() -> None:
    committed = (ROOT / "docs" / "taxonomy.md").read_text("utf-8")
    assert committed == render_taxonomy(), "docs/taxonomy.md is stale: run `make schemas`"


def test_schemas_name_every_event_field_of_the_design() -> None:
    update = json.loads((JSON_DIR / "update_event.v1.schema.json").read_text("utf-8"))
    assert set(update["properties"]) >= {
        "schema_version", "event_id", "source", "bulletin_id", "bulletin_date", "position",
        "section", "headline", "text", "url", "received_at",
    }  # fmt: skip
    tagged = json.loads((JSON_DIR / "tagged_event.v1.schema.json").read_text("utf-8"))
    assert set(tagged["properties"]) >= {
        "schema_version", "event_id", "event", "category", "event_type", "confidence", "actors",
        "locations", "quantities", "attributed_to", "classifier",
    }  # fmt: skip
    location = tagged["$defs"]["Location"]["properties"]
    assert {"lat", "lon", "country", "kind", "precision"} <= set(location)
    assert UpdateEvent.model_fields["schema_version"].default == 1
    assert TaggedEvent.model_fields["schema_version"].default == 1
