"""The preview's endpoint is safe by construction: without the run's token, from another origin or host, or for
a path outside annotations/, a request is refused and nothing is written; a busy port is one line and exit 1.
And the YAML surgery of Save and Edit keeps every other byte of the file."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from annotated_reader.preview import entries
from annotated_reader.preview.server import BUILDING, Server
from annotated_reader.preview.state import Preview
from tests.helpers import ROOT
from tests.preview_served import Serve, fingerprint, free_port, serve_command

ARTICLE = "trump-asked-putin-spare-troops"
FILE = f"annotations/{ARTICLE}.yml"
WORDS = "arrived in Moscow on March 13"
NOTE = {"article": ARTICLE, "kind": "note", "mode": "new", "words": WORDS, "text_line": 25, "note": "A test note."}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    with Serve(tmp_path_factory.mktemp("preview")) as serve:
        yield serve


def own(serve: Serve, token: str | None = None) -> dict[str, str]:
    headers = {"Origin": serve.url, "Content-Type": "application/json"}
    return headers | ({"X-Preview-Token": token} if token else {})


def test_the_makefile_runs_this_serve_command() -> None:
    recipe = re.search(r"(?m)^serve:.*\n\t(.*)$", (ROOT / "Makefile").read_text("utf-8"))
    assert recipe and recipe.group(1) == "$(PY) build_site.py serve --port $(PORT)"
    assert serve_command(Path("r"), 1)[-4:] == ["r", "serve", "--port", "1"]


def test_without_the_token_nothing_is_written(served: Serve) -> None:
    before = fingerprint(served.root)
    assert served.request("/__preview/save", NOTE, own(served))[0] == 403
    assert served.request("/__preview/save", NOTE, own(served, "wrong-token"))[0] == 403
    assert served.request("/__preview/status")[0] == 403
    assert fingerprint(served.root) == before


def test_from_another_origin_or_host_nothing_is_written(served: Serve) -> None:
    token, before = served.token(), fingerprint(served.root)
    elsewhere = own(served, token) | {"Origin": "http://evil.example"}
    assert served.request("/__preview/save", NOTE, elsewhere) == (403, {"error": "request from another origin refused"})
    no_origin = {k: v for k, v in own(served, token).items() if k != "Origin"}
    assert served.request("/__preview/save", NOTE, no_origin)[0] == 403
    rebound = own(served, token) | {
        "Host": f"evil.example:{served.port}",
        "Origin": f"http://evil.example:{served.port}",
    }
    assert served.request("/__preview/save", NOTE, rebound)[0] == 403
    cross_site = own(served, token) | {"Sec-Fetch-Site": "cross-site"}
    assert served.request("/__preview/save", NOTE, cross_site)[0] == 403
    assert fingerprint(served.root) == before


@pytest.mark.parametrize(
    "path", ["mkdocs.yml", "articles/trump-asked-putin-spare-troops.yml", "annotations/../mkdocs.yml", "/etc/passwd"]
)
def test_a_path_outside_annotations_is_refused(served: Serve, path: str) -> None:
    token, before = served.token(), fingerprint(served.root)
    edit = NOTE | {"mode": "edit", "path": path, "line": 1}
    status, answer = served.request("/__preview/save", edit, own(served, token))
    assert status == 403 and "annotations/" in str(answer["error"])
    assert fingerprint(served.root) == before


def test_a_link_in_annotations_is_never_written_through(served: Serve) -> None:
    token = served.token()
    target = served.root / "outside.yml"
    target.write_text("article: x\n", "utf-8")
    link = served.root / "annotations" / "linked.yml"
    os.symlink(target, link)
    try:
        edit = NOTE | {"mode": "edit", "path": "annotations/linked.yml", "line": 1}
        status, answer = served.request("/__preview/save", edit, own(served, token))
        assert status == 403 and "symbolic link" in str(answer["error"])
        assert target.read_text("utf-8") == "article: x\n"
    finally:
        link.unlink()


def test_an_oversized_request_is_refused(served: Serve) -> None:
    token, before = served.token(), fingerprint(served.root)
    huge = NOTE | {"note": "x" * 300_000}
    assert served.request("/__preview/save", huge, own(served, token))[0] == 413
    assert fingerprint(served.root) == before


def test_what_the_validator_rejects_is_not_written(served: Serve) -> None:
    token, before = served.token(), fingerprint(served.root)
    quote = NOTE | {"kind": "quote", "ref": "no-such-cluster"}
    status, answer = served.request("/__preview/save", quote, own(served, token))
    assert status == 200 and answer["ok"] is False
    assert "unknown quote cluster 'no-such-cluster'" in str(answer["errors"])
    assert fingerprint(served.root) == before


def test_copy_yaml_writes_nothing(served: Serve) -> None:
    token, before = served.token(), fingerprint(served.root)
    status, answer = served.request("/__preview/yaml", NOTE, own(served, token))
    assert status == 200 and answer["ok"] is True
    assert yaml.safe_load(str(answer["yaml"])) == [
        {"id": "arrived-in-moscow-on-march", "kind": "note", "exact": WORDS, "note": "A test note."}
    ]
    assert fingerprint(served.root) == before


def test_a_busy_port_is_one_line_and_exit_1(tmp_path: Path) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        done = subprocess.run(serve_command(tmp_path, port), capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: port {port} is busy (another serve?); try another: make serve PORT={port + 1}"
    ]


# ---- the YAML text of Save and Edit ------------------------------------------------------------------------

SAMPLE = """# yaml-language-server: $schema=../schema/annotation-file.schema.json
article: a
annotations:
  - id: one
    kind: note
    exact: "x"
    note: >-
      folded
      text

  # --- next section ---
  - id: two
    kind: note
    exact: "y"
    note: "z"
