"""site/'s pages minified (write/minify.py): the same page for a reader, fewer bytes, and only changed pages redone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from annotated_reader import build
from annotated_reader.model import BuildFailed
from annotated_reader.write import minify, prune
from tests.helpers import copy_project

INDENTED = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <style>
      .a  { color : red ; }
    </style>
  </head>
  <body>
    <p>A <a href="x">link</a> <em>and</em> <strong>words</strong>, then <code>code</code>.</p>
    <pre><code>  indented
    two  spaces</code></pre>
    <textarea>  kept
  as   written </textarea>
    <input type="text" value="a  b">
    <ul>
      <li>one</li>
      <li>two</li>
    </ul>
  </body>
</html>
"""


def test_a_page_keeps_what_a_reader_sees() -> None:
    made = minify.page(INDENTED.encode()).decode()
    assert len(made) < len(INDENTED) * 0.8
    before, after = BeautifulSoup(INDENTED, "html.parser"), BeautifulSoup(made, "html.parser")
    for name in ("pre", "textarea"):  # their whitespace is shown as written
        assert str(after.find(name)) == str(before.find(name))
    paragraph = after.find("p")
    assert isinstance(paragraph, Tag)
    assert paragraph.get_text() == "A link and words, then code."  # the spaces between inline elements
    assert after.select_one("input[type=text]") is not None  # Material's CSS selects it
    assert "</li>" in made and "</p>" in made and made.startswith("<!doctype html><html")
    assert [li.get_text() for li in after.find_all("li")] == ["one", "two"]
    assert ".a{color:red}" in made
    assert "<ul><li>one</li><li>two</li></ul>" in made and "</p><pre>" in made  # the indentation is gone


def test_an_articles_text_and_headline_keep_their_whitespace() -> None:
    """reader.css shows them as the raw article has them (pre-wrap): leading and repeated spaces stay."""
    text = '<div class="ar-text">\n<p id="L3">  • two  spaces <span class="ar">and  more</span> </p>\n</div>'
    headline = '<h1 id="L1" class="ar-headline">A  headline </h1>'
    html = f"<html><head></head><body>\n  {headline}\n  <div>\n    {text}\n  </div>\n</body></html>"
    made = minify.page(html.encode()).decode()
    text = '<div class="ar-text">\n<p id=L3>  • two  spaces <span class=ar>and  more</span> </p>\n</div>'
    assert f"<body>{headline}<div>{text}</div></body>" in made, "no quotes around a value that needs none"
    assert minify.page(made.encode()).decode() == made
    spaced = '<div class="ar-text">\n<p id="L3">a <span class="ar ar-note" title="x=y" data-a="`">b</span>\n</p></div>'
    assert minify.page(spaced.encode()).decode() == spaced.replace('id="L3"', "id=L3")


def test_the_space_between_inline_elements_stays_in_any_container() -> None:
    """minify-html drops whitespace between elements inside a <div> or <blockquote>; between inline ones it shows."""
    html = "<blockquote>Putin <del>said</del> <ins>had sent</ins>\n  <em>x</em></blockquote>\n<div>\n  <p>a</p>\n</div>"
    made = minify.page(html.encode()).decode()
    assert made == "<blockquote>Putin <del>said</del> <ins>had sent</ins>\n  <em>x</em></blockquote><div><p>a</p></div>"


def test_a_page_that_holds_the_placeholder_is_minified_right() -> None:
    html = '<div>\n  <p>arkept0k <em>a</em> <em>b</em></p>\n  <div class="ar-text">\n<p> x </p>\n</div>\n</div>'
    made = minify.page(html.encode()).decode()
    assert made == '<div><p>arkept0k <em>a</em> <em>b</em></p><div class="ar-text">\n<p> x </p>\n</div></div>'


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, "utf-8")
    return folder


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    made: list[bytes] = []
    original = minify.page

    def page(html: bytes) -> bytes:
        made.append(html)
        return original(html)

    monkeypatch.setattr(minify, "page", page)
    return made


