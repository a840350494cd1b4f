"""Small builders for tests: an article and annotations in memory, rendered without files."""

from __future__ import annotations

from typing import Any

from annotated_reader import schema
from annotated_reader.annotations import resolve
from annotated_reader.kinds import Context
from annotated_reader.model import Article, Corpus, Diagnostic
from annotated_reader.render import render_article
from annotated_reader.yamlsource import Document

PROVENANCE = {
    name: {"how": "unknown", "basis": "test"}
    for name in ("title", "outlet", "url", "published", "language", "translation", "source_language")
}


def article(text: str, slug: str = "a", title: str = "Title") -> Article:
    provenance = {
        **PROVENANCE,
        "title": {"how": "stated", "basis": "test"},
        "language": {"how": "inferred", "basis": "test"},
    }
    meta = schema.ArticleMeta.model_validate(
        {
            "corpus_id": slug,
            "title": title,
            "outlet": None,
            "url": None,
            "published": None,
            "language": "en",
            "translation": None,
            "source_language": None,
            "provenance": provenance,
        }
    )
    return Article(slug, text, meta, f"articles/{slug}.txt", f"articles/{slug}.yml")


def corpus_of(articles: list[Article], data: dict[str, Any] | list[dict[str, Any]]) -> tuple[Corpus, list[Diagnostic]]:
    """Resolve annotation file contents (one mapping or several) against the articles."""
    files = []
    for i, item in enumerate(data if isinstance(data, list) else [data]):
        doc = Document(f"annotations/f{i}.yml", item)
        files.append((doc, schema.AnnotationFile.model_validate(item)))
    return resolve({a.slug: a for a in articles}, files)


def page(a: Article, corpus: Corpus) -> str:
    return render_article(a, corpus.placed[a.slug], Context(corpus, f"articles/{a.slug}.md"))


def correction(exact: str, corrected: str, ident: str = "r", **more: Any) -> dict[str, Any]:
    """A correction annotation as it would be written in YAML (a name fix, high confidence)."""
    return {
        "id": ident,
        "kind": "correction",
        "exact": exact,
        "corrected": corrected,
        "error": "name",
        "confidence": "high",
        **more,
    }