questions:
  - "Why?"
"""


def test_add_keeps_every_other_byte_and_goes_after_the_last_entry() -> None:
    text, line = entries.add(SAMPLE, "annotations", {"id": "three", "kind": "note", "exact": 'q"uote', "note": "n"})
    added = '  - id: three\n    kind: note\n    exact: "q\\"uote"\n    note: "n"\n'
    assert text == SAMPLE.replace('    note: "z"\n', '    note: "z"\n' + added)
    assert text.splitlines()[line - 1] == "  - id: three"
    assert yaml.safe_load(text)["annotations"][2]["exact"] == 'q"uote'


def test_replace_changes_exactly_that_entry() -> None:
    text = entries.replace(SAMPLE, "annotations", 4, {"id": "one", "kind": "note", "exact": "x", "note": "new"})
    assert text == SAMPLE.replace("    note: >-\n      folded\n      text\n", '    note: "new"\n')
    assert "# --- next section ---" in text and "questions:" in text


def test_a_new_file_gets_its_schema_line() -> None:
    text, line = entries.add("", "annotations", {"id": "new-note", "kind": "note", "exact": "e", "note": "t"}, "slug")
    assert text.startswith(entries.SCHEMA_LINE + "article: slug\nannotations:\n  - id: new-note\n")
    assert line == 4


# ---- pages served before serve's first rebuild is done -----------------------------------------------------------


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the local preview
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_before_the_first_rebuild_the_site_as_last_built_is_served_with_a_notice(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "articles" / ARTICLE).mkdir(parents=True)
    (site / "articles" / ARTICLE / "index.html").write_text(
        "<!doctype html><html><head><title>T</title></head><body class=x><p>The old page.</p></body></html>", "utf-8"
    )
    preview = Preview(tmp_path)  # no rebuild run: generation 0, as while the first one is under way
    server = Server(0, site, preview)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.port}"
    try:
        status, page = _get(f"{base}/articles/{ARTICLE}/")
        assert status == 200 and "The old page." in page
        assert page.index("<body class=x>") < page.index(BUILDING) < page.index("The old page.")
        assert 'data-generation="0"' in page and page.count('<meta name="ar-preview"') == 1  # reloads when done
        status, missing = _get(f"{base}/articles/not-built-yet/")
        assert status == 404 and BUILDING in missing and 'data-generation="0"' in missing
        preview.status.generation = 1  # the first rebuild is done: the pages are this run's own
        status, page = _get(f"{base}/articles/{ARTICLE}/")
        assert status == 200 and BUILDING not in page and 'data-generation="1"' in page
        assert BUILDING not in _get(f"{base}/articles/not-built-yet/")[1]
    finally:
        server.shutdown()
        server.server_close()
