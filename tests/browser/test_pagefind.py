"""Search with Pagefind (issues 6 and 15): the header's search box, as a reader uses it.

The shipped corpus plus one article whose text and title hold HTML; results must show it as text, never
run it. Nothing of Pagefind is downloaded before a reader searches; snippets read as the corrected text.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from annotated_reader import build
from tests.browser.chromium import DESKTOP, MOBILE, Watch
from tests.browser.reader import search_result
from tests.browser.served import ARTICLE, Server
from tests.helpers import copy_project

HOSTILE = "The envoy wrote <script>alert(1)</script> and <img src=x onerror=alert(2)> about Sudzha.\n"


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("pagefind-project"))
    source = root / "articles" / "trump-asked-putin-spare-troops.yml"
    meta = re.sub(r"(?m)^title: .*$", 'title: "Envoy <b>wrote</b>"', source.read_text("utf-8"))
    (root / "articles" / "envoy-wrote.yml").write_text(meta, "utf-8")
    (root / "articles" / "envoy-wrote.txt").write_text("Envoy wrote\n\n" + HOSTILE, "utf-8")
    assert build.build(root).pagefind
    with Server(root / "site") as server:
        yield server.url
    shutil.rmtree(root / "site", ignore_errors=True)


@pytest.fixture
def watched(browser: Browser, pagefind_url: str) -> Iterator[Page]:
    watch = Watch()
    context = watch.attach(browser.new_context(base_url=pagefind_url, viewport=DESKTOP))
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert watch.problems() == [] and dialogs == []


def requested(page: Page) -> list[str]:
    return list(page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"))


def search(page: Page, query: str, start: str = "/") -> None:
    page.goto(start)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested(page) if "/pagefind/" in url or "search_index" in url]  # nothing yet
    page.locator("#ar-search-input").fill(query)


@pytest.mark.parametrize("query", ["Suja", "Sudzha"])
def test_pagefind_finds_a_misspelling_and_its_correction(watched: Page, query: str) -> None:
    search(watched, query)
    result = search_result(watched, f"articles/{ARTICLE}/")
    expect(result).to_be_attached()
    assert any("/pagefind/" in url for url in requested(watched))
    assert not any("/workers/search." in url for url in requested(watched))  # Material's search is gone
    result.click()
    expect(watched).to_have_url(re.compile(rf"/articles/{ARTICLE}/"))


def test_pagefind_results_show_html_as_text(watched: Page) -> None:
    search(watched, "onerror")
    expect(search_result(watched, "articles/envoy-wrote/")).to_be_attached()
    listing = watched.locator(".ar-search-results")
    assert listing.locator("script, img, b").count() == 0
    assert "<img src=x" in listing.inner_text() and "Envoy <b>wrote</b>" in listing.inner_text()


def test_snippets_read_as_the_corrected_text(watched: Page) -> None:
    search(watched, "Sudzha", f"/articles/{ARTICLE}/")
    expect(watched.locator(".ar-search-list li").first).to_be_attached(timeout=20_000)
    titles = watched.locator(".ar-search-list a").all_inner_texts()
    snippets = watched.locator(".ar-search-excerpt").all_inner_texts()
    assert titles and snippets
    assert not [t for t in titles if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", t)]  # no annotation id as a title
    text = " ".join(snippets)
    assert "SujaSudzha" not in text and "Suja Sudzha" not in text
    assert not re.search(r"[A-Za-z]\d{1,3}\b", text)  # no marker number glued to a word ("Russia5")


def searching(page: Page) -> list[str]:
    """What of search the page has downloaded: our script and Pagefind's files."""
    return [url for url in requested(page) if "pagefind" in url]


def results_count(page: Page) -> int:
    return page.locator(".ar-search-list li").count()


def test_the_search_script_loads_when_a_keyboard_reader_reaches_the_box(watched: Page) -> None:
    watched.goto(f"/articles/{ARTICLE}/")
    watched.wait_for_load_state("networkidle")
    assert searching(watched) == [], "neither pagefind-search.js nor Pagefind before a search"
    for _ in range(6):  # skip link, logo, then the box
        watched.keyboard.press("Tab")
        if watched.evaluate("document.activeElement.id") == "ar-search-input":
            break
    assert watched.evaluate("document.activeElement.id") == "ar-search-input"
    watched.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/'))")
    assert any(url.endswith("pagefind-search.js") for url in searching(watched))
    watched.keyboard.type("Sudzha")
    watched.keyboard.press("Enter")
    status = watched.locator(".ar-search-count")
    expect(status).to_have_text(re.compile(r"^\d+ results for “Sudzha”, showing 5$"), timeout=20_000)
    total = int(status.inner_text().split()[0])
    assert total > 10, "the shipped corpus has more than two pages of results for Sudzha"
    assert status.get_attribute("role") == "status", "the count is announced"
    expect(watched.locator(".ar-search-list li")).to_have_count(5)
    more = watched.locator(".ar-search-more")
    for _ in range(6):  # Tab through the five results to the button
        watched.keyboard.press("Tab")
        if watched.evaluate("document.activeElement.className") == "ar-search-more":
            break
    assert watched.evaluate("document.activeElement.textContent") == "More results"
    watched.keyboard.press("Enter")
    expect(watched.locator(".ar-search-list li")).to_have_count(10)
    expect(status).to_have_text(f"{total} results for “Sudzha”, showing 10")
    sixth = watched.locator(".ar-search-list li").nth(5).locator("a")
    expect(sixth).to_be_focused()  # the reader goes on from the first new result
    while more.is_visible():
        shown = results_count(watched)
        more.click()
        expect(watched.locator(".ar-search-list li")).to_have_count(min(shown + 5, total))
    assert results_count(watched) == total
    expect(status).to_have_text(f"{total} results for “Sudzha”")
    watched.keyboard.press("Escape")
    expect(watched.locator(".ar-search-results")).to_be_hidden()
    expect(watched.locator("#ar-search-input")).to_be_focused()


@pytest.fixture
def phone(browser: Browser, pagefind_url: str) -> Iterator[Page]:
    watch = Watch()
    options = {"viewport": MOBILE, "has_touch": True, "is_mobile": True}
    context = watch.attach(browser.new_context(base_url=pagefind_url, **options))
    yield context.new_page()
    context.close()
    assert watch.problems() == []


def test_the_search_script_loads_when_a_phone_reader_taps_the_box(phone: Page) -> None:
    phone.goto(f"/articles/{ARTICLE}/")
    phone.wait_for_load_state("networkidle")
    assert searching(phone) == []
    box = phone.locator("#ar-search-input")
    before = box.bounding_box()
    box.tap()
    phone.keyboard.type("Sudzha")
    expect(phone.locator(".ar-search-list li")).to_have_count(5, timeout=20_000)
    assert any(url.endswith("pagefind-search.js") for url in searching(phone))
    assert box.bounding_box() == before, "the box does not move when its script arrives"
    more = phone.locator(".ar-search-more")
    target = more.bounding_box()
    assert target is not None and target["height"] >= 24 and target["width"] >= 24, "a 24x24 target (WCAG 2.5.8)"
    more.tap()
    expect(phone.locator(".ar-search-list li")).to_have_count(10)
    first_new = phone.locator(".ar-search-list li").nth(5).locator("a")
    href = first_new.get_attribute("href")
    assert href
    first_new.tap()
    expect(phone).to_have_url(re.compile(re.escape(href) + "$"))
