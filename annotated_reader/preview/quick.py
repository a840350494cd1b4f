"""The first step of serve's rebuild after a contributor saves an article's annotation file: that article's
page alone, in well under a second at any corpus size, before the session (session.py) brings the rest
of docs/ up to date (indexes, cluster and claim pages, data files; seconds at 10,000 articles).

Taken only when every changed file is an article's annotation file that defines nothing (no clusters,
claims, names, corpus rules or overview, before or after the change) and reads without an error: its
annotations are placed against the definitions of the last good corpus, and the article's other
annotations (corpus rules, which this file cannot change) are kept. The page is the one the session
then makes (tests/test_preview_pages.py); anything else waits for the session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path

from annotated_reader import urls
from annotated_reader.anchor.resolve import Resolver
from annotated_reader.kinds import Context
from annotated_reader.model import Corpus
from annotated_reader.read import mkdocs_config, schema, yamlsource
from annotated_reader.read.annotation_files import Loaded, checked
from annotated_reader.render.article import render_article
from annotated_reader.write import docs_writer, lock, search


def _defines_nothing(model: schema.AnnotationFile) -> bool:
    defined = (model.clusters, model.claims, model.names, model.corrections, model.overview)
    return model.article is not None and not any(defined)


def _read(root: Path, rel: str, before: Loaded | None) -> Loaded | None:
    """The file as it is now, when it and its last good version are an article's annotations only."""
    path = root / rel
    if before is None or not _defines_nothing(before[1]) or path.is_symlink() or not path.is_file():
        return None
    doc, problems = yamlsource.load_file(path, rel)
    model, problems = checked(doc, problems)
    if model is None or any(p.severity == "error" for p in problems) or not _defines_nothing(model[1]):
        return None
    return model if model[1].article == before[1].article else None


def article_pages(
    root: Path,
    corpus: Corpus,
    settings: mkdocs_config.Settings,
    pagefind: bool,
    changed: Collection[str],
    before: dict[str, Loaded | None],
) -> list[str] | None:
    """Write the pages (in docs/) of the articles whose annotation files ``changed`` (paths relative to
    ``root``; ``before``: each file's last good reading); their paths, or None when this step cannot
    make them."""
    files = [(rel, _read(root, rel, before.get(rel))) for rel in sorted(changed)]
    if not files or any(loaded is None or not rel.startswith("annotations/") for rel, loaded in files):
        return None
    resolver = Resolver(corpus.articles)
    made = resolver.corpus
    made.clusters.update(corpus.clusters)
    made.claims.update(corpus.claims)
    made.names.update(corpus.names)
    seen: dict[str, str] = {}
    for _, loaded in files:
        assert loaded is not None  # noqa: S101 - checked above
        resolver.article_file(*loaded, seen)
    if any(d.severity == "error" for d in resolver.diagnostics) or len(seen) != len(files):
        return None
    placed, questions = dict(corpus.placed), dict(corpus.questions)
    for slug, rel in seen.items():  # the file's annotations first, then the corpus rules, as resolution orders them
        placed[slug] = made.placed[slug] + [p for p in corpus.placed.get(slug, []) if p.origin.path != rel]
        if len({p.id for p in placed[slug]}) != len(placed[slug]):
            return None  # a duplicate id: the session reports it
        placed[slug].sort(key=lambda p: (p.span.start, -p.span.end, p.id))  # as references.check_ids does
        questions.pop(slug, None)
        questions.update({slug: made.questions[slug]} if slug in made.questions else {})
    passages = {**corpus.passages, **made.passages}
    now = dataclasses.replace(corpus, placed=placed, questions=questions, passages=passages)
    pages: dict[str, str] = {}
    for slug in seen:
        rel = urls.article_page(slug)
        page = render_article(
            now.articles[slug], placed[slug], Context(now, rel, settings.site_url, settings.repository)
        )
        text = search.leave_material_index(rel, page)[1] if pagefind else page
        pages[rel] = text if isinstance(text, str) else bytes(text).decode("utf-8")
    with lock.held(root):
        return docs_writer.write_changed(settings.docs_dir, pages)
