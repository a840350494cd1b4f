"""Site search: Pagefind at every corpus size. Pure; docs_writer.py and engine.py write.

Material's own search makes every reader download the whole index (about 20 KB per annotated
article) on the first page they open, searching or not. Here mkdocs builds without Material's
search plugin, Pagefind indexes the pages (searchindex.py), and reader.js puts a search box in the
header that loads pagefind-search.js and Pagefind only when a reader starts to search; Pagefind then
fetches just the index chunks and excerpts a query needs. ``extra: pagefind_above: N`` in mkdocs.yml (default 0) leaves
out search for a corpus of at most N articles.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from annotated_reader.render.escape import GENERATED

PAGEFIND_ABOVE = 0
CONFIG = ".mkdocs-pagefind.yml"  # next to mkdocs.yml, which it inherits from; git-ignored
SCRIPT = "assets/annotated-reader/pagefind-search.js"
# What Pagefind leaves out: boilerplate, permalink signs, the header of every article (byline, legend,
# provenance, edit link), note markers and the original wording of corrections (searchindex.py indexes
# those apart, so a misspelling still finds its article without running into the corrected text).
EXCLUDE = (
    "[data-search-exclude]",
    ".headerlink",
    ".ar-ref",
    ".ar-note-links",
    ".ar-header",
    "del.ar-original",
    ".ar-student-only",  # "hidden in student mode: ...", a label for the page, not its text
    # The notes list but the editors' notes: its heading ("All 20 annotations"), each note's kind and verdict
    # ("Correction · name · confidence high"), a correction's "Original → corrected" (both wordings are found
    # in the text and in "As first published"), and the link to a quote's or claim's page, whose words are
    # the passage's own. Left in, they made a tenth of each article's index entry, and no reader searches them.
    ".ar-notes-box > summary",
    '[class^="ar-label-"]',
    "span.ar-verdict",
    "div.ar-verdict > p:first-child",
    '.ar-notes li > p > a[href*="/quotes/"]',  # (searchindex.py takes the <li>'s ids out)
    '.ar-notes li > p > a[href*="/claims/"]',
    "div.ar-verdict > ul.ar-evidence",  # a correction's evidence: its passages are indexed where they stand
)


def uses_pagefind(articles: int, above: int) -> bool:
    return articles > above


def leave_material_index(rel: str, text: str | bytes | bytearray) -> tuple[str, str | bytes | bytearray]:
    """A generated page with front matter gets ``search: {exclude: true}``; other files pass unchanged."""
    if rel.endswith(".md") and isinstance(text, str) and text.startswith("---\n"):
        return rel, "---\nsearch:\n  exclude: true\n" + text[4:]
    return rel, text


def config(polyfills: Sequence[object]) -> str:
    """The mkdocs config used with Pagefind: mkdocs.yml, whose reader.js makes the search box."""
    del polyfills  # Material's head scripts stay as mkdocs.yml has them
    return f"# {GENERATED}: mkdocs.yml, searched with Pagefind (README, Search)\nINHERIT: mkdocs.yml\n"


def pagefind_command(pages: Path, bundle: Path) -> list[str]:
    """Pagefind over the pages searchindex.py wrote: the <article> of each goes in the index at ``bundle``."""
    excluded = [arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector)]
    where = ["--site", str(pages), "--output-path", str(bundle)]
    return [sys.executable, "-m", "pagefind", *where, "--root-selector", "article", "--silent", *excluded]
