"""The build cache (.cache/build/): a build that reuses it gives the same docs/ and site/ as a build from
scratch, after each kind of change; it reuses what did not change; a damaged or foreign entry is a miss."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from annotated_reader import build, parallel
from annotated_reader.read import cache
from annotated_reader.write import docs_writer
from tests.helpers import built_from_scratch, copy_project, edit, tree_digest

ARTICLE = "trump-asked-putin-spare-troops"
DELETABLE = "putin-trump-surrender-zelensky-gamble"  # its annotation file is no other file's reference


def _not_fingerprint(rel: str) -> bool:
    return rel.rsplit("/", 1)[-1] == ".build-fingerprint.json"


def _entries(root: Path) -> set[Path]:
    return {p for p in (root / cache.FOLDER).rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project built once: its cache holds every file and page."""
    root = copy_project(tmp_path / "cached")
    build.build(root, with_site=False)
    assert _entries(root)
    return root


def _rebuilt_equals_scratch(root: Path, where: Path) -> set[Path]:
    """Build ``root`` with its cache; docs/ equals a build from scratch; the entries the build added."""
    before = _entries(root)
    build.build(root, with_site=False)
    assert tree_digest(root / "docs", _not_fingerprint) == tree_digest(
        built_from_scratch(root, where) / "docs", _not_fingerprint
    )
    return _entries(root) - before


def test_a_second_build_adds_nothing_to_the_cache(project: Path, tmp_path: Path) -> None:
    assert _rebuilt_equals_scratch(project, tmp_path / "scratch") == set()


def test_an_annotation_edit_makes_only_its_article_again(project: Path, tmp_path: Path) -> None:
    total = len(_entries(project))
    edit(project / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "How long it takes to read.")
    added = _rebuilt_equals_scratch(project, tmp_path / "scratch")
    # the file read again, and its article's page, data file and W3C items; the pages of clusters and
    # claims it quotes (their key holds the article's annotations); nothing of the other four articles
    assert 4 <= len(added) < total / 2


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("quotes.yml", "Truth Social post", "post on Truth Social"),  # a cluster definition
        ("claims.yml", 'status: "false"', 'status: "misleading"'),  # a claim definition
    ],
)
def test_a_definition_change_matches_a_buildbuilt_from_scratch(
    project: Path, tmp_path: Path, name: str, old: str, new: str
) -> None:
    edit(project / "annotations" / name, old, new)
    assert _rebuilt_equals_scratch(project, tmp_path / "scratch")


@pytest.mark.parametrize("name", [DELETABLE, "names"])
def test_a_deleted_file_matches_a_buildbuilt_from_scratch(project: Path, tmp_path: Path, name: str) -> None:
    (project / "annotations" / f"{name}.yml").unlink()
    _rebuilt_equals_scratch(project, tmp_path / "scratch")


def test_an_added_article_matches_a_buildbuilt_from_scratch(project: Path, tmp_path: Path) -> None:
    for suffix in (".txt", ".yml"):
        shutil.copy(project / "articles" / f"{ARTICLE}{suffix}", project / "articles" / f"added-article{suffix}")
    _rebuilt_equals_scratch(project, tmp_path / "scratch")
    assert (project / "docs" / "articles" / "added-article.md").is_file()


def test_with_workers_a_cached_build_matches_a_buildbuilt_from_scratch(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above 300 articles pages are made in forked workers, which read and fill the cache themselves."""
    monkeypatch.setattr(parallel, "WORKERS_ABOVE", 0)
    build.build(project, with_site=False)  # the cache filled by workers
    edit(project / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "Read time.")
    assert _rebuilt_equals_scratch(project, tmp_path / "scratch")


def test_the_site_from_a_cached_build_equals_onebuilt_from_scratch(project: Path, tmp_path: Path) -> None:
    edit(project / "annotations" / "quotes.yml", "Truth Social post", "post on Truth Social")
    (project / "annotations" / f"{DELETABLE}.yml").unlink()
    build.build(project)
    scratch = built_from_scratch(project, tmp_path / "scratch", with_site=True)
    assert tree_digest(project / "site", _not_fingerprint) == tree_digest(scratch / "site", _not_fingerprint)
    assert tree_digest(project / "docs", _not_fingerprint) == tree_digest(scratch / "docs", _not_fingerprint)


def _damage(path: Path, how: str, other: bytes) -> None:
    data = path.read_bytes()
    if how == "cut":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flipped":
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "another-key":  # a whole entry, moved to another key's place
        path.write_bytes(other)
    else:  # a value of another type, with a right check sum
        payload = pickle.dumps(["not", "a", "page"])
        path.write_bytes(hashlib.blake2b(payload, digest_size=cache.SUM).digest() + payload)


@pytest.mark.parametrize("how", ["cut", "flipped", "empty", "another-key", "other-type"])
def test_damaged_entries_are_misses(project: Path, tmp_path: Path, how: str) -> None:
    entries = sorted(_entries(project))
    other = entries[0].read_bytes()
    for path in entries[1:]:
        _damage(path, how, other)
    edit(project / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "Read time.")
    assert _rebuilt_equals_scratch(project, tmp_path / "scratch")  # every entry written again


class _Payload:
    """Runs a command when unpickled by a plain unpickler."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_an_entry_naming_another_class_is_never_loaded(project: Path, tmp_path: Path) -> None:
    """A cache restored from elsewhere (CI) is data, not code: only this package's classes are unpickled."""
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload(marker))
    forged = hashlib.blake2b(payload, digest_size=cache.SUM).digest() + payload
    for path in _entries(project):
        path.write_bytes(forged)
    _rebuilt_equals_scratch(project, tmp_path / "scratch")
    assert not marker.exists()
    assert all(path.read_bytes() != forged for path in _entries(project))  # each one made and written again


