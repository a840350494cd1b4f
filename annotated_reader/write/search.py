"""Site search: Material's own index for a small corpus, Pagefind above a size. Pure; site.py writes.

Material's search makes every reader download the whole index (about 20 KB per annotated article)
on the first page they open. Above ``pagefind_above`` articles (``extra: pagefind_above:`` in
mkdocs.yml, default 100) the generated pages leave Material's index, mkdocs builds with a generated
config that adds one local script, and Pagefind indexes the built site; the script answers
Material's search box from Pagefind, which fetches only the index chunks and excerpts a query needs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from annotated_reader.render.escape import GENERATED

PAGEFIND_ABOVE = 100
CONFIG = ".mkdocs-pagefind.yml"  # next to mkdocs.yml, which it inherits from; git-ignored
SCRIPT = "assets/annotated-reader/pagefind-search.js"
# What Pagefind leaves out: boilerplate (as Material does), permalink signs, and the legend and edit link of every page
EXCLUDE = ("[data-search-exclude]", ".headerlink", ".ar-ref", ".ar-note-links", ".ar-legend", ".ar-edit")


def uses_pagefind(articles: int, above: int) -> bool:
    return articles > above


def leave_material_index(rel: str, text: str | bytes | bytearray) -> tuple[str, str | bytes | bytearray]:
    """A generated page with front matter gets ``search: {exclude: true}``; other files pass unchanged."""
    if rel.endswith(".md") and isinstance(text, str) and text.startswith("---\n"):
        return rel, "---\nsearch:\n  exclude: true\n" + text[4:]
    return rel, text


def config(polyfills: Sequence[object]) -> str:
    """The mkdocs config used with Pagefind: mkdocs.yml plus the script that answers the search box.

    The script goes in Material's ``extra.polyfills`` (scripts in the page head) because it must
    stand in for the search worker before Material's own script starts it.
    """
    scripts = [*polyfills, SCRIPT]
    return (
        f"# {GENERATED}: mkdocs.yml plus Pagefind search (README, Search)\n"
        "INHERIT: mkdocs.yml\n"
        f"extra:\n  polyfills: {json.dumps(scripts)}\n"
    )


def pagefind_command(pages: Path, bundle: Path) -> list[str]:
    """Pagefind over the pages searchindex.py wrote: the <article> of each goes in the index at ``bundle``."""
    excluded = [arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector)]
    where = ["--site", str(pages), "--output-path", str(bundle)]
    return [sys.executable, "-m", "pagefind", *where, "--root-selector", "article", "--silent", *excluded]
