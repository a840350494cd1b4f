"""Index pages, in the order the build writes them: home, quotes (one page per cluster), claims (one per
claim), corrections. Contributor text is escaped with ``md_text`` (Markdown context) or ``html_text``
(inside HTML)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from annotated_reader import urls
from annotated_reader.interop import claimreview
from annotated_reader.model import Corpus
from annotated_reader.read.schema import ClaimDef
from annotated_reader.render.claims import claim_page, claims_index
from annotated_reader.render.corrections import corrections_index
from annotated_reader.render.home import home
from annotated_reader.render.links import References
from annotated_reader.render.quotes import cluster_page, quotes_index


def all_pages(corpus: Corpus, site_name: str, site_url: str = "") -> dict[str, str]:
    return dict(each_page(corpus, site_name, site_url))


Keep = Callable[[str, list[str], Callable[[], str]], str]  # (page, articles it shows, make it) -> the page


def each_page(
    corpus: Corpus, site_name: str, site_url: str = "", keep: Keep = lambda rel, slugs, make: make()
) -> Iterator[tuple[str, str]]:
    """The home page and the indexes, each quote cluster and claim page, one at a time; ``keep`` may take
    a cluster's or claim's page from the build cache (write/page_cache.py)."""
    refs = corpus.by_reference()
    yield "index.md", home(corpus, site_name)
    yield "quotes/index.md", quotes_index(corpus, refs)
    yield "claims/index.md", claims_index(corpus)
    yield "corrections/index.md", corrections_index(corpus)
    for cluster in corpus.clusters.values():
        quoted = [q.article for q in refs.get(("clusters", cluster.id), [])]
        rel = urls.cluster_page(cluster.id)
        yield rel, keep(rel, quoted, partial(cluster_page, corpus, cluster, refs))
    for c in corpus.claims.values():
        rel, places = urls.claim_page(c.id), refs.get(("claims", c.id), [])
        yield rel, keep(rel, [p.article for p in places], partial(_claim, corpus, c, refs, site_url, site_name))


def _claim(corpus: Corpus, c: ClaimDef, refs: References, site_url: str, site_name: str) -> str:
    review = claimreview.claim_review(corpus, c, refs.get(("claims", c.id), []), site_url, site_name)
    return claim_page(corpus, c, refs) + claimreview.script(review)
