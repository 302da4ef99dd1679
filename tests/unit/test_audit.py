"""`sitrep audit`'s core: every acknowledged event ends stored, withdrawn, in the DLQ, or a gap."""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from sitrep_cli.audit import IN_RAW, IN_TAGGED, NOWHERE, Accepted, Found, account
from sitrep_cli.main import _when
from sitrep_runtime.ledger import ledger_member, parse_ledger_member

MS = 1_780_000_000_000.0


def accepted(*ids: str, source: str = "wire") -> list[Accepted]:
    return [Accepted(i, source, MS + n) for n, i in enumerate(ids)]


def test_every_end_is_counted_per_source_and_gaps_name_the_last_stage() -> None:
    events = [*accepted("a", "b", "c", "d"), *accepted("e", "f", "g", source="agency x")]
    found = Found(
        stored=Counter({"a": 1, "e": 1}),
        retracted={"b"},
        dlq={"c": "classify: ValueError: bad"},
        raw={"d", "f", "g"},
        tagged={"f"},
    )
    report = account(events, found)
    rows = {r.source: r for r in report.rows}
    assert (rows["wire"].accepted, rows["wire"].stored, rows["wire"].retracted) == (4, 1, 1)
    assert (rows["wire"].dlq, rows["wire"].gaps) == (1, 1)
    assert (rows["agency x"].stored, rows["agency x"].gaps) == (1, 2)
    assert {g.event_id: g.where for g in report.gaps} == {"d": IN_RAW, "f": IN_TAGGED, "g": IN_RAW}
    assert report.dlq == {"c": "classify: ValueError: bad"}
    assert not report.ok
    assert report.total().accepted == 7 and report.total().gaps == 3


def test_an_event_in_no_topic_is_the_brokers_loss() -> None:
    report = account(accepted("lost"), Found(raw=set(), tagged=set()))
    assert [(g.event_id, g.where) for g in report.gaps] == [("lost", NOWHERE)]
    assert report.gaps[0].accepted_at.startswith("2026-05-28T")


def test_an_event_on_two_shards_is_counted_twice_and_fails_the_audit() -> None:
    report = account(accepted("a", "b"), Found(stored=Counter({"a": 2, "b": 1})))
    assert report.duplicated == ["a"] and not report.gaps
    assert not report.ok
    assert report.rows[0].duplicated == 1


def test_all_accounted_for_is_ok_and_the_table_prints_a_total() -> None:
    report = account(accepted("a", "b"), Found(stored=Counter({"a": 1}), retracted={"b"}))
    assert report.ok
    lines = list(report.lines())
    assert lines[0].split() == ["source", "accepted", "stored", "retracted", "dlq", "gaps",
                                "duplicated"]  # fmt: skip
    assert lines[-1].split() == ["(all)", "2", "1", "1", "0", "0", "0"]


def test_ledger_members_keep_sources_with_spaces() -> None:
    member = ledger_member("0123abcd", "Agency X wire")
    assert parse_ledger_member(member.encode()) == ("0123abcd", "Agency X wire")


def test_audit_windows_are_iso_times_or_ages() -> None:
    assert _when("2026-11-30T10:00:00+00:00") == datetime(2026, 11, 30, 10, tzinfo=UTC)
    assert _when("2026-11-30T10:00:00").tzinfo == UTC
    before = datetime.now(UTC)
    when = _when("2h")
    assert before - timedelta(hours=2) <= when <= datetime.now(UTC) - timedelta(hours=2)
    with pytest.raises(argparse.ArgumentTypeError, match="neither an ISO 8601 time"):
        _when("yesterday")
