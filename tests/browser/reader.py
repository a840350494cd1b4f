"""The reader's DOM contract, as the browser tests use it: selectors and what a person would see."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

POP = "#ar-pop"
NEUTRAL = (2, 400)  # a point of the page left of the article text: no passage, no popup (desktop and mobile)

# Visible to a person: rendered, not hidden, not transparent, bigger than the 1px box screen-reader-only text gets.
SEEN = """el => {
  if (!el || !el.isConnected) return false;
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || Number(s.opacity) === 0) return false;
  }
  if (getComputedStyle(el).visibility !== 'visible') return false;
  return [...el.getClientRects()].some(r => r.width > 2 && r.height > 2);
}"""

# A passage's pieces: the first carries the annotation's id, those after a cut name it in data-ar.
PIECE = ".ar:is([id], [data-ar])"
PIECES = "id => document.querySelectorAll(`.ar[id='${CSS.escape(id)}'], .ar[data-ar='${CSS.escape(id)}']`)"
# Passages that stand alone: one fragment, not nested in another passage, holding none.
ALONE = f"""kind => [...document.querySelectorAll(`.ar-text .ar[id].ar-${{kind}}`)]
  .filter(el => ({PIECES})(el.id).length === 1
    && !el.parentElement.closest('{PIECE}') && !el.querySelector('{PIECE}'))
  .map(el => el.id)"""

RECTS = f"""id => [...({PIECES})(id)]
  .flatMap(el => [...el.getClientRects()]).map(r => ({{x: r.x, y: r.y, width: r.width, height: r.height}}))"""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box, tolerance: float = 0.5) -> bool:
        return (
            min(self.x + self.width, other.x + other.width) - max(self.x, other.x) > tolerance
            and min(self.y + self.height, other.y + other.height) - max(self.y, other.y) > tolerance
        )


def article(slug: str, query: str = "") -> str:
    return f"/articles/{slug}/{query}"


def passage(page: Page, ident: str) -> Locator:
    return page.locator(f'[id="{ident}"]')


def marker(page: Page, ident: str) -> Locator:
    return page.locator(f'a.ar-ref[href="#fn:{ident}"]')


def list_note(page: Page, ident: str) -> Locator:
    return page.locator(f'div.footnote.ar-notes ol > li[id="fn:{ident}"]')


def open_notes(page: Page) -> None:
    """Unfold the numbered list of every note below the text, as a reader does with a click."""
    summary = page.locator("details.ar-notes-box > summary")
    if summary.count() and page.locator("details.ar-notes-box[open]").count() == 0:
        summary.click()


def seen(locator: Locator) -> bool:
    return bool(locator.evaluate(SEEN))


def seen_all(page: Page, selector: str) -> list[bool]:
    return list(page.eval_on_selector_all(selector, f"els => els.map({SEEN})"))


def alone(page: Page, kind: str) -> list[str]:
    """Ids of the passages of ``kind`` in the article text that stand alone (one fragment, no nesting)."""
    return list(page.evaluate(ALONE, kind))


def passage_boxes(page: Page, ident: str) -> list[Box]:
    return [Box(**r) for r in page.evaluate(RECTS, ident)]


def pop_box(page: Page) -> Box:
    box = page.locator(POP).bounding_box()
    assert box is not None, "the popup is not rendered"
    return Box(**box)


def hover(page: Page, ident: str) -> None:
    """The pointer on the middle of the widest line of the passage, as a reader's would be."""
    passage(page, ident).scroll_into_view_if_needed()
    box = max(passage_boxes(page, ident), key=lambda b: b.width)
    x, y = box.x + box.width / 2, box.y + box.height / 2
    at = f"([x, y]) => document.elementFromPoint(x, y)?.closest('{PIECE}')"
    hit = page.evaluate(f"p => (el => el && (el.id || el.dataset.ar))(({at})(p))", [x, y])
    assert hit == ident, f"the middle of {ident} shows {hit}"
    page.mouse.move(x, y)


def park_mouse(page: Page) -> None:
    """The pointer away from every passage and popup."""
    page.mouse.move(*NEUTRAL)


def html_classes(page: Page) -> set[str]:
    return set(page.evaluate("() => [...document.documentElement.classList]"))


def search_result(page: Page, href_part: str, most: int = 10) -> Locator:
    """The first result linking to ``href_part``, pressing "More results" (five more each time) until it is
    shown: results come five at a time. Waits for the first five."""
    page.locator(".ar-search-list li").first.wait_for(timeout=20_000)
    found = page.locator(f".ar-search-list a[href*='{href_part}']")
    more = page.locator(".ar-search-more")
    for _ in range(most):
        if found.count() or not more.is_visible():
            break
        shown = page.locator(".ar-search-list li").count()
        more.click()
        expect(page.locator(".ar-search-list li")).not_to_have_count(shown)
    return found.first
