"""bench/searchbytes.py, the benchmark's first-query figure, still finds the site's search box and its results:
on the shipped corpus it counts Pagefind's downloads for each query and nothing before the reader searches."""

from __future__ import annotations

from bench import searchbytes
from tests.browser.conftest import Site


def test_the_benchmark_measures_the_sites_own_search_box(site: Site) -> None:
    found = searchbytes.measure(site.folder)
    assert "search_note" not in found, found
    assert found["search_bytes_before_query"] == 0
    assert found["search_results_shown"] > 0
    assert any(path.startswith("pagefind/") for path in found["search_requests"])
    assert found["search_first_query_bytes"] == sum(found["search_requests"].values()) > 0
