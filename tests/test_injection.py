"""Contributor text never becomes markup: the review's payloads (tests/payloads.py) in every free-text field,
built for real, and every HTML page scanned; front matter read back as mkdocs reads it; notes made of blocks.

The browser half (tests/browser/test_injection.py) opens the same site in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from annotated_reader import build
from annotated_reader.render.escape import front_matter, front_matter_text, html_text, note_html
from tests.helpers import copy_project
from tests.payloads import FIELDS, SHOWN, add_payloads, payload

URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background")
FETCHING = ("src", "srcset", "poster", "data", "background")  # attributes whose URL the browser loads by itself
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.I)
OFF_MACHINE = re.compile(r"^(https?:)?[/\\][/\\]", re.I)
EXECUTABLE = ("", "text/javascript", "module", "application/javascript")
MARKERS = ("alert(", "evil.example", "onerror", "javascript:")  # every payload holds one


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus plus the payload project, built (mkdocs and all); its root."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    add_payloads(root)
    build.build(root)
    return root


def _url(value: str) -> str:
    """A URL as a browser reads it: entities decoded by the parser already, blanks and controls dropped."""
    return re.sub(r"[\x00-\x20\x7f]", "", unquote(value))


def _script_problem(el: Tag) -> str | None:
    kind = str(el.get("type") or "").lower()
    if el.get("src"):
        src = str(el["src"])
        return None if not (BAD_SCHEME.match(_url(src)) or OFF_MACHINE.match(_url(src))) else f"<script src={src}>"
    if kind in ("application/ld+json", "application/json"):
        try:
            json.loads(el.string or "")
        except ValueError:
            return f"<script type={kind}> that is not JSON (text broke out of it)"
        return None
    if kind in EXECUTABLE and any(m in (el.string or "") for m in MARKERS):
        return f"<script> with contributor text: {(el.string or '')[:80]!r}"
    return None


def _fetches(el: Tag) -> bool:
    """Whether following ``href`` is the browser's doing, not the reader's (a plain link is allowed off-site)."""
    if el.name == "link":
        return bool(
            {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"} & set(el.get("rel") or [])
        )
    return el.name != "a"


def _element_problems(el: Tag) -> list[str]:
    problems = [f"<{el.name} {name}=...>" for name in el.attrs if name.lower().startswith("on")]
    for name in URL_ATTRIBUTES:
        for value in [str(el[name])] if el.has_attr(name) else []:
            url = _url(value)
            if BAD_SCHEME.match(url):
                problems.append(f"<{el.name} {name}={value!r}>")
            elif OFF_MACHINE.match(url) and (name in FETCHING or url.startswith(("/", "\\")) or _fetches(el)):
                problems.append(f"<{el.name} {name}={value!r}> leaves the machine")
    if any(m in str(el.get("style") or "") for m in MARKERS):
        problems.append(f"<{el.name} style={el.get('style')!r}>")
    if el.name == "script":
        problems += [p for p in [_script_problem(el)] if p]
    if el.name in ("iframe", "object", "embed", "frame", "base", "meta") and el.find_parent("body"):
        problems.append(f"<{el.name}> in the body")
    return problems


def page_problems(site: Path) -> list[str]:
    """Every way a page of ``site`` could run, load or link something a contributor wrote."""
    problems = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for el in soup.find_all(True):
            problems += [f"{path.relative_to(site)}: {p}" for p in _element_problems(el)]
    return problems


def test_no_page_runs_loads_or_links_a_payload(hostile: Path) -> None:
    problems = page_problems(hostile / "site")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_every_plain_field_is_shown_as_text(hostile: Path) -> None:
    missing = []
    for field in (f for f in FIELDS if f.page):
        text = BeautifulSoup((hostile / "site" / field.page / "index.html").read_text("utf-8"), "html.parser")
        shown = " ".join(text.get_text().split())
        missing += [
            f"{field.name} on {field.page}: {s.format(k=field.k)}" for s in SHOWN if s.format(k=field.k) not in shown
        ]
    assert missing == []


def test_every_generated_page_keeps_its_front_matter(hostile: Path) -> None:
    docs = hostile / "docs"
    generated = json.loads((docs / ".generated-files.json").read_text("utf-8"))
    broken = []
    for rel in generated:
        if not rel.endswith(".md"):
            continue
        body, data = get_data((docs / rel).read_text("utf-8"))
        if not {"title", "description"} <= set(data) or body.startswith("---"):
            broken.append(rel)
    assert broken == []
    _, data = get_data((docs / "articles" / "evil.md").read_text("utf-8"))
    title = next(f for f in FIELDS if f.name == "title")
    assert data["title"] == _shown_in_front_matter(payload(title.k, line=True))


def _shown_in_front_matter(value: str) -> str:
    return html_text(value).replace("&lt;", "＜").replace("&gt;", "＞")


@given(st.text(), st.text())
def test_front_matter_reads_back_as_written(title: str, description: str) -> None:
    """Whatever a title holds (validation refuses some characters; the writer does not rely on it)."""
    body, data = get_data(front_matter(title, description, "articles/x.txt") + "# Body\n")
    assert data == {"title": _shown_in_front_matter(title), "description": _shown_in_front_matter(description)}
    assert body.startswith("<!--")


def test_a_lone_surrogate_is_written_as_a_replacement_character() -> None:
    _, data = get_data(front_matter("a\ud800b", "", "articles/x.txt"))
    assert data["title"] == "a\ufffdb"


@pytest.mark.parametrize("char", ["\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufffe", "\uffff", "\x00", "\ufeff"])
def test_front_matter_is_printable_ascii(char: str) -> None:
    written = front_matter_text(f"a{char}\n--- b")
    assert written.isascii() and written.isprintable()


NOTE_BLOCKS = {"p", "ul", "ol", "blockquote"}


@given(st.text(alphabet=st.sampled_from(list("#`*_[]()!{}:=<>&-\n >1. ab/\\")), max_size=80))
def test_a_note_is_only_block_elements(source: str) -> None:
    """Nothing of a note is outside a block element, so no Markdown pass can read it again."""
    soup = BeautifulSoup(note_html(source), "html.parser")
    for child in soup.contents:
        assert (isinstance(child, Tag) and child.name in NOTE_BLOCKS) or not str(child).strip(), repr(child)


@pytest.mark.parametrize(
    "source", ["# `![x](data:,){: onerror=alert(1) }`", "    [c](javascript:alert(1))", "# {: onclick=alert(1) }"]
)
def test_a_heading_or_code_block_in_a_note_stays_inside_a_paragraph(source: str) -> None:
    assert note_html(source).startswith("<p>")


@pytest.mark.parametrize(
    "href", ["//evil.example/x", "/\\evil.example/x", "\\\\evil.example", "/\t/evil.example", "javascript:x", "data:,x"]
)
def test_a_note_link_off_the_site_that_looks_like_a_path_is_dropped(href: str) -> None:
    assert "href" not in note_html(f"[c]({href})")


@pytest.mark.parametrize("href", ["https://example.org/a", "../claims/x.md", "/about/", "#notes"])
def test_a_note_keeps_http_and_in_site_links(href: str) -> None:
    assert f'href="{href}"' in note_html(f"[c]({href})")
