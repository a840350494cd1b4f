"""``data/``: what machine readers need beside the W3C export (interop/w3c_export.py), with no annotation twice. Pure.

- ``data/<slug>.json``, one per article: its raw text, metadata, page, and the address of its W3C
  ``AnnotationPage`` (where its annotations are, with code-point offsets into ``text``), and the ids of the
  clusters and claims its quotes and claim passages refer to.
- ``data/index.json``: every article's slug, and every quote cluster and claim, whole (a cluster's
  ``original``, each evidence item's ``side``...): once for the corpus, not once per article that uses it.

Offsets (``start``, ``end`` of a ``TextPositionSelector``) index ``text`` in Unicode code points, half-open:
``text[start:end] == exact`` in Python (in JavaScript, index ``Array.from(text)``, not the UTF-16 string).
Deterministic: no timestamps, stable order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import BaseModel

from annotated_reader import urls
from annotated_reader.interop import w3c_export
from annotated_reader.model import Article, Corpus
from annotated_reader.render.escape import GENERATED

INDEX = "data/index.json"  # "index" is no slug (urls.RESERVED_SLUGS)


def page(slug: str) -> str:
    return f"data/{slug}.json"


def article_data(corpus: Corpus, article: Article, site_url: str) -> dict[str, object]:
    placed = corpus.placed[article.slug]
    return {
        "generated": GENERATED,
        "slug": article.slug,
        "page": urls.absolute(site_url, urls.article_page(article.slug)),
        "annotations": w3c_export.file_url(site_url, w3c_export.page_path(article.slug)),
        "index": w3c_export.file_url(site_url, INDEX),
        "metadata": _metadata(article),
        "offsets": "TextPositionSelector start/end: Unicode code points into text, half-open",
        "text": article.text,
        "clusters": sorted({p.quote.cluster for p in placed if p.kind == "quote"}),
        "claims": sorted({p.claim.claim for p in placed if p.kind == "claim"}),
    }


def _metadata(article: Article) -> dict[str, object]:
    """The article's metadata as in its YAML; each field's provenance without the source fields that only a
    verified value has (``url``, ``publisher``, ``date``: null on every other, 250 bytes a file)."""
    fields = article.meta.model_dump(mode="json")
    fields["provenance"] = {k: v.model_dump(mode="json", exclude_none=True) for k, v in article.meta.provenance.items()}
    return fields


def index(corpus: Corpus) -> dict[str, object]:
    """Every article's slug, and every quote cluster and claim by id with all its fields."""
    return {
        "generated": GENERATED,
        "articles": list(corpus.articles),
        "clusters": {c.id: _definition(c) for c in corpus.clusters.values()},
        "claims": {c.id: _definition(c) for c in corpus.claims.values()},
    }


def _definition(model: BaseModel) -> dict[str, object]:
    """A model's set fields as JSON values, but its id; evidence item by item (each its own model)."""
    fields = model.model_dump(mode="json", by_alias=True, exclude={"evidence"})
    evidence: list[BaseModel] = getattr(model, "evidence", None) or []
    if evidence:
        fields["evidence"] = [e.model_dump(mode="json") for e in evidence]
    return {k: v for k, v in fields.items() if k != "id" and v not in ("", [], None)}


def files(corpus: Corpus, site_url: str) -> dict[str, str]:
    """Every data file, by path relative to docs/."""
    return dict([*each_file(corpus, site_url), index_file(corpus)])


def each_file(corpus: Corpus, site_url: str, slugs: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """The data files one at a time (path relative to docs/, text) of ``slugs`` (by default every article)."""
    for slug in corpus.articles if slugs is None else slugs:
        yield page(slug), _json(article_data(corpus, corpus.articles[slug], site_url))


def index_file(corpus: Corpus) -> tuple[str, str]:
    return INDEX, _json(index(corpus))


def _json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
