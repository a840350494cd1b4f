"""The corrections index: every fix to a translation or transcription error, by kind of error. Pure."""

from __future__ import annotations

from functools import partial

from annotated_reader import urls
from annotated_reader.kinds import error_words
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import vocabulary
from annotated_reader.render.escape import front_matter, html_text, md_text
from annotated_reader.render.links import a_html, stylesheet, table_html
from annotated_reader.render.parts import Part, made
from annotated_reader.render.quotes import passage_words

SHOWN_CORRECTIONS = 200  # rows per kind of error: one page for every correction of a large corpus is megabytes


def heading(error: str) -> str:
    """A kind of error in words: "role-title" -> "Role or title"."""
    return error_words(error).capitalize()


Group = tuple[str, str, tuple[str, ...], str, str, str]  # error, spec id, the ids placed, words, corrected, confidence


def groups(corpus: Corpus, slug: str) -> tuple[Group, ...]:
    """An article's part of the index: its corrections grouped by annotation (a rule's occurrences together),
    in the order they were placed, each with what its row shows."""
    found: dict[str, list[Placed]] = {}
    for p in corpus.placed.get(slug, []):
        if p.kind == "correction":
            found.setdefault(p.spec.id, []).append(p)
    return tuple(_group(corpus, placed) for placed in found.values())


def _group(corpus: Corpus, placed: list[Placed]) -> Group:
    first = placed[0].correction
    words = passage_words(corpus, placed[0])
    return first.error, placed[0].spec.id, tuple(p.id for p in placed), words, first.corrected, first.confidence


def corrections_index(corpus: Corpus, part: Part[tuple[Group, ...]] = made) -> str:
    """The index, assembled from each article's groups (``part`` may take an article's from the build cache)."""
    page = "corrections/index.md"
    parts = [
        front_matter("Corrections", "Translation and transcription fixes, by kind of error.", "annotations/"),
        stylesheet(page),
        "# Corrections\n\nEvery fix to a translation or transcription error, by kind of error. "
        "A rule fixes one misspelling everywhere; each occurrence is linked.\n\n",
    ]
    by_error: dict[str, list[tuple[str, Group]]] = {}
    for slug in corpus.articles:
        for group in part(slug, partial(groups, corpus, slug)):
            by_error.setdefault(group[0], []).append((slug, group))
    for error, meaning in vocabulary.ERROR_KINDS.items():
        found = by_error.get(error, [])
        parts.append(f"## {md_text(heading(error))} {{ #{error} }}\n\n*{md_text(meaning)}*\n\n")
        if not found:
            parts.append("None.\n\n")
            continue
        rows = [_row(corpus, page, slug, group) for slug, group in found[:SHOWN_CORRECTIONS]]
        parts.append(table_html(["Article", "Original", "Corrected", "Confidence", "Places"], rows))
        if len(found) > SHOWN_CORRECTIONS:
            rest = found[SHOWN_CORRECTIONS:]
            parts.append(
                f"\nAnd {len(rest):,} more in {len({slug for slug, _ in rest}):,} articles: each article "
                "page lists its own corrections, and search finds a misspelling and its correction.\n"
            )
        parts.append("\n")
    return "".join(parts)


def _row(corpus: Corpus, page: str, slug: str, group: Group) -> list[str]:
    _, _, ids, words, corrected, confidence = group
    links = " ".join(a_html(page, urls.article_page(slug), str(n), pid) for n, pid in enumerate(ids, 1))
    cells = [corpus.articles[slug].title, words, corrected, confidence]
    return [*(html_text(c) for c in cells), f'<span class="ar-places">{links}</span>']
