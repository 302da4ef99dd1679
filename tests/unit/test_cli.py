"""`sitrep parse` and `sitrep tag` as a user runs them (in-process, no servers)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sitrep_cli.main import main

SEED_BULLETIN = Path(__file__).resolve().parents[2] / "seeds" / "bulletin-lead-day1007.txt"


def test_parse_then_tag(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["parse", str(SEED_BULLETIN)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 14 and json.loads(lines[0])["headline"] == "Village Captured"
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\nnot json\n"))
    assert main(["tag", "-"]) == 1  # the bad line fails the run, after the good ones
    captured = capsys.readouterr()
    tagged = [json.loads(line) for line in captured.out.splitlines()]
    assert len(tagged) == 14 and all(t["event_type"] and t["classifier"]["name"] for t in tagged)
    assert "line 15: not an UpdateEvent" in captured.err


def test_parse_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text('{"text": ')
    assert main(["parse", str(feed)]) == 2
    assert "invalid JSON" in capsys.readouterr().err
