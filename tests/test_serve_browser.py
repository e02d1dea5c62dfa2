"""The explorer as a person uses it: `sitrep serve` over a real store, driven in Debian's
headless Chromium through Playwright (no browser download: the system binary)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app as cli
from sitrep.store import Store

playwright = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`sitrep serve`'s application on a free loopback port, in a thread."""

    def __init__(self, db: str) -> None:
        import uvicorn

        from sitrep.serve.app import create_app

        self.store = Store.open(db, create=False)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.server = uvicorn.Server(uvicorn.Config(create_app(self.store), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            assert time.time() < deadline, "the server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.store.close()


def _run(source: Path, db: Path) -> str:
    result = CliRunner().invoke(cli, ["run", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return str(db)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = _run(EXAMPLES, tmp_path_factory.mktemp("explorer") / "kb.db")
    with Server(db) as s:
        yield s


class Page:
    """A fresh page that records console errors, page errors and every request."""

    def __init__(self, browser, server: Server) -> None:
        self.server = server
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, fragment: str = "") -> None:
        self.page.goto(self.server.url + (f"#{fragment}" if fragment else ""))
        self.page.wait_for_selector("body[data-ready=true]")

    def wait_until(self, js: str, timeout: float = 15) -> None:
        """Poll a JavaScript expression until it is true. (Playwright's wait_for_function
        evaluates strings with eval, which the page's Content-Security-Policy forbids.)"""
        deadline = time.time() + timeout
        while not self.page.evaluate(js):
            assert time.time() < deadline, f"timed out waiting for {js}"
            time.sleep(0.05)

    def api(self, path: str) -> dict:
        return json.loads(self.page.evaluate(f"fetch({json.dumps(path)}).then(r => r.text())"))


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    p = Page(browser, server)
    yield p
    p.page.close()


def test_the_page_shows_the_seed_story_on_map_timeline_and_graph_offline(page, tmp_path):
    page.open()
    page.page.wait_for_selector("path.event-marker")
    located = page.api("/api/map")["located"]
    assert page.page.locator("path.event-marker").count() == located > 3
    assert page.page.locator("#timeline rect.bar").count() >= 4
    assert "ASSAULT" in page.page.inner_text("#legend")
    page.wait_until("document.querySelector('#graph canvas') !== null")
    assert page.page.locator("#event-list li").count() == page.api("/api/events")["total"]
    assert "events match" in page.page.inner_text("#counts")
    # Nothing from the network: every request went to this server.
    assert page.requests and all(url.startswith(page.server.url) for url in page.requests), page.requests
    assert page.errors == []
    shot = tmp_path / "explorer.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000
    if os.environ.get("SITREP_UPDATE_SCREENSHOT"):  # refreshes the README's picture
        shutil.copy(shot, REPO / "docs" / "explorer.png")


def test_clicking_a_marker_opens_the_evidence_with_the_cited_sentence(page):
    page.open()
    marker = page.page.locator("path.event-marker").first
    event_id = marker.get_attribute("data-event")
    marker.dispatch_event("click")  # markers at one place overlap: this one, not the topmost
    page.page.wait_for_selector("#detail mark.cited")
    event = page.api(f"/api/events/{event_id}")
    cited = page.page.locator("#detail mark.cited").all_inner_texts()
    assert [" ".join(c.split()) for c in cited] == [
        " ".join(r["paragraph"]["sentence"].split()) for r in event["report_list"]]
    detail = page.page.inner_text("#detail")
    assert event["type"] in detail and event["report_list"][0]["outlet"] in detail
    assert f"view=event%3A{event_id}" in page.page.url or f"view=event:{event_id}" in page.page.url
    assert page.errors == []


def test_filtering_by_type_changes_map_timeline_and_list(page):
    page.open()
    page.page.wait_for_selector("path.event-marker")
    before = page.page.locator("path.event-marker").count()
    page.page.select_option("#filters [name=type]", "RETREAT")
    page.wait_until("document.querySelector('#legend').innerText.trim() === 'RETREAT'")
    expected = page.api("/api/map?type=RETREAT")["located"]
    page.wait_until(f"document.querySelectorAll('path.event-marker').length === {expected}")
    assert expected < before
    items = page.page.locator("#event-list .what").all_inner_texts()
    assert items and all(t.startswith("RETREAT") for t in items)
    assert "type=RETREAT" in page.page.url
    assert page.errors == []


def test_brushing_the_timeline_filters_by_date(page):
    page.open()
    box = page.page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + box["width"] * 0.7, y)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + box["width"] - 2, y, steps=5)
    page.page.mouse.up()
    page.wait_until("location.hash.includes('since=') && document.querySelector('#filters [name=since]').value")
    since = page.page.input_value("#filters [name=since]")
    until = page.page.input_value("#filters [name=until]")
    assert "2024-11-27" < since <= until == "2024-12-08"
    page.wait_until("document.querySelector('#counts').innerText.includes('match')")
    dates = page.page.locator("#event-list .when").first.inner_text()
    assert dates[:10] >= since
    assert page.errors == []


def test_search_finds_an_article_and_opens_it(page):
    page.open()
    page.page.fill("#search-input", "Hezbollah")
    page.page.press("#search-input", "Enter")
    page.page.wait_for_selector("#search-results .search-hit")
    assert page.page.locator("#search-results mark").first.inner_text().lower() == "hezbollah"
    page.page.locator("#search-results .search-hit").first.click()
    page.page.wait_for_selector("#detail .article-text")
    assert "Hezbollah" in page.page.inner_text("#detail .article-text")
    assert page.errors == []


def test_the_url_restores_a_view(page):
    event = page_event = None
    page.open()
    page_event = page.api("/api/events?type=ASSAULT&limit=1")["events"][0]
    event = page_event["id"]
    page.page.goto("about:blank")
    page.open(f"type=ASSAULT&view=event%3A{event}&tab=events")
    page.page.wait_for_selector("#detail mark.cited")
    assert page.page.input_value("#filters [name=type]") == "ASSAULT"
    assert page.page.locator("#event-list .what").first.inner_text().startswith("ASSAULT")
    assert page_event["type"] in page.page.inner_text("#detail h3")
    page.page.click("#detail button[aria-label=Close]")
    page.wait_until("document.querySelector('#detail').hidden")
    page.page.go_back()
    page.page.wait_for_selector("#detail mark.cited")  # the back button brings the event back
    assert page.errors == []


def test_the_keyboard_reaches_the_events(page):
    page.open()
    page.page.locator("#event-list button.item").first.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector("#detail mark.cited")
    page.page.locator("#tab-stories").focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector("#story-list button.item")
    page.page.locator("#story-list button.item").first.focus()
    page.page.keyboard.press("Enter")
    page.wait_until("document.querySelector('#detail h4') && "
                                "document.querySelector('#detail').innerText.includes('Timeline')")
    assert page.errors == []


HOSTILE_TEXT = """Rebels attacked an army base in Aleppo on Monday <script>window.__pwned = 'text'</script>.

The army said fighters <img src=x onerror="window.__pwned='img'"> shelled the base near Aleppo on Monday, \
killing four soldiers </style><svg onload="window.__pwned='svg'">.
"""


def test_hostile_article_text_never_runs(browser, tmp_path):
    source = tmp_path / "hostile"
    source.mkdir()
    (source / "attack.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (source / "attack.meta.json").write_text(json.dumps({
        "title": "</style><script>window.__pwned='title'</script><b>Bold</b>",
        "outlet": "<img src=x onerror=\"window.__pwned='outlet'\">",
        "url": "javascript:window.__pwned='url'", "published": "2024-12-02", "language": "en",
    }), encoding="utf-8")
    db = _run(source, tmp_path / "kb.db")
    with Server(db) as server:
        page = Page(browser, server)
        dialogs: list[str] = []
        page.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.open()
        events = page.api("/api/events")["events"]
        assert events, "the hostile article should still give an event"
        article = page.api("/api/search?q=Aleppo")["articles"][0]["id"]
        for view in (f"event%3A{events[0]['id']}", f"article%3A{article}", "search%3AAleppo",
                     f"story%3A{page.api('/api/stories')['stories'][0]['id']}"):
            page.page.evaluate(f"location.hash = 'view={view}'")
            page.wait_until("document.querySelector('#detail h3') !== null")
            page.page.wait_for_timeout(200)
        page.page.evaluate(f"location.hash = 'view=event%3A{events[0]['id']}'")
        page.page.wait_for_selector("#detail mark.cited")
        detail = page.page.inner_text("#detail")
        assert "<img src=x onerror" in detail  # shown as the text it is
        page.page.evaluate(f"location.hash = 'view=article%3A{article}'")
        page.wait_until("document.querySelector('#detail .article-text') !== null")
        assert "<script>window.__pwned" in page.page.inner_text("#detail .article-text")
        assert "</style><script>" in page.page.inner_text("#detail h3")
        assert page.page.evaluate("window.__pwned") is None
        assert dialogs == []
        assert page.page.locator("a[href^='javascript']").count() == 0
        scripts = page.page.evaluate("[...document.scripts].map(s => s.src)")
        assert all(s.startswith(server.url + "static/") for s in scripts)
        assert page.page.locator("#detail img, #detail svg, #detail script, #detail b").count() == 0
        page.page.close()


