"""``annotated-reader new DIR``: a new corpus project that passes check and builds (newproject.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from annotated_reader import build, cli, newproject
from annotated_reader.model import BuildFailed
from annotated_reader.write import linkcheck

ROOT = Path(__file__).resolve().parent.parent


def test_a_new_project_passes_check_and_builds_a_site_whose_links_resolve(tmp_path: Path) -> None:
    root = tmp_path / "my-corpus"
    assert cli.main(["new", str(root)]) == 0
    assert (root / "Makefile").read_text("utf-8").startswith("# A corpus")
    assert f"PYTHON ?= {sys.executable}" in (root / "Makefile").read_text("utf-8"), "make runs this installation"
    checked = build.check(root, strict=True)
    assert [d for d in checked.diagnostics if d.severity == "error"] == []
    result = build.build(root)
    assert list(result.corpus.articles) == ["sample"]
    count, broken = linkcheck.check(root / "site", "/my-corpus/")
    assert count > 10 and broken == []
    assert "Sudzha" in (root / "site" / "articles" / "sample" / "index.html").read_text("utf-8")


def test_a_folder_that_holds_anything_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(BuildFailed) as failed:
        newproject.create(tmp_path)
    assert "new or empty folder" in failed.value.diagnostics[0].message
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine" and not (tmp_path / "mkdocs.yml").exists()


def test_a_new_project_has_the_site_settings_of_this_repository(tmp_path: Path) -> None:
    """Theme, search, extensions, stylesheets and scripts as the corpus's mkdocs.yml has them: a new project's
    site searches with Pagefind and has assignments and student mode, under every engine."""
    newproject.create(tmp_path)
    ours = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - strings only
    new = yaml.load((tmp_path / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - strings only
    for key in ("theme", "plugins", "markdown_extensions", "extra_css", "extra_javascript", "validation", "not_in_nav"):
        assert new[key] == ours[key], key
