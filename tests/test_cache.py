"""The build cache (.cache/build/): a build that reuses it gives the same docs/ and site/ as a build from
scratch, after each kind of change; it reuses what did not change; a damaged or foreign entry is a miss."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from annotated_reader import build, parallel
from annotated_reader.anchor import kept_placings
from annotated_reader.anchor.placing import Placing
from annotated_reader.model import Span
from annotated_reader.read import cache, schema, yamlsource
from annotated_reader.read.bundle import Bundle
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
    # its article's page, and its data file and W3C items; not the pages of the clusters and claims it
    # quotes (they show where its passages stand, not its notes); nothing of the other four articles (the
    # bundles and the parts of whole-corpus pages are entries written again under the same key)
    assert len(added) == 2 < total / 2


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
        path.write_bytes(cache.check_sum(payload) + payload)


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
    forged = cache.check_sum(payload) + payload
    for path in _entries(project):
        path.write_bytes(forged)
    _rebuilt_equals_scratch(project, tmp_path / "scratch")
    assert not marker.exists()
    assert all(path.read_bytes() != forged for path in _entries(project))  # each one made and written again


def test_a_left_over_temporary_file_is_ignored(project: Path, tmp_path: Path) -> None:
    # an entry the rebuild reads (an entry of the articles' placings is read only when an article file of its
    # shard is resolved again: kept_placings.Kept)
    shards = {kept_placings.key(n)[2:] for n in range(kept_placings.SHARDS)}
    entry = sorted(e for e in _entries(project) if e.name not in shards)[0]
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


def test_an_article_text_edit_matches_a_build_from_scratch(project: Path, tmp_path: Path) -> None:
    """The article is read again (its bundle entry is keyed by its bytes) and its selectors placed again."""
    path = project / "articles" / f"{ARTICLE}.txt"
    path.write_bytes(path.read_bytes() + b"\nA paragraph added at the end.\n")
    _rebuilt_equals_scratch(project, tmp_path / "scratch")


def test_an_article_metadata_edit_matches_a_build_from_scratch(project: Path, tmp_path: Path) -> None:
    edit(project / "articles" / f"{ARTICLE}.yml", 'title: "Trump claims', 'title: "Trump said')
    _rebuilt_equals_scratch(project, tmp_path / "scratch")


@pytest.mark.parametrize("how", ["longer", "same-size"])
def test_a_generated_file_changed_in_docs_is_made_again(project: Path, tmp_path: Path, how: str) -> None:
    """A file of docs/ is skipped only while its size and time are as the last build left them."""
    page = project / "docs" / "articles" / f"{ARTICLE}.md"
    data = page.read_bytes()
    page.write_bytes(data + b"x" if how == "longer" else data[:-2] + bytes([data[-2] ^ 1]) + data[-1:])
    _rebuilt_equals_scratch(project, tmp_path / "scratch")


def test_only_the_selectors_of_a_changed_text_are_placed_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where each selector was placed on each text is kept: a build places again only the selectors of an
    article whose text changed (an edit that leaves every selector as it was places none)."""
    placed: list[str] = []  # the article of each selector placed
    real = Placing.anchor

    def counting(self: Placing, doc: yamlsource.Document, loc: yamlsource.Loc, slug: str, *args: Any) -> object:
        placed.append(slug)
        return real(self, doc, loc, slug, *args)

    monkeypatch.setattr(Placing, "anchor", counting)
    build.build(project, with_site=False)
    assert placed == []  # nothing changed: every span from the cache
    edit(project / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "Read time.")
    build.build(project, with_site=False)
    assert placed == []  # a note changed, no selector
    path = project / "articles" / f"{ARTICLE}.txt"
    path.write_bytes(path.read_bytes() + b"\nA paragraph added at the end.\n")
    result = build.build(project, with_site=False)
    assert placed and set(placed) == {ARTICLE}  # its annotations, and evidence other files point into it
    assert len(placed) < len(result.corpus.all_placed())


WARNED = (  # a quote in the wrong cluster, and evidence whose note quotes words its passage lacks
    '  - id: wrong-cluster\n    kind: quote\n    exact: "Steve Witkoff"\n    cluster: trump-troops-surrounded\n'
    '  - id: typo-evidence\n    kind: correction\n    exact: "Witkoff"\n    prefix: "envoy, Steve "\n'
    '    corrected: "Witkoff"\n    error: name\n    confidence: low\n    evidence:\n'
    "      - article: trump-asked-putin-spare-troops\n"
    '        exact: "Steve Witkoff, arrived in Moscow on March 13"\n'
    '        note: "the article says “Putin refused to meet him”"\n'
)


def test_warnings_of_a_cached_build_are_those_of_a_build_from_scratch(project: Path, tmp_path: Path) -> None:
    """The checks of meaning are kept by the wording they read; their warnings name today's lines."""
    path = project / "annotations" / f"{ARTICLE}.yml"
    path.write_text(path.read_text("utf-8") + WARNED, "utf-8")
    before = build.build(project, with_site=False).diagnostics
    path.write_text("# a line added at the top moves every warning of this file\n" + path.read_text("utf-8"), "utf-8")
    cached = build.build(project, with_site=False).diagnostics
    fresh = copy_project(tmp_path / "fresh")
    for name in ("articles", "annotations"):
        shutil.rmtree(fresh / name)
        shutil.copytree(project / name, fresh / name)
    assert cached == build.check(fresh).diagnostics
    assert len(cached) == 2
    assert [d.line for d in cached] == [d.line + 1 for d in before]


