"""An article and its placed annotations -> one Markdown page (raw HTML blocks). Pure, deterministic.

Article text is plain text: every character is HTML-escaped inside raw HTML blocks, which
Markdown leaves alone, so '*', '#', '|', '<', '[' and a leading '1.' or '-' show literally.
Each non-blank line is a paragraph with the anchor ``L<line>``. Annotations nest and cross:
the text is cut at every boundary and each piece is wrapped in the annotations covering it,
outermost first; an annotation cut in pieces keeps its id on the first piece and its note
marker on the last.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from annotated_reader import rawblock, urls
from annotated_reader.anchor.folding import fold
from annotated_reader.kinds import KINDS, Context
from annotated_reader.model import Article, Placed
from annotated_reader.render.article_header import dates_html, header_html
from annotated_reader.render.escape import front_matter, html_text
from annotated_reader.render.teachers import questions_html

KIND_ORDER = {name: i for i, name in enumerate(KINDS)}


@dataclass(frozen=True)
class Paragraph:
    line: int
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    """Every line with visible text, with its 1-based line number and raw offsets."""
    out, offset = [], 0
    for number, line in enumerate(text.split("\n"), 1):
        content = line.rstrip("\r")
        if content.strip():
            out.append(Paragraph(number, offset, offset + len(content)))
        offset += len(line) + 1
    return out


class Pieces:
    """Renders the pieces of one article, remembering which annotations were opened already."""

    def __init__(self, article: Article, placed: list[Placed], ctx: Context) -> None:
        self.article = article
        self.text = article.text
        self.placed = placed
        self.ctx = ctx
        self.number = {p.id: n for n, p in enumerate(placed, 1)}
        paras = paragraphs(article.text)
        self.last_end = {p.id: _last_end(p, paras) for p in placed}
        self.covering = _covering(paras, placed)
        self.opened: set[str] = set()

    def paragraph(self, para: Paragraph) -> str:
        covering = self.covering.get(para.start)
        if covering is None:  # not a paragraph of the text: look at every annotation
            covering = [p for p in self.placed if p.span.start < para.end and p.span.end > para.start]
        cuts = sorted(
            {para.start, para.end}
            | {max(para.start, min(para.end, x)) for p in covering for x in (p.span.start, p.span.end)}
        )
        out: list[str] = []
        stack: list[Placed] = []
        for (a, b), active in zip(pairwise(cuts), _actives(covering, cuts, para), strict=True):
            keep = 0
            while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
                keep += 1
            out += [self.close(p, a) for p in reversed(stack[keep:])]
            out += [self.open(p) for p in active[keep:]]
            out.append(html_text(self.text[a:b]))
            stack = active
        out += [self.close(p, para.end) for p in reversed(stack)]
        return "".join(out)

    def open(self, p: Placed) -> str:
        first = p.id not in self.opened
        self.opened.add(p.id)
        kind = KINDS[p.kind]
        # The first piece of a passage carries its id; a passage cut by another one goes on in pieces that
        # name it in data-ar (reader.js finds a passage's pieces by both).
        ident = f' id="{p.id}"' if first else f' data-ar="{p.id}"'
        extra = " data-search-exclude" if p.kind == "boilerplate" else ""
        tag = f'<{kind.element} class="ar ar-{p.kind}"{ident}{extra}>'
        return tag + ('<del class="ar-original">' if p.kind == "correction" else "")

    def close(self, p: Placed, at: int) -> str:
        element = KINDS[p.kind].element
        final = at >= self.last_end[p.id]
        if p.kind == "correction":
            corrected = f'<ins class="ar-corrected">{html_text(p.correction.corrected)}</ins>' if final else ""
            return f"</del>{corrected}{self.marker(p) if final else ''}</{element}>"
        return f"{self.marker(p) if final else ''}</{element}>"

    def marker(self, p: Placed) -> str:
        n = self.number[p.id]
        # reader.css draws the kind's symbol, with the kind's name as its alt text: the marker's name is "Quote 2"
        # with no aria-label (65 on the densest article). Few tags: mkdocs parses each.
        return f'<a class="ar-ref" href="#fn:{p.id}">{n}</a>'

    def notes(self) -> str:
        items = []
        for p in self.placed:
            body = KINDS[p.kind].note(p, self.ctx)
            # One link back, the first in .ar-note-links: the passage's permalink, which opens its note there.
            # reader.css draws "↩" before it in the list, with "Back to the text" as its alternative text (read
            # as part of the link's name); notes.js adds the same words as its tooltip. Pagefind leaves
            # .ar-note-links out (write/search.py). No class on the <li> (li[id^="fn:"]) nor the link: each
            # byte here is 20,000 in a 1,000-article site.
            items.append(
                f'<li id="fn:{p.id}">{body}<p class="ar-note-links"><a href="#{p.id}">#{p.id}</a>'
                f"{dates_html(self.ctx.corpus.dates(p))}</p></li>"
            )
        if not items:
            return ""
        # Folded: the notes open beside their passages, and a closed <details> costs no layout on a long
        # page. Following a marker's link opens it; print shows it (reader.css, reader.js).
        return (
            f'<details class="ar-notes-box">\n<summary><h2 id="notes">All {len(items)} annotations</h2></summary>\n'
            '<div class="footnote ar-notes">\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>\n</details>"
        )


def _order(p: Placed) -> tuple[int, int, int, str]:
    return (p.span.start, -p.span.end, KIND_ORDER[p.kind], p.id)


def _last_end(p: Placed, paras: list[Paragraph]) -> int:
    """Where ``p``'s last piece ends: the end of the last paragraph it touches, or its own end if sooner."""
    k = bisect.bisect_left(paras, p.span.end, key=lambda q: q.start) - 1
    if k >= 0 and paras[k].end > p.span.start:
        return min(p.span.end, paras[k].end)
    return p.span.end


