"""Links and tables between generated pages. Links are Markdown links to .md files, so ``mkdocs build
--strict`` checks them, except in the long tables and lists written as raw HTML blocks (``table_html``,
``a_html``: relative URLs from ``urls.href``), which the site's link test checks."""

from __future__ import annotations

import posixpath

from annotated_reader import rawblock, urls
from annotated_reader.model import Placed
from annotated_reader.render.escape import html_text, md_text

References = dict[tuple[str, str], list[Placed]]  # Corpus.by_reference()


PAGES_CSS = "assets/annotated-reader/pages.css"


def stylesheet(page: str) -> str:
    """The link to pages.css (the look of home cards, quote and claim pages, the corrections page and the
    teachers' checklists) that a page other than an article puts right after its front_matter(): an article
    page, the heaviest, carries none of it. A stylesheet <link> may stand in the body (HTML: body-ok); in a
    hidden <div>, a block Python-Markdown leaves alone (it would put a lone <link> in a <p>, which takes room)."""
    # relative to the built page, or for Zensical to the page's source file (it rewrites it), as urls.href
    here = posixpath.dirname(page) if urls.LINKS_FROM_SOURCE else urls.page_url(page).rstrip("/")
    href = urls.relpath(PAGES_CSS, here or ".")
    return rawblock.wrap(f'<div hidden><link rel="stylesheet" href="{html_text(href)}"></div>') + "\n"


def link(from_page: str, to_page: str, text: str, anchor: str = "") -> str:
    """A Markdown link to another page; text is escaped."""
    rel = urls.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"[{md_text(text)}]({rel}{'#' + anchor if anchor else ''})"


def a_html(from_page: str, to_page: str, text: str, anchor: str = "") -> str:
    """An HTML link to another page; text is escaped."""
    return f'<a href="{html_text(urls.href(from_page, to_page, anchor))}">{html_text(text)}</a>'


def table_html(head: list[str], rows: list[list[str]]) -> str:
    """A table of HTML cells as one raw block (rawblock.py): long tables of many links and escaped
    characters are what Python-Markdown is slowest at, and they need none of it."""
    ths = "".join(f"<th>{h}</th>" for h in head)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return rawblock.wrap(f"<table>\n<thead><tr>{ths}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")
