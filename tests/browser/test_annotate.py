"""Annotating in the preview, as a contributor does: ``build_site.py serve`` (what ``make serve`` runs) on a copy of
the corpus; select words, Annotate, fill the form, Save. The file gains exactly those entries, ``check`` passes,
and each annotation is on the page within 3 seconds of Save. A bad edit shows its error in the form, and a
file that breaks the build shows its problem over the page until it is fixed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.browser.chromium import DESKTOP, Watch
from tests.helpers import ROOT
from tests.preview_served import Serve

ARTICLE = "trump-asked-putin-spare-troops"
FILE = f"annotations/{ARTICLE}.yml"
SAVE_SECONDS = 3.0  # Save -> the annotation visible on the reloaded page (issue 17)
BUSY = 2.0  # runnable processes per core that the test itself (Chromium, serve, pytest) accounts for


def allowed_seconds() -> float:
    """3 s; on a machine shared beyond what the test itself runs (more than BUSY runnable processes per core),
    3 s times the excess (other work there takes the cores: the wall time says nothing of serve)."""
    return SAVE_SECONDS * max(1.0, os.getloadavg()[0] / (BUSY * (os.cpu_count() or 1)))


SELECT = """([line, words]) => {
  const p = document.getElementById('L' + line);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(words);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
  }
  return false;
}"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Serve]:
    with Serve(tmp_path) as serve:
        yield serve


@pytest.fixture
def preview(browser: Browser, served: Serve) -> Iterator[Page]:
    watch = Watch()
    context = watch.attach(browser.new_context(base_url=served.url, viewport=DESKTOP))
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    problems = watch.problems()
    context.close()
    assert problems == [], "\n".join(problems)


def open_article(page: Page) -> None:
    page.goto(f"/articles/{ARTICLE}/")
    page.wait_for_selector("html[data-preview-ready]", state="attached")


def annotate(page: Page, line: int, words: str, fill: Callable[[Page], None]) -> tuple[float, float]:
    """Select ``words`` of line ``line``, fill the form, Save: seconds from selection and from Save to the
    annotation visible on the reloaded page."""
    open_article(page)
    assert page.evaluate(SELECT, [line, words]), f"{words!r} is plain text of line {line}"
    selected = time.perf_counter()
    page.get_by_role("button", name="Annotate").click()
    form = page.get_by_role("dialog", name="Annotate")
    expect(form).to_be_visible()
    expect(form.locator("blockquote")).to_have_text(words)
    fill(page)
    with page.expect_navigation():
        saved = time.perf_counter()
        form.get_by_role("button", name="Save").click()
    passage = page.locator(f"#L{line} .ar:is([id], [data-ar])", has_text=words).last
    expect(passage).to_be_visible(timeout=allowed_seconds() * 1000)
    shown = time.perf_counter()
    return shown - selected, shown - saved


def fill_note(page: Page) -> None:
    page.get_by_label("Kind", exact=True).select_option("note")
    page.get_by_label("Note", exact=True).fill("Witkoff's arrival date, as the Kremlin gave it.")


def fill_correction(page: Page) -> None:
    page.get_by_label("Kind", exact=True).select_option("correction")
    page.get_by_label("Corrected wording", exact=True).fill("late in the evening of 13 March")
    page.get_by_label("Error kind", exact=True).select_option("date-number")
    page.get_by_label("Confidence", exact=True).select_option("low")
    page.get_by_label("Evidence: source (outside the corpus)", exact=True).fill("Kremlin readout, 14 March 2025")
    page.get_by_label("Note", exact=True).fill("A test correction.")


def fill_quote(page: Page) -> None:
    page.get_by_label("Kind", exact=True).select_option("quote")
    page.get_by_label("Cluster (statement, speaker)", exact=True).select_option("kremlin-additional-signals")


def fill_claim(page: Page) -> None:
    page.get_by_label("Kind", exact=True).select_option("claim")
    page.get_by_label("Claim", exact=True).select_option("trump-spoke-to-putin")


CASES = [
    (25, "arrived in Moscow on March 13", fill_note, "note"),
    (25, "late in the evening", fill_correction, "correction"),
    (25, "Kremlin spokesperson Dmitry Peskov confirmed", fill_quote, "quote"),
    (25, "the president", fill_claim, "claim"),
]


