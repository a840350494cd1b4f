"""What a reader's browser loads when (issue 15's page weight): notes.js only on the first move towards a note,
which that same tap, click or key answers; and, before the deferred reader.js has run, nothing that student mode
hides is on screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.reader import POP, SEEN, alone, article, marker, passage, passage_boxes, seen_all
from tests.browser.served import ARTICLE

CLAIMS = "/claims/"
TEXT_SIZE = "() => (r => [r.width, r.height])(document.querySelector('.ar-text').getBoundingClientRect())"


def fetched_names(page: Page) -> list[str]:
    names: list[str] = []
    page.on("request", lambda request: names.append(request.url.split("?")[0].rsplit("/", 1)[-1]))
    return names


def test_notes_js_comes_with_the_first_tap_and_that_tap_opens_the_note(mobile_page: Page) -> None:
    fetched = fetched_names(mobile_page)
    mobile_page.goto(article(ARTICLE))
    mobile_page.wait_for_load_state("networkidle")
    assert "reader.js" in fetched and "notes.js" not in fetched, "a reader who opens no note never downloads it"
    ident = alone(mobile_page, "quote")[0]
    passage(mobile_page, ident).scroll_into_view_if_needed()
    box = max(passage_boxes(mobile_page, ident), key=lambda b: b.width)
    mobile_page.touchscreen.tap(box.x + min(box.width / 3, 40), box.y + box.height / 2)  # once
    expect(mobile_page.locator(POP)).to_be_visible()
    expect(mobile_page.locator(POP)).to_have_attribute("data-for", ident)
    assert fetched.count("notes.js") == 1
    expect(mobile_page.locator(f"{POP} button.ar-copy")).to_have_count(1)


def test_the_first_enter_on_a_marker_opens_its_note_for_the_keyboard(page: Page) -> None:
    fetched = fetched_names(page)
    page.goto(article(ARTICLE))
    ident = alone(page, "claim")[0]
    marker(page, ident).focus()  # as Tab leaves it: notes.js is sent for, the note shows while focus stays
    page.keyboard.press("Enter")  # pins it: Tab goes into the note
    expect(page.locator(POP)).to_have_attribute("data-for", ident)
    assert page.url.endswith(article(ARTICLE)), "the marker's link did not jump to the notes list"
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => document.querySelector('{POP}').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(page.locator(POP)).to_be_hidden()
    assert page.evaluate("id => document.activeElement.getAttribute('href') === '#fn:' + id", ident)
    assert fetched.count("notes.js") == 1


def test_unfolding_the_notes_list_brings_citations_and_copy_links(page: Page) -> None:
    page.goto(article(ARTICLE))
    page.wait_for_load_state("networkidle")
    assert page.locator(".ar-notes .ar-cite").count() == 0
    page.locator("details.ar-notes-box > summary").click()
    first = page.locator(".ar-notes li[id^='fn:']").first
    expect(first.locator(".ar-cite")).to_have_count(1)
    expect(first.locator(".ar-note-links > *")).to_have_class(["", "ar-copy", "ar-assign-add"])
    back = first.locator(".ar-note-links > a").first  # the way back to the passage: named, and a tooltip
    expect(back).to_have_attribute("title", "Back to the text")
    expect(back).to_have_accessible_name(f"Back to the text: {back.get_attribute('href')}")


def hold(page: Page, name: str) -> Callable[[], None]:
    """Requests for ``name`` wait until the returned function is called, as on a slow first visit."""
    held: list[Route] = []
    page.route(f"**/{name}", lambda route: held.append(route))

    def release() -> None:
        for route in held:
            route.continue_()
        page.unroute(f"**/{name}")

    return release


def before_reader_js(page: Page, path: str, selector: str) -> Callable[[], None]:
    """``path`` opened with reader.js held back, once its text and stylesheet are there."""
    release = hold(page, "reader.js")
    page.goto(path, wait_until="commit")
    page.locator(selector).first.wait_for(state="attached")
    page.wait_for_function("() => [...document.styleSheets].some(s => (s.href || '').endsWith('reader.css'))")
    assert "ar-js" not in page.evaluate("() => document.documentElement.className"), "reader.js has not run"
    return release


@pytest.mark.parametrize("query", ["?mode=student", ""])
def test_before_reader_js_runs_no_corrected_wording_is_shown(page: Page, query: str) -> None:
    release = before_reader_js(page, article(ARTICLE, query), ".ar-text ins.ar-corrected")
    corrected = ".ar-text ins.ar-corrected"
    assert not any(seen_all(page, corrected)), "a student would glimpse the answers"
    assert all(seen_all(page, ".ar-text p")), "the text itself is shown"
    size = page.evaluate(TEXT_SIZE)
    release()
    page.wait_for_function("() => document.documentElement.classList.contains('ar-js')")
    shows = any(seen_all(page, corrected))
    assert shows is (query == ""), "student mode reads as published; others see the corrections"
    if query == "":
        assert page.evaluate(TEXT_SIZE) == size, "the text did not reflow when they appeared"


def test_before_reader_js_runs_no_verdict_is_shown_on_the_claims_page(page: Page) -> None:
    release = before_reader_js(page, CLAIMS + "?mode=student", ".ar-verdict")
    assert not any(seen_all(page, ".ar-verdict, .ar-status"))
    release()
    page.wait_for_function("() => document.documentElement.classList.contains('ar-student')")
    assert not any(seen_all(page, ".ar-verdict, .ar-status"))


def test_without_reader_js_the_corrections_show_after_a_moment(page: Page) -> None:
    hold(page, "reader.js")  # never comes
    page.goto(article(ARTICLE), wait_until="commit")
    ins = page.locator(".ar-text ins.ar-corrected").first
    ins.wait_for(state="attached")
    page.wait_for_function(f"el => ({SEEN})(el)", arg=ins.element_handle(), timeout=5_000)
