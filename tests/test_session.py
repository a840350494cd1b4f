"""The edit loop (session.py): after each kind of change, docs/ equals a full build's, and only the
articles the change affects are rendered again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotated_reader import build
from annotated_reader.model import BuildFailed
from annotated_reader.session import Session
from tests.helpers import built_from_scratch, copy_project, edit, tree_digest

ARTICLE = "trump-asked-putin-spare-troops"
DELETABLE = "putin-trump-surrender-zelensky-gamble"  # its annotation file is no other file's reference


def _same_asbuilt_from_scratch(root: Path, where: Path) -> None:
    assert tree_digest(root / "docs") == tree_digest(built_from_scratch(root, where) / "docs")


@pytest.fixture
def session(tmp_path: Path) -> Session:
    root = copy_project(tmp_path / "edited")
    session = Session(root)
    session.update()
    return session


def test_first_update_is_abuilt_from_scratch(session: Session, tmp_path: Path) -> None:
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")
    assert len(session.rendered) == 5


def test_no_change_renders_nothing_and_writes_nothing(session: Session) -> None:
    result = session.update()
    assert session.rendered == []
    assert result.written == () and result.removed == ()


def test_an_annotation_edit_renders_its_article_only(session: Session, tmp_path: Path) -> None:
    edit(session.root / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "How long it takes to read.")
    result = session.update()
    assert session.rendered == [ARTICLE]
    assert f"articles/{ARTICLE}.md" in result.written
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


def test_a_cluster_definition_change_renders_the_articles_quoting_it(session: Session, tmp_path: Path) -> None:
    edit(session.root / "annotations" / "quotes.yml", "Truth Social post", "post on Truth Social")
    session.update()
    quoting = sorted(
        p.stem
        for p in (session.root / "annotations").glob("*.yml")
        if "cluster: trump-troops-surrounded" in p.read_text("utf-8")
    )
    assert quoting and set(quoting) <= set(session.rendered)
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


def test_a_claim_definition_change_matches_abuilt_from_scratch(session: Session, tmp_path: Path) -> None:
    edit(session.root / "annotations" / "claims.yml", 'status: "false"', 'status: "misleading"')
    session.update()
    assert session.rendered  # the articles pointing at the claim
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


@pytest.mark.parametrize("name", [DELETABLE, "names"])
def test_a_deleted_file_matches_abuilt_from_scratch(session: Session, tmp_path: Path, name: str) -> None:
    (session.root / "annotations" / f"{name}.yml").unlink()
    result = session.update()
    assert result.written
    if name == DELETABLE:
        assert DELETABLE in session.rendered
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


def _add_article(root: Path, slug: str) -> None:
    """A copy of an article (its text and metadata) under another slug, with no annotation file."""
    articles = root / "articles"
    for suffix in (".txt", ".yml"):
        shutil.copy(articles / f"{ARTICLE}{suffix}", articles / f"{slug}{suffix}")


def test_an_added_article_matches_abuilt_from_scratch(session: Session, tmp_path: Path) -> None:
    _add_article(session.root, "added-article")
    result = session.update()
    assert session.rendered == ["added-article"]
    assert "articles/added-article.md" in result.written
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


def test_a_deleted_article_is_removed(session: Session, tmp_path: Path) -> None:
    _add_article(session.root, "added-article")
    session.update()
    (session.root / "articles" / "added-article.txt").unlink()
    (session.root / "articles" / "added-article.yml").unlink()
    result = session.update()
    assert "articles/added-article.md" in result.removed
    assert "data/added-article.json" in result.removed
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


def test_an_error_leaves_docs_as_it_was_and_the_next_fix_recovers(session: Session, tmp_path: Path) -> None:
    before = tree_digest(session.root / "docs")
    path = session.root / "annotations" / f"{ARTICLE}.yml"
    good = path.read_text("utf-8")
    path.write_text(good.replace("kind: boilerplate", "kind: boilerplat", 1), "utf-8")
    with pytest.raises(BuildFailed):
        session.update()
    assert tree_digest(session.root / "docs") == before
    path.write_text(good.replace("Reading-time label.", "Read time.", 1), "utf-8")
    session.update()
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


def test_the_site_from_the_session_equals_abuilt_from_scratch(session: Session, tmp_path: Path) -> None:
    edit(session.root / "annotations" / "quotes.yml", "Truth Social post", "post on Truth Social")
    (session.root / "annotations" / f"{DELETABLE}.yml").unlink()
    session.update()
    build.build(session.root)  # docs/ is already up to date: mkdocs only
    full = built_from_scratch(session.root, tmp_path / "full", with_site=True)
    assert tree_digest(session.root / "site") == tree_digest(full / "site")


def test_a_failed_write_is_made_again_by_the_next_update(session: Session, tmp_path: Path) -> None:
    hand_written = session.root / "docs" / "annotations" / f"{ARTICLE}.jsonld"  # its W3C page: changed by the edit
    hand_written.write_text("{}\n", "utf-8")  # no generated header: never overwritten
    edit(session.root / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "How long it takes to read.")
    with pytest.raises(BuildFailed):
        session.update()
    hand_written.unlink()
    session.update()
    _same_asbuilt_from_scratch(session.root, tmp_path / "full")


def test_with_pagefind_search_the_session_matches_abuilt_from_scratch(tmp_path: Path) -> None:
    """Search is Pagefind's (at every corpus size): the session writes its config the same way."""
    root = copy_project(tmp_path / "edited")
    session = Session(root)
    assert session.update().pagefind
    edit(root / "annotations" / "quotes.yml", "Truth Social post", "post on Truth Social")
    session.update()
    full = copy_project(tmp_path / "full")
    for name in ("annotations", "mkdocs.yml"):
        (shutil.rmtree if name == "annotations" else Path.unlink)(full / name)
    shutil.copytree(root / "annotations", full / "annotations")
    shutil.copy(root / "mkdocs.yml", full / "mkdocs.yml")
    build.build(full, with_site=False)
    assert tree_digest(root / "docs") == tree_digest(full / "docs")
    assert (root / ".mkdocs-pagefind.yml").read_bytes() == (full / ".mkdocs-pagefind.yml").read_bytes()
