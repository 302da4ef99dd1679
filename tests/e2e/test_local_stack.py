"""`sitrep up` as a user runs it: the whole pipeline on the embedded broker and Redis.

Push the seed over HTTP, see its 14 events in the API and its incidents on Kafka, push it
again and still see 14, withdraw one and see 13, then SIGTERM and see every child process gone.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import httpx
import pytest

from sitrep_cli.local import local_stack
from sitrep_schemas.incidents import IncidentUpdate
from sitrep_schemas.topics import INCIDENTS_TOPIC
from tests.conftest import SEED_BULLETIN, read_topic, wait_until

pytestmark = pytest.mark.e2e


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sitrep_up_push_query_and_stop(tmp_path: Path) -> None:
    started = time.monotonic()
    with local_stack(tmp_path / "data") as stack:
        ready_s = time.monotonic() - started
        ingest, api = stack.ingest, stack.api
        with httpx.Client(timeout=30) as http:
            pushed_at = time.monotonic()
            first = http.post(
                f"{ingest}/v1/feeds",
                content=SEED_BULLETIN.read_bytes(),
                headers={"Content-Type": "text/plain"},
            )
            assert first.status_code == 202 and first.json()["accepted"] == 14

            def events() -> list[dict[str, object]]:
                items: list[dict[str, object]] = http.get(
                    f"{api}/v1/events", params={"limit": 100}
                ).json()["items"]
                return items

            wait_until(lambda: len(events()) == 14, timeout=60)
            visible_s = time.monotonic() - pushed_at
            again = http.post(
                f"{ingest}/v1/feeds",
                content=SEED_BULLETIN.read_bytes(),
                headers={"Content-Type": "text/plain"},
            )
            assert again.status_code == 202 and again.json()["duplicates"] == 14
            time.sleep(2)
            assert len(events()) == 14
            state = http.get(f"{api}/v1/state").json()
            assert state["events_tallied"] == 14 and state["by_source"] == {"frontline-digest": 14}
            # the resolver places every event in an incident; they reach Kafka consumers too
            wait_until(lambda: http.get(f"{api}/v1/state").json()["incidents"]["reports"] == 14)

            # the resolver's word-index thread makes the stored events searchable by `q`
            def found(q: str) -> int:
                return len(http.get(f"{api}/v1/events", params={"q": q}).json()["items"])

            wait_until(lambda: found("drones") > 0)
            incidents = http.get(f"{api}/v1/incidents", params={"limit": 100}).json()["items"]
            assert incidents and sum(i["report_count"] for i in incidents) == 14
            published = read_topic(stack.bootstrap, INCIDENTS_TOPIC, len(incidents))
            latest: dict[str, IncidentUpdate] = {}
            for record in published:
                update = IncidentUpdate.model_validate_json(record.value)
                if update.version >= latest.get(update.incident_id, update).version:
                    latest[update.incident_id] = update
            live = {i: u for i, u in latest.items() if u.op == "put"}
            assert set(live) == {i["incident_id"] for i in incidents}
            assert sorted(e for u in live.values() for e in u.event_ids) == sorted(
                str(e["event_id"]) for e in events()
            )
            # the feed withdraws one item: it stops counting, its incident goes with it
            withdrawn = first.json()["event_ids"][0]
            retracted = http.post(
                f"{ingest}/v1/retractions",
                params={"source": "frontline-digest"},
                json={"event_ids": [withdrawn]},
            )
            assert retracted.status_code == 202 and retracted.json()["retracted"] == [withdrawn]
            wait_until(lambda: len(events()) == 13, timeout=60)
            wait_until(
                lambda: (
                    http.get(f"{api}/v1/state").json()["incidents"]["stored"] == len(incidents) - 1
                )
            )
            assert http.get(f"{api}/v1/events/{withdrawn}").status_code == 404
            for name in ("classifier", "projector"):
                assert http.get(f"http://127.0.0.1:{stack.ports[name]}/readyz").status_code == 200
            assert "sitrep_ingest_events_total" in http.get(f"{ingest}/metrics").text
        print(f"\nsitrep up: ready in {ready_s:.1f}s; push -> visible in {visible_s:.2f}s")
        children = descendants(stack.process.pid)
        assert len(children) >= 7  # broker, redis and the five services
        stack.process.send_signal(signal.SIGTERM)
        stack.process.wait(timeout=30)
    assert stack.process.returncode == 0
    assert not [pid for pid in children if alive(pid)], "children left running after SIGTERM"
