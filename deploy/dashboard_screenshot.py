"""`make screenshot`: the dashboard with the seeds loaded, as a PNG (docs/dashboard.png).

Starts the local stack on free ports, pushes seeds/, waits until every accepted event is
stored, opens the page in Debian's chromium (Playwright) at a laptop size and saves it.

Run: .venv/bin/python deploy/dashboard_screenshot.py [out.png]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitrep_cli.local import local_stack

ROOT = Path(__file__).resolve().parents[1]


def main(out: Path) -> int:
    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser_path is None:
        print("chromium is missing: make install installs it (apt-get install chromium)")
        return 1
    with (
        tempfile.TemporaryDirectory() as data,
        local_stack(Path(data), seeds=[str(ROOT / "seeds")], log_level="WARNING") as stack,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=browser_path)
        page = browser.new_page(viewport={"width": 1366, "height": 1000})
        page.goto(stack.api + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        page.wait_for_timeout(500)  # the map's markers and the chart settle
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    print(f"saved {out} ({stack.seeded} events from seeds/)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "dashboard.png"))
