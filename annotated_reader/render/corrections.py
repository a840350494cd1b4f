"""The corrections index: every fix to a translation or transcription error, by kind of error. Pure."""

from __future__ import annotations

from annotated_reader import urls
from annotated_reader.kinds import error_words
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import vocabulary
from annotated_reader.render.escape import front_matter, html_text, md_text
from annotated_reader.render.links import a_html, stylesheet, table_html
from annotated_reader.render.quotes import passage_words

SHOWN_CORRECTIONS = 200  # rows per kind of error: one page for every correction of a large corpus is megabytes


def heading(error: str) -> str:
    """A kind of error in words: "role-title" -> "Role or title"."""
    return error_words(error).capitalize()


def corrections_index(corpus: Corpus) -> str:
    page = "corrections/index.md"
    parts = [
        front_matter("Corrections", "Translation and transcription fixes, by kind of error.", "annotations/"),
        stylesheet(page),
        "# Corrections\n\nEvery fix to a translation or transcription error, by kind of error. "
        "A rule fixes one misspelling everywhere; each occurrence is linked.\n\n",
    ]
    by_error: dict[str, dict[tuple[str, str], list[Placed]]] = {}
    for p in corpus.all_placed():
        if p.kind == "correction":
            by_error.setdefault(p.correction.error, {}).setdefault((p.article, p.spec.id), []).append(p)
    for error, meaning in vocabulary.ERROR_KINDS.items():
        groups = by_error.get(error, {})
        parts.append(f"## {md_text(heading(error))} {{ #{error} }}\n\n*{md_text(meaning)}*\n\n")
        if not groups:
            parts.append("None.\n\n")
            continue
        rows = []
        for (slug, _), placed in list(groups.items())[:SHOWN_CORRECTIONS]:
            first = placed[0]
            links = " ".join(a_html(page, urls.article_page(slug), str(n), p.id) for n, p in enumerate(placed, 1))
            places = f'<span class="ar-places">{links}</span>'
            cells = [
                corpus.articles[slug].title,
                passage_words(corpus, first),
                first.correction.corrected,
                first.correction.confidence,
            ]
            rows.append([*(html_text(c) for c in cells), places])
        parts.append(table_html(["Article", "Original", "Corrected", "Confidence", "Places"], rows))
        if len(groups) > SHOWN_CORRECTIONS:
            rest = list(groups)[SHOWN_CORRECTIONS:]
            parts.append(
                f"\nAnd {len(rest):,} more in {len({slug for slug, _ in rest}):,} articles: each article "
                "page lists its own corrections, and search finds a misspelling and its correction.\n"
            )
        parts.append("\n")
    return "".join(parts)
