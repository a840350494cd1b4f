"""Fixtures of the browser tests: the built corpus served on 127.0.0.1, Debian's Chromium, watched pages.

Every page a test opens is watched: a request that would leave 127.0.0.1 is refused and, like any console
error or uncaught exception, fails the test at teardown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser.chromium import DESKTOP, MOBILE, Watch, launch
from tests.browser.served import Server, build_copy

HERE = Path(__file__).resolve().parent
TIMEOUT_MS = 10_000

NewContext = Callable[..., BrowserContext]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Site:
    folder: Path
    url: str

    def paths(self, section: str) -> list[str]:
        """The address of every page under ``section`` (e.g. ``claims``), its index first."""
        pages = sorted((self.folder / section).glob("*/index.html"))
        return [f"/{section}/"] + [f"/{section}/{p.parent.name}/" for p in pages]

    def slugs_with(self, kind: str) -> list[str]:
        """The articles whose text holds a passage of ``kind``."""
        return [
            p.parent.name
            for p in sorted((self.folder / "articles").glob("*/index.html"))
            if BeautifulSoup(p.read_text("utf-8"), "html.parser").select_one(f".ar-text .ar[id].ar-{kind}")
        ]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped corpus, built from a copy of the project and served at the root of a local address."""
    project = tmp_path_factory.mktemp("browser-project")
    with Server(project / "site") as server:
        yield Site(build_copy(project), server.url)


@pytest.fixture(scope="session")
def site_url(site: Site) -> str:
    return site.url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = launch(playwright)
    yield chromium
    chromium.close()


@pytest.fixture
def new_context(browser: Browser, site_url: str) -> Iterator[NewContext]:
    """Opens watched browser contexts (fresh storage each); at teardown none may have left the machine or erred."""
    opened: list[tuple[BrowserContext, Watch]] = []

    def open_context(**options: Any) -> BrowserContext:
        watch = Watch()
        context = watch.attach(browser.new_context(base_url=site_url, **{"viewport": DESKTOP, **options}))
        context.set_default_timeout(TIMEOUT_MS)
        opened.append((context, watch))
        return context

    yield open_context
    problems = [problem for context, watch in opened for problem in watch.problems()]
    for context, _ in opened:
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A desktop page (1280 wide)."""
    return new_context().new_page()


@pytest.fixture
def mobile_page(new_context: NewContext) -> Page:
    """A phone: 390 wide, touch, mobile viewport."""
    return new_context(viewport=MOBILE, has_touch=True, is_mobile=True, device_scale_factor=2).new_page()
