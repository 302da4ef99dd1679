"""The dashboard's vendored browser libraries are the pinned npm versions, unedited, with
their licences (deploy/npm/vendor_dashboard.py writes them and the manifest)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import ROOT

VENDOR = ROOT / "services" / "api" / "src" / "sitrep_api" / "static" / "vendor"
PINS = json.loads((ROOT / "deploy" / "npm" / "dashboard" / "package.json").read_text())


def test_vendored_files_match_the_manifest_and_the_pins() -> None:
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    assert manifest.keys() == PINS["dependencies"].keys()
    for package, entry in manifest.items():
        assert entry["version"] == PINS["dependencies"][package], package
        assert any(name.startswith("LICENSE") for name in entry["files"]), package
        for name, digest in entry["files"].items():
            path = VENDOR / package / name
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path} was edited"
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    listed = {f"{p}/{n}" for p, e in manifest.items() for n in e["files"]} | {"MANIFEST.json"}
    assert on_disk == listed


def test_the_page_loads_only_vendored_or_own_files() -> None:
    page = (VENDOR.parent / "index.html").read_text()
    for url in [
        part.split('"', 1)[0] for part in page.split('src="')[1:] + page.split('href="')[1:]
    ]:
        if url.startswith(("#", "data:", "/v1/events.")):  # anchors, inline data, the exports
            continue
        assert url.startswith("/static/"), url
        assert (VENDOR.parent / Path(url.removeprefix("/static/"))).is_file(), url
