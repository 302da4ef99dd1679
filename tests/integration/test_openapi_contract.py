"""Each service keeps its published contract: schemathesis' CLI, as a user runs it from outside,
against each service's own OpenAPI, served over a real socket with a real broker and Redis.

Every phase runs (examples, coverage, fuzzing, stateful) with every check; a seeded run keeps
`make test` repeatable, `SITREP_CONTRACT_SEED=random` explores further.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import redis

from sitrep_api.app import create_app as create_api
from sitrep_api.resolver import Resolver
from sitrep_api.settings import Settings as ApiSettings
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_api.word_index import WordIndexer
from sitrep_ingest.app import create_app as create_ingest
from sitrep_ingest.settings import Settings as IngestSettings
from tests.conftest import serving
from tests.integration.test_projector_store import TOPIC, seed_tagged

pytestmark = pytest.mark.integration
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
SEED = os.environ.get("SITREP_CONTRACT_SEED", "20261130")


def schemathesis_run(base_url: str, max_examples: int, workdir: Path, *extra: str) -> None:
    seed = [] if SEED == "random" else ["--seed", SEED]
    run = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{base_url}/openapi.json",
         "--max-examples", str(max_examples), "--request-timeout", "2", "--no-color", *seed,
         *extra],
        capture_output=True, text=True, timeout=600, cwd=workdir,  # its cache goes there
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )  # fmt: skip
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    generated = re.search(r"(\d+) generated, \1 passed", run.stdout)
    assert generated and int(generated.group(1)) > 0, report
    # and no warning: e.g. an operation that only ever answered 404 was never really tested
    # (retractions reach their core through the OpenAPI link from the feeds' answer)
    assert "WARNINGS" not in run.stdout, report


def test_api_answers_as_its_openapi_says(
    redis_url: str, isolated: dict[str, Any], tmp_path: Path
) -> None:
    client = redis.Redis.from_url(redis_url)
    prefix = isolated["redis_prefix"]
    events = seed_tagged()
    StateWriter(client, prefix).apply(
        [AppliedRecord(TOPIC, i % 2, i, ev) for i, ev in enumerate(events)]
    )
    Resolver(client, prefix).resolve(events)
    WordIndexer(client, prefix).catch_up()
    client.close()
    with serving(create_api(ApiSettings(redis_url=redis_url, redis_prefix=prefix))) as url:
        schemathesis_run(url, 40, tmp_path, "--exclude-path", "/v1/stream")
        # A stream stays open until its `limit` or the client's timeout: each case of it
        # waits the 2 s timeout when its filters match nothing new, so it gets fewer cases.
        schemathesis_run(
            url, 10, tmp_path, "--include-path", "/v1/stream", "--phases", "examples,fuzzing"
        )


def test_ingest_answers_as_its_openapi_says(isolated: dict[str, Any], tmp_path: Path) -> None:
    with serving(create_ingest(IngestSettings(**isolated))) as url:
        schemathesis_run(url, 40, tmp_path)
