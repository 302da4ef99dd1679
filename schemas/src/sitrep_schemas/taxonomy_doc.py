"""Render the label vocabulary (`data/labels.json`) as the project's taxonomy document.

`python -m sitrep_schemas.export` writes it to `docs/taxonomy.md`; a test fails when the
committed document is stale, so the labels file stays the one source of truth.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep_schemas.labels import Labels, load_labels


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    cells = [header, tuple("---" for _ in header), *rows]
    return ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]


def _bullets(lines: Iterable[str]) -> list[str]:
    return [f"- {line}" for line in lines]


def render_taxonomy(labels: Labels | None = None) -> str:
    labels = labels or load_labels()
    guide = labels.raw["guide"]
    out = [
        "# sitrep taxonomy",
        "",
        "<!-- Generated from schemas/src/sitrep_schemas/data/labels.json by"
        " `make schemas`; do not edit by hand. -->",
        "",
        f"Label vocabulary version `{labels.version}`. These are the exact strings of"
        " `TaggedEvent` and the API's filters, with a crosswalk to the ACLED codebook and"
        " PLOVER so results can be compared with those datasets. The API serves the same data"
        " at `GET /v1/taxonomy`.",
        "",
        "## How a bulletin splits into events",
        "",
        *_bullets(guide["segmentation"]),
        "",
        "## Categories",
        "",
        "One primary category per event.",
        "",
        *_table(
            ("category", "meaning", "ACLED", "PLOVER"),
            (
                (f"`{name}`", spec["definition"], spec["acled"], spec["plover"])
                for name, spec in labels.categories.items()
            ),
        ),
        "",
        "## Event types",
        "",
        "`family.subtype`; the family is the part before the dot.",
        "",
        *_table(
            ("event_type", "category", "ACLED", "PLOVER", "definition"),
            (
                (f"`{name}`", spec["category"], spec["acled"], spec["plover"], spec["definition"])
                for name, spec in sorted(labels.event_types.items())
            ),
        ),
        "",
        "Conventions:",
        "",
        *_bullets(guide["conventions"]),
        "",
        "## Actor types",
        "",
        *_table(
            ("type", "ACLED inter", "PLOVER sector", "examples"),
            (
                (f"`{name}`", actor["acled"], actor["plover"], actor["examples"])
                for name in labels.actor_types
                for actor in (guide["actor_types"][name],)
            ),
        ),
        "",
        "State sectors: " + ", ".join(f"`{s}`" for s in labels.raw["state_sectors"]) + ".",
        "",
        "## Locations",
        "",
        "Kinds: " + ", ".join(f"`{k}`" for k in labels.location_kinds) + ".",
        "",
        *_bullets(guide["locations"]),
        "",
        "## Quantities",
        "",
        "Kinds: " + ", ".join(f"`{k}`" for k in labels.quantity_kinds) + ".",
        "",
        *_bullets(guide["quantities"]),
        "",
    ]
    return "\n".join(out)
