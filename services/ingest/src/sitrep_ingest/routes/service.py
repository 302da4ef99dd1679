"""What operators ask of ingest: liveness, readiness, metrics."""

from __future__ import annotations

from fastapi import Request

from sitrep_ingest.intake import Intake
from sitrep_runtime.probes import probe_routes


def _checks(request: Request) -> dict[str, bool]:
    intake: Intake = request.app.state.intake
    return {"kafka": intake.publisher.ready(), "redis": intake.seen.ready()}


router = probe_routes(_checks, "the broker and Redis answer")
