"""When each annotation was added and last changed, from git: the note, the W3C export and the Changes page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from annotated_reader import build
from annotated_reader.read import history
from annotated_reader.write.history_cache import HistoryCache
from tests.helpers import generate, w3c_items, w3c_pages
from tests.w3c_suite import Suite, suite_root

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="needs git")  # git is required by the project (README)

TEXT = "Leader says talks went well\nThe town of Suja fell on Friday.\n"
META = """corpus_id: a
title: Leader says talks went well
outlet: null
url: null
published: null
language: en
translation: null
source_language: null
provenance:
  title: {how: stated, basis: test}
  outlet: {how: unknown, basis: test}
  url: {how: unknown, basis: test}
  published: {how: unknown, basis: test}
  language: {how: inferred, basis: test}
  translation: {how: unknown, basis: test}
  source_language: {how: unknown, basis: test}
"""
NOTES = """article: a
annotations:
  - id: suja
    kind: correction
    exact: Suja
    corrected: Sudzha
    error: name
    confidence: high
    note: {note}
  - id: friday
    kind: note
    exact: on Friday
    note: A Friday.
"""
MKDOCS = "site_name: Test\nsite_url: https://example.org/t/\ndocs_dir: docs\n"


def _git(root: Path, *args: str, when: str = "") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    assert GIT is not None
    done = subprocess.run([GIT, "-C", str(root), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _project(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "articles" / "a.txt").write_text(TEXT, "utf-8")
    (root / "articles" / "a.yml").write_text(META, "utf-8")
    (root / "annotations" / "a.yml").write_text(NOTES.format(note="A misspelling."), "utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, "utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str, str]:
    """A project in git with two commits: the annotations, then a change to one note."""
    root = _project(tmp_path / "p")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "Annotations of a", when="2026-11-29T10:00:00+00:00")
    first = _git(root, "rev-parse", "HEAD")
    notes = root / "annotations" / "a.yml"
    notes.write_text(NOTES.format(note="The town is Sudzha, as the Guardian spells it."), "utf-8")
    _git(root, "commit", "-qam", "suja: say who spells it so", when="2026-11-30T08:30:00+00:00")
    return root, first, _git(root, "rev-parse", "HEAD")


def _site(root: Path) -> dict[str, str]:
    settings, corpus, diagnostics = build.gather(root)
    assert settings is not None and diagnostics == []
    corpus = type(corpus)(**{**corpus.__dict__, "history": history.read_history(root, HistoryCache(root))})
    return generate(settings, corpus)


def _items(site: dict[str, str]) -> dict[str, dict[str, Any]]:
    items = w3c_items(site)
    return {item["id"].rsplit("#", 1)[1]: item for item in items}


def test_created_and_modified_come_from_the_commits(repo: tuple[Path, str, str]) -> None:
    root, _, _ = repo
    items = _items(_site(root))
    assert (items["suja"]["created"], items["suja"]["modified"]) == ("2026-11-29T10:00:00Z", "2026-11-30T08:30:00Z")
    assert (items["friday"]["created"], items["friday"]["modified"]) == ("2026-11-29T10:00:00Z",) * 2


def test_the_note_shows_when_it_was_added_and_changed(repo: tuple[Path, str, str]) -> None:
    root, _, _ = repo
    soup = BeautifulSoup(_site(root)["articles/a.md"], "html.parser")
    dates = {li["id"]: li.select_one(".ar-dates").get_text() for li in soup.select('li[id^="fn:"]')}
    assert dates == {"fn:suja": "added 2026-11-29, changed 2026-11-30", "fn:friday": "added 2026-11-29"}


def test_the_changes_page_shows_the_note_before_and_after(repo: tuple[Path, str, str]) -> None:
    root, _, second = repo
    soup = BeautifulSoup(_site(root)["changes.md"].split("-->", 1)[1], "html.parser")
    (entry,) = soup.select(".ar-change")
    assert second[:12] in entry.get_text() and "suja: say who spells it so" in entry.get_text()
    assert entry.select_one("a")["href"] == "../articles/a/#suja"
    row = [cell.get_text() for cell in entry.select("tbody tr")[0].find_all(["th", "td"])]
    assert row == ["note", "A misspelling.", "The town is Sudzha, as the Guardian spells it."]
    assert "## 2026-11-30" in _site(root)["changes.md"]


def test_the_history_is_cached_by_blob_and_one_git_log_per_file(
    repo: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _, _ = repo
    first = history.read_history(root, HistoryCache(root))
    cached = sorted((root / ".cache" / "history").glob("*.json"))
    assert len(cached) == 1  # one tracked annotation file
    calls: list[tuple[str, ...]] = []
    real = history._git

    def counting(where: Path, *args: str) -> str | None:
        calls.append(args)
        return real(where, *args)

    monkeypatch.setattr(history, "_git", counting)
    again = history.read_history(root, HistoryCache(root))
    assert again.events == first.events
    assert [args[0] for args in calls] == ["ls-files"]  # the log comes from the cache


def test_outside_a_git_checkout_there_are_no_dates(tmp_path: Path) -> None:
    root = _project(tmp_path / "plain")
    site = _site(root)
    assert "created" not in _items(site)["suja"]
    assert "ar-dates" not in site["articles/a.md"]
    assert "No changes are recorded" in site["changes.md"]


def test_the_exported_dates_meet_the_w3c_suite(repo: tuple[Path, str, str]) -> None:
    """Every MUST still met, and the SHOULD items 'created' and 'modified' now implemented."""
    root, _, _ = repo
    if not suite_root().is_dir():
        pytest.fail(f"the W3C Web Annotation test suite is missing: {suite_root()}")
    musts = Suite(suite_root()).test("annotations/annotationMusts.test")
    optionals = Suite(suite_root()).test("annotations/annotationOptionals.test")
    site = _site(root)
    for page in w3c_pages(site):
        items = [{"@context": page["@context"], **item} for item in page["items"]]  # as the page gives them
        for item in items:
            assert musts.run(item).failures == []
            outcomes = optionals.run(item).by_assertion()
            for name in ("created", "modified"):
                outcome = outcomes[f"annotations/3.3.1-annotation{name.title()}Implemented.json"]
                assert outcome.status == "met", outcome.message


def test_a_new_commit_makes_the_build_fingerprint_differ(repo: tuple[Path, str, str]) -> None:
    """The notes' dates change with a commit even when no file does: the up-to-date check sees the commit."""
    from annotated_reader.write import uptodate

    root, first, second = repo
    assert uptodate.git_head(root) == second
    before = uptodate.inputs(root, "o")
    _git(root, "commit", "-q", "--allow-empty", "-m", "empty")
    assert uptodate.git_head(root) not in (first, second, "")
    assert uptodate.inputs(root, "o") != before
    assert uptodate.git_head(root.parent) == ""
