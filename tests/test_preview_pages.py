"""Serve's incremental rebuild (preview/incremental.py, pages.py): after an edit, the pages re-rendered in
the serve process and copied into site/ equal a fresh full build's site/ and docs/, without a full build,
including after a cluster or claim definition change and a deleted file."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from annotated_reader import build, cli
from annotated_reader.preview import incremental, pages
from annotated_reader.preview.incremental import Rebuilder
from annotated_reader.write import uptodate
from tests.helpers import built_from_scratch, copy_project, edit, tree_digest

ARTICLE = "trump-asked-putin-spare-troops"
DELETABLE = "putin-trump-surrender-zelensky-gamble"  # its annotation file is no other file's reference
INDEX_SECONDS = 120.0


def _pagefind(rel: str) -> bool:
    return rel.startswith("pagefind/")


def _same_as_full_build(root: Path, where: Path) -> None:
    """docs/ and site/ (but Pagefind's index, compared by the test that waits for it) equal a full build's."""
    full = built_from_scratch(root, where, with_site=True)
    assert tree_digest(root / "docs") == tree_digest(full / "docs")
    assert tree_digest(root / "site", _pagefind) == tree_digest(full / "site", _pagefind)


def _renote(root: Path, note: str) -> Path:
    """The article's reading-time note set to ``note``, whatever it says now (the tests share one serve run)."""
    path = root / "annotations" / f"{ARTICLE}.yml"
    text = path.read_text("utf-8")
    changed = re.sub(r'(exact: "2 min read"\n    note: )"[^"\n]*"', lambda m: f'{m.group(1)}"{note}"', text, count=1)
    assert changed != text
    path.write_text(changed, "utf-8")
    return path


@pytest.fixture(scope="module")
def rebuilder(tmp_path_factory: pytest.TempPathFactory) -> Rebuilder:
    """One serve run: each test edits the project further and checks against a fresh full build."""
    rebuilder = Rebuilder(copy_project(tmp_path_factory.mktemp("edited")))
    rebuilder.rebuild(())
    assert rebuilder.full_builds == 1 and rebuilder.pages is not None
    return rebuilder


def _rebuild_in_place(rebuilder: Rebuilder, changed: Path) -> build.Result:
    before = rebuilder.full_builds
    result = rebuilder.rebuild((changed,))
    assert rebuilder.full_builds == before, "the edit should not need a full build"
    return result


def test_an_annotation_edit_rerenders_its_page_only(rebuilder: Rebuilder, tmp_path: Path) -> None:
    path = _renote(rebuilder.root, "How long it takes to read.")
    page = rebuilder.root / "site" / "articles" / ARTICLE / "index.html"
    others = {p: p.stat().st_mtime_ns for p in (rebuilder.root / "site" / "articles").glob("*/index.html")}
    result = _rebuild_in_place(rebuilder, path)
    assert f"articles/{ARTICLE}.md" in result.written
    assert "How long it takes to read." in page.read_text("utf-8")
    untouched = [p for p, t in others.items() if p != page and p.stat().st_mtime_ns == t]
    assert len(untouched) == len(others) - 1
    _same_as_full_build(rebuilder.root, tmp_path / "full")


def test_a_cluster_definition_change_matches_a_full_build(rebuilder: Rebuilder, tmp_path: Path) -> None:
    path = rebuilder.root / "annotations" / "quotes.yml"
    edit(path, "Truth Social post", "post on Truth Social")
    _rebuild_in_place(rebuilder, path)
    _same_as_full_build(rebuilder.root, tmp_path / "full")


def test_a_claim_definition_change_matches_a_full_build(rebuilder: Rebuilder, tmp_path: Path) -> None:
    path = rebuilder.root / "annotations" / "claims.yml"
    edit(path, 'status: "false"', 'status: "misleading"')
    _rebuild_in_place(rebuilder, path)
    _same_as_full_build(rebuilder.root, tmp_path / "full")


def test_a_deleted_annotation_file_matches_a_full_build(rebuilder: Rebuilder, tmp_path: Path) -> None:
    path = rebuilder.root / "annotations" / f"{DELETABLE}.yml"
    path.unlink()
    rebuilder.rebuild((path,))  # its entries leave the indexes; no page is added or removed
    _same_as_full_build(rebuilder.root, tmp_path / "full")


def test_an_added_article_takes_a_full_build(rebuilder: Rebuilder, tmp_path: Path) -> None:
    articles = rebuilder.root / "articles"
    for suffix in (".txt", ".yml"):
        shutil.copy(articles / f"{ARTICLE}{suffix}", articles / f"added-article{suffix}")
    before = rebuilder.full_builds
    rebuilder.rebuild((articles / "added-article.txt",))
    assert rebuilder.full_builds == before + 1 and rebuilder.pages is not None
    _same_as_full_build(rebuilder.root, tmp_path / "full")


def test_the_search_index_follows_in_the_background(rebuilder: Rebuilder, tmp_path: Path) -> None:
    path = _renote(rebuilder.root, "Minutes to read.")
    _rebuild_in_place(rebuilder, path)
    assert rebuilder.search is not None
    assert rebuilder.search.wait(INDEX_SECONDS) and rebuilder.search.done >= 1
    full = built_from_scratch(rebuilder.root, tmp_path / "full", with_site=True)
    ours, theirs = tree_digest(rebuilder.root / "site" / "pagefind"), tree_digest(full / "site" / "pagefind")
    assert ours.keys() == theirs.keys()


def test_the_quick_step_makes_the_page_the_whole_update_makes(rebuilder: Rebuilder, tmp_path: Path) -> None:
    """The saved article's page first (quick.py), then the rest: the page does not change again."""
    path = _renote(rebuilder.root, "Reading time, in minutes.")
    docs = rebuilder.root / "docs" / "articles" / f"{ARTICLE}.md"
    site = rebuilder.root / "site" / "articles" / ARTICLE / "index.html"
    assert rebuilder.quick((path,))
    quick = docs.read_bytes(), site.read_bytes()
    assert b"Reading time, in minutes." in quick[1]
    _rebuild_in_place(rebuilder, path)
    assert (docs.read_bytes(), site.read_bytes()) == quick
    _same_as_full_build(rebuilder.root, tmp_path / "full")


def test_the_quick_step_leaves_definitions_to_the_update(rebuilder: Rebuilder) -> None:
    path = rebuilder.root / "annotations" / "quotes.yml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("Truth Social", "Truth  Social", 1), "utf-8")
    assert not rebuilder.quick((path,))
    _rebuild_in_place(rebuilder, path)


def test_under_properdocs_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """properdocs (MkDocs 1.x's maintained fork) has the same build steps: loaded and used the same way."""
    monkeypatch.setenv("ANNOTATED_READER_ENGINE", "properdocs")
    rebuilder = Rebuilder(copy_project(tmp_path / "edited"))
    rebuilder.rebuild(())
    assert rebuilder.pages is not None and rebuilder.pages.engine == "properdocs"
    path = _renote(rebuilder.root, "How long it takes to read.")
    assert rebuilder.quick((path,))
    _rebuild_in_place(rebuilder, path)
    _same_as_full_build(rebuilder.root, tmp_path / "full")


def test_zensical_takes_full_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATED_READER_ENGINE", "zensical")
    assert pages.load(tmp_path, tmp_path / "mkdocs.yml", tmp_path / "site") is None


# ---- serve's first rebuild on the site ``make site`` left (write/uptodate.py site_of_docs) ----------------------


def _made_by_make_site(where: Path) -> Path:
    """A copy of the project built as ``make site`` builds it (the command records what it built)."""
    root = copy_project(where)
    assert cli.main(["--root", str(root), "build"]) == 0
    assert uptodate.site_of_docs(root)
    return root


def _recorded(rel: str) -> bool:
    return rel == uptodate.STORE or _pagefind(rel)


def test_serve_updates_the_site_make_site_left_page_by_page(tmp_path: Path) -> None:
    root = _made_by_make_site(tmp_path / "project")
    path = _renote(root, "Read in two minutes.")
    rebuilder = Rebuilder(root)
    result = rebuilder.rebuild((path,))
    assert rebuilder.full_builds == 0 and rebuilder.pages is not None, "the site was loaded, not built again"
    assert f"articles/{ARTICLE}.md" in result.written
    assert "Read in two minutes." in (root / "site" / "articles" / ARTICLE / "index.html").read_text("utf-8")
    full = built_from_scratch(root, tmp_path / "full", with_site=True)
    assert tree_digest(root / "docs", _recorded) == tree_digest(full / "docs", _recorded)
    assert tree_digest(root / "site", _pagefind) == tree_digest(full / "site", _pagefind)
    assert rebuilder.search is not None and rebuilder.search.wait(INDEX_SECONDS)  # the index follows


@pytest.mark.parametrize("change", ["docs", "mkdocs.yml", "docs-only", "no site"])
def test_serve_builds_the_site_whole_when_it_may_not_be_of_docs(tmp_path: Path, change: str) -> None:
    root = _made_by_make_site(tmp_path / "project")
    if change == "docs":  # a generated page touched by hand since
        page = root / "docs" / "articles" / f"{ARTICLE}.md"
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    elif change == "mkdocs.yml":  # the engine would make another site of the same docs/
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "\n# changed\n", "utf-8")
    elif change == "docs-only":  # the last build left site/ as it was
        _renote(root, "Changed for a docs-only build.")
        assert cli.main(["--root", str(root), "build", "--docs-only"]) == 0
    else:
        shutil.rmtree(root / "site")
    assert not uptodate.site_of_docs(root)
    rebuilder = Rebuilder(root)
    rebuilder.rebuild(())
    assert rebuilder.full_builds == 1
    if rebuilder.search is not None:
        rebuilder.search.stop()


