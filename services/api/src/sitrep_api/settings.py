from __future__ import annotations

from typing import Literal

from pydantic import Field

from sitrep_schemas.settings import SitrepSettings


class Settings(SitrepSettings):
    api_host: str = "127.0.0.1"
    api_port: int = 8080
    api_stream_poll_s: float = 0.5  # /v1/stream on Redis Cluster (else it blocks on Redis)
    api_cors_origins: list[str] = Field(default_factory=list)
    # Read-side API keys as JSON {"key": "client name"}; empty: reads need no key.
    api_keys: dict[str, str] = Field(default_factory=dict)
    # Requests per minute per client (key, or address without keys); None: no limit.
    api_rate_per_minute: int | None = Field(default=None, ge=1)
    # Read answers kept in memory until the state changes (conditional.py); 0: none kept.
    api_kept_answers: int = Field(default=256, ge=0)
    # The dashboard's base map is a bundled country outline (works offline); set a tile URL
    # such as https://tile.openstreetmap.org/{z}/{x}/{y}.png to draw tiles under it.
    api_map_tiles_url: str | None = None
    api_map_tiles_attribution: str = ""
    projector_group: str = "sitrep-projector"
    projector_host: str = "127.0.0.1"
    projector_port: int = 8083
    projector_poll_ms: int = 500  # the resolver's too
    resolver_group: str = "sitrep-resolver"
    resolver_host: str = "127.0.0.1"
    resolver_port: int = 8084
    # The resolver's CPU priority below the other services (os.nice): incidents are derived
    # from events and may lag under load, events may not (bench/README.md, end to end).
    resolver_nice: int = 10
    # An incident's figure of a kind from its sources' latest claims: the highest of them,
    # or the lowest (ACLED's most conservative reading). Both keep the range.
    incident_figure_rule: Literal["highest", "lowest"] = "highest"
