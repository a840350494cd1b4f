"""The payload project (tests/payloads.py) in Chromium: every page type opened, every non-http link clicked,
every element hovered; no dialog, no console error, no request off 127.0.0.1, and each plain field shown as text.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Dialog

from annotated_reader import build
from tests.browser.chromium import DESKTOP, Watch
from tests.browser.served import ARTICLE, Server
from tests.helpers import copy_project
from tests.payloads import FIELDS, SHOWN, add_payloads

PAGES = [
    "/",
    "/articles/",
    "/articles/evil/",
    "/articles/evil/#%",
    "/articles/evil/#%E0%A4%A",
    "/articles/evil/#n",
    "/articles/by-month/2025-03/",
    "/quotes/",
    "/quotes/evil-cluster/",
    "/claims/",
    "/claims/evil-claim/",
    "/corrections/",
    "/names/",
    "/teachers/",
]
CLICK_AND_HOVER = """() => {
  const content = document.querySelector(".md-content") || document.body;
  document.querySelectorAll("details").forEach((d) => { d.open = true; });  // folded text is read too
  content.querySelectorAll("*").forEach((el) => {
    for (const type of ["mouseover", "mouseenter", "focus"]) el.dispatchEvent(new Event(type, { bubbles: true }));
  });
  let clicked = 0;
  content.querySelectorAll("a[href]").forEach((a) => {
    const samePage = a.pathname === location.pathname;
    if (!["http:", "https:"].includes(a.protocol) || samePage) { a.click(); clicked += 1; }
  });
  return clicked;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("hostile-browser"))
    add_payloads(root)
    build.build(root)
    with Server(root / "site") as server:
        yield server.url


@pytest.mark.parametrize("path", PAGES)
def test_a_page_full_of_payloads_runs_none(browser: Browser, hostile_url: str, path: str) -> None:
    watch = Watch()
    context = watch.attach(browser.new_context(base_url=hostile_url, viewport=DESKTOP))
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("dialog", refuse)
    page = context.new_page()
    response = page.goto(path)
    assert response is not None and response.ok, path
    page.wait_for_load_state("load")
    page.evaluate(CLICK_AND_HOVER)
    page.wait_for_timeout(300)
    text = " ".join(page.inner_text("body").split())
    folder = path.split("#")[0].strip("/") + "/"
    missing = [
        f"{f.name}: {s.format(k=f.k)}" for f in FIELDS if f.page == folder for s in SHOWN if s.format(k=f.k) not in text
    ]
    problems = watch.problems()
    context.close()
    assert dialogs == [], dialogs
    assert problems == [], problems
    assert missing == [], missing


def test_the_outlet_listing_of_a_payload_outlet_runs_none(browser: Browser, hostile_url: str) -> None:
    """The outlet's page is named after its text: it is found through the listing of outlets."""
    watch = Watch()
    context = watch.attach(browser.new_context(base_url=hostile_url, viewport=DESKTOP))
    dialogs: list[str] = []
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page = context.new_page()
    page.goto("/articles/by-outlet/")
    hrefs = page.eval_on_selector_all(".md-content a[href*='script-alert']", "els => els.map(a => a.href)")
    assert hrefs, "the listing links the payload outlet's page"
    page.goto(hrefs[0])
    page.evaluate(CLICK_AND_HOVER)
    page.wait_for_timeout(300)
    assert "<script>alert(3)</script>" in page.inner_text("body")  # the outlet, shown as text
    problems = watch.problems()
    context.close()
    assert dialogs == [] and problems == [], (dialogs, problems)


@pytest.mark.parametrize("fragment", ["#%", "#%E0%A4%A", "#%zz"])
def test_a_malformed_fragment_is_no_error(browser: Browser, hostile_url: str, fragment: str) -> None:
    watch = Watch()
    context = watch.attach(browser.new_context(base_url=hostile_url, viewport=DESKTOP))
    page = context.new_page()
    page.goto(f"/articles/{ARTICLE}/{fragment}")
    page.evaluate("() => window.dispatchEvent(new HashChangeEvent('hashchange'))")
    page.wait_for_timeout(200)
    problems = watch.problems()
    context.close()
    assert problems == []
