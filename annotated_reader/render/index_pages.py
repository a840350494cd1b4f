"""Index pages, in the order the build writes them: home, quotes (one page per cluster), claims (one per
claim), corrections. Contributor text is escaped with ``md_text`` (Markdown context) or ``html_text``
(inside HTML)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from annotated_reader import urls
from annotated_reader.interop import claimreview
from annotated_reader.model import Corpus, Placed
from annotated_reader.read.schema import ClaimDef
from annotated_reader.render import corrections
from annotated_reader.render.claims import claim_page, claims_index
from annotated_reader.render.corrections import Group, corrections_index
from annotated_reader.render.home import home
from annotated_reader.render.links import References
from annotated_reader.render.parts import Part, made
from annotated_reader.render.quotes import cluster_page, quotes_index


def all_pages(corpus: Corpus, site_name: str, site_url: str = "") -> dict[str, str]:
    return dict(each_page(corpus, site_name, site_url))


Keep = Callable[[str, list[Placed], Callable[[], str]], str]  # (page, the passages it shows, make it) -> the page
Keyed = Callable[[str, Callable[[], str], Callable[[], str]], str]  # (page, what else it shows: a repr; make it)


def each_page(
    corpus: Corpus,
    site_name: str,
    site_url: str = "",
    keep: Keep = lambda rel, shown, make: make(),
    part: Part[tuple[Group, ...]] = made,
    keyed: Keyed = lambda rel, shown, make: make(),
) -> Iterator[tuple[str, str]]:
    """The home page and the indexes, each quote cluster and claim page, one at a time; ``keep`` may take
    a cluster's or claim's page from the build cache (write/page_cache.py), ``part`` each article's part of
    the corrections index (write/page_parts.py), ``keyed`` the corrections index by those parts."""
    refs = corpus.by_reference()
    yield "index.md", home(corpus, site_name)
    yield "quotes/index.md", quotes_index(corpus, refs)
    yield "claims/index.md", claims_index(corpus)
    groups = {slug: part(slug, partial(corrections.groups, corpus, slug)) for slug in corpus.articles}
    show = partial(corrections_index, corpus, lambda slug, make: groups[slug])
    yield "corrections/index.md", keyed("corrections/index.md", partial(repr, groups), show)
    for cluster in corpus.clusters.values():
        rel = urls.cluster_page(cluster.id)
        yield rel, keep(rel, refs.get(("clusters", cluster.id), []), partial(cluster_page, corpus, cluster, refs))
    for c in corpus.claims.values():
        rel, places = urls.claim_page(c.id), refs.get(("claims", c.id), [])
        yield rel, keep(rel, places, partial(_claim, corpus, c, refs, site_url, site_name))


def _claim(corpus: Corpus, c: ClaimDef, refs: References, site_url: str, site_name: str) -> str:
    review = claimreview.claim_review(corpus, c, refs.get(("claims", c.id), []), site_url, site_name)
    return claim_page(corpus, c, refs) + claimreview.script(review)
