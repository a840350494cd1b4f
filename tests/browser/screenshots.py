"""Screenshots for the README: the home page, an article with a note open, a quote cluster, a claim and the
first results of a search, each on a desktop (1280 wide) and a phone (390 wide, touch).

`make screenshots` (python -m tests.browser.screenshots) writes media/<page>-desktop.png and
media/<page>-mobile.png from a fresh build of a copy of the project; tests/browser/test_screenshots.py
takes the same pictures into a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from tests.browser.chromium import DESKTOP, MOBILE, launch
from tests.browser.reader import POP, alone, article, marker
from tests.browser.served import ARTICLE, Server, build_copy
from tests.helpers import ROOT

SHOTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": DESKTOP},
    "mobile": {"viewport": MOBILE, "has_touch": True, "is_mobile": True},
}
NOTE = "correction"  # the kind whose first note is shown open
CLUSTER = "/quotes/putin-surrender-offer/"
CLAIM = "/claims/ukrainian-troops-encircled/"


def open_note(page: Page) -> str:
    """The first correction with a note, opened as a reader opens it, its line a third down the screen."""
    page.goto(article(ARTICLE))
    ident = alone(page, NOTE)[0]
    page.locator(f'[id="{ident}"]').evaluate(
        "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight / 3)"
    )
    marker(page, ident).click()
    expect(page.locator(POP)).to_be_visible()
    return ident


def show_home(page: Page) -> None:
    page.goto("/")


def show_cluster(page: Page) -> None:
    """The wordings compared, at the top of the screen."""
    page.goto(CLUSTER)
    page.locator("#wordings-side-by-side").evaluate("el => window.scrollTo(0, el.offsetTop - 60)")


def show_claim(page: Page) -> None:
    """The evidence, at the top of the screen."""
    page.goto(CLAIM)
    page.locator("#evidence").evaluate("el => window.scrollTo(0, el.offsetTop - 60)")


def show_search(page: Page) -> None:
    """Results of a search on an article: reached by Tab and Enter on a desktop, by a tap on a phone."""
    page.goto(article(ARTICLE))
    box = page.locator("#ar-search-input")
    if page.viewport_size and page.viewport_size["width"] < 600:
        box.tap()
        page.keyboard.type("Sudzha")
    else:
        while page.evaluate("document.activeElement.id") != "ar-search-input":
            page.keyboard.press("Tab")
        page.keyboard.type("Sudzha")
        page.keyboard.press("Enter")
    expect(page.locator(".ar-search-list li")).to_have_count(5, timeout=20_000)
    expect(page.locator(".ar-search-more")).to_be_visible()


PAGES = {"home": show_home, "article": open_note, "cluster": show_cluster, "claim": show_claim, "search": show_search}


def take(context: BrowserContext, path: Path, show: Any = open_note) -> Path:
    """A screenshot of the screen as ``show`` leaves it (default: an article with a note open); closes the context."""
    try:
        page = context.new_page()
        show(page)
        page.wait_for_timeout(300)  # the popup settles
        page.screenshot(path=path)
    finally:
        context.close()
    return path


def main(out: Path = ROOT / "media") -> int:
    with tempfile.TemporaryDirectory() as tmp, Server(Path(tmp) / "site") as server:
        build_copy(Path(tmp))
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for page, show in PAGES.items():
                for name, options in SHOTS.items():
                    context = browser.new_context(base_url=server.url, **options)
                    print(take(context, out / f"{page}-{name}.png", show).relative_to(ROOT))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
