"""The For teachers page stays usable at scale: a checklist per article up to a limit, then a pointer."""

from __future__ import annotations

from annotated_reader.model import Corpus
from annotated_reader.render import assignments, teachers
from tests.helpers import article, corpus_of, correction


def corpus(n: int) -> Corpus:
    articles = [article(f"Word {i} here.", slug=f"a{i}") for i in range(n)]
    files = [
        {"article": a.slug, "annotations": [correction("here", "there", ident=f"r{i}")]} for i, a in enumerate(articles)
    ]
    built, diagnostics = corpus_of(articles, files)
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return built


def test_a_small_corpus_gets_a_checklist_per_article() -> None:
    page = teachers.teachers_page(corpus(3), "https://example.org/")
    assert page.count('<form class="ar-assign-builder"') == 3
    assert "**On this page:** tick annotations" in page


def test_a_large_corpus_gets_no_checklists_and_says_how_to_pick() -> None:
    n = assignments.CHECKLISTS_UP_TO + 1
    page = teachers.teachers_page(corpus(n), "https://example.org/")
    assert '<form class="ar-assign-builder"' not in page
    assert "On this page:" not in page  # the guide no longer points at checklists that are not there
    assert f"{n:,} annotated articles" in page and "Add to assignment" in page
