"""`sitrep parse` and `sitrep tag` as a user runs them (in-process, no servers)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sitrep_cli.embedded import free_port
from sitrep_cli.main import FORMATS, main
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"

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


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("command", ["parse", "tag", "push"])
def test_missing_or_unreadable_input_is_one_line_and_exit_2(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope.txt")
    assert main([command, missing]) == 2
    assert "nope.txt: No such file or directory" in one_line_error(capsys)
    if command != "push":  # push reads directories
        assert main([command, str(tmp_path)]) == 2
        assert "Is a directory" in one_line_error(capsys)


def test_undecodable_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe- a")
    assert main(["parse", str(bad)]) == 2
    assert "UTF-8" in one_line_error(capsys)


def test_unreachable_ingest_is_retried_then_one_line_and_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.txt"
    feed.write_text("- A drone hit a depot.\n")
    port = free_port()  # nothing listens there
    assert main(["push", str(feed), "--url", f"http://127.0.0.1:{port}", "--retries", "1"]) == 3
    assert "did not answer" in one_line_error(capsys)


def test_version_and_help_name_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("sitrep ")
    with pytest.raises(SystemExit):
        main(["push", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "(default: http://127.0.0.1:8081)" in help_text and "(default: 5)" in help_text
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "exit codes:" in capsys.readouterr().out


def test_parse_takes_every_format_ingest_takes(capsys: pytest.CaptureFixture[str]) -> None:
    from sitrep_ingest.parsers.dispatch import FORMATS as INGEST_FORMATS

    assert list(INGEST_FORMATS) == FORMATS
    assert main(["parse", "--format", "atom", str(SEEDS / "feed-atom.xml")]) == 0
    assert capsys.readouterr().out.count("\n") > 0


def test_probe_asks_each_health_port_and_the_one_that_answers_decides() -> None:
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    from sitrep_cli.probe import probe
    from tests.conftest import serving

    ready, starting = FastAPI(), FastAPI()
    ready.get("/readyz")(lambda: {"status": "ready"})
    starting.get("/readyz")(lambda: JSONResponse({"status": "starting"}, status_code=503))
    silent = free_port()
    with serving(ready) as up, serving(starting) as down:
        up_port, down_port = int(up.rsplit(":", 1)[1]), int(down.rsplit(":", 1)[1])
        result = probe({"api": silent, "ingest": up_port})
        assert result.ready and result.line.startswith("ingest ready")
        result = probe({"api": silent, "classifier": down_port, "ingest": up_port})
        assert not result.ready and "503" in result.line
    assert not probe({"api": silent}).ready


def test_the_image_checks_its_own_health_with_the_probe() -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text("utf-8")
    assert "HEALTHCHECK" in dockerfile and 'CMD ["sitrep", "probe"]' in dockerfile
    with pytest.raises(SystemExit) as exit_:
        main(["probe", "--help"])
    assert exit_.value.code == 0
