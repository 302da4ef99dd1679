"""Several ingest processes on one port: every feed lands once, whichever worker takes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from sitrep_cli.embedded import free_port, terminate, wait_for_port
from tests.conftest import read_topic

pytestmark = pytest.mark.integration

SITREP = Path(sys.executable).parent / "sitrep"


def test_worker_processes_share_the_port_and_the_duplicate_check(
    isolated: dict[str, Any],
) -> None:
    port = free_port()
    env = dict(os.environ)
    env.update({f"SITREP_{k.upper()}": str(v) for k, v in isolated.items()})
    env.update(SITREP_INGEST_PORT=str(port), SITREP_INGEST_WORKERS="2", SITREP_LOG_LEVEL="WARNING")
    ingest = subprocess.Popen([str(SITREP), "ingest"], env=env, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, 60, ingest)
        feeds = [
            "\n".join(
                json.dumps({"text": f"Item {n} of feed {f}: shelling hit the town overnight."})
                for n in range(20)
            ).encode()
            for f in range(8)
        ]

        def post(body: bytes) -> dict[str, Any]:
            with httpx.Client(timeout=60) as http:
                response = http.post(
                    f"http://127.0.0.1:{port}/v1/feeds",
                    params={"source": "workers"},
                    content=body,
                    headers={"Content-Type": "application/x-ndjson"},
                )
                assert response.status_code == 202, response.text
                answer: dict[str, Any] = response.json()
                return answer

        with ThreadPoolExecutor(4) as pool:  # each feed twice, at once, to either worker
            answers = list(pool.map(post, feeds + feeds))
        assert sum(a["accepted"] for a in answers) == 160
        assert sum(a["duplicates"] for a in answers) == 160
        records = read_topic(isolated["kafka_bootstrap"], isolated["topic_raw"], 160)
        assert len(records) == 160
        assert len({json.loads(r.value)["event_id"] for r in records}) == 160
    finally:
        terminate(ingest, 15)
