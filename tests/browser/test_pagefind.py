"""Search above the Pagefind size (issue 6): Material's search box answered by Pagefind, as a reader uses it.

The shipped corpus is built with ``extra.pagefind_above: 0`` (so Pagefind is used), plus one article whose
text and title hold HTML; results must show it as text, never run it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from annotated_reader import build
from tests.browser.chromium import DESKTOP, Watch
from tests.browser.served import ARTICLE, Server
from tests.helpers import copy_project

HOSTILE = "The envoy wrote <script>alert(1)</script> and <img src=x onerror=alert(2)> about Sudzha.\n"


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("pagefind-project"))
    config = root / "mkdocs.yml"
    text, count = re.subn(r"(?m)^  pagefind_above: \d+$", "  pagefind_above: 0", config.read_text("utf-8"))
    assert count == 1
    config.write_text(text, "utf-8")
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


def search(page: Page, query: str) -> None:
    page.goto("/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(query)
    page.keyboard.press("End")  # Material reads the query on keyup


@pytest.mark.parametrize("query", ["Suja", "Sudzha"])
def test_pagefind_finds_a_misspelling_and_its_correction(watched: Page, query: str) -> None:
    search(watched, query)
    result = watched.locator(f".md-search-result__item a[href*='articles/{ARTICLE}/']").first
    expect(result).to_be_attached(timeout=20_000)
    requested = watched.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert any("/pagefind/" in url for url in requested)
    assert not any("/workers/search." in url for url in requested)  # Material's worker is never started
    result.click()
    expect(watched).to_have_url(re.compile(rf"/articles/{ARTICLE}/"))


def test_pagefind_results_show_html_as_text(watched: Page) -> None:
    search(watched, "onerror")
    result = watched.locator(".md-search-result__item a[href*='articles/envoy-wrote/']").first
    expect(result).to_be_attached(timeout=20_000)
    listing = watched.locator(".md-search-result__list")
    assert listing.locator("script, img, b").count() == 0
    assert "<img src=x" in listing.inner_text() and "Envoy <b>wrote</b>" in listing.inner_text()
