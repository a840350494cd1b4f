"""``data/<slug>.json``: one file per article for researchers — raw text, metadata, annotations with offsets. Pure.

Offsets (``start``, ``end``) index ``text`` in Unicode code points, half-open: ``text[start:end] == exact``
in Python (in JavaScript, index ``Array.from(text)``, not the UTF-16 string). Each annotation carries its
kind's fields as in the YAML (a rule's occurrence names the ``rule`` it comes from), and the file holds the
clusters and claims its quotes and claim passages refer to. Deterministic: no timestamps, stable order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import BaseModel

from annotated_reader import urls
from annotated_reader.model import Article, Corpus, Placed
from annotated_reader.render.escape import GENERATED

SELECTOR_FIELDS = {"id", "kind", "exact", "prefix", "suffix", "occurrences", "except", "articles"}


def page(slug: str) -> str:
    return f"data/{slug}.json"


def article_data(corpus: Corpus, article: Article, site_url: str) -> dict[str, object]:
    placed = corpus.placed[article.slug]
    clusters = sorted({p.quote.cluster for p in placed if p.kind == "quote"})
    claims = sorted({p.claim.claim for p in placed if p.kind == "claim"})
    return {
        "generated": GENERATED,
        "slug": article.slug,
        "page": urls.absolute(site_url, urls.article_page(article.slug)),
        "metadata": article.meta.model_dump(mode="json"),
        "offsets": "Unicode code points into text, half-open: text[start:end] == exact",
        "text": article.text,
        "annotations": [annotation(corpus, p, site_url) for p in placed],
        "clusters": {c: _definition(corpus.clusters[c]) for c in clusters},
        "claims": {c: _definition(corpus.claims[c]) for c in claims},
    }


def annotation(corpus: Corpus, p: Placed, site_url: str) -> dict[str, object]:
    line, column = corpus.folded[p.article].line_col(p.span.start)
    item: dict[str, object] = {
        "id": p.id,
        "kind": p.kind,
        "start": p.span.start,
        "end": p.span.end,
        "exact": corpus.articles[p.article].text[p.span.start : p.span.end],
        "line": line,
        "column": column,
        "permalink": urls.absolute(site_url, urls.article_page(p.article), p.id),
    }
    if p.id != p.spec.id:
        item["rule"] = p.spec.id
    item.update(_fields(p.spec, SELECTOR_FIELDS))
    return item


def _definition(model: BaseModel) -> dict[str, object]:
    return _fields(model, {"id"})


def _fields(model: BaseModel, drop: set[str]) -> dict[str, object]:
    """A model's set fields as JSON values; evidence item by item (each its own model)."""
    fields = model.model_dump(mode="json", by_alias=True, exclude={"evidence"})
    evidence: list[BaseModel] = getattr(model, "evidence", None) or []
    if evidence:
        fields["evidence"] = [e.model_dump(mode="json") for e in evidence]
    return {k: v for k, v in fields.items() if k not in drop and v not in ("", [], None)}


def files(corpus: Corpus, site_url: str) -> dict[str, str]:
    """Every data file, by path relative to docs/."""
    return dict(each_file(corpus, site_url))


def each_file(corpus: Corpus, site_url: str, slugs: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """The data files one at a time (path relative to docs/, text) of ``slugs`` (by default every article)."""
    for slug in corpus.articles if slugs is None else slugs:
        data = article_data(corpus, corpus.articles[slug], site_url)
        yield page(slug), json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
