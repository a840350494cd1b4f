"""Assignments (assign.js): one link opens an article with the chosen annotations in student mode; handouts print.

The PDFs are printed by Chromium (page.pdf, A4) and read with pdftotext (poppler-utils): a test that needs it
fails, never skips, when it is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.reader import POP, alone, article, html_classes, marker, open_notes, seen, seen_all
from tests.browser.served import ARTICLE

ROOT = Path(__file__).resolve().parents[2]
MAX_HANDOUT_PAGES = 6  # two assigned annotations on a four-page article (issue 16)


def two_tasks(page: Page) -> tuple[str, str]:
    """A claim and a correction of the article that stand alone, in reading order."""
    page.goto(article(ARTICLE))
    claim, correction = alone(page, "claim")[0], alone(page, "correction")[0]
    order = page.evaluate("() => [...document.querySelectorAll('.ar-notes li[id^=\"fn:\"]')].map(li => li.id.slice(3))")
    return (claim, correction) if order.index(claim) < order.index(correction) else (correction, claim)


def shown_markers(page: Page) -> list[str]:
    """The annotations whose marker a reader sees in the text, in reading order."""
    return list(
        page.eval_on_selector_all(
            ".ar-text a.ar-ref, .ar-headline a.ar-ref",
            """els => els.filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'none')
                         .map(e => e.getAttribute('href').slice(4))""",
        )
    )


def pdf_text(page: Page, path: Path) -> tuple[int, str]:
    """Print the page as an A4 PDF; its number of pages and its text, whitespace folded."""
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.pdf(path=path, format="A4")
    data = path.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: sudo apt-get install -y poppler-utils"
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, " ".join(text.split())


def note_texts(page: Page, ids: list[str]) -> dict[str, str]:
    """Each note's own words (its paragraphs, whitespace folded), read from the notes list."""
    return dict(
        page.evaluate(
            """ids => ids.map(id => [id, [...document.getElementById('fn:' + id)
                 .querySelectorAll(':scope > p, :scope > .ar-verdict > p')]
                 .filter(p => !p.matches('.ar-note-links, .ar-cite, .ar-student-only'))
                 .map(p => p.textContent.split(/\\s+/).join(' ').trim()).join(' ')])""",
            ids,
        )
    )


def test_an_assignment_link_opens_student_mode_with_exactly_the_chosen_annotations(page: Page) -> None:
    first, second = two_tasks(page)
    page.goto(article(ARTICLE, f"?mode=student&assign={second},{first}"))  # any order: numbered as they are read
    assert {"ar-student", "ar-assignment"} <= html_classes(page)
    assert shown_markers(page) == [first, second]
    assert [marker(page, i).inner_text() for i in (first, second)] == ["1", "2"]
    tasks = page.locator(".ar-assignment-panel .ar-task-list > li")
    expect(tasks).to_have_count(2)
    expect(page.locator(".ar-assignment-panel h2")).to_contain_text("2 tasks")
    open_notes(page)
    listed = page.eval_on_selector_all(
        ".ar-notes li[id^='fn:']", "els => els.filter(e => e.offsetParent).map(e => e.id)"
    )
    assert listed == [f"fn:{first}", f"fn:{second}"]
    assert True not in seen_all(page, ".ar-status"), "no status in student mode"
    # Every other annotation is plain text: no mark, and no note opens on it (reader.js skips .ar-unassigned).
    live = set(
        page.eval_on_selector_all(
            ".ar-article .ar:is([id], [data-ar]):not(.ar-unassigned)", "els => els.map(e => e.id || e.dataset.ar)"
        )
    )
    assert live == {first, second}
    assert page.locator(".ar-text .ar-unassigned").count() > 0


