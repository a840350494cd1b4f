"""``build_site.py new FILE.txt`` (an article's metadata that validates as written), the ``new DIR`` branch,
and ``build_site.py list clusters|claims|names``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from annotated_reader import build, cli
from annotated_reader.contributor import scaffold
from annotated_reader.read import schema
from tests.helpers import copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


def test_new_article_copies_the_text_and_writes_valid_metadata(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "kyiv-talks.txt"
    text.write_text("\n  Kyiv says the talks go on  \n\nThe text.\n", "utf-8")
    assert cli.main(["--root", str(project), "new", str(text)]) == 0
    assert "wrote articles/kyiv-talks.txt\nwrote articles/kyiv-talks.yml\n" in capsys.readouterr().out
    assert (project / "articles" / "kyiv-talks.txt").read_bytes() == text.read_bytes()
    meta_text = (project / "articles" / "kyiv-talks.yml").read_text("utf-8")
    assert meta_text.startswith(scaffold.SCHEMA_LINE)
    meta = schema.ArticleMeta.model_validate(yaml.safe_load(meta_text))
    assert meta.title == "Kyiv says the talks go on" and meta.corpus_id is None
    assert tuple(meta.provenance) == schema.PROVENANCE_FIELDS
    corpus = build.check(project).corpus
    assert "kyiv-talks" in corpus.articles


def test_new_article_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = project / "articles" / "trump-asked-putin-spare-troops.txt"
    before = (project / "articles" / "trump-asked-putin-spare-troops.yml").read_bytes()
    assert cli.main(["--root", str(project), "new", str(existing)]) == 1
    err = capsys.readouterr().err
    assert "articles/trump-asked-putin-spare-troops.yml exists already; new never overwrites" in err
    assert (project / "articles" / "trump-asked-putin-spare-troops.yml").read_bytes() == before


def test_new_article_refuses_a_name_that_is_no_slug(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "Kyiv Talks.txt"
    text.write_text("Title\n", "utf-8")
    assert cli.main(["--root", str(project), "new", str(text)]) == 1
    assert "is not a slug" in capsys.readouterr().err
    assert not (project / "articles" / "Kyiv Talks.yml").exists()


def test_new_dispatches_on_its_argument(project: Path, tmp_path: Path) -> None:
    """A folder makes a corpus project (newproject.py, tested in test_newproject); a .txt an article's metadata."""
    target = tmp_path / "elsewhere"
    assert cli.main(["--root", str(project), "new", str(target)]) == 0
    assert (target / "mkdocs.yml").is_file() and (target / "articles").is_dir()
    assert not (target / "elsewhere.yml").exists() and not (project / "articles" / "elsewhere.yml").exists()


@pytest.mark.parametrize("table", ["clusters", "claims", "names"])
def test_list_prints_every_id_with_its_title(table: str, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parent.parent
    assert cli.main(["--root", str(root), "list", table]) == 0
    lines = capsys.readouterr().out.splitlines()
    corpus = build.check(root).corpus
    tables: dict[str, Mapping[str, object]] = {
        "clusters": corpus.clusters,
        "claims": corpus.claims,
        "names": corpus.names,
    }
    defined = tables[table]
    assert [line.split()[0] for line in lines] == list(defined)
    assert all(len(line.split(None, 1)) == 2 for line in lines)
