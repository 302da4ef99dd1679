from __future__ import annotations

from sitrep_schemas.settings import SitrepSettings


class Settings(SitrepSettings):
    ingest_host: str = "127.0.0.1"
    ingest_port: int = 8081
    ingest_max_body_bytes: int = 8 * 1024 * 1024
    ingest_max_events: int = 10_000
    ingest_max_line_chars: int = 100_000
    # Seconds a client is told to wait (Retry-After) while the broker is unavailable.
    ingest_retry_after_s: int = 5
    # How long one request waits for the broker's acknowledgements before answering 503.
    ingest_publish_timeout_s: float = 15.0
