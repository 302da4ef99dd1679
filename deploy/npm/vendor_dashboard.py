"""Vendor the dashboard's browser libraries from npm into the api package.

Installs deploy/npm/dashboard (pinned by its package-lock.json) into a temporary directory
with `npm ci`, copies the files the page loads and each package's licence into
services/api/src/sitrep_api/static/vendor/<package>/, and writes MANIFEST.json there
(package, version, licence, sha256 of every file). The result is committed: the api serves
it with no network and no build step; tests/unit/test_dashboard_vendor.py checks the files
still match the manifest and the pins.

Run (needs npm and the registry): .venv/bin/python deploy/npm/vendor_dashboard.py
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "deploy" / "npm" / "dashboard"
TARGET = ROOT / "services" / "api" / "src" / "sitrep_api" / "static" / "vendor"
# package -> the files the page needs (and the licence), as paths inside the package
FILES = {
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "LICENSE"],
    "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
    "topojson-client": ["dist/topojson-client.min.js", "LICENSE"],
    "world-atlas": ["countries-110m.json", "LICENSE"],
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(SOURCE / name, work / name)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=work, check=True
        )
        if TARGET.exists():
            shutil.rmtree(TARGET)
        manifest = {}
        for package, files in FILES.items():
            src = work / "node_modules" / package
            meta = json.loads((src / "package.json").read_text())
            entry = {"version": meta["version"], "license": meta["license"], "files": {}}
            for rel in files:
                dest = TARGET / package / Path(rel).name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src / rel, dest)
                entry["files"][Path(rel).name] = sha256(dest)
            manifest[package] = entry
        (TARGET / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    pins = ", ".join(f"{p} {m['version']}" for p, m in manifest.items())
    print(f"vendored {pins} into {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
