"""Every internal link and #fragment of the built site resolves, under each site engine (README, Engines).

Neither engine checks links inside raw HTML, and Zensical rewrites them: linkcheck.py reads the built
HTML as a browser would. Each engine builds a copy of the project in its own process, as ``make site
ENGINE=...`` does (the engine decides how links are written when the package is imported).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from annotated_reader.model import BuildFailed
from annotated_reader.write import engines, linkcheck
from tests.helpers import copy_project

ROOT = Path(__file__).resolve().parent.parent


def _base(root: Path) -> str:
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - no objects
    return urlsplit(config["site_url"]).path or "/"


def build_with(engine: str, target: Path) -> Path:
    """A copy of the project in ``target`` built by ``engine`` in its own process, as ``make site ENGINE=...``
    does; returns the project's root (tests/browser/test_engines.py searches the site)."""
    root = copy_project(target)
    env = {**os.environ, engines.VARIABLE: engine}
    done = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--root", str(root), "build"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{engine} " in done.stdout, "the build names the engine that ran"
    assert "(search: Pagefind)" in done.stdout, "every engine's site is searched with Pagefind"
    return root


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_every_internal_link_of_the_built_site_resolves(engine: str, tmp_path: Path) -> None:
    root = build_with(engine, tmp_path / "project")
    count, broken = linkcheck.check(root / "site", _base(root))
    assert count > 1000, "the corpus site links its articles, quotes and claims"
    assert broken == [], "\n".join(f"{b.page}: {b.href}: {b.reason}" for b in broken[:20])
    assert not (root / engines.ZENSICAL_CONFIG).exists(), "the generated config is removed after the build"
    index = (root / "site" / "index.html").read_text("utf-8")
    assert "reader.js" in index and "md-search" not in index, "the site's search box (reader.js), not the theme's"
    assert "pagefind-search.js" not in index, "the search script loads when a reader starts a search"
    theme_index = root / "site" / "search.json"  # Zensical writes one even with its search off: empty then
    assert not theme_index.exists() or json.loads(theme_index.read_text("utf-8"))["items"] == []


def test_the_check_finds_a_missing_page_and_a_missing_fragment(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">gone</a><p id="x"></p>', "utf-8")
    (tmp_path / "a" / "index.html").write_text('<a href="../#x">ok</a><a href="../#y">no id</a>', "utf-8")
    count, broken = linkcheck.check(tmp_path)
    assert count == 4
    assert [(b.page, b.href) for b in broken] == [("a/index.html", "../#y"), ("index.html", "b/")]


@pytest.mark.parametrize(
    ("plugins", "off"),
    [
        ("", [{"search": {"enabled": False}}]),
        ("plugins: []\n", [{"search": {"enabled": False}}]),
        ("plugins:\n  - search\n", [{"search": {"enabled": False}}]),
        ("plugins:\n  tags: {}\n", {"search": {"enabled": False}}),  # a mapping merges only with a mapping
    ],
)
def test_zensical_config_sets_the_folder_it_builds_into_without_its_search(
    tmp_path: Path, plugins: str, off: object
) -> None:
    settings = f"site_name: x\nsite_dir: elsewhere\nsite_url: https://e.org/\n{plugins}extra: !ENV [X, 1]\n"
    (tmp_path / "mkdocs.yml").write_text(settings, "utf-8")
    (tmp_path / ".mkdocs-pagefind.yml").write_text("# generated\nINHERIT: mkdocs.yml\n", "utf-8")
    command = engines.command("zensical", tmp_path, tmp_path / ".site-1", ".mkdocs-pagefind.yml", "python")
    config = yaml.safe_load((tmp_path / engines.ZENSICAL_CONFIG).read_text("utf-8"))
    assert "--site-dir" not in command and command[-1] == str(tmp_path / engines.ZENSICAL_CONFIG)
    assert config == {"INHERIT": ".mkdocs-pagefind.yml", "site_dir": str(tmp_path / ".site-1"), "plugins": off}


def test_an_unknown_engine_is_named_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(engines.VARIABLE, "hugo")
    with pytest.raises(BuildFailed) as failed:
        engines.name()
    (problem,) = failed.value.diagnostics
    assert "hugo" in problem.message and "zensical" in problem.hint