def _covering(paras: list[Paragraph], placed: list[Placed]) -> dict[int, list[Placed]]:
    """The annotations touching each paragraph (by its start), in ``placed`` order: one sweep over the
    paragraphs and the annotations sorted by start, instead of every annotation for every paragraph."""
    by_start = sorted(range(len(placed)), key=lambda i: placed[i].span.start)
    found: dict[int, list[Placed]] = {}
    live: list[int] = []
    k = 0
    for para in paras:
        while k < len(by_start) and placed[by_start[k]].span.start < para.end:
            live.append(by_start[k])
            k += 1
        live = [i for i in live if placed[i].span.end > para.start]
        found[para.start] = [placed[i] for i in sorted(live)]
    return found


def _actives(covering: list[Placed], cuts: list[int], para: Paragraph) -> Iterator[list[Placed]]:
    """For each piece between two cuts, the annotations covering all of it, outermost first (``_order``)."""
    starts = sorted(covering, key=lambda p: max(para.start, p.span.start))
    live: list[Placed] = []
    k = 0
    for a in cuts[:-1]:
        while k < len(starts) and max(para.start, starts[k].span.start) <= a:
            live.append(starts[k])
            k += 1
        live = [p for p in live if min(para.end, p.span.end) > a]
        yield sorted(live, key=_order)


def render_article(article: Article, placed: list[Placed], ctx: Context) -> str:
    """The whole Markdown page of one article."""
    pieces = Pieces(article, placed, ctx)
    paras = paragraphs(article.text)
    head, body = _headline(article, paras, pieces)
    lines = [f'<p id="L{p.line}">{pieces.paragraph(p)}</p>' for p in body]
    meta = article.meta
    description = meta.description or f"{meta.title} — annotated"
    page = front_matter(meta.title, description, f"{article.text_path}, annotations")
    return page + rawblock.wrap(
        f'<div class="ar-article" lang="{html_text(meta.language)}" {citation(article, ctx)}>\n{head}\n'
        + header_html(article, placed, ctx)
        + '\n<div class="ar-text">\n'
        + "\n".join(lines)
        + "\n</div>\n"
        + questions_html(article, ctx.corpus)
        + pieces.notes()
        + "\n</div>"
    )


def citation(article: Article, ctx: Context) -> str:
    """What reader.js needs to write each note's citation line: article, outlet, date, and page URL."""
    meta = article.meta
    parts = [f"“{meta.title}”", meta.outlet or "outlet unknown", meta.published or "date unknown"]
    url = urls.absolute(ctx.site_url, urls.article_page(article.slug))
    return f'data-cite="{html_text(", ".join(parts))}" data-url="{html_text(url)}"'


def _headline(article: Article, paras: list[Paragraph], pieces: Pieces) -> tuple[str, list[Paragraph]]:
    """The first line is the page's <h1> when it is the title; otherwise the title stands above the text."""
    if paras and fold(article.text[paras[0].start : paras[0].end]).strip() == fold(article.meta.title).strip():
        return f'<h1 id="L{paras[0].line}" class="ar-headline">{pieces.paragraph(paras[0])}</h1>', paras[1:]
    return f'<h1 class="ar-headline ar-title">{html_text(article.meta.title)}</h1>', paras
