"""Scale (issue 6): the synthetic corpus, listing pages instead of a sidebar of every article,
Pagefind above a corpus size, skipping an unchanged rebuild, and the faster folding of texts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from annotated_reader import build, progress
from annotated_reader.anchor.folding import _FOLD
from annotated_reader.anchor.selectors import Folded
from annotated_reader.cli import main as cli_main
from annotated_reader.interop import export
from annotated_reader.model import BuildFailed
from annotated_reader.render import listings
from annotated_reader.write import search, uptodate
from bench.generate import generate
from tests.helpers import ROOT, copy_project, tree_digest


def _synthetic(root: Path, n: int, pagefind_above: int = 0) -> Path:
    generate(root, n, seed=7)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "\nextra:\n" in config
    (root / "mkdocs.yml").write_text(config.replace("\nextra:\n", f"\nextra:\n  pagefind_above: {pagefind_above}\n", 1))
    return root


def test_generator_is_deterministic_and_valid(tmp_path: Path) -> None:
    first, second = _synthetic(tmp_path / "a", 14), _synthetic(tmp_path / "b", 14)
    assert tree_digest(first / "articles") == tree_digest(second / "articles")
    assert tree_digest(first / "annotations") == tree_digest(second / "annotations")
    result = build.check(first)
    assert [d.format() for d in result.diagnostics] == []
    corpus = result.corpus
    assert len(corpus.articles) == 14
    per_article = [len(corpus.placed[slug]) for slug in corpus.articles]
    assert min(per_article) >= 15 and sum(per_article) / len(per_article) >= 18  # about 20 each
    assert {p.kind for p in corpus.all_placed()} == {"correction", "quote", "claim", "note", "boilerplate"}
    refs = corpus.by_reference()
    assert max(len(v) for k, v in refs.items() if k[0] == "claims") >= 4  # claims span several articles
    for slug in corpus.articles:
        spans = {p.id: p.span for p in corpus.placed[slug]}
        crossing = spans["note-crossing"]
        quotes = [s for i, s in spans.items() if i.startswith("quote-") and s.start < crossing.start < s.end]
        assert quotes and quotes[0].end < crossing.end, slug  # the note starts inside a quote and ends after it
        nested, fix = spans["note-nested"], spans["fix-1"]
        assert nested.start <= fix.start and fix.end <= nested.end, slug  # and another nests a correction


def test_the_sidebar_lists_listing_pages_never_every_article(tmp_path: Path) -> None:
    root = _synthetic(tmp_path, 24)
    build.build(root)
    home = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    sidebar = [a["href"] for a in home.select("nav.md-nav--primary a[href]")]
    assert any("articles/by-outlet" in href for href in sidebar)
    assert not [href for href in sidebar if "report-" in href]
    reachable = set()
    for page in (root / "site" / "articles").glob("by-outlet/*/index.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        reachable |= {a["href"].strip("./").split("/")[-1] for a in soup.select("article a[href*=report-]")}
    assert reachable == {f"report-{i:05d}" for i in range(24)}  # every article is listed by its outlet


def test_pagefind_is_the_only_search_at_every_size(tmp_path: Path) -> None:
    root = _synthetic(tmp_path, 12)
    result = build.build(root)
    site = root / "site"
    assert result.pagefind and (site / "pagefind" / "pagefind-entry.json").exists()
    assert (site / search.SCRIPT).exists()
    assert not (site / "search").exists()  # no Material index for every reader to download
    page = BeautifulSoup((site / "articles" / "report-00003" / "index.html").read_text("utf-8"), "html.parser")
    assert not page.select("script[src*=pagefind]")  # no search script in the page: loaded when a reader searches
    assert [s for s in page.select("script[src]") if s["src"].endswith("reader.js")]  # which makes the box
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8").replace("above: 0", "above: 12"))
    result = build.build(root)  # at or below extra.pagefind_above: no search at all
    assert not result.pagefind and not (site / "pagefind").exists() and not (root / search.CONFIG).exists()


def test_an_unchanged_rebuild_is_skipped_and_any_change_is_not(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    args = ["--root", str(root), "build", "--docs-only"]
    assert uptodate.main(args) is None  # never built
    assert cli_main(args) == 0
    assert uptodate.main(args) == 0
    assert uptodate.main([*args, "--strict"]) is None  # other options: build again
    assert uptodate.main(["--root", str(root), "build"]) is None  # docs only so far: no site/ yet
    note = root / "annotations" / "quotes.yml"
    note.write_text(note.read_text("utf-8") + "\n", "utf-8")
    assert uptodate.main(args) is None  # an input changed
    assert cli_main(args) == 0 and uptodate.main(args) == 0
    mine = root / "docs" / "my-page.md"
    mine.write_text("# Mine\n", "utf-8")
    assert uptodate.main(args) is None  # a hand-written page appeared
    out = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), *args], capture_output=True, text=True, check=True
    ).stdout
    assert "built docs/" in out
    again = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), *args], capture_output=True, text=True, check=True
    ).stdout
    assert again.startswith("nothing changed since the last build")


def test_a_failed_build_records_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    args = ["--root", str(root), "build", "--docs-only"]
    assert cli_main(args) == 0
    bad = root / "annotations" / "zz.yml"
    bad.write_text("article: nowhere\nannotations: []\n", "utf-8")
    assert cli_main(args) == 1
    assert uptodate.main(args) is None  # still broken: built (and failed) again, never skipped
    bad.unlink()
    assert uptodate.main(args) == 0  # back to the inputs of the last good build, which docs/ still holds


def test_listing_slugs_are_reserved(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    for ext in ("txt", "yml"):
        source = root / "articles" / f"trump-asked-putin-spare-troops.{ext}"
        (root / "articles" / f"by-tag.{ext}").write_bytes(source.read_bytes())
    with pytest.raises(BuildFailed) as failed:
        build.check(root)
    assert any("reserved for a listing page" in d.message for d in failed.value.diagnostics)


def test_listings_group_by_outlet_month_and_tag(tmp_path: Path) -> None:
    corpus = build.check(_synthetic(tmp_path, 20)).corpus
    pages = listings.pages(corpus)
    unknown = [a for a in corpus.articles.values() if a.meta.outlet is None]
    assert unknown and pages["articles/by-outlet/unknown.md"].count("](../report-") == len(unknown)
    months = pages["articles/by-month/index.md"]
    listed = [line.split("](")[1].split(".md")[0] for line in months.splitlines() if line.startswith("- [")]
    known = [m for m in listed if m != "unknown"]
    assert known == sorted(known, reverse=True)  # newest month first
    tagged = sum(len(a.meta.tags) for a in corpus.articles.values())
    in_tag_pages = sum(text.count("](../report-") for rel, text in pages.items() if rel.startswith("articles/by-tag/"))
    assert tagged == in_tag_pages > 0


def _folded_reference(text: str) -> tuple[str, list[int], list[int]]:
    """The plain character-by-character folding the fast one must equal."""
    chars, starts, ends, i = [], [], [], 0
    while i < len(text):
        j = i + 1
        if text[i].isspace():
            while j < len(text) and text[j].isspace():
                j += 1
        chars.append(" " if text[i].isspace() else text[i].translate(_FOLD))
        starts.append(i)
        ends.append(j)
        i = j
    return "".join(chars), starts, ends


@given(st.text(alphabet=st.sampled_from(list("ab .“”‘’«»\n\t\r\u00a0\u2003")), max_size=40))
def test_fast_folding_maps_offsets_like_the_plain_one(text: str) -> None:
    folded = Folded(text)
    assert (folded.norm, folded.starts, folded.ends) == _folded_reference(text)


def test_progress_bars_stay_off_outside_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    progress.enable()  # pytest's stderr is not a terminal
    assert not progress.enabled()
    assert list(progress.track(range(500), "x", 500)) == list(range(500))
    assert capsys.readouterr().err == ""


def test_the_export_pages_made_in_runs_are_the_pages_made_alone() -> None:
    """The build makes W3C pages and data files in runs of articles (in workers): each is the same as made alone."""
    settings, corpus, _ = build.gather(ROOT)
    assert settings is not None
    slugs = list(corpus.articles)
    together = dict(export.article_files(corpus, settings.site_url, slugs))
    alone = {rel: text for slug in slugs for rel, text in export.article_files(corpus, settings.site_url, [slug])}
    assert together == alone and len(together) == 2 * len(slugs)


def test_a_clash_found_while_streaming_leaves_docs_as_they_were(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    build.build(root, with_site=False)
    (root / "docs" / "index.md").write_text("# My home\n", "utf-8")  # no generated header: hand-written
    with (root / "docs" / "claims" / "index.md").open("a", encoding="utf-8") as page:
        page.write("changed by hand\n")  # still starts with the header: generated, would be rewritten
    before = tree_digest(root / "docs")
    with pytest.raises(BuildFailed) as failed:
        build.build(root, with_site=False)
    assert [d.path for d in failed.value.diagnostics] == ["docs/index.md"]
    assert tree_digest(root / "docs") == before
    assert not list((root / "docs").rglob("*.tmp"))


def test_corpus_wide_pages_stay_bounded_as_the_corpus_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Names and Corrections pages list a bounded number of places and say how many more there are."""
    from annotated_reader.render import corrections, names

    corpus = build.check(ROOT).corpus
    full_names, full_corrections = names.names_page(corpus), corrections.corrections_index(corpus)
    assert "more articles" not in full_names and "more in" not in full_corrections
    monkeypatch.setattr(names, "SHOWN_ARTICLES", 1)
    monkeypatch.setattr(corrections, "SHOWN_CORRECTIONS", 1)
    short_names, short_corrections = names.names_page(corpus), corrections.corrections_index(corpus)
    assert len(short_names) < len(full_names) and len(short_corrections) < len(full_corrections)
    sudzha = next(row for row in short_names.split("<li>") if row.startswith("<strong>Sudzha</strong>"))
    everywhere = sum(bool(f.find("Sudzha", whole_words=True)) for f in corpus.folded.values())
    assert everywhere > 1 and f"and {everywhere - 1:,} more articles" in sudzha
    name_rows = [line for line in full_corrections.split("## ")[1].splitlines() if line.startswith("<tr><td>")]
    assert len(name_rows) > 1  # more than one correction of names
    assert f"And {len(name_rows) - 1:,} more in " in short_corrections.split("## ")[1]


def test_generated_files_may_be_utf8_bytes(tmp_path: Path) -> None:
    """A generated file may be handed over as UTF-8 bytes instead of a text."""
    from annotated_reader.write import docs_writer

    files = [("annotations.jsonld", bytearray("{“x”:1}\n".encode())), ("a.md", "# A\n")]
    changes = docs_writer.write_docs(tmp_path, files)
    changes.commit()  # as the build does once the site is built
    assert changes.written == ["a.md", "annotations.jsonld"]
    assert (tmp_path / "annotations.jsonld").read_text("utf-8") == "{“x”:1}\n"
    assert docs_writer.write_docs(tmp_path, files).written == [], "unchanged bytes are not rewritten"
