"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against `strife serve`.

Skipped when Chromium, Playwright or the npm libraries are missing, unless CI is set (then
they must be there). Screenshots go to test-artifacts/. Run as a script to refresh the
README's screenshot:

    .venv/bin/python tests/test_dashboard.py docs/dashboard.png
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from conftest import start_strife_serve
from test_api_data import SCRIPT_ACTOR, build_test_db

from strife.serve.config import ServeSettings, find_assets_dir, missing_assets
from strife.serve.queries import EVENT_TYPE_COLOURS

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never `playwright install`
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    missing = missing_assets(find_assets_dir(ServeSettings()))
    if missing:
        return f"npm packages missing ({', '.join(missing)}): run npm ci"
    return None


def _require_browser() -> None:
    reason = _missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser tests")
        pytest.skip(reason)


def start_server(db_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `strife serve` on a free loopback port; return the process and its base URL."""
    return start_strife_serve(db_path, db_path.with_suffix(".log"), wait=30)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server this test started."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`strife serve` over the examples database plus the hand-written reports."""
    _require_browser()
    db_path = tmp_path_factory.mktemp("dashboard") / "served.db"
    build_test_db(f"sqlite:///{db_path}")
    process, base = start_server(db_path)
    yield base
    stop_server(process)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    """One headless Chromium for the module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1400, "height": 860}, base_url=server)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: page.errors.append(message.text) if message.type == "error" else None,
    )
    yield page
    context.close()


def _loaded(page: Any, path: str = "/") -> None:
    page.goto(path)
    page.wait_for_selector("#event-list li")
    page.wait_for_function("() => document.getElementById('map').dataset.mode !== undefined")


def _shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def test_dashboard_loads_map_list_timeline_and_credits(page: Any) -> None:
    _loaded(page)
    assert page.locator(".leaflet-marker-icon").count() > 0
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country outlines
    assert page.locator("#timeline rect").count() > 5
    assert page.locator("#event-list button.incident").count() > 10
    assert "incidents" in page.locator("#summary").inner_text()
    assert "GeoNames" in page.locator("footer").inner_text()
    assert "GeoNames" in page.locator(".leaflet-control-attribution").inner_text()
    assert page.errors == []  # no script error, no blocked resource, no CSP violation
    assert _shot(page, "dashboard.png").stat().st_size > 10_000


def test_filter_by_type_updates_url_list_and_map(page: Any) -> None:
    _loaded(page)
    before = int(page.locator("#map").get_attribute("data-features"))
    page.get_by_label("Battles").check()
    page.wait_for_url("**event_type=Battles**")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#event-list button.incident')]"
        ".every(b => b.dataset.type === 'Battles')"
    )
    types = page.locator("#event-list button.incident").evaluate_all(
        "buttons => buttons.map(b => b.dataset.type)"
    )
    assert types and set(types) == {"Battles"}
    page.wait_for_function(
        f"() => Number(document.getElementById('map').dataset.features) < {before}"
    )
    # The filter lives in the URL: loading it again gives the same view.
    page.reload()
    page.wait_for_selector("#event-list li")
    assert page.get_by_label("Battles").is_checked()
    assert page.errors == []


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


COMPUTED_COLOURS = """(type) => {
  const background = (node) => getComputedStyle(node).backgroundColor;
  const legend = [...document.querySelectorAll('.legend li')]
    .find((li) => li.textContent.trim() === type);
  return {
    legend: legend ? background(legend.querySelector('.swatch')) : null,
    filter: background(document.querySelector(
      `#filters input[value="${type}"] + .swatch`)),
    list: [...document.querySelectorAll('#event-list .incident .swatch')].map(background),
    markers: [...document.querySelectorAll(
      '.leaflet-marker-icon .dot, .leaflet-marker-icon .cluster')].map(background),
    timeline: [...document.querySelectorAll('#timeline rect:not(.brush)')]
      .map((bar) => getComputedStyle(bar).fill),
  };
}"""


@pytest.mark.parametrize("event_type", list(EVENT_TYPE_COLOURS))
def test_each_type_has_the_legend_colour_in_list_map_and_timeline(
    page: Any, event_type: str
) -> None:
    _loaded(page, "/?" + urlencode({"event_type": event_type}))
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-marker-icon').length > 0"
        " && document.querySelectorAll('#timeline text').length > 0"
    )
    found = page.evaluate(COMPUTED_COLOURS, event_type)
    expected = _rgb(EVENT_TYPE_COLOURS[event_type])
    assert found["legend"] == expected
    assert found["filter"] == expected
    assert found["list"] and set(found["list"]) == {expected}
    assert found["markers"] and set(found["markers"]) == {expected}
    # A type whose incidents killed nobody has no bar on the deaths timeline.
    assert set(found["timeline"]) <= {expected}
    assert page.errors == []


LONG_SEGMENTS = """(limit) => {
  // Every straight segment of the country outlines, in screen pixels.
  const segments = [];
  for (const path of document.querySelectorAll('.leaflet-overlay-pane path')) {
    for (const ring of (path.getAttribute('d') || '').split(/[Mz]/)) {
      const numbers = ring.split(/[ L,]+/).filter(Boolean).map(Number);
      for (let i = 2; i + 1 < numbers.length; i += 2) {
        segments.push([numbers[i - 2], numbers[i - 1], numbers[i], numbers[i + 1]]);
      }
    }
  }
  const ys = segments.flatMap((s) => [s[1], s[3]]);
  const top = Math.min(...ys), bottom = Math.max(...ys);
  // Leaflet clips shapes to the view (plus a margin), which leaves long edges along the
  // clipping box's top and bottom: those are off screen. Any other long level line is a
  // band across the map.
  return segments.filter((s) => Math.abs(s[2] - s[0]) > limit
    && !(s[1] === s[3] && (s[1] === top || s[1] === bottom)));
}"""


def test_world_map_has_no_band_across_it(page: Any) -> None:
    _loaded(page, "/?view=15,20,2")
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 100"
    )
    # At zoom 2 the world is 1,024 pixels wide; no coastline or border of the 1:110m outlines
    # runs straight for a third of it, but a ring joined across ±180° does.
    assert page.evaluate(LONG_SEGMENTS, 340) == []
    assert page.errors == []


def test_open_incident_shows_highlighted_quotes_and_conflicting_figures(page: Any) -> None:
    _loaded(page, "/?country=Somalia&q=army+base")
    item = page.locator("#event-list button.incident", has_text="Beledweyne").first
    item.click()
    drawer = page.locator("#drawer")
    drawer.wait_for(state="visible")
    page.wait_for_selector("#drawer mark")
    marks = page.locator("#drawer mark").all_inner_texts()
    assert any("six soldiers were killed" in m for m in marks)
    assert any(m.startswith("Nine Somali soldiers died") for m in marks)
    differs = page.locator("#drawer table.figures tr.differs").first.inner_text()
    assert "6" in differs and "9" in differs
    assert "Hiraan Courier" in drawer.inner_text() and "Shabelle Wire" in drawer.inner_text()
    assert "incident=" in page.url  # the open incident can be shared too
    _shot(page, "dashboard-incident.png")
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.dataset.id") == item.get_attribute("data-id")
    assert page.errors == []


def test_markup_in_data_stays_text(page: Any) -> None:
    _loaded(page, "/?actor=Hiraan+Brigade")
    page.locator("#event-list button.incident").first.click()
    page.wait_for_selector("#drawer mark")
    text = page.locator("#drawer").inner_text()
    assert SCRIPT_ACTOR in text
    assert "<script>window.__pwned = 3</script>" in text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#drawer script, #drawer img, #drawer b").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    marker = page.locator(".leaflet-marker-icon").first
    marker.hover()
    assert page.evaluate("() => window.__pwned") is None
    assert page.errors == []


def test_keyboard_opens_an_incident_from_the_list(page: Any) -> None:
    _loaded(page)
    first = page.locator("#event-list button.incident").first
    first.focus()
    page.keyboard.press("Enter")
    page.locator("#drawer").wait_for(state="visible")
    page.wait_for_function("() => document.activeElement.id === 'drawer-title'")
    page.keyboard.press("Escape")
    page.locator("#drawer").wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.classList.contains('incident')")


def test_timeline_brush_filters_dates(page: Any) -> None:
    _loaded(page)
    total = page.locator("#list-count").inner_text()
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=**")
    assert "until=" in page.url
    page.wait_for_function(f"() => document.getElementById('list-count').textContent !== {total!r}")
    assert page.locator("#timeline .brush").count() == 1
    assert page.locator("#clear-dates").is_visible()
    page.locator("#clear-dates").click()
    page.wait_for_function("() => !location.search.includes('since=')")
    assert page.errors == []


def test_api_docs_list_the_operations_with_no_network(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server)
    blocked: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("/")
        page.get_by_role("link", name="API").click()
        page.wait_for_url("**/docs")
        page.wait_for_selector(".opblock", timeout=20_000)
        operations = page.locator(".opblock-summary-path").all_inner_texts()
    finally:
        context.close()
    paths = {text.replace("\u200b", "").strip() for text in operations}
    assert {"/api/events", "/api/events.geojson", "/api/events.csv", "/api/stats"} <= paths
    assert "/api/articles" in paths
    assert blocked == [] and errors == []


def save_screenshot(target: Path) -> None:
    """Build the example database, serve it, and save a screenshot of the dashboard."""
    reason = _missing_reason()
    if reason:
        raise SystemExit(reason)
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="strife-shot-"))
    try:
        db_path = folder / "served.db"
        build_test_db(f"sqlite:///{db_path}")
        process, base = start_server(db_path)
        try:
            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = chromium.new_page(viewport={"width": 1680, "height": 945})
                page.goto(f"{base}/?view=15,25,3")
                page.wait_for_selector("#event-list li")
                # An incident whose sources disagree shows the figures side by side.
                page.locator("#event-list button.incident", has_text="figures differ").first.click()
                page.wait_for_selector("#drawer mark")
                page.wait_for_timeout(500)
                page.screenshot(path=str(target))
                chromium.close()
        finally:
            stop_server(process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    save_screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/dashboard.png"))