def test_an_event_whose_sources_disagree_shows_both_versions_side_by_side(browser, tmp_path):
    from test_canonical_events import write_articles

    folder = write_articles(tmp_path / "articles")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 0, result.output
    with Server(str(tmp_path / "kb.db")) as server:
        page = Page(browser, server)
        page.open("contradictions=true")
        disputed = page.api("/api/events?contradictions=true")["events"]
        assert disputed and page.page.locator("#event-list li").count() == len(disputed)
        attack = max(disputed, key=lambda e: e["reports"])
        page.page.locator(f"#event-list button[data-event='{attack['id']}']").click()
        page.page.wait_for_selector("#detail table.contradictions")
        rows = page.page.locator("#detail table.contradictions tr").all_inner_texts()
        killed = next(r for r in rows if r.startswith("killed"))
        assert "20" in killed and "34" in killed  # the ministry's toll and the emergency services'
        detail = page.page.inner_text("#detail")
        assert "3 independent sources" in detail and "Sources disagree" in detail
        assert {"Reuters", "AFP", "AP", "Antara"} <= {r["outlet"] for r in page.api(
            f"/api/events/{attack['id']}")["report_list"]}
        assert page.page.locator("#detail .report").count() == attack["reports"]
        assert page.errors == []
        page.page.close()


def test_the_api_reference_page_lists_every_endpoint(page):
    page.page.goto(page.server.url + "api/docs")
    page.page.wait_for_selector("section.endpoint")
    headings = page.page.locator("section.endpoint h2").all_inner_texts()
    spec = page.api("/api/openapi.json")
    assert len(headings) == sum(len(methods) for methods in spec["paths"].values()) >= 12
    assert "GET /api/events" in headings and "GET /api/events/{event_id}" in headings
    assert page.page.locator("section.endpoint table").count() >= 5  # the filters' parameters
    assert page.errors == []
