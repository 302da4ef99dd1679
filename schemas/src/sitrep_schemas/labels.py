"""The label vocabulary of `TaggedEvent` (docs/taxonomy.md) as data, with its ACLED/PLOVER crosswalk.

Shared because it is an interface: the classifier emits these labels, the api
validates filters against them and serves them at `/v1/taxonomy`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Labels:
    version: str
    categories: dict[str, dict[str, str]]
    event_types: dict[str, dict[str, str]]  # name -> category, acled, plover, definition
    actor_types: tuple[str, ...]
    location_kinds: tuple[str, ...]
    quantity_kinds: tuple[str, ...]
    raw: dict[str, Any]


@cache
def load_labels() -> Labels:
    text = resources.files("sitrep_schemas").joinpath("data/labels.json").read_text("utf-8")
    raw = json.loads(text)
    for name, spec in raw["event_types"].items():
        if spec["category"] not in raw["categories"]:
            raise ValueError(f"event type {name}: unknown category {spec['category']}")
    return Labels(
        version=raw["version"],
        categories=raw["categories"],
        event_types=raw["event_types"],
        actor_types=tuple(raw["actor_types"]),
        location_kinds=tuple(raw["location_kinds"]),
        quantity_kinds=tuple(raw["quantity_kinds"]),
        raw=raw,
    )
