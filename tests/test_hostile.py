"""Hostile and broken input: each is rejected at its line with a hint, or rendered inert.

Every case runs the real command line (`build_site.py check` or `build`) on a small project in a
temporary folder and reads what a contributor would read on stderr.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from annotated_reader import cli

GOLDEN = Path(__file__).parent / "golden" / "errors"
TEXT = "Troops in Suja\nTroops left Suja. Suja is near the border.\nThe front held.\n"


def project(tmp: Path, files: dict[str, bytes | str]) -> Path:
    (tmp / "articles").mkdir()
    (tmp / "annotations").mkdir()
    shutil.copy(GOLDEN / "mkdocs.yml", tmp / "mkdocs.yml")
    (tmp / "articles" / "base.txt").write_text(TEXT, "utf-8")
    shutil.copy(GOLDEN / "articles" / "base.yml", tmp / "articles" / "base.yml")
    for name, content in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return tmp


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["--root", str(root), *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def note(ident: str, exact: str, text: str = "x") -> str:
    return f"  - id: {ident}\n    kind: note\n    exact: {exact}\n    note: {text}\n"


HEAD = "article: base\nannotations:\n"
BOMB = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

# (what the case is, file contents, the diagnostic it must produce: "line:col: error: message" fragment)
REJECTED: list[tuple[str, bytes | str, str]] = [
    ("invalid YAML", "article: [base\nannotations: []\n", "2:12: error: invalid YAML"),
    ("a tab", HEAD + "\t- id: x\n", "3:1: error: invalid YAML: found character that cannot start any token"),
    ("duplicate keys", "article: base\narticle: base\n", "2:1: error: duplicate key 'article'"),
    ("wrong type", "article: base\nannotations: many\n", "2:14: error: annotations must be a list"),
    ("unknown key", HEAD + note("n", "Troops left") + "    colour: red\n", "7:5: error: unknown key 'colour' in note"),
    ("missing key", HEAD + "  - id: n\n    kind: note\n    exact: Troops left\n", "3:5: error: missing required key"),
    ("empty file", "", "1:1: error: empty annotation file"),
    ("only a comment", "# nothing yet\n", "1:1: error: empty annotation file"),
    ("top-level list", "- article: base\n", "1:1: error: expected a mapping at the top, found list"),
    ("top-level scalar", "just words\n", "1:1: error: expected a mapping at the top, found str"),
    ("non-UTF-8 bytes", b"article: base\nnote: caf\xe9\n", "2:10: error: not UTF-8 text (byte 0xe9)"),
    ("binary data", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "error: not UTF-8 text"),
    ("NUL bytes", b"article: base\x00\n", "1:1: error: binary data (NUL bytes)"),
    ("tens of megabytes", b"article: base\n" + b"# padding\n" * 3_000_000, "1:1: error: file is 30,000,014 bytes"),
    ("alias bomb", BOMB, "1:4: error: YAML anchors and aliases (&name, *name) are not allowed"),
    ("flow nesting a hundred deep", "a: " + "[" * 100 + "]" * 100 + "\n", "1:35: error: nesting deeper than 32"),
    # thousands deep, PyYAML (6.0.4) refuses it itself, looking ahead for a key before the reader sees the levels
    ("flow nesting thousands deep", "a: " + "[" * 5000 + "]" * 5000 + "\n", "1:1003: error: invalid YAML: exceeded"),
    (
        "block nesting thousands deep",
        "".join(" " * i + "- \n" for i in range(1000))[:-1] + "x\n",
        "error: nesting deeper than 32",
    ),
    ("python tag", "article: !!python/object/apply:os.system ['id']\n", "1:10: error: YAML tag"),
    ("local tag", "article: !base base\n", "1:10: error: YAML tag '!base' is not allowed"),
    ("merge key", "a: {x: 1}\nb:\n  <<: {y: 2}\n", "3:3: error: "),
    (
        "duplicate annotation ids",
        HEAD + note("n", "Troops left") + note("n", "the border"),
        "duplicate annotation id 'n'",
    ),
    ("id with a slash", HEAD + note("a/b", "Troops left"), "3:9: error: invalid id 'a/b'"),
    ("id with dots", HEAD + note("..", "Troops left"), "3:9: error: invalid id '..'"),
    ("id with spaces", HEAD + note("a b", "Troops left"), "3:9: error: invalid id 'a b'"),
    ("id with HTML", HEAD + note('"<b>x</b>"', "Troops left"), "3:9: error: invalid id '<b>x</b>'"),
    ("article slug with dots", "article: ../../etc/passwd\nannotations: []\n", "1:10: error: "),
    ("article slug with HTML", "article: '<script>'\nannotations: []\n", "1:10: error: "),
    ("missing article", "article: bass\nannotations: []\n", "1:10: error: unknown article 'bass'"),
    (
        "missing cluster",
        HEAD + "  - {id: q, kind: quote, cluster: nowhere, exact: Troops left}\n",
        "3:35: error: unknown quote cluster 'nowhere'",
    ),
    (
        "missing claim",
        HEAD + "  - {id: c, kind: claim, claim: nowhere, exact: Troops left}\n",
        "3:33: error: unknown claim 'nowhere'",
    ),
    ("empty exact", HEAD + note("n", "''"), "5:12: error: exact is empty"),
    (
        "javascript URL in evidence",
        "claims:\n  - id: c\n    claim: x\n    claimant: y\n    status: disputed\n    evidence:\n"
        "      - {source: s, url: 'javascript:alert(1)', note: n, confidence: low}\n",
        "7:26: error: invalid url",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in REJECTED], ids=[c[0] for c in REJECTED])
def test_rejected_at_its_line_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | str, expected: str
) -> None:
    root = project(tmp_path, {"annotations/bad.yml": content})
    code, err = run(root, capsys, "check")
    assert code == 1
    assert re.search(r"^annotations/bad\.yml:\d+:\d+: error: ", err, re.M), err
    assert expected in err, err
    assert "    hint: " in err


def test_every_problem_of_every_file_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {f"annotations/{i:02d}.yml": content for i, (_, content, _) in enumerate(REJECTED)}
    code, err = run(project(tmp_path, files), capsys, "check")
    assert code == 1
    reported = {m.group(1) for m in re.finditer(r"^annotations/(\d+)\.yml:", err, re.M)}
    assert reported == {f"{i:02d}" for i in range(len(REJECTED))}
    heads = [line for line in err.splitlines() if re.match(r"^annotations/", line)]
    assert heads == sorted(heads, key=lambda h: (h.split(":")[0], int(h.split(":")[1]), int(h.split(":")[2])))


def test_article_file_names_that_are_not_slugs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files: dict[str, bytes | str] = {
        "articles/Bad Name.txt": "x\n",
        "articles/<b>.txt": "x\n",
        "articles/a..b.txt": "x",
    }
    code, err = run(project(tmp_path, files), capsys, "check")
    assert code == 1
    for name in ("Bad Name", "<b>", "a..b"):
        assert f"error: article file name {name!r} is not a slug" in err


def test_article_text_that_is_not_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta = (GOLDEN / "articles" / "base.yml").read_bytes()
    files: dict[str, bytes | str] = {
        "articles/latin1.txt": b"caf\xe9\n",
        "articles/latin1.yml": meta,
        "articles/binary.txt": b"GIF89a\x00\x01\x02",
        "articles/binary.yml": meta,
    }
    code, err = run(project(tmp_path, files), capsys, "check")
    assert code == 1
    assert "articles/latin1.txt:1:4: error: article text is not UTF-8" in err
    assert "articles/binary.txt:1:7: error: article text holds binary data (NUL bytes)" in err


# ---- rendered inert ----------------------------------------------------------------------------

HOSTILE = (
    "<script>alert('x1')</script> <img src=x onerror=alert('x2')> <iframe src='https://evil.test/'></iframe> "
    "{ onclick=alert('x3') } {: onclick=alert('x4') } [a](javascript:alert('x5')) [b](data:text/html,x6) "
    "[c](vbscript:msgbox) [d](JAVASCRIPT:alert('x7')) <a href=javascript:alert('x8')>e</a> "
    '--8<-- "mkdocs.yml" {{ "pwned" | upper }} {% raw %} ]]> <!-- x --> *em* # hash | pipe'
)


def _hostile_files() -> dict[str, bytes | str]:
    text = yaml.safe_dump
    meta: dict[str, Any] = yaml.safe_load((GOLDEN / "articles" / "base.yml").read_text("utf-8"))
    meta.update(title=HOSTILE, outlet=HOSTILE, description=HOSTILE)
    meta["provenance"]["outlet"] = {"how": "stated", "basis": HOSTILE}
    corpus = {
        "clusters": [{"id": "q", "title": HOSTILE, "speaker": HOSTILE, "note": HOSTILE, "primary": "base#q1"}],
        "claims": [
            {
                "id": "c",
                "claim": HOSTILE,
                "claimant": HOSTILE,
                "disputed_by": [HOSTILE],
                "status": "disputed",
                "note": HOSTILE,
                "evidence": [
                    {"article": "base", "exact": "near the border", "note": HOSTILE, "side": "supports"},
                    {"source": HOSTILE, "note": HOSTILE, "confidence": "low", "side": "context"},
                ],
            }
        ],
    }
    anns = {
        "article": "base",
        "annotations": [
            {"id": "n", "kind": "note", "exact": "The front held.", "note": HOSTILE},
            {"id": "q1", "kind": "quote", "cluster": "q", "exact": "Troops left Suja.", "note": HOSTILE},
            {"id": "c1", "kind": "claim", "claim": "c", "exact": "near the border", "note": HOSTILE},
            {
                "id": "s",
                "kind": "correction",
                "exact": "Suja",
                "prefix": "Troops in ",
                "corrected": HOSTILE,
                "error": "name",
                "confidence": "low",
                "note": HOSTILE,
                "evidence": [{"source": HOSTILE, "note": HOSTILE, "confidence": "low"}],
            },
            {"id": "b", "kind": "boilerplate", "exact": "Suja is", "note": HOSTILE},
        ],
    }
    hostile_text = TEXT + HOSTILE + "\n<p onclick=alert('x9')>**bold**</p>\n"
    return {
        "articles/base.yml": text(meta, allow_unicode=True),
        "articles/base.txt": hostile_text,
        "annotations/corpus.yml": text(corpus, allow_unicode=True),
        "annotations/base.yml": text(anns, allow_unicode=True),
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project(root, {})
    shutil.copy(Path(__file__).parent.parent / "mkdocs.yml", root / "mkdocs.yml")  # the real theme
    for name, content in _hostile_files().items():
        (root / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    assert cli.main(["--root", str(root), "build"]) == 0
    return root / "site"


def _pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [(p, BeautifulSoup(p.read_text("utf-8"), "html.parser")) for p in sorted(site.rglob("*.html"))]


def test_hostile_text_adds_no_script_handler_or_frame(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) >= 5
    for path, soup in pages:
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag)
            assert tag.name not in ("iframe", "img", "object", "embed"), (path, tag)
        for script in soup.find_all("script"):
            text = script.get_text()
            if script.get("type") == "application/ld+json":  # data, not code: must stay valid, inert JSON
                assert "<" not in text and ">" not in text, (path, script)
                json.loads(text)
                continue
            assert "alert" not in text and "x1" not in text, (path, script)


def test_hostile_links_are_dropped(hostile_site: Path) -> None:
    for path, soup in _pages(hostile_site):
        for tag in soup.find_all(href=True) + soup.find_all(src=True):
            url = str(tag.get("href") or tag.get("src")).strip().lower()
            assert not url.startswith(("javascript:", "data:", "vbscript:")), (path, tag)


def test_hostile_text_is_shown_literally(hostile_site: Path) -> None:
    article = (hostile_site / "articles" / "base" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(article, "html.parser")
    shown = soup.get_text()
    for literal in ("<script>alert('x1')</script>", "{ onclick=alert('x3') }", '--8<-- "mkdocs.yml"', "*em*"):
        assert literal in shown
    assert '{{ "pwned" | upper }}' in shown
    everything = "".join(p.read_text("utf-8") for p in hostile_site.rglob("*.html"))
    assert "PWNED" not in everything  # no template ran on contributor text
    assert "site_name: Golden" not in everything  # no snippet was included
    title = soup.find("title")
    assert title is not None and "<script>" not in str(title).replace("&lt;", "")


def test_hostile_build_left_inputs_alone(hostile_site: Path) -> None:
    root = hostile_site.parent
    for name, content in _hostile_files().items():
        expected = content.encode("utf-8") if isinstance(content, str) else content
        assert (root / name).read_bytes() == expected


def test_an_article_of_tens_of_megabytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta = (GOLDEN / "articles" / "base.yml").read_bytes()
    files: dict[str, bytes | str] = {"articles/huge.txt": b"word " * 6_000_000, "articles/huge.yml": meta}
    code, err = run(project(tmp_path, files), capsys, "check")
    assert code == 1
    assert "articles/huge.txt:1:1: error: article is 30,000,000 bytes; the limit is 5,000,000" in err
