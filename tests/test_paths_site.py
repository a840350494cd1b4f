"""Files the build writes are what they claim to be: docs/, site/, the manifest and each generated path are
never reached through a link; a committed, stale or corrupt manifest never costs a hand-written page; a
failure to write (read-only folder, full disk) is a diagnostic and leaves docs/ and site/ as they were.

The tests run as root, where chmod cannot make a folder read-only: read-only folders and a full disk are
simulated by making the write fail with the error the system would give (EACCES, EROFS, ENOSPC).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from annotated_reader import build, linux
from annotated_reader.model import BuildFailed
from annotated_reader.write import docs_writer, engine, lock, search
from tests.helpers import copy_project

HAND_WRITTEN = ("about.md", "data.md", "how-to-annotate.md")


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _fails(root: Path, with_site: bool = False) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        build.build(root, with_site=with_site)
    lines = [d.format() for d in failed.value.diagnostics]
    assert all(": error: " in line for line in lines), lines
    return lines


def _manifest(root: Path) -> Path:
    return root / "docs" / docs_writer.MANIFEST


def test_a_site_link_is_refused_and_its_target_untouched(root: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("mine\n", "utf-8")
    (root / "site").symlink_to(victim)
    for target in (victim, root / "articles"):
        (root / "site").unlink()
        (root / "site").symlink_to(target)
        before = _digest(target)
        lines = _fails(root, with_site=True)
        assert lines[0].startswith("site:1:1: error: is a symbolic link"), lines
        assert _digest(target) == before
    assert not (root / "docs" / "index.md").exists(), "docs/ is not written either"


def test_a_docs_link_or_file_is_refused(root: Path, tmp_path: Path) -> None:
    articles = _digest(root / "articles")
    shutil.rmtree(root / "docs")
    (root / "docs").symlink_to(root / "articles")
    assert _fails(root)[0].startswith("docs:1:1: error: is a symbolic link")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "docs").unlink()
    (root / "docs").symlink_to(outside)
    _fails(root)
    assert _digest(root / "articles") == articles and list(outside.iterdir()) == []
    (root / "docs").unlink()
    (root / "docs").write_text("not a folder\n", "utf-8")
    assert _fails(root)[0].startswith("docs:1:1: error: is not a folder")


def test_links_inside_docs_are_refused_before_anything_is_written(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "docs" / "articles").symlink_to(outside)
    before = _digest(root / "docs")
    assert _fails(root)[0].startswith("docs/articles:1:1: error: is a symbolic link where the build writes")
    assert list(outside.iterdir()) == [] and _digest(root / "docs") == before
    (root / "docs" / "articles").unlink()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret\n", "utf-8")
    (root / "docs" / "index.md").symlink_to(secret)
    assert any(line.startswith("docs/index.md:1:1: error: is a symbolic link") for line in _fails(root))
    assert secret.read_text("utf-8") == "secret\n"


def test_a_linked_manifest_is_refused(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "list.json"
    elsewhere.write_text('["about.md"]', "utf-8")
    _manifest(root).symlink_to(elsewhere)
    assert _fails(root)[0].startswith(f"docs/{docs_writer.MANIFEST}:1:1: error: is not a regular file")
    assert (root / "docs" / "about.md").exists()


def test_a_committed_manifest_never_deletes_hand_written_pages(root: Path) -> None:
    pages = {name: (root / "docs" / name).read_bytes() for name in HAND_WRITTEN}
    _manifest(root).write_text(json.dumps(list(HAND_WRITTEN)), "utf-8")
    result = build.build(root, with_site=False)
    assert result.removed == ()
    assert {name: (root / "docs" / name).read_bytes() for name in HAND_WRITTEN} == pages


def test_manifest_entries_that_escape_docs_are_ignored(root: Path) -> None:
    readme = root / "README.md"
    readme.write_text("# Project\n", "utf-8")
    _manifest(root).write_text(json.dumps(["about.md", "zzz/../../README.md", "/etc/passwd", "../mkdocs.yml"]))
    build.build(root, with_site=False)
    assert readme.read_text("utf-8") == "# Project\n" and (root / "mkdocs.yml").exists()
    assert (root / "docs" / "about.md").exists()
    assert build.build(root, with_site=False).written == (), "the next build is a no-op: nothing stuck"


@pytest.mark.parametrize("text", ["5", '[["x"]]', '{"a": 1', "", "\xff", "[" * 100_000])
def test_a_corrupt_manifest_is_rebuilt_from_the_generated_files(root: Path, text: str) -> None:
    """A torn or foreign manifest: the build recovers, and still removes the pages no longer generated."""
    extra = root / "articles" / "zz-new"
    first = sorted((root / "articles").glob("*.txt"))[0]
    shutil.copy(first, extra.with_suffix(".txt"))
    shutil.copy(first.with_suffix(".yml"), extra.with_suffix(".yml"))
    build.build(root, with_site=False)
    assert (root / "docs" / "articles" / "zz-new.md").exists()
    extra.with_suffix(".txt").unlink()
    extra.with_suffix(".yml").unlink()
    _manifest(root).write_bytes(text.encode("utf-8", "surrogateescape"))
    result = build.build(root, with_site=False)
    assert "articles/zz-new.md" in result.removed and not (root / "docs" / "articles" / "zz-new.md").exists()
    assert all((root / "docs" / name).exists() for name in HAND_WRITTEN)
    assert json.loads(_manifest(root).read_text("utf-8")) == sorted(json.loads(_manifest(root).read_text("utf-8")))


def test_a_hand_written_page_at_a_path_in_the_manifest_is_kept(root: Path) -> None:
    build.build(root, with_site=False)
    listed = json.loads(_manifest(root).read_text("utf-8"))
    mine = root / "docs" / "articles" / "by-tag" / "my-own-tag.md"
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text("# My own page\n", "utf-8")
    _manifest(root).write_text(json.dumps([*listed, "articles/by-tag/my-own-tag.md"]), "utf-8")  # as if generated
    build.build(root, with_site=False)
    assert mine.read_text("utf-8") == "# My own page\n"


def test_a_generated_file_the_manifest_misses_is_no_clash(root: Path) -> None:
    """A build killed after moving a new page in and before writing its manifest: the next one goes on."""
    build.build(root, with_site=False)
    listed = json.loads(_manifest(root).read_text("utf-8"))
    _manifest(root).write_text(json.dumps([rel for rel in listed if not rel.startswith("articles/")]), "utf-8")
    build.build(root, with_site=False)
    assert json.loads(_manifest(root).read_text("utf-8")) == listed


def test_a_second_build_waits_then_names_the_first(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build.build(root, with_site=False)
    before = _digest(root / "docs")
    monkeypatch.setattr(lock, "WAIT", 0.3)
    with lock.held(root), pytest.raises(BuildFailed) as failed:  # flock: a second open is a second holder
        build.build(root, with_site=False)
    (line,) = [d.format() for d in failed.value.diagnostics]
    assert line.startswith(f".build.lock:1:1: error: another build is running in this project (process {os.getpid()})")
    assert _digest(root / "docs") == before
    build.build(root, with_site=False)  # the lock is free again


def _fail_on(count: int, code: int, real: object) -> object:
    calls = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(args)
        if len(calls) == count:
            raise OSError(code, os.strerror(code), str(args[-1] if args else kwargs.get("dir")))
        return real(*args, **kwargs)  # type: ignore[operator]

    return failing


@pytest.mark.parametrize(
    ("where", "code"),
    [("stage", errno.ENOSPC), ("replace", errno.EACCES), ("replace", errno.EROFS), ("mkdtemp", errno.EACCES)],
)
def test_a_failed_write_is_a_diagnostic_and_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int
) -> None:
    """Disk full while staging docs/, docs/ read-only in the middle of the moves, project root read-only
    when the site's temporary folder is made: one `path: error:` line, docs/ and site/ as they were."""
    build.build(root)
    extra = root / "articles" / "zz-new"
    first = sorted((root / "articles").glob("*.txt"))[0]
    shutil.copy(first, extra.with_suffix(".txt"))
    shutil.copy(first.with_suffix(".yml"), extra.with_suffix(".yml"))
    about = root / "docs" / "about.md"  # listed there, as `check` asks of every article
    about.write_text(about.read_text("utf-8") + "\n[A new one](articles/zz-new.md)\n", "utf-8")
    before = {name: _digest(root / name) for name in ("docs", "site")}
    if where == "stage":
        monkeypatch.setattr(Path, "write_bytes", _fail_on(3, code, Path.write_bytes))
    elif where == "replace":
        monkeypatch.setattr(os, "replace", _fail_on(4, code, os.replace))
    else:
        monkeypatch.setattr(tempfile, "mkdtemp", _fail_on(1, code, tempfile.mkdtemp))
    lines = _fails(root, with_site=True)
    assert len(lines) == 1 and os.strerror(code) in lines[0], lines
    monkeypatch.undo()
    assert {name: _digest(root / name) for name in ("docs", "site")} == before
    assert not list(root.glob(".docs-backup")) and not list((root / "docs").rglob(".*.tmp"))