def test_select_annotate_save_four_kinds(preview: Page, served: Serve) -> None:
    before = {p: p.read_bytes() for p in sorted((served.root / "annotations").iterdir())}
    timings = []
    for line, words, fill, _ in CASES:
        timings.append(annotate(preview, line, words, fill))
    after = (served.root / FILE).read_bytes()
    original = before[served.root / FILE]
    assert after.startswith(original), "the rest of the file is byte-identical"
    added = yaml.safe_load(after[len(original) :].decode("utf-8"))
    assert [(a["kind"], a["exact"]) for a in added] == [(kind, words) for _, words, _, kind in CASES]
    assert added[2]["cluster"] == "kremlin-additional-signals" and added[3]["claim"] == "trump-spoke-to-putin"
    assert added[1]["corrected"] == "late in the evening of 13 March"
    assert added[1]["evidence"] == [{"source": "Kremlin readout, 14 March 2025", "confidence": "low"}]
    for path, raw in before.items():
        assert path.name == Path(FILE).name or path.read_bytes() == raw, f"{path.name} unchanged"
    check = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--root", str(served.root), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    load = os.getloadavg()[0]
    for (_, words, _, kind), (total, after_save) in zip(CASES, timings, strict=True):
        print(f"{kind:<10} selection -> visible {total:.2f} s, Save -> visible {after_save:.2f} s (load {load:.1f})")
        assert after_save <= allowed_seconds(), f"{kind} {words!r}: {after_save:.2f} s from Save to visible"


def test_each_note_shows_where_it_lives_and_edit_replaces_that_entry(preview: Page, served: Serve) -> None:
    open_article(preview)
    text = (served.root / FILE).read_text("utf-8")
    line = text.splitlines().index("  - id: syryskyi-syrskyi") + 1
    preview.locator("details.ar-notes-box > summary").click()
    where = preview.locator("#fn\\:syryskyi-syrskyi .ar-preview-where")
    expect(where.locator("code")).to_have_text(f"{FILE}:{line}")
    where.get_by_role("button", name="Edit").click()
    form = preview.get_by_role("dialog")
    expect(form.get_by_label("Corrected wording", exact=True)).to_have_value("Syrskyi")
    form.get_by_label("Corrected wording", exact=True).fill("")  # a correction needs its corrected wording
    form.get_by_role("button", name="Save").click()
    expect(form.locator(".ar-preview-errors")).to_contain_text(f"{FILE}:")
    expect(form.locator(".ar-preview-errors")).to_contain_text("error:")
    assert (served.root / FILE).read_text("utf-8") == text, "a bad edit writes nothing"
    form.get_by_label("Note", exact=True).fill("Typo, edited in the preview.")
    form.get_by_label("Corrected wording", exact=True).fill("Syrskyi")
    with preview.expect_navigation():
        form.get_by_role("button", name="Save").click()
    changed = (served.root / FILE).read_text("utf-8")
    old_entry = yaml.safe_load(text)["annotations"]
    new_entry = yaml.safe_load(changed)["annotations"]
    assert len(new_entry) == len(old_entry)
    edited = [i for i, (a, b) in enumerate(zip(old_entry, new_entry, strict=True)) if a != b]
    assert [new_entry[i]["note"] for i in edited] == ["Typo, edited in the preview."]
    assert changed.splitlines()[: line - 1] == text.splitlines()[: line - 1]


def test_a_build_error_shows_over_the_page_until_fixed(preview: Page, served: Serve) -> None:
    open_article(preview)
    path = served.root / FILE
    good = path.read_text("utf-8")
    path.write_text(good.replace("kind: correction", "kind: corection", 1), "utf-8")
    problems = preview.get_by_role("alert", name="Build problems")
    expect(problems).to_be_visible(timeout=10_000)
    expect(problems).to_contain_text(f"{FILE}:")
    expect(problems).to_contain_text("corection")
    preview.reload()  # a reload shows the problem again, not the last good page as if nothing happened
    expect(problems).to_be_visible(timeout=10_000)
    path.write_text(good, "utf-8")
    expect(problems).to_be_hidden(timeout=10_000)
