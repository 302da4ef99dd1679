"""`sitrep audit` over a real pipeline: ingest's ledger, the classifier (one event it cannot
tag goes to the DLQ), the projector, Redis, and a record deliberately removed afterwards."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from sitrep_api.keyspace import Sharded
from sitrep_api.projector import Projector
from sitrep_api.settings import Settings as ApiSettings
from sitrep_api.state_writer import StateWriter
from sitrep_api.store import StateStore
from sitrep_api.unstored import UnstoredTracker
from sitrep_classifier.worker import ClassifierWorker
from sitrep_classifier.worker import Settings as ClassifierSettings
from sitrep_cli.audit import IN_TAGGED, NOWHERE
from sitrep_cli.main import main
from sitrep_ingest.app import create_app
from sitrep_ingest.dedup import SeenIds
from sitrep_ingest.parsers import parse_feed
from sitrep_ingest.settings import Settings as IngestSettings
from sitrep_runtime.ledger import ledger_key, ledger_member, parse_ledger_member
from tests.conftest import SEED_BULLETIN, running_in_thread, serving, wait_until
from tests.faulty import FailsOn

pytestmark = pytest.mark.integration


def audit_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["audit", "--json", "--grace", "0", *args])
    return code, json.loads(capsys.readouterr().out)


def gauges(tracker: UnstoredTracker) -> dict[str, float]:
    return {family.name: family.samples[0].value for family in tracker.collect()}


def test_audit_accounts_for_every_acknowledged_event_and_reports_a_removed_one(
    isolated: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in isolated.items():
        monkeypatch.setenv(f"SITREP_{name.upper()}", str(value))
    tag = uuid.uuid4().hex[:8]
    with serving(create_app(IngestSettings(**isolated))) as ingest:
        answer = httpx.post(
            f"{ingest}/v1/feeds",
            content=SEED_BULLETIN.read_bytes(),
            headers={"Content-Type": "text/plain"},
            timeout=30,
        )
    assert answer.status_code == 202
    event_ids = answer.json()["event_ids"]
    poisoned = event_ids[3]
    classifier = ClassifierWorker(
        ClassifierSettings(**isolated, classifier_group=f"c-{tag}", classifier_poll_ms=100),
        tagger=FailsOn(poisoned),
    )
    api_settings = ApiSettings(**isolated, projector_group=f"p-{tag}", projector_poll_ms=100)
    client = redis.Redis.from_url(api_settings.redis_url)
    store = StateStore(client, api_settings.redis_prefix)
    projector = Projector(api_settings, StateWriter(client, api_settings.redis_prefix))
    with running_in_thread(classifier), running_in_thread(projector):
        wait_until(lambda: store.state()["events_stored"] == len(event_ids) - 1, timeout=60)

    # The projector's gauges: the one event in the DLQ is acknowledged and not stored.
    tracker = UnstoredTracker(Sharded(client, api_settings.redis_prefix), grace_s=0)
    tracker.check(time.time() * 1000)
    assert gauges(tracker)["sitrep_accepted_unstored_events"] == 1
    assert 0 < gauges(tracker)["sitrep_accepted_unstored_oldest_seconds"] < 120

    code, report = audit_json(capsys)
    assert code == 0 and report["ok"]
    [row] = report["rows"]
    assert (row["accepted"], row["stored"], row["dlq"], row["gaps"]) == (14, 13, 1, 0)
    assert report["dlq"][poisoned].startswith("classify: RuntimeError")

    # A stored event removed behind the projector's back, and an acknowledgement the broker
    # never kept: both are gaps, each named by the last stage that has the event.
    removed = event_ids[0]
    shard = next(s for s in store.shards() if client.hexists(s + "events", removed))
    client.hdel(shard + "events", removed)
    ghost_at = time.time() * 1000
    client.zadd(ledger_key(api_settings.redis_prefix), {ledger_member("f" * 40, "ghost"): ghost_at})
    # The gauges follow what was never stored: the ghost counts; the removed event, seen
    # stored before, is the audit's to find.
    tracker.check(time.time() * 1000)
    assert gauges(tracker)["sitrep_accepted_unstored_events"] == 2
    code, report = audit_json(capsys)
    assert code == 1 and not report["ok"]
    assert {g["event_id"]: g["where"] for g in report["gaps"]} == {
        removed: IN_TAGGED,
        "f" * 40: NOWHERE,
    }
    # A window and a source narrow it down; the plain report is a table.
    code, report = audit_json(capsys, "--source", "ghost")
    assert code == 1 and [r["source"] for r in report["rows"]] == ["ghost"]
    before_ghost = datetime.fromtimestamp((ghost_at - 1) / 1000, UTC).isoformat()
    code, report = audit_json(capsys, "--since", "1h", "--until", before_ghost)
    assert code == 1 and [g["event_id"] for g in report["gaps"]] == [removed]
    assert main(["audit", "--grace", "0"]) == 1
    assert f"gap  {removed}  " in capsys.readouterr().out


def test_the_ledger_catches_up_after_redis_comes_back(redis_url: str) -> None:
    key = f"t{uuid.uuid4().hex[:8]}"
    down = redis.Redis(port=1, retry=Retry(NoBackoff(), 0))  # nothing listens: refused
    seen = SeenIds(down, f"{key}:seen", ledger=ledger_key(key))
    events = parse_feed(SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime.now(UTC))
    before = time.time() * 1000
    seen.remember(events[:5])  # Redis is down: kept, not raised
    seen.remember(events[5:8])
    assert len(seen.backlog) == 8
    seen.client = redis.Redis.from_url(redis_url)
    seen.remember(events[8:])
    assert not seen.backlog
    ledger: list[tuple[bytes, float]] = seen.client.zrange(ledger_key(key), 0, -1, withscores=True)  # type: ignore[assignment]
    assert sorted(parse_ledger_member(m)[0] for m, _ in ledger) == sorted(
        e.event_id for e in events
    )
    assert all(before <= score <= time.time() * 1000 for _, score in ledger)