def test_leftovers_of_killed_builds_are_removed(root: Path) -> None:
    build.build(root)
    site_before = _digest(root / "site")
    for name in (".site-abc12345", ".search-xyz98765", ".site-old"):
        (root / name / "sub").mkdir(parents=True)
        (root / name / "sub" / "big.html").write_text("x" * 1000, "utf-8")
    staged = root / "docs" / "articles" / ".zz-gone.md.tmp"
    staged.write_text("half a page", "utf-8")
    build.build(root)
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == [".build.lock", ".cache", search.CONFIG]
    assert not staged.exists() and _digest(root / "site") == site_before


def test_a_site_left_aside_by_a_two_step_swap_is_put_back(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where renameat2 is missing, the swap takes two renames; killed between them, site/ is put back."""
    build.build(root)
    site_before = _digest(root / "site")
    os.replace(root / "site", root / ".site-old")
    engine.clean_leftovers(root / "site")
    assert _digest(root / "site") == site_before and not (root / ".site-old").exists()
    monkeypatch.setattr(linux, "exchange", lambda a, b: False)
    (root / "docs" / "about.md").write_text("# About us\n", "utf-8")
    build.build(root)
    assert "About us" in (root / "site" / "about" / "index.html").read_text("utf-8")
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == [".build.lock", ".cache", search.CONFIG]


def test_the_swap_is_one_step_on_linux(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "from-a").touch()
    assert linux.exchange(a, b)
    assert (b / "from-a").exists() and not (a / "from-a").exists()
