"""Write the JSON Schema of every published model into `schemas/json/`, and `docs/taxonomy.md`.

Run `python -m sitrep_schemas.export [DIR]` (or `make schemas`); a test fails when the
committed files are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from sitrep_schemas.events import Retraction, TaggedEvent, UpdateEvent
from sitrep_schemas.incidents import IncidentUpdate
from sitrep_schemas.taxonomy_doc import render_taxonomy

PUBLISHED: dict[str, type[BaseModel]] = {
    "update_event": UpdateEvent,
    "tagged_event": TaggedEvent,
    "incident_update": IncidentUpdate,
    "retraction": Retraction,
}


def render() -> dict[str, str]:
    """File name -> JSON text of each schema."""
    out = {}
    for name, model in PUBLISHED.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://sitrep.dev/schemas/{name}.v1.schema.json"
        out[f"{name}.v1.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "json"
    target.mkdir(parents=True, exist_ok=True)
    for name, text in render().items():
        (target / name).write_text(text, encoding="utf-8")
        print(target / name)
    if not args:
        taxonomy = Path(__file__).resolve().parents[3] / "docs" / "taxonomy.md"
        taxonomy.write_text(render_taxonomy(), encoding="utf-8")
        print(taxonomy)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
