"""Bytes a reader downloads to see the first results of a search, measured in a real browser.

The built site is served on 127.0.0.1; Chromium (Debian's, driven by Playwright) opens a page,
types a word into the site's search box (annotated_reader/static/pagefind-search.js) and waits for
results; every response for search (the box's script, Pagefind's bundle, index chunks and excerpts) is
counted, from the page load on, and apart those made before the reader touches the box (none are
expected: Pagefind loads on focus). Without Playwright or Chromium the figure is left out, with the reason.

    python -m bench.searchbytes SITE_DIR
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
BOX = "#ar-search-input"
SHOWN = ".ar-search-list li, .ar-search-none"  # results, or "Nothing found"


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
            before = _counted(sizes)
            tab.click(BOX)
            tab.fill(BOX, query)
            tab.wait_for_selector(SHOWN, timeout=30_000)
            tab.wait_for_load_state("networkidle")
            results = len(tab.query_selector_all(".ar-search-list li"))
            browser.close()
    finally:
        server.shutdown()
    counted = _counted(sizes)
    return {
        "search_first_query_bytes": sum(counted.values()),
        "search_bytes_before_query": sum(n for url, n in before.items() if "/pagefind/" in url),
        "search_query": query,
        "search_results_shown": results,
        "search_requests": dict(sorted(counted.items())),
    }


def _counted(sizes: dict[str, int]) -> dict[str, int]:
    """The bytes of each search response so far, by path on the site."""
    return {url.split("/", 3)[3]: n for url, n in sizes.items() if any(s in url for s in SEARCH)}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1])), indent=2))
