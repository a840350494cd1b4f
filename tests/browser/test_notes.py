"""Notes open on hover, keyboard focus and tap, close on Escape and on moving away, and never cover their passage."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.reader import (
    PIECE,
    PIECES,
    POP,
    alone,
    article,
    hover,
    list_note,
    marker,
    open_notes,
    park_mouse,
    passage,
    passage_boxes,
    pop_box,
    seen,
)
from tests.browser.served import ARTICLE

NOTED_KINDS = ("correction", "quote", "claim", "note")  # boilerplate has no note


def first_alone(page: Page, kind: str) -> str:
    found = alone(page, kind)
    assert found, f"{page.url} has a {kind} passage standing alone"
    return found[0]


def expect_open(page: Page, ident: str) -> None:
    pop = page.locator(POP)
    expect(pop).to_be_visible()
    expect(pop).to_have_attribute("data-for", ident)
    assert seen(pop)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("kind", NOTED_KINDS)
def test_hovering_a_passage_opens_a_copy_of_its_note(page: Page, kind: str) -> None:
    page.goto(article(ARTICLE))
    ident = first_alone(page, kind)
    hover(page, ident)
    expect_open(page, ident)
    first_paragraph = words(list_note(page, ident).locator("p").first.inner_text())
    assert first_paragraph in words(page.locator(POP).inner_text())


def test_hovering_the_marker_opens_the_note(page: Page) -> None:
    page.goto(article(ARTICLE))
    ident = first_alone(page, "claim")
    marker(page, ident).hover()
    expect_open(page, ident)


def test_keyboard_focus_opens_the_note_and_escape_closes_it(page: Page) -> None:
    page.goto(article(ARTICLE))
    ident = first_alone(page, "quote")
    park_mouse(page)
    marker(page, ident).focus()
    expect_open(page, ident)
    page.keyboard.press("Escape")
    expect(page.locator(POP)).to_be_hidden()
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == f"#fn:{ident}"
    page.wait_for_timeout(600)  # focus went back to the marker: the note stays closed
    expect(page.locator(POP)).to_be_hidden()


def test_escape_closes_a_note_opened_by_hover_and_focuses_its_marker(page: Page) -> None:
    page.goto(article(ARTICLE))
    ident = first_alone(page, "claim")
    hover(page, ident)
    expect_open(page, ident)
    page.keyboard.press("Escape")
    expect(page.locator(POP)).to_be_hidden()
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == f"#fn:{ident}"
    page.wait_for_timeout(600)  # neither the focus nor the pointer still on the passage reopens it
    expect(page.locator(POP)).to_be_hidden()


def test_tab_reaches_the_markers_in_reading_order(page: Page) -> None:
    page.goto(article(ARTICLE))
    park_mouse(page)
    first = first_alone(page, "correction")
    hrefs = page.eval_on_selector_all("a.ar-ref", "els => els.map(e => e.getAttribute('href'))")
    second = hrefs[hrefs.index(f"#fn:{first}") + 1].removeprefix("#fn:")
    marker(page, first).focus()
    expect_open(page, first)
    for _ in range(10):  # the links and copy button of the open note may come first
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == f"#fn:{second}":
            break
    else:
        pytest.fail(f"Tab from marker {first} does not reach marker {second}")
    expect_open(page, second)


def test_moving_away_closes_the_note_and_moving_into_it_keeps_it_open(page: Page) -> None:
    page.goto(article(ARTICLE))
    ident = first_alone(page, "note")
    hover(page, ident)
    expect_open(page, ident)
    box = pop_box(page)
    page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    page.wait_for_timeout(1000)
    expect_open(page, ident)
    park_mouse(page)
    expect(page.locator(POP)).to_be_hidden(timeout=3000)


def test_links_in_the_note_work(page: Page) -> None:
    page.goto(article(ARTICLE))
    ident = first_alone(page, "quote")
    hover(page, ident)
    expect_open(page, ident)
    link = page.locator(f"{POP} a[href*='quotes/']").first
    cluster = re.search(r"quotes/([^/]+)/", link.get_attribute("href") or "")
    assert cluster, "a quote's note links to its cluster page"
    link.click()
    expect(page).to_have_url(re.compile(rf"/quotes/{cluster.group(1)}/$"))


def test_the_note_keeps_its_formatting(page: Page) -> None:
    page.goto(article(ARTICLE))
    formatted = page.evaluate(
        """() => [...document.querySelectorAll('div.ar-notes li[id^="fn:"]')]
             .filter(li => li.querySelector('em, a[href^="http"]')).map(li => li.id.slice(3))"""
    )
    ident = next((i for i in formatted if i in alone(page, "correction") + alone(page, "note")), None)
    assert ident, "a standalone correction or note whose note has emphasis or an outside link"
    hover(page, ident)
    expect_open(page, ident)
    for tag in ("em", 'a[href^="http"]'):
        expected = list_note(page, ident).locator(tag).count()
        assert page.locator(f"{POP} {tag}").count() == expected, tag


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_the_note_never_covers_its_passage(page: Page, mobile_page: Page, viewport: str) -> None:
    reader = page if viewport == "desktop" else mobile_page
    reader.goto(article(ARTICLE))
    idents = [i for kind in NOTED_KINDS for i in alone(reader, kind)[:4]]
    long_ones = reader.evaluate(  # passages over several lines, even split in fragments
        f"""() => [...new Set([...document.querySelectorAll('.ar-text {PIECE}')].map(e => e.id || e.dataset.ar))]
             .filter(id => [...({PIECES})(id)]
               .flatMap(e => [...e.getClientRects()]).length > 2)"""
    )
    assert long_ones, "the article has passages running over several lines"
    for ident in idents + long_ones[:4]:
        park_mouse(reader)
        expect(reader.locator(POP)).to_be_hidden(timeout=3000)
        marker(reader, ident).scroll_into_view_if_needed()
        marker(reader, ident).focus()
        expect_open(reader, ident)
        pop = pop_box(reader)
        covered = [box for box in passage_boxes(reader, ident) if box.overlaps(pop)]
        assert covered == [], f"the note of {ident} ({pop}) covers its passage at {covered}"
        reader.keyboard.press("Escape")


def test_tapping_a_marker_opens_the_note_on_a_phone(mobile_page: Page) -> None:
    mobile_page.goto(article(ARTICLE))
    ident = first_alone(mobile_page, "correction")
    marker(mobile_page, ident).tap()
    expect_open(mobile_page, ident)
    pop = pop_box(mobile_page)
    width = mobile_page.viewport_size["width"] if mobile_page.viewport_size else 0
    assert pop.x >= 0 and pop.x + pop.width <= width, f"the note ({pop}) fits the screen, {width} wide"
    assert not any(box.overlaps(pop) for box in passage_boxes(mobile_page, ident))
    mobile_page.locator(f".ar-text p:not(:has({PIECE}))").first.tap()
    expect(mobile_page.locator(POP)).to_be_hidden(timeout=3000)


def test_a_permalink_opens_its_note(page: Page) -> None:
    page.goto(article(ARTICLE))
    ident = alone(page, "claim")[-1]  # far down the page: it must be scrolled to
    page.goto(article(ARTICLE, f"#{ident}"))
    expect(passage(page, ident)).to_have_class(re.compile(r"\bar-target\b"))
    expect(passage(page, ident)).to_be_in_viewport()
    expect_open(page, ident)
    for note in (page.locator(POP), list_note(page, ident)):
        expect(note.locator("button.ar-copy")).to_have_count(1)
        expect(note.locator(".ar-cite")).to_have_count(1)
        assert f"/articles/{ARTICLE}/#{ident}" in note.locator(".ar-cite").text_content()


def test_the_copy_button_copies_the_permalink(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(article(ARTICLE))
    ident = first_alone(page, "note")
    open_notes(page)
    list_note(page, ident).locator("button.ar-copy").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.endswith(f"/articles/{ARTICLE}/#{ident}"), copied
