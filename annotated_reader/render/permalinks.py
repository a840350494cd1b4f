"""Where an annotation or definition can be read: its page and anchor, from a key of the history
("article-slug#id", "claims:id", "clusters:id", "corrections:id", "names:id"). Pure."""

from __future__ import annotations

from dataclasses import dataclass

from annotated_reader import urls
from annotated_reader.model import Corpus
from annotated_reader.render.names import PAGE as NAMES_PAGE


@dataclass(frozen=True, slots=True)
class Target:
    page: str
    anchor: str
    label: str


def target(corpus: Corpus, key: str) -> Target | None:
    """The page showing the entry ``key``; None when it is no longer in the corpus."""
    if "#" in key:
        slug, _, ident = key.partition("#")
        placed = [p for p in corpus.placed.get(slug, []) if p.spec.id == ident]
        if not placed:
            return None
        return Target(urls.article_page(slug), placed[0].id, f"{corpus.articles[slug].title} #{ident}")
    section, _, ident = key.partition(":")
    if section == "claims" and ident in corpus.claims:
        return Target(urls.claim_page(ident), "", f"claim: {corpus.claims[ident].claim}")
    if section == "clusters" and ident in corpus.clusters:
        return Target(urls.cluster_page(ident), "", f"quote: {corpus.clusters[ident].title}")
    if section == "names" and ident in corpus.names:
        return Target(NAMES_PAGE, "", f"name: {corpus.names[ident].name}")
    if section == "corrections":
        first = next((p for p in corpus.all_placed() if p.kind == "correction" and p.spec.id == ident), None)
        if first is not None:
            return Target(urls.article_page(first.article), first.id, f"correction rule #{ident}")
    return None
