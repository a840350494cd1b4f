"""The scripts and stylesheets readers download (issue 15's page weight): docs/ gets minified copies of
annotated_reader/static/, which stays the commented source, and the copies still parse."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

from annotated_reader import build
from annotated_reader.render.escape import GENERATED
from tests.helpers import copy_project

NODE = shutil.which("node")


def source(name: str) -> str:
    return resources.files("annotated_reader").joinpath("static", name).read_text("utf-8")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("assets"))
    build.build(root, with_site=False)
    return root / "docs" / build.ASSETS


@pytest.mark.parametrize("name", build.asset_names())
def test_docs_gets_the_minified_source_under_a_generated_header(docs: Path, name: str) -> None:
    text = (docs / name).read_text("utf-8")
    header, body = text.split("\n", 1)
    assert header == f"/* {GENERATED} (source: annotated_reader/static/{name}) */"
    minify = rjsmin.jsmin if name.endswith(".js") else rcssmin.cssmin
    assert body == minify(source(name)) + "\n"
    assert "/*" not in body, "comments are left out"
    smaller = len(gzip.compress(text.encode(), 6, mtime=0))
    assert smaller < len(gzip.compress(source(name).encode(), 6, mtime=0)) * 0.9, "a tenth fewer bytes at least"
    assert build.asset(name) == build.asset(name), "the same copy every build"


@pytest.mark.skipif(NODE is None, reason="node is not installed (npm ci brings the browser test tools with it)")
@pytest.mark.parametrize("name", [n for n in build.asset_names() if n.endswith(".js")])
def test_each_minified_script_still_parses(docs: Path, name: str) -> None:
    assert NODE is not None
    checked = subprocess.run([NODE, "--check", str(docs / name)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("name", [n for n in build.asset_names() if n.endswith(".css")])
def test_each_minified_stylesheet_keeps_every_rule(docs: Path, name: str) -> None:
    body = (docs / name).read_text("utf-8").split("\n", 1)[1]
    assert body.count("{") == body.count("}") > 10
    rules = [line for line in source(name).splitlines() if line.startswith(".ar-") and "{" in line]
    selectors = {line.split("{")[0].strip() for line in rules}
    squeezed = body.replace(" ", "")
    assert selectors and [s for s in selectors if s.replace(" ", "") + "{" not in squeezed] == []
