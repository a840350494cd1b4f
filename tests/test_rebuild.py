"""A one-file rebuild (issue 18): what the build cache keeps of resolution (anchor/kept_files.py), each
article's part of the whole-corpus pages (write/page_parts.py), and the input files it does not read again
(read/cache.Seen) give what a build from scratch gives, docs/ and the resolved corpus alike."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotated_reader import build
from annotated_reader.anchor.resolve import Resolver
from annotated_reader.model import BuildFailed
from annotated_reader.read import cache, inputfiles, yamlsource
from annotated_reader.render import corrections, index_pages, sources
from tests.helpers import built_from_scratch, copy_project, edit, tree_digest

ARTICLE = "trump-asked-putin-spare-troops"
OTHER = "putin-trump-surrender-zelensky-gamble"  # a correction's evidence in ARTICLE's file points into its text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "cached")
    build.build(root, with_site=False)
    return root


@pytest.fixture
def resolved(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The article of each annotation of an article file resolved (not taken from the cache)."""
    found: list[str] = []
    real = Resolver.annotation

    def counting(self: Resolver, doc: yamlsource.Document, loc: yamlsource.Loc, slug: str, *args: Any) -> None:
        found.append(slug)
        real(self, doc, loc, slug, *args)

    monkeypatch.setattr(Resolver, "annotation", counting)
    return found


def _resolution(root: Path, store: bool) -> tuple[object, ...]:
    """What resolution made of ``root`` (with its build cache, or without), in a form that compares."""
    _, corpus, diagnostics = build.gather(root, cache.Store(root, enabled=store))
    placed = [(p.kind, p.id, p.article, p.span, p.origin, p.spec) for p in corpus.all_placed()]
    return placed, sorted((repr(k), v) for k, v in corpus.passages.items()), diagnostics


def _same_as_scratch(root: Path, where: Path) -> None:
    """A build with the cache gives docs/ and a corpus equal to a build from scratch's."""
    build.build(root, with_site=False)
    fresh = built_from_scratch(root, where)
    leave_out = lambda rel: rel.endswith(".build-fingerprint.json")  # noqa: E731
    assert tree_digest(root / "docs", leave_out) == tree_digest(fresh / "docs", leave_out)
    assert _resolution(root, True) == _resolution(fresh, False)


def test_an_edit_resolves_only_its_file(project: Path, tmp_path: Path, resolved: list[str]) -> None:
    build.build(project, with_site=False)
    assert resolved == []  # nothing changed: every article file from the cache
    edit(project / "annotations" / f"{ARTICLE}.yml", "Button label left by the scraper.", "A scraper's button.")
    build.build(project, with_site=False)
    assert resolved and set(resolved) == {ARTICLE}
    _same_as_scratch(project, tmp_path / "scratch")


def test_a_text_change_resolves_the_files_whose_evidence_points_into_it(
    project: Path, tmp_path: Path, resolved: list[str]
) -> None:
    path = project / "articles" / f"{OTHER}.txt"
    path.write_bytes(b"A paragraph added at the top moves every passage.\n\n" + path.read_bytes())
    build.build(project, with_site=False)
    assert {OTHER, ARTICLE} <= set(resolved)  # its own file, and the file whose evidence quotes it
    assert "us-talks-with-putin-very-good-productive" not in resolved  # no evidence into OTHER there
    _same_as_scratch(project, tmp_path / "scratch")


def test_a_new_cluster_resolves_every_file_again(project: Path, tmp_path: Path, resolved: list[str]) -> None:
    """An article file names clusters and claims: a new id may be the one it names, so every file is
    resolved again."""
    path = project / "annotations" / "quotes.yml"
    text = path.read_text("utf-8")
    at = text.index("clusters:") + len("clusters:\n")
    added = '  - id: a-new-cluster\n    title: "A new cluster"\n    speaker: "Someone"\n'
    path.write_text(text[:at] + added + text[at:], "utf-8")
    build.build(project, with_site=False)
    assert len(set(resolved)) == len(list((project / "articles").glob("*.txt")))
    _same_as_scratch(project, tmp_path / "scratch")