def test_only_changed_pages_are_minified_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {"index.html": "<p>  home  </p>\n", "a/index.html": "<p> a </p>\n", "b/index.html": "<p> b </p>\n"}
    old = _site(tmp_path / "site", pages)
    minify.site(tmp_path, old, tmp_path / "none")
    first = {rel: (old / rel).read_bytes() for rel in pages}
    assert first == {rel: minify.page(text.encode()) for rel, text in pages.items()}
    made = _counting(monkeypatch)
    new = _site(tmp_path / "new", {**pages, "a/index.html": "<p> a, changed </p>\n"})
    (old / "b" / "index.html").write_bytes(b"<p>altered by hand</p>")  # not what was recorded: made again
    minify.site(tmp_path, new, old)
    assert sorted(made) == [b"<p> a, changed </p>\n", b"<p> b </p>\n"]
    assert (new / "index.html").read_bytes() == first["index.html"]
    assert (new / "b" / "index.html").read_bytes() == first["b/index.html"]
    assert (new / "a" / "index.html").read_bytes() == b"<p>a, changed</p>"


def test_what_each_page_names_is_read_as_it_is_minified_and_kept_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """minify.site says what every page names (for prune.py), a page taken from the previous site included,
    without reading it for that: the names come from the record."""
    pages = {
        "index.html": '<link href="assets/main.css" rel="stylesheet">\n<p> home </p>',
        "a/index.html": '<script src="../pagefind/pagefind.js"></script><a href="../">home</a>',
    }
    old = _site(tmp_path / "site", pages)
    first = minify.site(tmp_path, old, tmp_path / "none")
    assert first == {
        "index.html": prune.Names(["assets/main.css"], [], False),
        "a/index.html": prune.Names(["pagefind/pagefind.js"], [], False),
    }
    monkeypatch.setattr(prune, "names_in", lambda rel, html: pytest.fail(f"{rel} read again"))
    again = minify.site(tmp_path, _site(tmp_path / "new", pages), old)
    assert again == first


def test_a_record_of_another_minifier_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _site(tmp_path / "site", {"index.html": "<p>  home  </p>\n"})
    minify.site(tmp_path, old, tmp_path / "none")
    record = json.loads((tmp_path / minify.MANIFEST).read_text("utf-8"))
    assert record["version"] == minify.version() and list(record["pages"]) == ["index.html"]
    (tmp_path / minify.MANIFEST).write_text(json.dumps({**record, "version": "another"}), "utf-8")
    made = _counting(monkeypatch)
    minify.site(tmp_path, _site(tmp_path / "new", {"index.html": "<p>  home  </p>\n"}), old)
    assert made == [b"<p>  home  </p>\n"]
    (tmp_path / minify.MANIFEST).write_text("{not json", "utf-8")
    minify.site(tmp_path, _site(tmp_path / "again", {"index.html": "<p>  home  </p>\n"}), old)
    assert len(made) == 2


@pytest.mark.parametrize(("value", "on"), [("", True), ("true", True), ("false", False), ("no", None)])
def test_the_setting_in_mkdocs_yml(tmp_path: Path, value: str, on: bool | None) -> None:
    extra = f"extra:\n  minify_html: {value}\n" if value else "extra:\n  repo_branch: main\n"
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\n{extra}", "utf-8")
    if on is not None:
        assert minify.enabled(tmp_path) is on
        return
    with pytest.raises(BuildFailed) as failed:
        minify.enabled(tmp_path)
    [diagnostic] = failed.value.diagnostics
    assert diagnostic.format().startswith("mkdocs.yml") and "extra.minify_html must be true or false" in str(
        diagnostic.message
    )


DEFAULTS = {("button", "type"): "submit", ("form", "method"): "get"}  # minify-html leaves these out, as HTML allows
INLINE = ("p", "h1", "h2", "h3", "h4", "td", "th", "a", "span", "label", "button", "dt", "dd", "summary", "figcaption")


