"""Every page: accessible (axe), nothing fetched from elsewhere, no console error; search; JavaScript off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import NewContext, Site
from tests.browser.reader import POP, alone, article, hover, list_note, search_result, seen, seen_all
from tests.browser.served import ARTICLE, SLUGS

FIXED = {
    "home": "/",
    "quotes index": "/quotes/",
    "claims index": "/claims/",
    "corrections": "/corrections/",
    "names": "/names/",
    "teachers": "/teachers/",
    "about": "/about/",
}
PAGE_TYPES = [*FIXED, *(f"article {slug}" for slug in SLUGS), "quote cluster", "claim"]


def path_of(site: Site, page_type: str) -> str:
    if page_type.startswith("article "):
        return article(page_type.removeprefix("article "))
    if page_type in ("quote cluster", "claim"):
        return site.paths("quotes" if page_type == "quote cluster" else "claims")[1]
    return FIXED[page_type]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_violation(page: Page, site: Site, page_type: str) -> None:
    response = page.goto(path_of(site, page_type))
    assert response is not None and response.ok, page_type
    assert_accessible(page)


@pytest.mark.parametrize("state", ["note open", "student mode", "both wordings", "phone"])
def test_axe_finds_no_violation_on_an_article_in_use(page: Page, mobile_page: Page, state: str) -> None:
    reader = mobile_page if state == "phone" else page
    reader.goto(article(ARTICLE, "?mode=student" if state == "student mode" else ""))
    if state == "note open":
        hover(reader, alone(reader, "correction")[0])
        expect(reader.locator(POP)).to_be_visible()
    if state == "both wordings":
        reader.locator('select[name="ar-corrections"]').select_option("both")
    assert_accessible(reader)


def every_page(site: Site) -> list[str]:
    return sorted(
        "/" + p.parent.relative_to(site.folder).as_posix().removeprefix(".") + "/"
        for p in site.folder.rglob("index.html")
    )


def test_every_page_loads_its_own_files_only_and_logs_no_error(page: Page, site: Site) -> None:
    """The `new_context` fixture fails the test on any request off 127.0.0.1 and on any console error."""
    paths = every_page(site)
    assert len(paths) >= 30
    for path in [p.replace("//", "/") for p in paths]:
        response = page.goto(path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
    article_page = page.goto(article(ARTICLE))
    assert article_page is not None
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert any(src.endswith("assets/annotated-reader/reader.js") for src in scripts)


@pytest.mark.parametrize("query", ["Suja", "Sudzha"])
def test_search_finds_a_misspelling_and_its_correction(page: Page, query: str) -> None:
    page.goto("/")
    page.locator("#ar-search-input").fill(query)
    result = search_result(page, f"articles/{ARTICLE}/")
    expect(result).to_be_attached()
    result.click()
    expect(page).to_have_url(re.compile(rf"/articles/{ARTICLE}/"))


@pytest.mark.parametrize("slug", SLUGS)
def test_without_javascript_notes_are_footnotes(new_context: NewContext, slug: str) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(article(slug))
    assert page.locator(POP).count() == 0
    assert page.locator(".ar-controls").count() == 0
    hrefs = page.eval_on_selector_all("a.ar-ref", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs, slug
    notes = page.eval_on_selector_all("div.footnote.ar-notes ol > li[id^='fn:']", "els => els.map(e => e.id)")
    assert sorted(h.removeprefix("#") for h in hrefs) == sorted(notes)
    assert page.locator("details.ar-notes-box summary").is_visible(), "the numbered list is one click away"
    assert set(seen_all(page, ".ar-text ins.ar-corrected")) <= {True}
    assert set(seen_all(page, ".ar-text del.ar-original")) <= {False}
    first = hrefs[0].removeprefix("#fn:")
    page.locator(f'a.ar-ref[href="#fn:{first}"]').click()
    expect(page).to_have_url(re.compile(rf"#fn:{re.escape(first)}$"))
    expect(list_note(page, first)).to_be_in_viewport()
    assert seen(list_note(page, first))