# ---- above REINDEX_UP_TO articles the preview's search keeps the index it has -------------------------------------


def test_above_the_limit_the_preview_keeps_the_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "REINDEX_UP_TO", 1)  # the shipped corpus stands for a large one
    rebuilder = Rebuilder(copy_project(tmp_path / "project"))
    rebuilder.rebuild(())  # no index yet: the full build makes one
    index = rebuilder.root / "site" / "pagefind"
    assert (index / "pagefind.js").is_file() and rebuilder.full_builds == 1
    assert rebuilder.search_note() and "1 articles" in str(rebuilder.search_note())
    made = tree_digest(index)
    _rebuild_in_place(rebuilder, _renote(rebuilder.root, "Kept index."))
    assert rebuilder.search is not None and rebuilder.search.done == 0 and rebuilder.search.wait(0)  # none ran
    articles = rebuilder.root / "articles"  # a new article: a full build, without Pagefind
    for suffix in (".txt", ".yml"):
        shutil.copy(articles / f"{ARTICLE}{suffix}", articles / f"added-article{suffix}")
    rebuilder.rebuild((articles / "added-article.txt",))
    assert rebuilder.full_builds == 2 and (rebuilder.root / "site" / "articles" / "added-article").is_dir()
    assert tree_digest(index) == made, "the index of the first build, carried over as it was"


def test_at_most_the_limit_the_search_note_is_none(rebuilder: Rebuilder) -> None:
    assert rebuilder.reindexing and rebuilder.search_note() is None


def test_an_editors_temporary_file_does_not_stop_the_quick_step(rebuilder: Rebuilder) -> None:
    path = _renote(rebuilder.root, "Saved through a temporary file.")
    gone = path.with_name("sedX4k2Qa")  # written, then renamed over the annotation file: reported, then gone
    assert rebuilder.quick({path, gone})
    page = rebuilder.root / "site" / "articles" / ARTICLE / "index.html"
    assert "Saved through a temporary file." in page.read_text("utf-8")
    _rebuild_in_place(rebuilder, path)


def test_a_changed_title_in_the_navigation_makes_the_first_rebuild_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _made_by_make_site(tmp_path / "project")
    seen = iter(range(100))
    monkeypatch.setattr(pages.Pages, "titles", lambda self: {"index.md": f"Home {next(seen)}"})  # differs each time
    rebuilder = Rebuilder(root)
    rebuilder.rebuild(())
    assert rebuilder.full_builds == 1