def test_a_misordered_link_still_opens_and_says_what_it_changed_and_dropped(page: Page) -> None:
    first, second = two_tasks(page)
    page.goto(article(ARTICLE, f"#{first}?mode=student&assign={first},{second},no-such-note"))
    expect(page.locator(".ar-assignment-notice")).to_contain_text("after the “#”")
    expect(page.locator(".ar-assignment-notice")).to_contain_text("no-such-note")
    assert "ar-student" in html_classes(page)
    assert page.evaluate("() => location.hash") == f"#{first}"
    assert page.evaluate("() => new URLSearchParams(location.search).get('mode')") == "student"
    assert shown_markers(page) == [first, second]
    # A note link with the mode after the '#', as the old For teachers page suggested: the note opens.
    page.goto(article(ARTICLE, f"#{second}?mode=student"))
    assert "ar-student" in html_classes(page)
    expect(page.locator(POP)).to_be_visible()
    assert page.locator(POP).get_attribute("data-for") == second
    expect(page.locator(".ar-assignment-notice")).to_contain_text("read as")


def test_a_stale_link_with_no_annotation_left_opens_the_article_and_says_so(page: Page) -> None:
    page.goto(article(ARTICLE, "?mode=student&assign=gone-one,gone-two"))
    expect(page.locator(".ar-assignment-notice")).to_contain_text("gone-one")
    expect(page.locator(".ar-assignment-panel h2")).to_have_text("Assignment")
    assert shown_markers(page) == []


def test_the_handout_of_two_annotations_prints_on_six_pages_with_those_notes_only(page: Page, tmp_path: Path) -> None:
    first, second = two_tasks(page)
    others = [
        i for i in alone(page, "claim") + alone(page, "correction") + alone(page, "quote") if i not in (first, second)
    ]
    words = note_texts(page, [first, second, *others])
    article_text = " ".join((ROOT / "articles" / f"{ARTICLE}.txt").read_text("utf-8").split())
    page.goto(article(ARTICLE, f"?mode=student&assign={first},{second}"))
    pages, text = pdf_text(page, tmp_path / "handout.pdf")
    assert pages <= MAX_HANDOUT_PAGES, f"{pages} pages"
    assert "Tasks" in text and "Questions for discussion" in text
    assert text.count("Source:") == 1, "one citation line for the whole handout"
    assert "Hidden in student mode" not in text and "Cite:" not in text
    claim = first if first in alone(page, "claim") else second
    assert words[claim] and words[claim][:60] in text, "the assigned claim's note is printed"
    assigned = words[first] + " " + words[second]  # passages of one claim share its wording: not a left-out note
    left_out = [
        i for i in others if len(words[i]) > 40 and words[i][:40] not in article_text and words[i][:40] not in assigned
    ]
    assert left_out, "the article has other notes to leave out"
    for ident in left_out:
        assert words[ident][:40] not in text, f"{ident} is printed"


def test_spot_the_errors_prints_the_machine_translation_without_a_correction_mark(page: Page, tmp_path: Path) -> None:
    raw = " ".join((ROOT / "articles" / f"{ARTICLE}.txt").read_text("utf-8").split())
    page.goto(article(ARTICLE))
    corrected = set(
        page.eval_on_selector_all("ins.ar-corrected", "els => els.map(e => e.textContent.split(/\\s+/).join(' '))")
    )
    page.goto(article(ARTICLE, "?mode=student&spot=1"))
    _, text = pdf_text(page, tmp_path / "spot.pdf")
    for mark in ("✎", "→", "Original:", "corrected:"):  # a correction's symbol, arrow and note
        assert mark not in text, f"{mark!r} is printed"
    assert "Suja" in text, "the machine translation's own wording"
    for wording in (w for w in corrected if "-" not in w and len(w) > 3):
        assert text.count(wording) <= raw.count(wording), f"the corrected {wording!r} is printed"


