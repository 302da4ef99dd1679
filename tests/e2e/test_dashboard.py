"""The dashboard in a real browser (Debian's Chromium, driven by Playwright) against the real
local stack with the seeds pushed: it loads without console errors, shows the seeds' events,
a filter narrows the feed and lands in the URL, a shared URL restores the view, and a newly
pushed event appears without a reload.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sitrep_cli.local import LocalStack, local_stack
from tests.conftest import ROOT, serving, wait_until

pytestmark = pytest.mark.e2e
playwright = pytest.importorskip("playwright.sync_api")


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make install installs it with apt)")
        pytest.skip("chromium is not installed")
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalStack, int]]:
    with local_stack(tmp_path_factory.mktemp("dash"), seeds=[str(ROOT / "seeds")]) as stack:
        assert stack.seeded > 0, stack.output[-1]
        yield stack, stack.seeded


@pytest.fixture
def page(seeded: tuple[LocalStack, int]) -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        yield page
        browser.close()


def feed_texts(page: Any) -> list[str]:
    return page.locator("#feed li .text").all_inner_texts()  # type: ignore[no-any-return]


def test_dashboard_shows_filters_and_goes_live(seeded: tuple[LocalStack, int], page: Any) -> None:
    stack, accepted = seeded
    api = httpx.Client(base_url=stack.api, timeout=10)
    state = api.get("/v1/state").json()
    newest = api.get("/v1/events", params={"limit": 30}).json()["items"]

    page.goto(stack.api + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    assert page.locator("#summary").inner_text().startswith(f"{accepted} events")
    assert feed_texts(page) == [e["event"]["text"] for e in newest]
    assert page.locator("#map path.leaflet-interactive").count() == len(
        api.get("/v1/places").json()["features"]
    )
    assert page.locator("#figures li[data-kind=killed] .value").inner_text() != "–"
    # each incident once, with its number of sources
    incidents = api.get("/v1/incidents", params={"limit": 20}).json()["items"]
    shown = page.locator("#incidents li[data-incident-id]")
    assert shown.count() == len(incidents) > 0
    first = incidents[0]
    plural = "" if first["source_count"] == 1 else "s"
    assert f"{first['source_count']} source{plural}" in shown.first.inner_text()

    # the rarest category narrows the feed to exactly its events, and goes into the URL
    category, count = min(state["by_category"].items(), key=lambda kv: kv[1])
    page.select_option("select[name=category]", category)
    page.wait_for_url(f"**category={category}**")
    wait_until(lambda: len(feed_texts(page)) == count, 10)
    tags = page.locator("#feed li .tag.category").all_inner_texts()
    assert tags == [category] * count
    # the downloads export the view: its CSV holds exactly the filtered events
    href = page.locator("#download-csv").get_attribute("href")
    assert href == f"/v1/events.csv?category={category}"
    rows = api.get(href).text.strip().splitlines()
    assert len(rows) == count + 1
    assert page.locator("#download-geojson").get_attribute("href") == (
        f"/v1/events.geojson?category={category}"
    )

    # a shared URL restores the view
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("select[name=category]").input_value() == category
    wait_until(lambda: len(feed_texts(page)) == count, 10)

    # a new event arrives live, with no reload
    page.click("#clear")
    wait_until(lambda: len(feed_texts(page)) == min(30, accepted), 10)
    page.evaluate("window.__sameDocument = true")
    marker = uuid.uuid4().hex[:10]
    text = f"Air defence shot down 7 drones over Kharkiv overnight, report {marker}."
    pushed = httpx.post(stack.ingest + "/v1/feeds", json=[{"source": "browser-test", "text": text}])
    assert pushed.status_code == 202
    page.wait_for_selector(f"#feed li.new >> text={marker}", timeout=30_000)
    assert feed_texts(page)[0] == text
    assert page.evaluate("window.__sameDocument") is True
    assert page.problems == []
    api.close()


def test_dashboard_is_usable_on_a_phone_and_by_keyboard(
    seeded: tuple[LocalStack, int], page: Any
) -> None:
    stack, _ = seeded
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(stack.api + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    # keyboard: the skip link is first, and the filters are reachable and work with keys
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "category"
    page.keyboard.press("ArrowDown")
    page.wait_for_url("**category=**")
    page.click("#clear")
    page.wait_for_selector("body[data-settled=true]")  # the place buttons are rebuilt
    # the busiest place is a button: Enter on it filters by that place
    busiest = page.locator("#top-places button").first
    name = busiest.inner_text().rsplit(" (", 1)[0]
    busiest.focus()
    page.keyboard.press("Enter")
    wait_until(lambda: page.evaluate("new URL(location.href).searchParams.get('place')") == name)
    assert page.locator("input[name=place]").input_value() == name
    assert page.problems == []


def test_with_keys_the_dashboard_asks_for_one_then_reads_streams_and_downloads(
    seeded: tuple[LocalStack, int], page: Any
) -> None:
    from sitrep_api.app import create_app
    from sitrep_api.settings import Settings

    stack, _ = seeded
    total = httpx.get(stack.api + "/v1/state", timeout=10).json()["events_stored"]
    keyed = Settings(redis_url=stack.redis_url, api_keys={"k-dash": "dashboard"})
    with serving(create_app(keyed)) as url:
        page.goto(url + "/")
        page.wait_for_selector("#key-form:not([hidden])", timeout=30_000)
        assert feed_texts(page) == []
        page.fill("#key-form input[name=key]", "k-dash")
        page.click("#key-form button")
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        # the key is kept: a fresh load reads without the 401s that asked for it
        page.problems.clear()
        page.reload()
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        assert page.locator("#summary").inner_text().startswith(f"{total} events")
        assert page.locator("#key-form").is_hidden()
        wait_until(lambda: page.locator("#live span").inner_text() == "live", 10)
        href = page.locator("#download-csv").get_attribute("href")
        assert page.evaluate(f"fetch({href!r}).then(r => r.status)") == 200
        assert page.problems == []
