"""The README's downstream-consumer snippet, run as written against the test broker."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaProducer

from sitrep_classifier.tagger import Tagger
from sitrep_ingest.parsers import parse_feed
from sitrep_schemas.topics import TAGGED_EVENT_SCHEMA, record_headers
from tests.conftest import SEED_BULLETIN

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Consuming the tagged events yourself", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README lost its consumer snippet"
    return match.group(1)


def test_readme_snippet_reads_and_validates_the_tagged_topic(isolated: dict[str, Any]) -> None:
    tagger = Tagger()
    events = parse_feed(SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime.now(UTC))
    producer = KafkaProducer(bootstrap_servers=isolated["kafka_bootstrap"], acks="all")
    for ev in events:
        producer.send(
            isolated["topic_tagged"],
            key=ev.source.encode(),
            value=tagger.classify(ev).model_dump_json().encode(),
            headers=record_headers(TAGGED_EVENT_SCHEMA),  # as the classifier publishes them
        )
    # a record of a major version the reader does not know: skipped, not a crash
    producer.send(
        isolated["topic_tagged"], key=b"x", value=b'{"schema_version": 2}',
        headers=record_headers("tagged_event.v2"),
    )  # fmt: skip
    producer.flush()
    producer.close()
    code = (
        readme_snippet()
        .replace('"sitrep.updates.tagged"', repr(isolated["topic_tagged"]))
        .replace('"127.0.0.1:19092"', repr(isolated["kafka_bootstrap"]))
        .replace("consumer_timeout_ms=10_000", "consumer_timeout_ms=5_000")  # a shorter idle wait
        .replace('group_id="my-dashboard"', 'group_id="readme-' + isolated["redis_prefix"] + '"')
    )
    result = subprocess.run(
        # deprecations the example itself would hit are errors (kafka-python's own, at import,
        # are its business and not shown by default)
        [sys.executable, "-W", "error::DeprecationWarning:__main__", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 14
    assert any("battle.territory_taken" in line and "Kopanky" in line for line in lines)
