"""The Markdown extension that passes a generated article's HTML through whole (rawblock.py)."""

from __future__ import annotations

import markdown

from annotated_reader import rawblock
from tests.helpers import article, corpus_of, correction, page

EXTENSIONS = ["attr_list", "footnotes", "tables", "toc"]


def _convert(text: str, fast: bool) -> str:
    body = text.split("-->", 1)[1]  # past the front matter and the generated header
    extensions = [rawblock.makeExtension(), *EXTENSIONS] if fast else EXTENSIONS
    return markdown.Markdown(extensions=extensions).convert(body)


def test_an_article_converts_to_the_same_html_with_or_without_it() -> None:
    hostile = f"{rawblock.END}\n# Heading?\n*not emphasis* <script>x</script>\n{rawblock.START}\n"
    a = article("Title\nThe town of Suja fell.\n" + hostile)
    ann = correction("Suja", "Sudzha", "suja", note=f"See {rawblock.END} and {rawblock.START}.")
    corpus, problems = corpus_of([a], {"article": "a", "annotations": [ann]})
    assert problems == []
    text = page(a, corpus)
    assert text.count(rawblock.START) == text.count(rawblock.END) == 1, "contributor text cannot open or end a block"
    fast, slow = _convert(text, True), _convert(text, False)
    assert fast == slow.replace(f"{rawblock.START}\n", "").replace(f"\n{rawblock.END}", "")
    assert "<h1>Heading?</h1>" not in fast and "<em>" not in fast and "<script>" not in fast


def test_markdown_outside_the_markers_and_an_unclosed_marker_are_left_alone() -> None:
    md = markdown.Markdown(extensions=[rawblock.makeExtension()])
    assert (
        md.convert(f"# A\n\n{rawblock.wrap('<div>*b*</div>')}\n*c*") == "<h1>A</h1>\n<div>*b*</div>\n<p><em>c</em></p>"
    )
    md.reset()
    assert md.convert(f"{rawblock.START}\n*d*") == f"{rawblock.START}\n<p><em>d</em></p>"


class _Scan(markdown.preprocessors.Preprocessor):
    """Stands for the raw-HTML anchor scan of mkdocs and of properdocs (each names it after itself)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.present_anchor_ids: set[str] = set()
        self.seen: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        self.seen += lines
        return lines


def test_the_fast_path_runs_under_mkdocs_and_properdocs_and_hands_them_the_ids() -> None:
    for name in rawblock.SCANS:
        md = markdown.Markdown(extensions=[rawblock.makeExtension()])
        scan = _Scan(md)
        md.preprocessors.register(scan, name, 21)
        md.convert(rawblock.wrap('<p id="a1">x</p>'))
        assert scan.present_anchor_ids == {"a1"}, name
        assert not any("a1" in line for line in scan.seen), f"{name}: the block was stored before its scan"
