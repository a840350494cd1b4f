"""The Sources page: every outside source the corpus cites, grouped by publisher, each with the annotations
that rely on it. Sources are the URLs of correction and claim evidence, of clusters' first-published
wording, of verified metadata, and every address written in a note or a provenance basis; an outside
source named without an address is listed too. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

from annotated_reader import rawblock, urls
from annotated_reader.model import Corpus
from annotated_reader.read import schema
from annotated_reader.render.escape import front_matter, html_text, md_text
from annotated_reader.render.links import a_html
from annotated_reader.render.parts import Part, made
from annotated_reader.render.permalinks import Target
from annotated_reader.render.permalinks import target as target_of

PAGE = "sources.md"
URL = re.compile(r"https?://[^\s<>\"'()\[\]]+")
NO_ADDRESS = "Named without an address"


@dataclass
class Source:
    """One outside source (an address, or a name when there is none) and who relies on it."""

    key: str
    url: str | None
    used_by: dict[tuple[str, str], Target] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Citation:
    url: str | None
    name: str  # the source's name when it has no address
    by: Target
    publisher: str = ""  # when the citing field names it (cluster originals, verified metadata)


def addresses(text: str) -> list[str]:
    """The web addresses written in a piece of text, without the punctuation that ends a sentence."""
    return [found.rstrip(".,;:!?") for found in URL.findall(text)]


def _evidence(items: list[schema.AnyEvidence], by: Target) -> Iterator[Citation]:
    for item in items:
        if isinstance(item, schema.SourceEvidence):
            yield Citation(item.url, item.source, by)
        yield from (Citation(url, "", by) for url in addresses(item.note) if url != getattr(item, "url", None))


Cited = tuple[str | None, str, str, str, str, str]  # a Citation: url, name, page, anchor, label, publisher


def article_citations(corpus: Corpus, slug: str) -> tuple[Cited, ...]:
    """An article's part of the page: what its metadata and its annotations cite, as plain values."""
    return tuple((c.url, c.name, c.by.page, c.by.anchor, c.by.label, c.publisher) for c in _of_article(corpus, slug))


def _of_article(corpus: Corpus, slug: str) -> Iterator[Citation]:
    article = corpus.articles[slug]
    by = Target(urls.article_page(slug), "", f"{article.title} (metadata)")
    for p in article.meta.provenance.values():
        if p.how == "verified" and p.url:
            yield Citation(p.url, "", by, p.publisher or "")
        yield from (Citation(url, "", by) for url in addresses(p.basis) if url != p.url)
    seen: set[str] = set()
    for placed in corpus.placed.get(slug, []):
        if placed.spec.id in seen:
            continue
        seen.add(placed.spec.id)
        by = Target(urls.article_page(slug), placed.id, f"{article.title} #{placed.spec.id}")
        yield from (Citation(url, "", by) for url in addresses(placed.spec.note))
        if placed.kind == "correction":
            yield from _evidence(placed.correction.evidence, by)


def citations(corpus: Corpus, part: Part[tuple[Cited, ...]] = made) -> Iterator[Citation]:
    """Every citation of an outside source, with the page that makes it (``part`` may take an article's from
    the build cache)."""
    for slug in corpus.articles:
        for url, source, page, anchor, label, publisher in part(slug, partial(article_citations, corpus, slug)):
            yield Citation(url, source, Target(page, anchor, label), publisher)
    for claim in corpus.claims.values():
        by = Target(urls.claim_page(claim.id), "", f"claim: {claim.claim}")
        yield from _evidence(claim.evidence, by)
        for text in (claim.note, claim.claimant, *claim.disputed_by):
            yield from (Citation(url, "", by) for url in addresses(text))
    for cluster in corpus.clusters.values():
        by = Target(urls.cluster_page(cluster.id), "", f"quote: {cluster.title}")
        if cluster.original is not None:
            yield Citation(cluster.original.url, "", by, cluster.original.publisher)
            yield from (Citation(url, "", by) for url in addresses(cluster.original.note))
        yield from (Citation(url, "", by) for url in addresses(cluster.note))
    for name in corpus.names.values():
        found = target_of(corpus, f"names:{name.id}")
        if found is not None:
            yield from (Citation(url, "", found) for url in addresses(name.note))


def host(url: str) -> str:
    name = (urlsplit(url).hostname or url).lower()
    return name.removeprefix("www.").removeprefix("amp.")


def grouped(corpus: Corpus, part: Part[tuple[Cited, ...]] = made) -> dict[str, dict[str, Source]]:
    """Sources by publisher, then by address. The publisher is the name given with that address (a cluster's
    original, verified metadata), else the one name given for its site, else the site's host name."""
    found = list(citations(corpus, part))
    named = {c.url: c.publisher for c in found if c.url and c.publisher}  # address -> the publisher given
    by_host: dict[str, set[str]] = {}
    for url, publisher in named.items():
        by_host.setdefault(host(url), set()).add(publisher)
    known = {h: names.pop() for h, names in by_host.items() if len(names) == 1}  # one name for the whole site
    groups: dict[str, dict[str, Source]] = {}
    for c in found:
        publisher = (named.get(c.url) or known.get(host(c.url)) or host(c.url)) if c.url else NO_ADDRESS
        key = c.url or c.name
        source = groups.setdefault(publisher, {}).setdefault(key, Source(key, c.url))
        source.used_by.setdefault((c.by.page, c.by.anchor), c.by)
    return {name: groups[name] for name in sorted(groups, key=lambda n: (n == NO_ADDRESS, n.casefold()))}


def sources_page(corpus: Corpus, part: Part[tuple[Cited, ...]] = made) -> str:
    """The page, assembled from each article's citations (``part`` may take them from the build cache)."""
    groups = grouped(corpus, part)
    total = sum(len(g) for g in groups.values())
    intro = (
        "Every outside source the annotations cite, grouped by publisher, each with the annotations that rely "
        "on it. Copies of a page published elsewhere are listed under the site that holds the copy."
    )
    parts = [
        front_matter("Sources", intro, "annotations/, articles/*.yml"),
        f"# Sources\n\n{intro}\n\n{total:,} sources from {len(groups):,} publishers.\n\n",
    ]
    for publisher, sources in groups.items():
        parts.append(f"## {md_text(publisher)}\n\n")
        items = [_item(source) for source in sorted(sources.values(), key=lambda s: s.key)]
        parts.append(rawblock.wrap('<ul class="ar-sources">' + "".join(items) + "</ul>") + "\n")
    return "".join(parts)


def _item(source: Source) -> str:
    if source.url:
        head = f'<a href="{html_text(source.url)}" rel="noopener noreferrer">{html_text(source.url)}</a>'
    else:
        head = html_text(source.key)
    uses = "".join(
        f"<li>{a_html(PAGE, t.page, t.label, t.anchor)}</li>"
        for t in sorted(source.used_by.values(), key=lambda t: (t.page, t.anchor))
    )
    return f"<li>{head}<ul>{uses}</ul></li>"
