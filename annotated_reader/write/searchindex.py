"""Pagefind's index of the site, built from docs/ while mkdocs builds the site (a second core).

Pagefind reads HTML. Rather than wait for mkdocs and index its pages (theme and all), this step
writes each page of docs/ as the bare HTML that mkdocs puts in Material's ``<article>`` (Python-Markdown
with the extensions mkdocs.yml names, rawblock among them, so an article's HTML goes through whole), at
the URL mkdocs gives it, and runs Pagefind over those. Search results and their links are the same;
``engine.mkdocs_build`` runs it beside ``mkdocs build`` and moves the bundle into the finished site.

    python -m annotated_reader.write.searchindex DOCS_DIR LANGUAGE WORK_DIR BUNDLE_DIR
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import markdown
from mkdocs.utils.meta import get_data

from annotated_reader import linux, urls
from annotated_reader.write import search

EXTENSIONS = ["annotated_reader.rawblock", "attr_list", "footnotes", "tables", "toc"]  # as mkdocs.yml
H1 = re.compile(r"<h1[\s>]")
ORIGINAL = re.compile(r'<del class="ar-original">(.*?)</del>', re.DOTALL)
TAG = re.compile(r"<[^>]*>")
# An id on an element other than a heading: Pagefind would keep the element's whole text once more in the
# page's fragment, as an anchor for sub-results, which the search box never shows (a fifth of the fragments)
ID = re.compile(r'(<(?!h[1-6][\s>])[a-zA-Z][^\s>]*(?:\s+[^\s>=]+(?:="[^"]*")?)*?)\s+id="[^"]*"')


def page_url(rel: str) -> str:
    """Where mkdocs writes docs/<rel> (directory URLs): a/b.md -> a/b/index.html, a/index.md -> a/index.html."""
    folder, name = posixpath.split(rel)
    if name == "README.md":  # mkdocs' other name for a folder's index page
        rel = posixpath.join(folder, "index.md")
    return urls.page_url(rel) + "index.html"


def page_html(text: str, language: str, md: markdown.Markdown) -> str:
    """The page as Pagefind should see it: Material's <article> without the theme around it.
    Pagefind titles a result with the first <h1>, which Material adds when the page has none."""
    body, meta = get_data(text)  # the front matter as mkdocs reads it
    title = str(meta.get("title") or "")
    md.reset()
    content = md.convert(body)
    if not H1.search(content):
        content = f"<h1>{title}</h1>\n{content}"  # front matter titles are escaped already (text.front_matter)
    content = ID.sub(r"\1", content) + originals(content)
    lang = html.escape(language, quote=True)
    head = f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>'
    return f"{head}<body><article>\n{content}\n</article></body></html>\n"


def originals(content: str) -> str:
    """The original wordings of an article's corrections, once each, in one paragraph of their own: Pagefind
    leaves them out of the text (search.EXCLUDE), where they would run into the corrected words, and
    finds them here, so a search for a misspelling still finds its article."""
    found = dict.fromkeys(" ".join(TAG.sub("", m).split()) for m in ORIGINAL.findall(content))
    words = [w for w in found if w]
    return f"\n<p>As first published: {'; '.join(words)}.</p>" if words else ""


def pages(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(docs_dir.rglob("*.md")):
        yield path.relative_to(docs_dir).as_posix(), path


def write_pages(docs_dir: Path, work_dir: Path, language: str) -> int:
    md = markdown.Markdown(extensions=EXTENSIONS)
    count = 0
    for rel, path in pages(docs_dir):
        target = work_dir / page_url(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(path.read_text("utf-8"), language, md), "utf-8")
        count += 1
    return count


def main(argv: list[str]) -> int:
    """Write the pages of DOCS_DIR into WORK_DIR and index them into BUNDLE_DIR; Pagefind's exit status."""
    docs_dir, language, work_dir, bundle_dir = argv
    write_pages(Path(docs_dir), Path(work_dir), language)
    parent = os.getpid()  # Pagefind ends with this indexer (which ends with the build or serve that started it)
    command = search.pagefind_command(Path(work_dir), Path(bundle_dir))
    return subprocess.run(command, check=False, preexec_fn=lambda: linux.die_with_parent(parent)).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