def _plain_entries(soup: BeautifulSoup) -> int:
    """Material's sidebar sections whose sub-menu lists nothing and is closed, written as the entry of a page
    (what write/chrome.py does, found here by structure); how many."""
    count = 0
    for item in soup.select("li.md-nav__item--nested"):
        toggle, menu = item.find("input", recursive=False), item.find("nav", recursive=False)
        wrapper = item.find("div", class_="md-nav__container", recursive=False)
        if toggle.has_attr("checked") or menu.select("li") or wrapper is None or wrapper.find("label"):
            continue
        entry = soup.new_tag("li", attrs={"class": "md-nav__item"})
        entry.append(wrapper.find("a").extract())
        item.replace_with(entry)
        count += 1
    return count


def _reading(html: str, trim: bool = False) -> tuple[list[object], list[str], list[str]]:
    """What a reader and a script get from a page: each element with its attributes, the text of every element
    holding text (runs of whitespace read as one space, as the browser shows them), pre, textarea and scripts;
    ``trim``: with the sidebar's empty sections as plain entries, and no search settings without a search box."""
    soup = BeautifulSoup(html, "html.parser")
    if trim:
        _plain_entries(soup)
    config = soup.select_one("script#__config")
    if config is not None:  # Material's page configuration, read as JSON (write/chrome.py rewrites it)
        data = json.loads(config.string or "")
        if trim and soup.select_one("[data-md-component=search]") is None:  # no search: no search settings
            data.pop("search")
            data["translations"] = {k: v for k, v in data["translations"].items() if not k.startswith("search.")}
        config.string = json.dumps(data, sort_keys=True)
    elements: list[object] = [
        (
            tag.name,
            sorted(
                (k, " ".join(v) if isinstance(v, list) else re.sub(r"\s+", "", v))
                for k, v in tag.attrs.items()
                if DEFAULTS.get((tag.name, k)) != v
            ),
        )
        for tag in soup.find_all(True)
    ]
    texts = [" ".join(tag.get_text().split()) for tag in soup.find_all(INLINE)]
    texts += [  # an element holding text beside its elements (a <blockquote> of a quote page), whatever its name
        " ".join(tag.get_text().split())
        for tag in soup.find_all(True)
        if any(type(child) is NavigableString and child.strip() for child in tag.children)  # not a comment
    ]
    exact = [str(tag) for tag in soup.find_all(("pre", "textarea", "script"))]
    exact += [tag.decode_contents() for tag in soup.select(".ar-text p, .ar-headline")]  # shown as written
    return elements, texts, exact


def test_the_built_site_reads_the_same_minified(tmp_path: Path) -> None:
    """The shipped corpus built twice, with and without minifying: every page has the same elements, attributes,
    text, preformatted text and scripts; the other files are the same bytes; the HTML is smaller."""
    sites = {}
    for on in (True, False):
        root = copy_project(tmp_path / str(on))
        if not on:
            config = root / "mkdocs.yml"
            config.write_text(config.read_text("utf-8").replace("extra:\n", "extra:\n  minify_html: false\n"), "utf-8")
        build.build(root)
        sites[on] = {
            p.relative_to(root / "site").as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()
        }
    minified, plain = sites[True], sites[False]
    assert sorted(minified) == sorted(plain)
    pages = [rel for rel in plain if rel.endswith(".html")]
    assert len(pages) > 20
    for rel in pages:
        assert _reading(minified[rel].decode()) == _reading(plain[rel].decode(), trim=True), rel
    assert all(minified[rel] == plain[rel] for rel in plain if not rel.endswith(".html") and "pagefind" not in rel)
    assert sum(len(minified[rel]) for rel in pages) < 0.9 * sum(len(plain[rel]) for rel in pages)
    trimmed = sum(_plain_entries(BeautifulSoup(plain[rel].decode(), "html.parser")) for rel in pages)
    assert trimmed >= 6 * len(pages) - 20, "Articles' three listings, Claims, Corrections, Quotes on (nearly) each page"
