"""Escaping and sanitising: the only ways contributor or article text reaches a page."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

from annotated_reader import rawblock

NOTE_TAGS = {"a", "em", "strong", "code", "p", "ul", "ol", "li", "blockquote", "br"}
NOTE_BLOCKS = {"p", "ul", "ol", "blockquote"}  # what a note's top level is made of, and nothing else
URL_SCHEMES = {"http", "https"}
TAG = re.compile(r"(<[^>]*>)")  # in nh3's output, whose text and attribute values hold no '<' or '>'
UNSAFE_PATH = re.compile(r"[\\\s\x00-\x1f\x7f-\x9f]|^//")  # browsers read a backslash as '/', drop tabs


def html_text(value: str) -> str:
    """Text for an HTML context: every ``<``, ``&`` and quote escaped."""
    return html.escape(value, quote=True)


@lru_cache(maxsize=65536)
def md_text(value: str) -> str:
    """Text for a Markdown context: anything but letters, digits and spaces becomes a
    numeric character reference, so no Markdown, HTML or attribute-list syntax survives."""
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in value)


@lru_cache(maxsize=1)
def _note_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[], output_format="html")


def _only_safe_links(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "href":
        lowered = value.strip().lower()
        if lowered.startswith(("http://", "https://")):
            return value
        if ":" not in lowered.split("/")[0] and not UNSAFE_PATH.search(value):
            return value  # an in-site path; never '//host', '/\\host' or a tab the browser drops
        return None
    return value


def _blocks(cleaned: str) -> str:
    """nh3's output with every run of text or inline elements at its top level in a <p>: nh3 keeps
    the text of the headings and code blocks it drops, and text outside a block element would be
    read as Markdown again wherever a note stands (the second pass this function rules out)."""
    out: list[str] = []
    depth = 0
    opened = False
    for token in TAG.split(cleaned):
        name = token.strip("</>").split()[0].lower() if token.startswith("<") else ""
        if depth == 0:
            ends_run = name in NOTE_BLOCKS or (not name and not token.strip() and "\n" in token)
            if opened and ends_run:
                out.append("</p>")
                opened = False
            elif not opened and not ends_run and token.strip():
                body = token.lstrip() if not name else token
                out += [token[: len(token) - len(body)], "<p>"]
                token, opened = body, True
        out.append(token)
        if name and name != "br":
            depth += -1 if token.startswith("</") else 1
    return "".join(out) + ("</p>" if opened else "")


@lru_cache(maxsize=4096)
def note_html(source: str) -> str:
    """A contributor's note (a small Markdown subset) as sanitised HTML.

    Markdown is rendered with no extensions, then nh3 keeps only NOTE_TAGS, ``href`` on links,
    and http(s) or in-site URLs; every link opens normally with ``rel="noopener noreferrer"``.
    """
    md = _note_markdown()
    md.reset()
    rendered = md.convert(source.replace("&", "&amp;").replace("<", "&lt;"))  # no raw HTML; '>' quotes
    return _blocks(
        nh3.clean(
            rendered,
            tags=NOTE_TAGS,
            attributes={"a": {"href"}},
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            attribute_filter=_only_safe_links,
        )
    )


def note_block(source: str) -> str:
    """A note for a Markdown page: its HTML in a <div> and a raw block (rawblock.py), never read as
    Markdown again (with or without the rawblock extension: a <div> is a raw HTML block to Markdown)."""
    body = note_html(source)
    return rawblock.wrap(f'<div class="ar-note-text">\n{body}\n</div>') if body else ""


def note_inline(source: str) -> str:
    """A note without its outer paragraph, for use inside a sentence."""
    out = note_html(source).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        return out[3:-4]
    return out


def front_matter_text(value: str) -> str:
    """A value for page front matter. Themes print titles unescaped (and ``striptags`` would
    undo entities inside <title>), so it is escaped and '<' '>' become look-alikes. Written as a
    YAML double-quoted scalar in printable ASCII: every other character is a ``\\u``/``\\U`` escape,
    so no control character, noncharacter or line break (U+0085, U+2028) can stop mkdocs reading
    the front matter and leave it in the page as Markdown."""
    text = html_text(value).replace("&lt;", "＜").replace("&gt;", "＞")
    return '"' + "".join(_yaml_char(c) for c in text) + '"'


def _yaml_char(c: str) -> str:
    if c in '"\\':
        return "\\" + c
    if " " <= c <= "~":
        return c
    code = ord(c)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate: YAML has no escape for it
        return "\\ufffd"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


GENERATED = "generated by build_site.py; do not edit"


def front_matter(title: str, description: str, source: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {front_matter_text(title)}\ndescription: {front_matter_text(description)}\n{extra}---\n\n"
        f"<!-- {GENERATED} (source: {front_matter_text(source)[1:-1].replace('--', '- -')}) -->\n\n"
    )
