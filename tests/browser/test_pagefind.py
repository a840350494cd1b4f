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
from tests.browser.chromium import DESKTOP, Watch
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
