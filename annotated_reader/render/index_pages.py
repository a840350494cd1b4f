"""Index pages, in the order the build writes them: home, quotes (one page per cluster), claims (one per
claim), corrections. Contributor text is escaped with ``md_text`` (Markdown context) or ``html_text``
(inside HTML)."""

from __future__ import annotations

from collections.abc import Iterator

from annotated_reader import urls
from annotated_reader.interop import claimreview
from annotated_reader.model import Corpus
from annotated_reader.render.claims import claim_page, claims_index
from annotated_reader.render.corrections import corrections_index
from annotated_reader.render.home import home
from annotated_reader.render.quotes import cluster_page, quotes_index


def all_pages(corpus: Corpus, site_name: str, site_url: str = "") -> dict[str, str]:
    return dict(each_page(corpus, site_name, site_url))


def each_page(corpus: Corpus, site_name: str, site_url: str = "") -> Iterator[tuple[str, str]]:
    """The home page and the indexes, each quote cluster and claim page, one at a time."""
    refs = corpus.by_reference()
    yield "index.md", home(corpus, site_name)
    yield "quotes/index.md", quotes_index(corpus, refs)
    yield "claims/index.md", claims_index(corpus)
    yield "corrections/index.md", corrections_index(corpus)
    for cluster in corpus.clusters.values():
        yield urls.cluster_page(cluster.id), cluster_page(corpus, cluster, refs)
    for c in corpus.claims.values():
        review = claimreview.claim_review(corpus, c, refs.get(("claims", c.id), []), site_url, site_name)
        yield urls.claim_page(c.id), claim_page(corpus, c, refs) + claimreview.script(review)
