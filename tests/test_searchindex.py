"""Pagefind's index built from docs/ beside mkdocs (searchindex.py): the pages it indexes are the
content mkdocs puts in Material's <article>, at the same URLs, so results and links do not change."""

from __future__ import annotations

import gzip
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
    assert '<div class="ar-article">\n<p>*x* [y]</p>\n</div>' in page, "raw HTML stays as it is, without ids"
    assert "<h1>A &lt;b&gt;</h1>" in page, "a page without <h1> gets the title Material shows"
    listing = searchindex.page_html("---\ntitle: T\n---\n\n# Claims\n\n## Held { #held }\n\n- [a](b.md)\n", "en", md)
    soup = BeautifulSoup(listing, "html.parser")
    assert [h.get_text() for h in soup.select("article h1")] == ["Claims"]
    assert soup.select_one("h2#held") is not None and soup.select_one("li a") is not None


def test_only_headings_keep_their_ids() -> None:
    """Pagefind keeps the whole text of each element with an id in the page's fragment (an anchor for
    sub-results, which the search box does not show): only headings keep theirs."""
    md = markdown.Markdown(extensions=searchindex.EXTENSIONS)
    article = (
        '---\ntitle: T\n---\n\n<div class="ar-article">\n<h1 id="L1" class="ar-headline">T</h1>\n'
        '<p id="L3">A <span class="ar ar-note" id="note-x" data-x="id=\'y\'">b</span>.</p>\n'
        '<details><summary><h2 id="notes">Notes</h2></summary><ol><li id="fn:note-x" class="ar-footnote">'
        '<a title="id" href="#note-x">#note-x</a></li></ol></details>\n<header id="h">H</header>\n</div>\n'
    )
    soup = BeautifulSoup(searchindex.page_html(article, "en", md), "html.parser")
    assert [tag.name for tag in soup.select("[id]")] == ["h1", "h2"]
    assert soup.select_one("span.ar-note")["data-x"] == "id='y'"
    assert soup.select_one("li.ar-footnote a")["title"] == "id"
    written = BeautifulSoup(article.split("---\n", 2)[2], "html.parser")
    assert soup.select_one("article").get_text() == written.get_text()


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
    notes_left_out(root)


def fragments(bundle: Path) -> dict[str, dict[str, object]]:
    """Pagefind's fragment of each page (gzip, a signature, then JSON), by URL."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{") :])
        found[data["url"]] = data
    return found


def notes_left_out(root: Path) -> None:
    """Each article's index entry: its text, original wordings and editors' notes; not the notes list's
    heading, kinds, verdicts, "Original → corrected" lines, a correction's evidence (its passages are indexed where
    they stand) or links to quote and claim pages."""
    indexed = fragments(root / "site" / "pagefind")
    checked = evidence = 0
    for path in sorted((root / "docs" / "articles").glob("*.md")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        if soup.select_one(".ar-notes") is None:
            continue
        content = str(indexed[f"/articles/{path.stem}/"]["content"])
        assert not re.search(r"All \d+ annotations|Original: “|Compare every outlet", content), path.stem
        labels = {" ".join(tag.get_text().split()) for tag in soup.select('[class^="ar-label-"]')}
        assert not labels & set(content.split(". ")), path.stem
        bodies = [li.select("p")[0] for li in soup.select('li[id^="fn:"]') if li.select_one(".ar-label-note")]
        for body in bodies:
            assert " ".join(body.get_text().split()) in content, path.stem
        checked += len(bodies)
        items = [" ".join(li.get_text().split()) for li in soup.select("div.ar-verdict > ul.ar-evidence > li")]
        assert [item for item in items if item in content] == [], path.stem
        evidence += len(items)
    assert checked > 0, "the corpus has editors' notes"
    assert evidence > 0, "and evidence for corrections"


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
