"""The page at / and the embed widget in a real browser over a real server with the seed article."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.seed_gold import GOLD
from tests.web.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
ROWS = "li.pt-row"


def _ready(page: Any, base: str, path: str = "/") -> list[dict[str, str]]:
    page.goto(base + path)
    page.wait_for_selector("[data-parley-ready=true]", timeout=15000)
    return list(
        page.eval_on_selector_all(
            ROWS, "els => els.map(e => ({id: e.dataset.eventId, best: e.dataset.best, text: e.innerText}))"
        )
    )


def _api_ids(base: str, **params: str) -> list[str]:
    items = httpx.get(base + "/v1/timeline", params={"limit": 500, **params}).json()["items"]
    return [str(i["id"]) for i in items]


def test_page_shows_the_seed_timeline_in_time_order(page: Any, live_server: str) -> None:
    rows = _ready(page, live_server)
    page.screenshot(path=str(ARTIFACTS / "page-timeline.png"), full_page=True)
    assert [r["id"] for r in rows] == _api_ids(live_server), (
        "the page draws what the API serves, in its order"
    )
    assert len(rows) == len(GOLD), f"the seed timeline has {len(GOLD)} events"
    bests = [r["best"] for r in rows]
    assert bests == sorted(bests)
    ranges = page.eval_on_selector_all(".pt-range", "els => els.map(e => parseFloat(e.style.width))")
    assert len(ranges) == len(rows) and all(w > 0 for w in ranges), "each event shows its window"


def test_filter_by_actor(page: Any, live_server: str) -> None:
    rows = _ready(page, live_server)
    page.wait_for_selector("select[name=actor] option[value=USA]", state="attached")
    page.select_option("select[name=actor]", "USA")
    page.wait_for_function(
        f"document.querySelectorAll('{ROWS}').length === {len(_api_ids(live_server, actor='USA'))}"
    )
    filtered = page.eval_on_selector_all(ROWS, "els => els.map(e => e.dataset.eventId)")
    assert filtered == _api_ids(live_server, actor="USA")
    assert 0 < len(filtered) < len(rows)
    page.screenshot(path=str(ARTIFACTS / "page-filter-actor-USA.png"), full_page=True)


def test_filter_by_event_type(page: Any, live_server: str) -> None:
    rows = _ready(page, live_server)
    page.wait_for_selector("select[name=cameo] option[value='03']", state="attached")
    page.select_option("select[name=cameo]", "03")
    expected = _api_ids(live_server, cameo="03")
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {len(expected)}")
    assert page.eval_on_selector_all(ROWS, "els => els.map(e => e.dataset.eventId)") == expected
    assert 0 < len(expected) < len(rows)


def test_open_an_event_and_see_its_evidence(page: Any, live_server: str) -> None:
    _ready(page, live_server)
    page.click(f"{ROWS} button >> nth=1")
    page.wait_for_selector(".pt-detail mark.pt-evidence")
    event_id = page.get_attribute(".pt-detail", "data-event-id")
    item = httpx.get(f"{live_server}/v1/events/{event_id}").json()
    marked = page.eval_on_selector_all(".pt-detail mark.pt-evidence", "els => els.map(e => e.textContent)")
    expected = [span["text"] for p in item["provenance"] for span in p["evidence"]]
    assert sorted(marked) == sorted(expected)
    assert page.is_visible(".pt-detail h2") and page.inner_text(".pt-detail h2") == item["label"]
    page.wait_for_selector(".pt-detail .pt-excerpt")
    page.screenshot(path=str(ARTIFACTS / "page-event-detail.png"), full_page=True)


def test_keyboard_only(page: Any, live_server: str) -> None:
    _ready(page, live_server)
    page.focus(f"{ROWS} button >> nth=0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pt-detail:not([hidden]) mark.pt-evidence")
    second = page.eval_on_selector_all(ROWS, "els => els[1].dataset.eventId")
    assert page.get_attribute(".pt-detail", "data-event-id") == second
    page.keyboard.press("Escape")
    assert page.is_hidden(".pt-detail")
    assert page.evaluate("document.activeElement.dataset.eventId") == second


def test_phone_width(page: Any, live_server: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    rows = _ready(page, live_server)
    assert len(rows) == len(GOLD)
    assert page.evaluate("document.documentElement.scrollWidth") <= 376, "no sideways scrolling"
    page.click(f"{ROWS} button >> nth=0")
    page.wait_for_selector(".pt-detail mark.pt-evidence")
    page.screenshot(path=str(ARTIFACTS / "page-phone.png"), full_page=True)


def test_embed_draws_the_same_items(page: Any, live_server: str) -> None:
    page_rows = _ready(page, live_server)
    embed_rows = _ready(page, live_server, "/embed")
    assert [r["id"] for r in embed_rows] == [r["id"] for r in page_rows]
    assert page.query_selector(".pt-controls") is None, "data-parley-controls=false hides the filters"
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
    assert scripts == ["/parley.js"], "one script tag"
    page.screenshot(path=str(ARTIFACTS / "embed.png"), full_page=True)