def test_a_left_over_temporary_file_is_ignored(project: Path, tmp_path: Path) -> None:
    entry = sorted(_entries(project))[0]
    entry.with_name(entry.name + ".123.tmp").write_bytes(b"half an ent")
    entry.unlink()  # as if a build was killed between writing the temporary file and moving it into place
    _remove_generated(project)  # else a page still in docs/ as the last build left it is not made again
    _rebuilt_equals_scratch(project, tmp_path / "scratch")
    assert entry.is_file()


def _remove_generated(root: Path) -> None:
    """docs/ without its generated files (as in CI, which restores only .cache/)."""
    docs = root / "docs"
    for rel in json.loads((docs / docs_writer.MANIFEST).read_text("utf-8")):
        (docs / rel).unlink(missing_ok=True)


def test_the_store_round_trips_and_writes_atomically(tmp_path: Path) -> None:
    store = cache.Store(tmp_path)
    key = cache.digest("k")
    assert store.get(key) is None
    store.put(key, {"page": "text"})
    assert store.get(key) == {"page": "text"}
    assert [p.name for p in store.path(key).parent.iterdir()] == [store.path(key).name]  # no temporary file left
    assert (store.hits, store.misses) == (1, 1)


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("a file where the folder would go", "utf-8")
    store = cache.Store(tmp_path)
    store.put(cache.digest("k"), "value")
    assert store.get(cache.digest("k")) is None


def test_keys_depend_on_every_part() -> None:
    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest("a") != cache.digest(b"a", "")


def test_other_code_misses(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The code's version is in every key: a build by changed code adds a whole new set of entries."""
    total = len(_entries(project))
    monkeypatch.setattr(cache, "_version", ["another version"])
    added = _rebuilt_equals_scratch(project, tmp_path / "scratch")
    assert len(added) == total


def test_history_cache_is_left_alone(project: Path) -> None:
    history = project / ".cache" / "history" / "x.json"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_text("[]", "utf-8")
    build.build(project, with_site=False)
    assert history.read_text("utf-8") == "[]"


def test_entries_no_build_uses_any_more_are_removed(project: Path) -> None:
    before = _entries(project)
    for path in before:  # made by an earlier build (a build keeps what the second before it made)
        os.utime(path, (path.stat().st_mtime - 60,) * 2)
    edit(project / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "Read time.")
    build.build(project, with_site=False)
    after = _entries(project)
    assert after - before  # the edited article's entries, made again
    assert len(after) == len(before)  # ... and its old ones removed


def test_a_file_edited_while_it_is_read_is_not_kept_under_its_old_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key is made from the bytes read first; a miss is parsed from a second read: when the file changed
    in between, what was parsed is not kept under the first bytes' key."""
    root = copy_project(tmp_path / "cached")
    path = root / "annotations" / f"{ARTICLE}.yml"
    original = path.read_text("utf-8")
    real = cache.read_file

    def edit_after_reading(store: cache.Store, kind: str, at: Path, file: Path, limit: int) -> cache.Read | None:
        found = real(store, kind, at, file, limit)
        if file == path:
            path.write_text(original.replace("Reading-time label.", "Edited meanwhile.", 1), "utf-8")
        return found

    monkeypatch.setattr(cache, "read_file", edit_after_reading)
    build.build(root, with_site=False)
    monkeypatch.undo()
    path.write_text(original, "utf-8")  # the bytes of the first read, whose key must not hold the edit
    _rebuilt_equals_scratch(root, tmp_path / "scratch")


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".cache").symlink_to(elsewhere)
    build.build(root, with_site=False)
    assert list(elsewhere.iterdir()) == []
