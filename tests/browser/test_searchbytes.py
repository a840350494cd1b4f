"""bench/searchbytes.py, the benchmark's first-query figure, still finds the site's search box and its results:
on the shipped corpus it counts the search script's and Pagefind's downloads for each query, nothing before the
reader searches, five results first and what "More results" adds."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.browser.conftest import Site
from tests.helpers import ROOT


def test_the_benchmark_measures_the_sites_own_search_box(site: Site) -> None:
    # as the benchmark runs it: a process of its own (Playwright's sync API refuses to start inside the
    # event loop the other browser tests' Playwright leaves running in this process)
    run = subprocess.run(
        [sys.executable, "-m", "bench.searchbytes", str(site.folder)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert "search_note" not in found, found
    assert found["search_bytes_before_query"] == 0, "nor the search script before the reader searches"
    assert "assets/annotated-reader/pagefind-search.js" in found["search_requests"]
    fragments = [path for path in found["search_requests"] if path.startswith("pagefind/fragment/")]
    assert 0 < found["search_results_shown"] == len(fragments) <= 5, "the excerpts of the results shown, no more"
    shown, more = found["search_shown_and_more_bytes_by_query"]["Sudzha"]  # more than five pages say it
    assert shown == 5 and more > 0, "five results first; More results fetches the next excerpts"
    assert any(path.startswith("pagefind/") for path in found["search_requests"])
    assert found["search_first_query_bytes"] == sum(found["search_requests"].values()) > 0
