"""The reading switches: kinds shown or hidden, corrections as corrected/original/both, student mode."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from annotated_reader.kinds import KINDS
from tests.browser.conftest import Site
from tests.browser.reader import (
    POP,
    alone,
    article,
    html_classes,
    marker,
    open_notes,
    park_mouse,
    passage,
    seen,
    seen_all,
)
from tests.browser.served import ARTICLE

# Computed style of a passage that shows no highlight of its own.
PLAIN = """el => {
  const s = getComputedStyle(el), p = getComputedStyle(el.closest('p, h1') || el.parentElement);
  return {
    decoration: s.textDecorationLine,
    border: s.borderBottomStyle === 'none' || parseFloat(s.borderBottomWidth) === 0,
    background: s.backgroundColor,
    inkLikeText: [...el.querySelectorAll('ins.ar-corrected')].every(i => {
      const t = getComputedStyle(i);
      return t.color === p.color && t.fontWeight === p.fontWeight;
    }),
  };
}"""
NO_HIGHLIGHT = {"decoration": "none", "border": True, "background": "rgba(0, 0, 0, 0)", "inkLikeText": True}


def kind_switch(page: Page, kind: str) -> Locator:
    return page.locator(f'.ar-controls input[name="ar-kind"][value="{kind}"]')


@pytest.mark.parametrize("kind", KINDS)
def test_a_kinds_switch_hides_it_and_the_choice_survives_a_page_change(page: Page, site: Site, kind: str) -> None:
    slugs = site.slugs_with(kind)
    assert len(slugs) >= 1, f"the corpus has {kind} passages"
    page.goto(article(slugs[0]))
    park_mouse(page)
    ident = alone(page, kind)[0]
    expect(kind_switch(page, kind)).to_be_checked()
    assert f"ar-hide-{kind}" not in html_classes(page)
    if kind == "boilerplate":
        assert seen(passage(page, ident)), "boilerplate is shown (de-emphasised) by default"
    else:
        assert passage(page, ident).evaluate(PLAIN) != NO_HIGHLIGHT, f"a {kind} is highlighted when shown"
    kind_switch(page, kind).uncheck()
    assert f"ar-hide-{kind}" in html_classes(page)
    assert_hidden(page, kind, ident)
    following = slugs[-1] if len(slugs) > 1 else ARTICLE
    page.goto(article(following))
    expect(kind_switch(page, kind)).not_to_be_checked()
    assert f"ar-hide-{kind}" in html_classes(page)
    if alone(page, kind):
        assert_hidden(page, kind, alone(page, kind)[0])
    kind_switch(page, kind).check()
    page.reload()
    assert f"ar-hide-{kind}" not in html_classes(page)


def assert_hidden(page: Page, kind: str, ident: str) -> None:
    if kind == "boilerplate":
        assert not seen(passage(page, ident)), "hidden boilerplate is not shown at all"
        return
    assert not seen(marker(page, ident)), f"the marker of a hidden {kind} disappears"
    assert passage(page, ident).evaluate(PLAIN) == NO_HIGHLIGHT, f"the highlight of a hidden {kind} disappears"
    assert seen(passage(page, ident)), f"the text of a hidden {kind} stays"


def corrections_shown(page: Page) -> tuple[set[bool], set[bool]]:
    """Whether each corrected wording and each original is seen (mouse parked away)."""
    park_mouse(page)
    return set(seen_all(page, ".ar-text ins.ar-corrected")), set(seen_all(page, ".ar-text del.ar-original"))


def test_the_corrections_switch_shows_the_original(page: Page, site: Site) -> None:
    page.goto(article(ARTICLE))

    menu = page.locator('.ar-controls select[name="ar-corrections"]')
    expect(menu).to_have_value("corrected")
    assert "ar-corrections-corrected" in html_classes(page)
    assert corrections_shown(page) == ({True}, {False})
    menu.select_option("original")
    assert "ar-corrections-original" in html_classes(page)
    assert corrections_shown(page) == ({False}, {True})
    menu.select_option("both")
    assert corrections_shown(page) == ({True}, {True})
    menu.select_option("original")
    other = next(slug for slug in site.slugs_with("correction") if slug != ARTICLE)
    page.goto(article(other))
    expect(menu).to_have_value("original")
    assert corrections_shown(page) == ({False}, {True})


def statuses_seen(page: Page) -> set[bool]:
    """Whether each status and verdict is seen (an explanation's box stays in student mode, emptied, to show the
    placeholder: what it holds is the verdict)."""
    return set(seen_all(page, ".ar-status, .ar-verdict:not(div), div.ar-verdict > *"))


PLACEHOLDER = "Hidden in student mode: judge first."
# What stands in each explanation's box: the text reader.css writes there, as shown and as printed.
DRAWN = """els => els.map(el => {
  const s = getComputedStyle(el, '::before');
  return s.display === 'none' ? '' : s.content;
})"""


def test_student_mode_says_where_an_explanation_is_hidden(page: Page) -> None:
    """The placeholder is generated text (no page carries it): shown in student mode only, in the list and in
    a note's popup, read by screen readers (Chromium's accessibility tree), and neither printed nor copied."""
    page.goto(article(ARTICLE))
    open_notes(page)
    assert set(page.eval_on_selector_all(".ar-notes div.ar-verdict", DRAWN)) == {"none"}
    page.goto(article(ARTICLE, "?mode=student"))
    open_notes(page)
    boxes = page.locator(".ar-notes div.ar-verdict")
    assert boxes.count() > 0
    assert set(page.eval_on_selector_all(".ar-notes div.ar-verdict", DRAWN)) == {f'"{PLACEHOLDER}"'}
    note = page.locator(".ar-notes li[id^='fn:']").filter(has=page.locator("div.ar-verdict")).first
    assert PLACEHOLDER in (note.aria_snapshot() or ""), "screen readers read it"
    assert PLACEHOLDER not in (note.text_content() or ""), "not in the page's text: no copy nor index holds it"
    ident = (note.get_attribute("id") or "")[len("fn:") :]
    marker(page, ident).click()
    expect(page.locator(POP)).to_be_visible()
    assert page.eval_on_selector_all(f"{POP} div.ar-verdict", DRAWN) == [f'"{PLACEHOLDER}"'], "and in the popup"
    page.emulate_media(media="print")
    assert set(page.eval_on_selector_all(".ar-notes div.ar-verdict", DRAWN)) == {""}, "not on paper"


def test_student_mode_hides_statuses_and_verdicts(page: Page) -> None:
    page.goto(article(ARTICLE))
    assert page.locator(".ar-text .ar-status, .ar-notes .ar-status").count() > 0
    assert page.locator(".ar-verdict").count() > 0, "correction explanations are marked .ar-verdict"
    assert True in statuses_seen(page)
    page.goto(article(ARTICLE, "?mode=student"))
    assert "ar-student" in html_classes(page)
    expect(page.locator('input[name="ar-student"]')).to_be_checked()
    assert statuses_seen(page) == {False}
    open_notes(page)
    claim_link = page.locator(".ar-notes a[href*='claims/']").first
    assert "mode=student" in (claim_link.get_attribute("href") or ""), "internal links carry student mode"
    claim_link.click()
    page.wait_for_url("**/claims/**")
    assert "ar-student" in html_classes(page)
    assert page.locator(".ar-status, .ar-verdict").count() > 0
    assert statuses_seen(page) == {False}


@pytest.mark.parametrize("where", ["claims index", "claim page", "article"])
def test_the_student_switch(page: Page, site: Site, where: str) -> None:
    path = {"claims index": "/claims/", "claim page": site.paths("claims")[1], "article": article(ARTICLE)}[where]
    page.goto(path)
    assert True in statuses_seen(page)
    switch = page.locator('input[name="ar-student"]')
    expect(switch).to_have_count(1)
    switch.check()
    assert "ar-student" in html_classes(page)
    assert statuses_seen(page) == {False}
    switch.uncheck()
    assert "ar-student" not in html_classes(page)
    assert True in statuses_seen(page)
