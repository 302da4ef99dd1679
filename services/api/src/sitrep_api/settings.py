from __future__ import annotations

from pydantic import Field

from sitrep_schemas.settings import SitrepSettings


class Settings(SitrepSettings):
    api_host: str = "127.0.0.1"
    api_port: int = 8080
    api_stream_poll_s: float = 0.5
    api_cors_origins: list[str] = Field(default_factory=list)
    projector_group: str = "sitrep-projector"
    projector_host: str = "127.0.0.1"
    projector_port: int = 8083
    projector_poll_ms: int = 500
