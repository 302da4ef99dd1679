"""`sitrep push` against a real ingest over HTTP: directories, a summary, non-zero exit on rejects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep_cli.main import main
from sitrep_ingest.app import create_app
from sitrep_ingest.settings import Settings
from tests.conftest import serving

pytestmark = pytest.mark.integration
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def ingest_url(isolated: dict[str, Any]) -> Iterator[str]:
    settings = Settings(**isolated, ingest_tokens={"t0ken": ""})
    with serving(create_app(settings)) as url:
        yield url


def test_push_directory_reports_accepted_duplicates_and_rejects(
    ingest_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for name in ("bulletin-numbered-recap.md", "events.ndjson", "feed-atom.xml"):
        (feeds / name).write_bytes((SEEDS / name).read_bytes())
    (feeds / "broken.json").write_text('{"text": ')
    assert main(["push", str(feeds), "--url", ingest_url, "--token", "t0ken"]) == 1
    out = capsys.readouterr()
    assert "accepted 10, duplicates 0, rejected files 1" in out.out
    assert "broken.json" in out.out and "invalid JSON" in out.out
    assert "[4/4]" in out.err
    # Again: nothing new, the same reject.
    assert main(["push", str(feeds), "--url", ingest_url, "--token", "t0ken"]) == 1
    assert "accepted 0, duplicates 10, rejected files 1" in capsys.readouterr().out
    # Without the token every file is refused.
    assert main(["push", str(feeds / "events.ndjson"), "--url", ingest_url]) == 1
    assert "401" in capsys.readouterr().out
