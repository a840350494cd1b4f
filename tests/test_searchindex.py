"""Pagefind's index built from docs/ beside mkdocs (searchindex.py): the pages it indexes are the
content mkdocs puts in Material's <article>, at the same URLs, so results and links do not change."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from annotated_reader import build
from annotated_reader.model import BuildFailed
from annotated_reader.write import engine, search, searchindex
from tests.helpers import copy_project


@pytest.mark.parametrize(
    ("rel", "url"),
    [
        ("index.md", "index.html"),
        ("about.md", "about/index.html"),
        ("articles/index.md", "articles/index.html"),
        ("articles/report-00001.md", "articles/report-00001/index.html"),
        ("articles/by-outlet/the-globe.md", "articles/by-outlet/the-globe/index.html"),
    ],
)
def test_each_page_goes_where_mkdocs_writes_it(rel: str, url: str) -> None:
    assert searchindex.page_url(rel) == url


def test_an_article_page_is_indexed_as_written_and_a_markdown_page_as_converted() -> None:
    md = markdown.Markdown(extensions=searchindex.EXTENSIONS)
    article = (
        '---\ntitle: "A &lt;b&gt;"\n---\n\n<!-- generated -->\n\n'
        '<div class="ar-article">\n<p id="L2">*x* [y]</p>\n</div>\n'
    )
    page = searchindex.page_html(article, "fr", md)
    assert '<html lang="fr">' in page
    assert '<div class="ar-article">\n<p id="L2">*x* [y]</p>\n</div>' in page, "raw HTML stays as it is"
    assert "<h1>A &lt;b&gt;</h1>" in page, "a page without <h1> gets the title Material shows"
    listing = searchindex.page_html("---\ntitle: T\n---\n\n# Claims\n\n## Held { #held }\n\n- [a](b.md)\n", "en", md)
    soup = BeautifulSoup(listing, "html.parser")
    assert [h.get_text() for h in soup.select("article h1")] == ["Claims"]
    assert soup.select_one("h2#held") is not None and soup.select_one("li a") is not None


def test_the_index_matches_one_made_from_the_built_site(tmp_path: Path) -> None:
    """The same words and pages as Pagefind run over the site mkdocs built (less Material's 404 page)."""
    root = copy_project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^  pagefind_above: \d+$", "  pagefind_above: 0", config.read_text("utf-8")))
    assert build.build(root).pagefind
    built = root / "site"
    assert (built / "pagefind" / "pagefind-entry.json").is_file()
    assert not list(root.glob(".search-*")), "the work folder is removed"
    again = tmp_path / "again"
    subprocess.run(search.pagefind_command(built, again), check=True)  # the old way: over the built site
    ours, theirs = (json.loads((b / "pagefind-entry.json").read_text("utf-8")) for b in (built / "pagefind", again))
    assert ours["languages"].keys() == theirs["languages"].keys() == {"en"}
    assert ours["languages"]["en"]["page_count"] == theirs["languages"]["en"]["page_count"] - 1  # Material's 404
    assert ours["languages"]["en"]["page_count"] == searchindex.write_pages(root / "docs", tmp_path / "pages", "en")


def test_a_failing_index_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^  pagefind_above: \d+$", "  pagefind_above: 0", config.read_text("utf-8")))
    build.build(root)
    before = (root / "site" / "index.html").read_bytes()
    monkeypatch.setattr(engine, "INDEXER", "annotated_reader.no_such_indexer")
    with pytest.raises(BuildFailed) as failed:
        engine.mkdocs_build(root, root / "site", index=engine.SearchIndex(root / "docs", "en"))
    assert "pagefind failed" in str(failed.value.diagnostics[0])
    assert any("no_such_indexer" in line for line in failed.value.log), "the indexer's own output"
    assert (root / "site" / "index.html").read_bytes() == before
    assert not list(root.glob(".site-*")) and not list(root.glob(".search-*"))


def test_a_relative_root_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^  pagefind_above: \d+$", "  pagefind_above: 0", config.read_text("utf-8")))
    monkeypatch.chdir(tmp_path)
    assert build.build(Path("project")).pagefind
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()
