"""A Python-Markdown extension: a generated article's HTML goes through whole, not re-parsed tag by tag.

An article page is one block of HTML that build_site.py wrote and escaped itself. Python-Markdown
would walk it tag by tag with its HTML parser (most of the time mkdocs spends on a page) only to
pass it through unchanged. Between the two marker lines that render.py writes, this extension
stores the block as it is instead. Output is the same byte for byte; mkdocs still scans the page for
its anchors (its own step runs first), so links into articles are still checked.

Enabled in mkdocs.yml (``markdown_extensions: - annotated_reader.rawblock``). Without it the markers
are HTML comments and the page renders the same, only slower. Contributor text cannot end a block:
everything inside is HTML-escaped, so no '<!--' appears in it.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!-- ar:html -->"
END = "<!-- /ar:html -->"
PRIORITY = 20.5  # after mkdocs' scan for anchors (21), before Python-Markdown's HTML blocks (20)


def wrap(html: str) -> str:
    """``html`` between the markers, each on its own line."""
    return f"{START}\n{html}\n{END}\n"


class RawBlockPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            end = _end(lines, i)
            if end is None:
                out.append(lines[i])
                i += 1
                continue
            out += ["", self.md.htmlStash.store("\n".join(lines[i + 1 : end])), ""]
            i = end + 1
        return out


def _end(lines: list[str], i: int) -> int | None:
    """The line of the END marker closing a block that starts at line ``i``, if one does."""
    if lines[i] != START:
        return None
    try:
        return lines.index(END, i + 1)
    except ValueError:
        return None


class RawBlockExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown names it
        md.preprocessors.register(RawBlockPreprocessor(md), "annotated_reader_rawblock", PRIORITY)


def makeExtension(**kwargs: Any) -> RawBlockExtension:
    return RawBlockExtension(**kwargs)
