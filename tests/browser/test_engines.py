"""Search under every site engine (README, Engines): the shipped corpus built by mkdocs, properdocs and
Zensical, served at a sub-path as a project site is, searched from the header's box as a reader does.

Results must appear, read as plain text, and lead to pages that exist; no engine's own search (its
index, its worker, its search dialog) may come along. The builds are those of the link check
(tests/test_links.py), in a process of their own per engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from annotated_reader.write import engines
from tests.browser.chromium import DESKTOP, MOBILE, Watch
from tests.browser.reader import search_result
from tests.browser.served import ARTICLE, Server
from tests.test_links import build_with

BASE = "annotated-reader"  # the path of mkdocs.yml's site_url: the site is served under it


@pytest.fixture(scope="module", params=engines.ENGINES)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of the corpus site built by one engine, under /annotated-reader/ of a local server."""
    engine = str(request.param)
    where = tmp_path_factory.mktemp(f"engine-{engine}")
    root = build_with(engine, where / "project")
    (where / "www").mkdir()
    (where / "www" / BASE).symlink_to(root / "site", target_is_directory=True)
    with Server(where / "www") as server:
        yield f"{server.url}{BASE}/"


@pytest.fixture(params=["desktop", "phone"])
def reader(request: pytest.FixtureRequest, browser: Browser, served: str) -> Iterator[Page]:
    touch = request.param == "phone"
    options = {"viewport": MOBILE, "has_touch": True, "is_mobile": True} if touch else {"viewport": DESKTOP}
    watch = Watch()
    context = watch.attach(browser.new_context(base_url=served, **options))
    context.set_default_timeout(10_000)
    yield context.new_page()
    problems = watch.problems()
    theme_search = [url for url in watch.requests if "search.json" in url or "/workers/search" in url]
    context.close()
    assert problems == [], "\n".join(problems)
    assert theme_search == [], "the theme's own search index or worker was downloaded"


def test_search_finds_the_corpus_and_its_results_lead_to_pages(reader: Page, served: str) -> None:
    reader.goto(f"articles/{ARTICLE}/")
    expect(reader.locator(".md-search, .md-search__button")).to_have_count(0)  # one search box: the site's
    box = reader.locator("#ar-search-input")
    expect(box).to_be_visible()
    box.fill("Suja")  # the article's misspelling, which the corrected text reads as Sudzha
    links = reader.locator(".ar-search-list a")
    expect(links.first).to_be_visible(timeout=20_000)
    titles = links.all_inner_texts()
    hrefs = [str(a) for a in links.evaluate_all("all => all.map(a => a.href)")]
    excerpts = " ".join(reader.locator(".ar-search-excerpt").all_inner_texts())
    assert titles and all(t.strip() for t in titles)
    assert not re.search(r"<[a-z/]", " ".join(titles) + excerpts), "results are text, never markup"
    assert reader.locator(".ar-search-results").locator("script, img, iframe").count() == 0
    assert not glued_marks(reader), "a word found runs into the next one (its space lost)"
    assert any(f"/{BASE}/articles/{ARTICLE}/" in href for href in hrefs), hrefs
    for href in hrefs:
        assert href.startswith(served), f"{href} is outside the site at {served}"
        assert reader.request.get(href).status == 200, f"{href} is not a page of the site"
    box.fill("Sudzha")  # the claims and articles whose notes say it, beside labels for student mode
    expect(reader.locator(".ar-search-list a[href*='/claims/']").first).to_be_attached(timeout=20_000)
    excerpts = " ".join(reader.locator(".ar-search-excerpt").all_inner_texts())
    assert "student mode" not in excerpts.lower(), "a label of the page read as its text"
    assert not glued_marks(reader), excerpts
    reader.locator(".ar-search-results").evaluate("panel => { panel.hidden = true; }")  # as a tap outside does
    box.fill("Suja")
    search_result(reader, f"articles/{ARTICLE}/").click()
    expect(reader).to_have_url(re.compile(rf"/{BASE}/articles/{ARTICLE}/"))
    expect(reader.locator("h1").first).to_be_visible()


def glued_marks(page: Page) -> list[str]:
    """The words found that touch the text around them: Pagefind marks whole words, spaces around."""
    return list(
        page.locator(".ar-search-excerpt mark").evaluate_all(
            """all => all.filter(m => /^\\S/.test(m.nextSibling ? m.nextSibling.textContent : "")
                || /\\S$/.test(m.previousSibling ? m.previousSibling.textContent : ""))
              .map(m => m.parentNode.textContent)"""
        )
    )


def test_search_says_when_nothing_is_found(reader: Page) -> None:
    reader.goto("")
    reader.locator("#ar-search-input").fill("zzqqxx")  # Pagefind matches prefixes: a word with no prefix in the corpus
    expect(reader.locator(".ar-search-none")).to_contain_text("Nothing found", timeout=20_000)


def test_the_search_box_sits_at_the_right_of_the_header(reader: Page) -> None:
    reader.goto("claims/")
    box = reader.locator("#ar-search-input").bounding_box()
    header = reader.locator(".md-header").bounding_box()
    assert box is not None and header is not None
    assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"] + 1
    inner = reader.locator(".md-header__inner").bounding_box()
    assert inner is not None
    gap = inner["x"] + inner["width"] - (box["x"] + box["width"])
    assert 0 <= gap < 24, f"the box ends {gap}px before the header's right end (Zensical's empty source slot?)"
    title = reader.locator(".md-header__title").bounding_box()
    assert title is not None
    room = box["x"] - (title["x"] + title["width"])
    assert 0 <= room < 24, f"{room}px between the page title and the box: the title is cut short"


def test_the_keyboard_reaches_the_search_box_through_visible_stops_only(reader: Page) -> None:
    reader.goto("")
    stops: list[str] = []
    while "ar-search-input" not in stops and len(stops) < 4:  # skip link, logo (desktop), search box
        reader.keyboard.press("Tab")
        stops.append(reader.evaluate("document.activeElement.id || document.activeElement.className"))
        hidden = reader.evaluate("document.activeElement.closest('[aria-hidden=true]') !== null")
        assert not hidden, f"Tab stops on a hidden element: {stops[-1]}"
    assert stops[-1] == "ar-search-input", stops