def test_damaged_placings_and_bundles_are_misses(project: Path, tmp_path: Path) -> None:
    """A kept placing that is not a span, or a bundle value of another type, is made again."""
    store = cache.Store(project)
    damaged = {("one", ARTICLE, "x", None, None): ("digest", ["not", "numbers"]), 3: "not a placing"}
    for key in kept_placings.entry_keys():
        store.put(key, damaged)
    bundle = Bundle(store, "articles articles", lambda value: True)
    for key in bundle.keys:
        store.put(key, {ARTICLE: ("digest", "not an article")})
    _rebuilt_equals_scratch(project, tmp_path / "scratch")
    kept = kept_placings.load(cache.Store(project))
    assert kept_placings.spans(kept.get(("one", ARTICLE, "x", None, None))) is None


def test_articles_are_kept_unfolded_and_folded_when_a_selector_is_placed(project: Path, tmp_path: Path) -> None:
    """The cache keeps each article's text alone, not its folded form (anchor/selectors.py, Folded.unfolded):
    an article taken from it is folded when a selector is placed on it, as a build from scratch folds it."""
    store = cache.Store(project)
    kept = [value for key in Bundle(store, "articles articles", lambda value: True).old for value in key.values()]
    assert kept and all("norm" not in vars(article.folded) for _, article in kept)  # type: ignore[attr-defined]
    for key in kept_placings.entry_keys():  # every selector of the file edited is placed again
        store.path(key).unlink(missing_ok=True)
    edit(project / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "Read time.")
    _rebuilt_equals_scratch(project, tmp_path / "scratch")


def test_models_kept_share_the_set_of_their_given_fields() -> None:
    """The cache pickles a model as its values and one set of given fields for all the models given the same
    ones (schema.Strict): the models come back equal, and a copy with a field added leaves the others' set
    as it was."""
    made = [schema.Quote.model_validate({"exact": w, "id": w, "kind": "quote", "cluster": "c"}) for w in "ab"]
    first, second = pickle.loads(pickle.dumps(made))  # noqa: S301 - bytes made here
    assert [first, second] == made
    assert [first.model_dump(), hash(first)] == [made[0].model_dump(), hash(made[0])]
    assert first.model_fields_set is second.model_fields_set == made[0].model_fields_set
    assert first.model_copy(update={"note": "n"}).model_fields_set == {"exact", "id", "kind", "cluster", "note"}
    assert second.model_fields_set == {"exact", "id", "kind", "cluster"}


def test_a_one_file_rebuild_reads_the_placings_of_its_article(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The placings are kept in entries read when first asked for (kept_placings.Kept): an edit to one
    article's file does not read them all."""
    read: list[int] = []
    real = kept_placings.Kept._entry

    def reading(self: kept_placings.Kept, n: int) -> kept_placings.Placings:
        if n not in self.read:
            read.append(n)
        return real(self, n)

    monkeypatch.setattr(kept_placings.Kept, "_entry", reading)
    edit(project / "annotations" / f"{ARTICLE}.yml", "Reading-time label.", "Read time.")
    build.build(project, with_site=False)
    # its article's, those of the articles its evidence points into, of files resolved again (one reports a
    # problem at every build), and the rules' when there are corpus-wide rules: not all of them
    assert kept_placings.shard(("one", ARTICLE)) in read
    assert len(read) == len(set(read)) < len(kept_placings.entry_keys()) - 10


def test_placings_not_read_are_kept_as_they_are(tmp_path: Path) -> None:
    """An entry of the articles' placings no lookup read is kept for the next build as it is; one read is
    written with what the build used and the placings of the articles replayed."""
    store = cache.Store(tmp_path)
    here, there = ("one", "here", "x", "", ""), ("one", "there", "y", "", "")
    near, far = kept_placings.key(kept_placings.shard(here)), kept_placings.key(kept_placings.shard(there))
    assert near != far
    store.put(near, {here: ("text", [0, 1]), ("one", "gone", "z"): ("t", [1, 2])})
    store.put(far, {there: ("text", [2, 3])})
    before = os.stat(store.path(far)).st_mtime_ns
    kept = kept_placings.load(store)
    kept.shared = False  # as while an article file is resolved (kept_files.Reusing.annotations)
    assert kept.get(here) == ("text", [0, 1])
    kept_placings.save(store, kept, {here: ("text", Span(0, 1))})
    assert os.stat(store.path(far)).st_mtime_ns == before  # not written again
    assert far[2:] in store.kept  # and kept by prune
    again = cache.Store(tmp_path)
    assert again.get(near) == {here: ("text", [0, 1])}
    assert again.get(far) == {there: ("text", [2, 3])}
