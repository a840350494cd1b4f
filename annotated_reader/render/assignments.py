"""The assignment builder of the For teachers page: per article, a checklist of its annotations.

Each checklist is a plain HTML form that opens the article with ``?mode=student&assign=<id>&assign=<id>``
without JavaScript; assign.js turns it into the one documented link ``?mode=student&assign=<id>,<id>``
and adds a Copy button. Pure: text in, HTML out.
"""

from __future__ import annotations

from annotated_reader import rawblock, urls
from annotated_reader.kinds import KINDS
from annotated_reader.model import Corpus, Placed
from annotated_reader.render.escape import html_text

EXCERPT = 90  # characters of each annotated passage shown in the checklist


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The passage on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _item(p: Placed, n: int, text: str) -> str:
    kind = KINDS[p.kind]
    return (
        f'<li><label><input type="checkbox" name="assign" value="{html_text(p.id)}"> '
        f"{kind.symbol} {kind.label} {n}: “{html_text(excerpt(text[p.span.start : p.span.end]))}”</label></li>"
    )


def builder_form(corpus: Corpus, slug: str, page: str) -> str:
    """One article's checklist: tick annotations, then open the assignment, its answer key or spot the errors."""
    article = corpus.articles[slug]
    placed = corpus.placed.get(slug, [])
    action = urls.href(page, urls.article_page(slug))
    items = "".join(_item(p, n, article.text) for n, p in enumerate(placed, 1))
    has_questions = bool(corpus.questions.get(slug))
    questions = (
        '<label><input type="checkbox" name="questions" value="0"> Leave out the discussion questions</label> '
        if has_questions
        else ""
    )
    return (
        f'<details class="ar-assign-builder-box" data-search-exclude><summary>{html_text(article.meta.title)} '
        f"({len(placed)} annotations)</summary>\n"
        f'<form class="ar-assign-builder" method="get" action="{html_text(action)}" data-slug="{html_text(slug)}">'
        '<input type="hidden" name="mode" value="student">'
        f'<ol class="ar-assign-choices">{items}</ol>\n'
        f'<div class="ar-assign-footer"><p class="ar-assign-actions">{questions}'
        '<button type="submit">Open the assignment</button> '
        '<button type="submit" name="key" value="1">Open its answer key</button> '
        '<button type="submit" name="spot" value="1">Spot the errors</button></p>'
        '<p class="ar-assign-link" hidden></p></div></form></details>\n'
    )


def builders_html(corpus: Corpus, page: str) -> str:
    """Every article's checklist, in corpus order, as one raw HTML block."""
    forms = [builder_form(corpus, slug, page) for slug in corpus.articles if corpus.placed.get(slug)]
    if not forms:
        return "No annotated articles yet.\n\n"
    return rawblock.wrap("".join(forms))
