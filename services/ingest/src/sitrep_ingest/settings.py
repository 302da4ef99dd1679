from __future__ import annotations

from pydantic import Field

from sitrep_schemas.settings import SitrepSettings


class Settings(SitrepSettings):
    ingest_host: str = "127.0.0.1"
    ingest_port: int = 8081
    ingest_max_body_bytes: int = 8 * 1024 * 1024
    ingest_max_events: int = 10_000
    ingest_max_line_chars: int = 100_000
    ingest_max_json_depth: int = 16
    # Seconds a client is told to wait (Retry-After) while the broker is unavailable.
    ingest_retry_after_s: int = 5
    # Feeds processed at once; one more is answered 503 + Retry-After at once, so memory
    # stays bounded (each holds at most max_body_bytes, or 500 NDJSON lines).
    ingest_max_inflight: int = 16
    # Processes serving the one port (uvicorn workers): each parses and publishes on its own
    # core with its own producer; dedup and the ledger live in Redis, so they share them.
    ingest_workers: int = Field(default=1, ge=1, le=64)
    # How long one request waits for the broker's acknowledgements before answering 503.
    ingest_publish_timeout_s: float = 15.0
    # Days the ledger of acknowledged events (what `sitrep audit` checks) keeps an entry.
    ingest_ledger_days: float = 30.0
    # Bearer tokens, as JSON: {"token": "source-id"}. Empty: no authentication (local use).
    # A token pushes as its source; "" as the source lets it name any source with ?source=.
    ingest_tokens: dict[str, str] = Field(default_factory=dict, repr=False)