def test_the_answer_key_prints_the_statuses_and_corrections(page: Page, tmp_path: Path) -> None:
    first, second = two_tasks(page)
    statuses = page.eval_on_selector_all(
        f'[id="fn:{first}"] .ar-status, [id="fn:{second}"] .ar-status', "els => els.map(e => e.textContent.trim())"
    )
    assert statuses, "one of the two is a claim with a status"
    page.goto(article(ARTICLE, f"?assign={first},{second}&key=1"))
    assert "ar-student" not in html_classes(page)
    expect(page.locator(".ar-assignment-panel h2")).to_contain_text("Answer key")
    _, text = pdf_text(page, tmp_path / "key.pdf")
    for status in statuses:
        assert status in text
    assert "corrected:" in text and "confidence" in text


def test_printing_an_article_leaves_out_per_note_citations_and_placeholders(page: Page, tmp_path: Path) -> None:
    page.goto(article(ARTICLE, "?mode=student"))
    pages, text = pdf_text(page, tmp_path / "article.pdf")
    assert "Cite:" not in text and "Hidden in student mode" not in text
    assert text.count("Source:") == 1
    assert pages <= 10, f"{pages} pages (16 before issue 16)"


def test_student_mode_hides_what_gives_the_verdict_away(page: Page) -> None:
    page.goto(article(ARTICLE, "?mode=student"))
    correction = alone(page, "correction")[0]
    assert True not in seen_all(page, ".ar-text ins.ar-corrected"), "the corrected wording is the answer"
    marker(page, correction).click()
    expect(page.locator(POP)).to_be_visible()
    assert "confidence" not in page.locator(POP).inner_text()
    page.goto("/claims/?mode=student")
    links = page.eval_on_selector_all(".md-content article a[href]", "els => els.map(e => e.href)")
    for href in (h for h in links if "/claims/" in h and "#" not in h):
        page.goto(href)
        notes = page.locator(".ar-evidence-note")
        if notes.count():
            assert True not in seen_all(page, ".ar-evidence-note"), "editors' notes on evidence are hidden"
            assert seen(page.locator(".ar-evidence li").first), "the evidence passages stay"
            return
    pytest.fail("no claim page has an evidence note to hide")


def test_add_to_assignment_in_a_note_and_in_the_list_then_copy_one_link(page: Page) -> None:
    first, second = two_tasks(page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tray = page.locator(".ar-tray")
    expect(tray).to_be_hidden()
    marker(page, second).click()
    page.locator(f'{POP} button.ar-assign-add[data-id="{second}"]').click()
    expect(tray).to_contain_text("1 annotation")
    page.keyboard.press("Escape")
    open_notes(page)
    page.locator(f'[id="fn:{first}"] button.ar-assign-add').click()
    expect(tray).to_contain_text("2 annotations")
    expected = f"/articles/{ARTICLE}/?mode=student&assign={first},{second}"
    assert (tray.locator("a.ar-tray-open").get_attribute("href") or "").endswith(expected)
    tray.locator("button.ar-tray-copy").click()
    expect(tray.locator("button.ar-tray-copy")).to_have_text("Link copied")
    assert page.evaluate("() => navigator.clipboard.readText()").endswith(expected)
    page.reload()
    expect(tray).to_contain_text("2 annotations")  # kept while the teacher browses
    tray.locator("button.ar-tray-clear").click()
    expect(tray).to_be_hidden()


def test_the_for_teachers_checklist_opens_the_assignment(page: Page) -> None:
    first, second = two_tasks(page)
    page.goto("/teachers/")
    form = page.locator(f'form.ar-assign-builder[data-slug="{ARTICLE}"]')
    form.locator("xpath=..").locator("summary").click()
    form.locator(f'input[value="{first}"]').check()
    form.locator(f'input[value="{second}"]').check()
    expect(form.locator(".ar-assign-link code")).to_contain_text(f"?mode=student&assign={first},{second}")
    form.get_by_role("button", name="Open the assignment").click()
    page.wait_for_url(f"**/articles/{ARTICLE}/?mode=student&assign={first},{second}")
    assert shown_markers(page) == [first, second]
