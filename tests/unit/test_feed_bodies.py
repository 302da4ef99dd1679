"""The bulletins the ingest OpenAPI documents are bulletins ingest accepts: generated from the
published pattern, every one parses into at least one event (no broker, no server). JSON
bodies are generated from their schema by the contract test (test_openapi_contract)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep_ingest.feed_bodies import BULLETIN
from sitrep_ingest.parsers.dispatch import parse_feed

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def parsed(body: str, fmt: str) -> list[Any]:
    return parse_feed(body.encode("utf-8", "surrogatepass"), fmt=fmt, received_at=NOW)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_regex(BULLETIN))
def test_documented_bulletins_parse(body: str) -> None:
    assert parsed(body, "bulletin")
