"""A Python-Markdown extension: a generated article's HTML goes through whole, not re-parsed tag by tag.

An article page is one block of HTML that build_site.py wrote and escaped itself. Python-Markdown
would walk it tag by tag with its HTML parser (most of the time mkdocs spends on a page) only to
pass it through unchanged. Between the two marker lines that render.py writes, this extension
stores the block as it is instead. Output is the same byte for byte. Under mkdocs, whose own scan of
raw HTML for anchor ids would walk the block tag by tag too, the block is stored before that scan and
its ids (found by a regular expression: the HTML is ours) are added to the scan's set after it, so
links into articles are still checked; without that scan (another tool) nothing else changes.

Enabled in mkdocs.yml (``markdown_extensions: - annotated_reader.rawblock``). Without it the markers
are HTML comments and the page renders the same, only slower. Contributor text cannot end a block:
everything inside is HTML-escaped, so no '<!--' appears in it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!-- ar:html -->"
END = "<!-- /ar:html -->"
EARLY = 22  # before mkdocs' scan of raw HTML for anchor ids (21)
LATE = 20.5  # after it, and before Python-Markdown's HTML blocks (20)
# that scan: _RawHTMLPreprocessor of mkdocs.structure.pages (mkdocs 1.6), registered under its package's name,
# so properdocs (the fork of MkDocs 1.x) names it after itself; found by name, nothing of either is imported
SCANS = ("mkdocs_raw_html", "properdocs_raw_html")
ID = re.compile(r'\sid="([^"]+)"')  # in HTML this package wrote: attribute values never hold a '"'


def wrap(html: str) -> str:
    """``html`` between the markers, each on its own line."""
    return f"{START}\n{html}\n{END}\n"


def stash(md: Markdown, lines: list[str]) -> tuple[list[str], set[str]]:
    """The lines with each marked block stored whole in Python-Markdown's stash; the ids in the blocks."""
    out: list[str] = []
    ids: set[str] = set()
    i = 0
    while i < len(lines):
        end = _end(lines, i)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        block = "\n".join(lines[i + 1 : end])
        ids.update(html.unescape(found) for found in ID.findall(block))
        out += ["", md.htmlStash.store(block), ""]
        i = end + 1
    return out, ids


def _end(lines: list[str], i: int) -> int | None:
    """The line of the END marker closing a block that starts at line ``i``, if one does."""
    if lines[i] != START:
        return None
    try:
        return lines.index(END, i + 1)
    except ValueError:
        return None


def _mkdocs_scan(md: Markdown) -> Any:
    for name in SCANS:
        scan = md.preprocessors[name] if name in md.preprocessors else None  # noqa: SIM401 - no .get
        if isinstance(getattr(scan, "present_anchor_ids", None), set):
            return scan
    return None


class EarlyPreprocessor(Preprocessor):
    """Under mkdocs, stores the blocks before its scan, which would walk every tag for the ids the
    blocks hold; their ids are handed to it afterwards (LatePreprocessor), so links into an article
    are still checked. Elsewhere it leaves the lines alone."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        if _mkdocs_scan(self.md) is None:
            return lines
        lines, self.ids = stash(self.md, lines)
        return lines


class LatePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, early: EarlyPreprocessor) -> None:
        super().__init__(md)
        self.early = early

    def run(self, lines: list[str]) -> list[str]:
        lines, _ = stash(self.md, lines)  # blocks still there when there is no mkdocs scan
        scan = _mkdocs_scan(self.md)
        if scan is not None and self.early.ids:
            scan.present_anchor_ids = scan.present_anchor_ids | self.early.ids
        self.early.ids = set()
        return lines


class RawBlockExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown names it
        early = EarlyPreprocessor(md)
        md.preprocessors.register(early, "annotated_reader_rawblock_early", EARLY)
        md.preprocessors.register(LatePreprocessor(md, early), "annotated_reader_rawblock", LATE)


def makeExtension(**kwargs: Any) -> RawBlockExtension:
    return RawBlockExtension(**kwargs)