def test_a_file_with_a_problem_is_resolved_again_and_reports_again(project: Path, resolved: list[str]) -> None:
    path = project / "annotations" / f"{ARTICLE}.yml"
    edit(path, 'exact: "Syryskyi"', 'exact: "Syryskyi nowhere in the text"')
    with pytest.raises(BuildFailed) as first:
        build.build(project, with_site=False)
    resolved.clear()
    with pytest.raises(BuildFailed) as second:
        build.build(project, with_site=False)
    assert set(resolved) == {ARTICLE}
    assert first.value.diagnostics == second.value.diagnostics
    assert any("matches nowhere" in d.message for d in second.value.diagnostics)


def test_corrections_and_sources_follow_an_edit(project: Path, tmp_path: Path) -> None:
    """The corrections index and the Sources page are assembled from each article's kept part: the edited
    article's part is made again."""
    path = project / "annotations" / f"{ARTICLE}.yml"
    edit(path, 'corrected: "Syrskyi"', 'corrected: "Syrskyy"')
    edit(path, "Button label left by the scraper.", "Button label (https://example.org/button).")
    _same_as_scratch(project, tmp_path / "scratch")
    assert "Syrskyy" in (project / "docs" / "corrections" / "index.md").read_text("utf-8")
    assert "https://example.org/button" in (project / "docs" / "sources.md").read_text("utf-8")


def test_an_annotation_file_removed_takes_its_parts_with_it(project: Path, tmp_path: Path) -> None:
    (project / "annotations" / f"{OTHER}.yml").unlink()
    _same_as_scratch(project, tmp_path / "scratch")
    assert f"articles/{OTHER}.md" not in (project / "docs" / "corrections" / "index.md").read_text("utf-8")


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file counts as changed well before the build (as files not edited lately are); the paths read."""
    monkeypatch.setattr(cache, "SETTLED_NS", -(10**18))
    read: list[str] = []
    real = inputfiles.read

    def counting(path: Path, limit: int) -> tuple[bytes, int]:
        read.append(Path(path).name)
        return real(path, limit)

    monkeypatch.setattr(inputfiles, "read", counting)
    return read


def test_input_files_unchanged_since_the_last_build_are_not_read(project: Path, settled: list[str]) -> None:
    build.build(project, with_site=False)  # remembers every file it read
    edit(project / "annotations" / f"{ARTICLE}.yml", "Button label left by the scraper.", "A scraper's button.")
    settled.clear()
    build.build(project, with_site=False)
    assert set(settled) == {f"{ARTICLE}.yml"}


def test_an_edit_that_keeps_size_and_modification_time_is_read(
    project: Path, tmp_path: Path, settled: list[str]
) -> None:
    """The change time, which no tool sets back, tells the edit."""
    build.build(project, with_site=False)
    path = project / "annotations" / f"{ARTICLE}.yml"
    before = os.stat(path)
    edit(path, "Button label left by the scraper.", "Button label left by the scrapez.")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    settled.clear()
    _same_as_scratch(project, tmp_path / "scratch")
    assert f"{ARTICLE}.yml" in settled


def test_a_copied_project_reads_every_file(project: Path, tmp_path: Path, settled: list[str]) -> None:
    """A checkout restored with its cache (CI) has other inodes and change times: nothing is taken on trust."""
    build.build(project, with_site=False)
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, symlinks=True)
    settled.clear()
    build.build(copy, with_site=False)
    assert f"{ARTICLE}.yml" in settled and f"{ARTICLE}.txt" in settled


def test_corrections_and_sources_are_made_again_only_when_a_part_changed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corrections index and the Sources page are kept under the key of every article's part: an edit
    that changes no part leaves both as they are (neither is assembled); one that changes a part makes both."""
    made: list[str] = []

    def counted(name: str, real: Callable[..., str]) -> Callable[..., str]:
        def making(*args: Any) -> str:
            made.append(name)
            return real(*args)

        return making

    for module, name in ((corrections, "corrections_index"), (sources, "sources_page")):
        monkeypatch.setattr(module, name, counted(name, getattr(module, name)))
    monkeypatch.setattr(index_pages, "corrections_index", corrections.corrections_index)
    path = project / "annotations" / f"{ARTICLE}.yml"
    edit(path, "Reading-time label.", "How long it takes to read.")  # a note: in no part of either page
    build.build(project, with_site=False)
    assert made == []
    _same_as_scratch(project, tmp_path / "scratch")
    made.clear()
    edit(path, "Button label left by the scraper.", "Button label (https://example.org/button).")
    build.build(project, with_site=False)
    assert made == ["sources_page"]
    _same_as_scratch(project, tmp_path / "again")
    assert "https://example.org/button" in (project / "docs" / "sources.md").read_text("utf-8")
