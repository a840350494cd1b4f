"""Bytes a reader downloads to see the first results of a search, measured in a real browser.

The built site is served on 127.0.0.1; Chromium (Debian's, driven by Playwright) opens a page, types a
word into the site's search box (made by reader.js, answered by annotated_reader/static/pagefind-search.js)
and waits for results; every response for search (the box's script, Pagefind's bundle, index chunks and
the excerpts of the five results shown) is counted, from the page load on, and apart those made before
the reader touches the box (none are expected: the script and Pagefind load on focus), and then what
"More results" adds. Without Playwright or Chromium the figure is left out, with the reason.

Files are served as they are (Pagefind's index files are compressed already; its script and ours are
not), or with ``--gzip`` text files gzip-compressed as static hosts (GitHub Pages, Netlify) serve them
(tests/browser/served.py's handler, the one ``make audit`` uses).

    python -m bench.searchbytes SITE_DIR [--gzip]
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.browser.served import GzipHandler, QuietHandler  # the audit's server: one way to serve like a host

QUERIES = ("Sudzha", "Kosthenko")  # in 99% and in a third of the synthetic articles
SEARCH = ("/search/", "/workers/search", "/pagefind/", "pagefind-search.js")
BOX = "#ar-search-input"
SHOWN = ".ar-search-list li, .ar-search-none"  # results, or "Nothing found"
MORE = ".ar-search-more"  # "More results": five more


def measure(site: Path, page: str = "articles/", compress: bool = False) -> dict[str, Any]:
    """The first query's bytes for each of QUERIES, each in a fresh browser; the headline figure is the worst."""
    found = [one(site, page, query, compress) for query in QUERIES]
    if any("search_note" in f for f in found):
        return found[0]
    worst = max(found, key=lambda f: f["search_first_query_bytes"])
    by_query = {f["search_query"]: f["search_first_query_bytes"] for f in found}
    shown = {f["search_query"]: [f["search_results_shown"], f["search_more_results_bytes"]] for f in found}
    return {**worst, "search_by_query": by_query, "search_shown_and_more_bytes_by_query": shown}


def one(site: Path, page: str, query: str, compress: bool = False) -> dict[str, Any]:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"search_first_query_bytes": None, "search_note": "playwright is not installed"}
    if chromium is None:
        return {"search_first_query_bytes": None, "search_note": "chromium is not installed"}
    handler = GzipHandler if compress else QuietHandler
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            tab = browser.new_page()
            sizes: dict[str, int] = {}
            tab.on("requestfinished", functools.partial(_record, sizes))
            tab.goto(f"http://127.0.0.1:{server.server_port}/{page}")
            tab.wait_for_load_state("networkidle")
            before = _counted(sizes)
            tab.click(BOX)
            tab.fill(BOX, query)
            tab.wait_for_selector(SHOWN, timeout=30_000)
            tab.wait_for_load_state("networkidle")
            results = len(tab.query_selector_all(".ar-search-list li"))
            first = _counted(sizes)
            if tab.is_visible(MORE):
                tab.click(MORE)
                tab.wait_for_function(f"document.querySelectorAll('.ar-search-list li').length > {results}")
                tab.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    more = {path: n for path, n in _counted(sizes).items() if path not in first}
    return {
        "search_first_query_bytes": sum(first.values()),
        "search_bytes_before_query": sum(before.values()),
        "search_query": query,
        "search_results_shown": results,
        "search_more_results_bytes": sum(more.values()),
        "search_gzip": compress,
        "search_requests": dict(sorted(first.items())),
    }


def _record(sizes: dict[str, int], request: Any) -> None:
    """A finished response's body size (as sent: compressed when the server compressed it)."""
    from playwright.sync_api import Error

    with contextlib.suppress(Error):  # finished as the browser closed: after the figures were taken
        sizes[request.url] = request.sizes()["responseBodySize"]


def _counted(sizes: dict[str, int]) -> dict[str, int]:
    """The bytes of each search response so far, by path on the site."""
    return {url.split("/", 3)[3]: n for url, n in sizes.items() if any(s in url for s in SEARCH)}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1]), compress="--gzip" in sys.argv[2:]), indent=2))
