"""Screenshots of an article page with a note open: desktop (1280 wide) and phone (390 wide).

`make screenshots` (python -m tests.browser.screenshots) writes media/article-desktop.png and
media/article-mobile.png for the README from a fresh build of a copy of the project;
tests/browser/test_screenshots.py takes the same pictures into a temporary folder.
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


def take(context: BrowserContext, path: Path) -> Path:
    """A screenshot of the screen with the note open; closes the context."""
    try:
        page = context.new_page()
        open_note(page)
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
            for name, options in SHOTS.items():
                context = browser.new_context(base_url=server.url, **options)
                print(take(context, out / f"article-{name}.png").relative_to(ROOT))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
