"""prune.py: the theme's and Pagefind's files that no page loads are left out of site/, and nothing a page
loads is (every engine: tests/test_links.py checks each engine's built links, tests/browser/test_engines.py
loads each engine's pages and searches with no failed request)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from annotated_reader import build
from annotated_reader.write import prune
from tests.helpers import copy_project

PAGE = """<!doctype html><html><head><link href=../assets/stylesheets/main.css rel=stylesheet>
<script src="../assets/javascripts/bundle.js"></script></head><body>{body}</body></html>"""


def _site(tmp_path: Path, body: str = "") -> Path:
    site = tmp_path / "site"
    files = {
        "index.html": PAGE.format(body=body),
        "assets/javascripts/bundle.js": "var a=1;\n//# sourceMappingURL=bundle.js.map\n",
        "assets/javascripts/bundle.js.map": "{}",
        "assets/javascripts/other.js": "var b=2;\n//# sourceMappingURL=elsewhere.js.map\n",
        "assets/stylesheets/main.css": "a{color:red}\n/*# sourceMappingURL=main.css.map */\n",
        "assets/stylesheets/main.css.map": "{}",
        "assets/javascripts/workers/search.123.min.js": "w",
        "assets/javascripts/lunr/min/lunr.de.min.js": "l",
        "pagefind/pagefind.js": "p",
        "pagefind/pagefind-worker.js": "p",
        "pagefind/pagefind-ui.js": "u",
        "pagefind/pagefind-ui.css": "u",
        "pagefind/pagefind-component-ui.js": "u",
        "pagefind/pagefind-modular-ui.css": "u",
        "pagefind/pagefind-highlight.js": "u",
        "pagefind/wasm.en.pagefind": "w",
        "pagefind/wasm.unknown.pagefind": "w",
        "pagefind/pagefind-entry.json": json.dumps({"languages": {"en": {"hash": "en_1", "wasm": "en"}}}),
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, "utf-8")
    return site


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_what_no_page_loads_is_removed_and_the_rest_kept(tmp_path: Path) -> None:
    site = _site(tmp_path)
    removed = prune.site(site)
    assert set(removed) == {
        "assets/javascripts/workers",
        "assets/javascripts/lunr",
        "assets/javascripts/bundle.js.map",
        "assets/stylesheets/main.css.map",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-ui.css",
        "pagefind/pagefind-component-ui.js",
        "pagefind/pagefind-modular-ui.css",
        "pagefind/pagefind-highlight.js",
        "pagefind/wasm.unknown.pagefind",
    }
    assert _files(site) == {
        "index.html",
        "assets/javascripts/bundle.js",
        "assets/javascripts/other.js",
        "assets/stylesheets/main.css",
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/wasm.en.pagefind",
        "pagefind/pagefind-entry.json",
    }
    assert (site / "assets/javascripts/bundle.js").read_text() == "var a=1;\n", "no file names a removed map"
    assert (site / "assets/stylesheets/main.css").read_text() == "a{color:red}\n"
    assert "elsewhere.js.map" in (site / "assets/javascripts/other.js").read_text(), "a comment naming another file"
    assert prune.site(site) == [], "a second run finds nothing more"


@pytest.mark.parametrize(
    "body",
    [
        '<form class="md-search" data-md-component="search"></form>',
        "<div data-md-component=search><form name=search></form></div>",
    ],
)
def test_a_page_with_the_themes_search_keeps_its_worker_and_lunr(tmp_path: Path, body: str) -> None:
    site = _site(tmp_path, body)
    prune.site(site)
    kept = {"assets/javascripts/workers/search.123.min.js", "assets/javascripts/lunr/min/lunr.de.min.js"}
    assert kept <= _files(site)


def test_a_file_a_page_names_stays_whatever_the_rules_say(tmp_path: Path) -> None:
    body = '<link href="../pagefind/pagefind-ui.css" rel=stylesheet>'
    body += "<script src=../pagefind/pagefind-ui.js?v=1></script>"
    site = _site(tmp_path, body)
    prune.site(site)
    assert {"pagefind/pagefind-ui.css", "pagefind/pagefind-ui.js"} <= _files(site)
    assert "pagefind/pagefind-highlight.js" not in _files(site)


def test_a_file_is_named_by_its_path_or_from_the_root_by_its_name(tmp_path: Path) -> None:
    """A relative address is resolved from its page as a browser does (".." stops at the root); one from the
    site's root or a full URL keeps a file of that name (the site's own path in it is not known here); naming a
    file in a folder keeps the folder."""
    body = '<link href="../elsewhere/pagefind-ui.css" rel=stylesheet>'  # another file of that name: not kept
    body += '<script src="/base/pagefind/pagefind-highlight.js"></script>'  # from the root: kept by name
    body += "<a href=https://example.org/base/pagefind/pagefind-ui.js>x</a>"  # a full URL too
    body += '<script src="../../assets/javascripts/workers/search.123.min.js"></script>'  # a file in the folder
    site = _site(tmp_path, body)
    (site / "a").mkdir()
    (site / "a" / "index.html").write_text(PAGE.format(body="<link href=../../pagefind/pagefind-modular-ui.css>"))
    prune.site(site)
    files = _files(site)
    assert "pagefind/pagefind-ui.css" not in files and "assets/javascripts/lunr/min/lunr.de.min.js" not in files
    kept = {"pagefind/pagefind-highlight.js", "pagefind/pagefind-ui.js", "assets/javascripts/workers/search.123.min.js"}
    assert kept | {"pagefind/pagefind-modular-ui.css"} <= files


def test_what_minify_read_of_a_page_is_not_read_again(tmp_path: Path) -> None:
    """minify.py hands over what each page names (its record): prune reads only the pages it has no names for."""
    site = _site(tmp_path, '<link href="../pagefind/pagefind-ui.css" rel=stylesheet>')
    (site / "a").mkdir()
    (site / "a" / "index.html").write_text(PAGE.format(body="<script src=../pagefind/pagefind-ui.js></script>"))
    known = {"index.html": prune.names_in("index.html", PAGE.format(body="").encode())}
    prune.site(site, known)
    files = _files(site)
    assert "pagefind/pagefind-ui.css" not in files, "index.html was not read: its record names no such file"
    assert "pagefind/pagefind-ui.js" in files, "a/index.html, not in the record, was read"
    assert "assets/javascripts/bundle.js" in files and "assets/stylesheets/main.css" in files


def test_an_unreadable_pagefind_entry_keeps_every_webassembly_file(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "pagefind/pagefind-entry.json").write_text("{", "utf-8")
    prune.site(site)
    assert {"pagefind/wasm.en.pagefind", "pagefind/wasm.unknown.pagefind"} <= _files(site)


REF = re.compile(r"""(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def test_the_built_site_names_no_file_it_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped corpus built: no theme search, source map or Pagefind interface is left, and no page,
    stylesheet or script names a file of the site that is not there (the theme's own search worker, named
    in Material's page configuration, is loaded only by a search component no page has)."""
    root = copy_project(tmp_path)
    known: list[set[str]] = []
    site_of = prune.site

    def pruning(site_dir: Path, names: Mapping[str, prune.Names] | None = None) -> list[str]:
        known.append(set(names or {}))
        return site_of(site_dir, names)

    monkeypatch.setattr(prune, "site", pruning)
    build.build(root)
    site = root / "site"
    files = _files(site)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert known == [pages], "minify.py said what every page names: prune.py read no page again"
    assert not [rel for rel in files if rel.endswith(".map") or "/lunr/" in rel or "/workers/" in rel]
    assert not [rel for rel in files if prune.PAGEFIND_UI.fullmatch(rel.rsplit("/", 1)[-1])]
    assert "pagefind/pagefind.js" in files and any(rel.startswith("pagefind/wasm.") for rel in files)
    missing = []
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert prune.SEARCH_COMPONENT.search(html.encode()) is None, page
        for found in REF.finditer(html):
            target = (found[1] or found[2] or found[3]).split("#")[0].split("?")[0]
            if not target or re.match(r"[a-z]+:", target):
                continue
            base = "/annotated-reader/"  # the path of the shipped mkdocs.yml's site_url (404.html links from it)
            resolved = (site / target[len(base) :] if target.startswith(base) else page.parent / target).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                missing.append(f"{page.relative_to(site)}: {target}")
    for asset in [*site.rglob("*.js"), *site.rglob("*.css")]:
        named = re.findall(r"sourceMappingURL=([^\s*]+)", asset.read_text("utf-8", errors="replace"))
        missing += [f"{asset.relative_to(site)}: {n}" for n in named if not (asset.parent / n).is_file()]
    assert missing == []


def test_a_bundle_made_anew_loses_what_the_full_build_left_out(tmp_path: Path) -> None:
    """make serve's re-indexing (preview/reindex.py) puts a fresh bundle in place of site/pagefind: it drops
    the files of the rules that the bundle it replaces no longer has, and nothing else."""
    site = _site(tmp_path)
    fresh = tmp_path / "fresh"
    shutil.copytree(site / "pagefind", fresh)
    prune.site(site)
    (site / "pagefind" / "pagefind-ui.css").write_text("u", "utf-8")  # as if a page named it: the build kept it
    prune.like_before(fresh, site / "pagefind")
    assert {p.name for p in fresh.iterdir()} == {p.name for p in (site / "pagefind").iterdir()} | {"pagefind-ui.css"}
