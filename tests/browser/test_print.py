"""Printing an article: the site's chrome goes, the text, the questions and the notes stay; a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.reader import POP, alone, article, hover, seen, seen_all
from tests.browser.served import ARTICLE

CHROME = (".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top", ".ar-controls", POP)
KEPT = (".ar-text", "section.ar-questions", "div.footnote.ar-notes")


def print_view(page: Page) -> None:
    page.goto(article(ARTICLE))
    hover(page, alone(page, "note")[0])
    expect(page.locator(POP)).to_be_visible()
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # Material and reader.js listen to it


def test_print_hides_the_chrome_and_lists_the_notes(page: Page) -> None:
    print_view(page)
    for selector in CHROME:
        assert True not in seen_all(page, selector), f"{selector} is printed"
    for selector in KEPT:
        assert seen(page.locator(selector).first), f"{selector} is not printed"
    notes = seen_all(page, "div.footnote.ar-notes ol > li")
    assert notes and set(notes) == {True}
    assert page.locator("section.ar-questions li").count() > 0


def test_a_pdf_of_an_article(page: Page, tmp_path: Path) -> None:
    print_view(page)
    first_line = " ".join(page.locator(".ar-text p").first.inner_text().split()[:6])
    pdf = tmp_path / f"{ARTICLE}.pdf"
    page.pdf(path=pdf, format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= 2, f"{pages} pages: the article and its notes"
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # poppler-utils is optional: when present, the PDF holds the article's words
        text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        assert first_line in flat
        assert "Sudzha" in flat
