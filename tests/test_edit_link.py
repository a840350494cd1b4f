"""The "Edit the annotations of this article" link: where it points, when it shows, what mkdocs.yml may say."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from annotated_reader.kinds import Context
from annotated_reader.read import mkdocs_config, repository
from annotated_reader.read.repository import Repository
from annotated_reader.render.article import render_article
from tests.helpers import article, corpus_of, correction

TEXT = "Title\nTroops left Suja.\n"
REPO = Repository("https://github.com/owner/reader", "main")


def _edit_link(with_file: bool, repo: Repository | None = REPO) -> BeautifulSoup | None:
    a = article(TEXT)
    files = [{"article": "a", "annotations": [correction("Suja", "Sudzha")]}] if with_file else []
    corpus, problems = corpus_of([a], files)
    assert [p for p in problems if p.severity == "error"] == []
    out = render_article(a, corpus.placed["a"], Context(corpus, "articles/a.md", "https://example.org/", repo))
    found = BeautifulSoup(out.split("-->", 1)[1], "html.parser").select_one(".ar-header .ar-edit a")
    return found


def test_link_opens_the_articles_annotation_file_in_the_editor() -> None:
    link = _edit_link(with_file=True)
    assert link is not None
    assert link["href"] == "https://github.com/owner/reader/edit/main/annotations/f0.yml"
    assert link.get_text() == "Edit the annotations of this article"


def test_without_an_annotation_file_the_link_starts_one_named_after_the_article() -> None:
    link = _edit_link(with_file=False)
    assert link is not None
    parts = urlsplit(link["href"])
    assert parts.path == "/owner/reader/new/main/annotations"
    query = parse_qs(parts.query)
    assert query["filename"] == ["a.yml"]
    (content,) = query["value"]
    assert content.splitlines() == [
        "# yaml-language-server: $schema=../schema/annotation-file.schema.json",
        "article: a",
        "annotations:",
    ]
    assert link.get_text() == "Annotate this article"


def test_no_link_without_a_repository() -> None:
    assert _edit_link(with_file=True, repo=None) is None


def _settings(tmp_path: Path, extra: str) -> tuple[mkdocs_config.Settings | None, list[str]]:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\nsite_url: https://example.org/t/\n{extra}", "utf-8")
    settings, problems = mkdocs_config.read(tmp_path)
    return settings, [p.format() for p in problems]


def test_repository_is_read_from_extra(tmp_path: Path) -> None:
    settings, problems = _settings(tmp_path, "extra:\n  repo_url: https://github.com/o/r/\n")
    assert problems == []
    assert settings is not None and settings.repository == Repository("https://github.com/o/r", "main")
    settings, _ = _settings(tmp_path, "extra:\n  repo_url: https://github.com/o/r\n  repo_branch: gh-pages\n")
    assert settings is not None and settings.repository == Repository("https://github.com/o/r", "gh-pages")


def test_no_repository_when_not_set(tmp_path: Path) -> None:
    for extra in ("", "extra:\n  generator: false\n", "extra:\n  repo_url: null\n"):
        settings, problems = _settings(tmp_path, extra)
        assert problems == [] and settings is not None and settings.repository is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('  repo_url: "javascript:alert(1)"\n', "extra.repo_url must be an http(s) address"),
        ("  repo_url: 'https://github.com/o/r\"><script>'\n", "extra.repo_url must be an http(s) address"),
        ("  repo_url: https://github.com/o/r\n  repo_branch: 'main branch'\n", "extra.repo_branch is not a branch"),
    ],
)
def test_a_bad_repository_is_an_error_at_mkdocs_yml(tmp_path: Path, extra: str, message: str) -> None:
    _, problems = _settings(tmp_path, "extra:\n" + extra)
    (problem,) = problems
    assert problem.startswith("mkdocs.yml:1:1: error: " + message)
    assert "hint: " in problem


def test_the_link_is_escaped_in_the_page() -> None:
    a = article(TEXT)
    corpus, _ = corpus_of([a], [])
    out = render_article(a, [], Context(corpus, "articles/a.md", "https://example.org/", REPO))
    raw = repository.annotations_link(REPO, "a", None).url
    assert "&value=" in raw
    assert f'href="{raw.replace("&", "&amp;")}"' in out
