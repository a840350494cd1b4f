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
CHECKLISTS_UP_TO = 100  # annotated articles: above this, one page of checklists would be too long to use
# (38 MB at 10,000 articles, and 200 MB of the build's memory); teachers pick on the article pages instead


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


def annotated(corpus: Corpus) -> list[str]:
    """The articles that have annotations to assign, in corpus order."""
    return [slug for slug in corpus.articles if corpus.placed.get(slug)]


def has_checklists(corpus: Corpus) -> bool:
    """Whether the For teachers page carries a checklist per article (not for a large corpus)."""
    return 0 < len(annotated(corpus)) <= CHECKLISTS_UP_TO


def builders_html(corpus: Corpus, page: str) -> str:
    """Every article's checklist, in corpus order, as one raw HTML block; for a corpus of more than
    CHECKLISTS_UP_TO annotated articles, a paragraph saying how to pick annotations on the articles."""
    slugs = annotated(corpus)
    if not slugs:
        return "No annotated articles yet.\n\n"
    if not has_checklists(corpus):
        return (
            f"This corpus has {len(slugs):,} annotated articles, too many for a checklist each on one page. "
            "Open an article, then press **Add to assignment** in the notes you choose (see "
            "*Make an assignment* above), or write the link by hand: an annotation's id is the part after "
            "`#` of the link that its **Copy link** copies.\n\n"
        )
    return rawblock.wrap("".join(builder_form(corpus, slug, page) for slug in slugs))
