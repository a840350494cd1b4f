"""Bytes a reader downloads to see the first results of a search, measured in a real browser.

The built site is served on 127.0.0.1; Chromium (Debian's, driven by Playwright) opens a page,
types a word into the search box and waits for results; every response for search (Material's
index and worker, or the Pagefind script, bundle, index chunks and excerpts) is counted, from the
page load on. Without Playwright or Chromium the figure is left out, with the reason.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

QUERIES = ("Sudzha", "Kosthenko")  # in 99% and in a third of the synthetic articles
SEARCH = ("/search/", "/workers/search", "/pagefind/", "pagefind-search.js")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def measure(site: Path, page: str = "articles/") -> dict[str, Any]:
    """The first query's bytes for each of QUERIES, each in a fresh browser; the headline figure is the worst."""
    found = [one(site, page, query) for query in QUERIES]
    if any("search_note" in f for f in found):
        return found[0]
    worst = max(found, key=lambda f: f["search_first_query_bytes"])
    return {**worst, "search_by_query": {f["search_query"]: f["search_first_query_bytes"] for f in found}}


def one(site: Path, page: str, query: str) -> dict[str, Any]:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"search_first_query_bytes": None, "search_note": "playwright is not installed"}
    if chromium is None:
        return {"search_first_query_bytes": None, "search_note": "chromium is not installed"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            tab = browser.new_page()
            sizes: dict[str, int] = {}
            tab.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
            tab.goto(f"http://127.0.0.1:{server.server_port}/{page}")
            tab.wait_for_load_state("networkidle")
            tab.click(".md-search__input")
            tab.fill(".md-search__input", query)
            tab.keyboard.press("End")  # Material reads the query on keyup
            tab.wait_for_selector(".md-search-result__item", timeout=30_000)
            tab.wait_for_load_state("networkidle")
            results = len(tab.query_selector_all(".md-search-result__item"))
            browser.close()
    finally:
        server.shutdown()
    counted = {url.split("/", 3)[3]: n for url, n in sizes.items() if any(s in url for s in SEARCH)}
    return {
        "search_first_query_bytes": sum(counted.values()),
        "search_query": query,
        "search_results_shown": results,
        "search_requests": dict(sorted(counted.items())),
    }
