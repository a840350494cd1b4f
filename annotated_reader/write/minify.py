"""site/'s HTML pages without the bytes no reader sees: the theme's indentation and blank lines, quotes
around attribute values that need none, optional spaces in inline CSS (minify-html).

A step over the engine's output, so it is the same after MkDocs, properdocs and Zensical. What a reader sees
is kept: closing tags, ``<html>`` and ``<head>``, ``type="text"``, the content of ``<pre>`` and ``<textarea>``,
an article's text and headline as written (their whitespace is shown; only quotes that no attribute value
needs go), and the whitespace between inline elements that shows as a space. Material's chrome loses what no
reader can reach (chrome.py). Off with ``extra: minify_html: false``
in mkdocs.yml (to read the engine's own output).

Only pages that changed are minified: ``.cache/minify.json`` holds, for each page, the digest of what the
engine wrote and of what this step made of it, and the files it names (prune.py's ``Names``, read while the
page is at hand, so that prune.py reads no page again). A page the engine writes as before is taken from the
previous site/, when that file still has the recorded digest; any other page is minified (in workers on
both cores when there are many).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import minify_html
import yaml

from annotated_reader import parallel
from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed
from annotated_reader.write import chrome, prune

SETTING = "minify_html"  # under mkdocs.yml's extra:
OPTIONS = {
    "keep_closing_tags": True,  # Material's JavaScript and Pagefind read the DOM as written
    "keep_html_and_head_opening_tags": True,
    "keep_input_type_text_attr": True,  # Material's CSS selects input[type=text]
    "minify_css": True,
}
KEPT = re.compile(rb'<div class="ar-text">.*?</div>|<h1 [^>]*class="ar-headline[^"]*"[^>]*>.*?</h1>', re.DOTALL)
"""An article's text and headline, shown with their whitespace as in the raw article (reader.css: pre-wrap),
which minify-html would fold: left as the engine wrote them (no <div> inside the text, no <h1> in the headline)."""
# an attribute value quoted with nothing that needs quotes (HTML's unquoted attribute value syntax)
QUOTED = re.compile(rb'(<[a-zA-Z](?:[^<>\x27"]|"[^"]*")*?\s[a-zA-Z:_-]+=)"([^\s"\x27=<>`]+)"')  # \x27 is '
# the HTML elements shown inline, between which whitespace shows as a space
INLINE_NAMES = "a abbr b bdi bdo cite code data del dfn em i ins kbd label mark q s samp small span strong sub sup time"
INLINE = b"(?:" + "|".join([*INLINE_NAMES.split(), "u", "var"]).encode() + b")"
BETWEEN = re.compile(rb"(</%s>|<(?:img|input|br)\b[^>]*>)(\s+)(<%s[\s>])" % (INLINE, INLINE))
MANIFEST = Path(".cache") / "minify.json"
PAGES_PER_CALL = 40
Entry = tuple[str, str, prune.Names]  # digests of a page as the engine wrote it and as minified; what it names


def enabled(root: Path) -> bool:
    """Whether mkdocs.yml leaves minifying on (the default); a value other than true or false fails."""
    try:
        data = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - strings
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return True  # the build has read mkdocs.yml already and said what is wrong with it
    extra = data.get("extra") if isinstance(data, dict) else None
    value = extra.get(SETTING, "true") if isinstance(extra, dict) else "true"
    if value in ("true", "false"):
        return value == "true"
    hint = f"{SETTING}: false keeps the engine's own HTML (to read it); leave it out to minify"
    raise BuildFailed([file_error("mkdocs.yml", f"extra.{SETTING} must be true or false, not {value!r}", hint)])


def page(html: bytes) -> bytes:
    """One page minified; an article's text and headline as written (``KEPT``), and the whitespace between two
    inline elements (``BETWEEN``) too: minify-html drops it inside a <div> or <blockquote>, where it shows."""
    kept: list[bytes] = []
    mark = b"arkept" if b"arkept" not in html else b"ar" + digest(html).encode()  # a page cannot hold its digest

    def hold(found: re.Match[bytes]) -> bytes:
        first = found.group().index(b">") + 1  # the text's own tags without quotes no value needs, as elsewhere
        kept.append(found.group()[:first] + _unquoted(found.group()[first:]))
        return b"<div data-%s=%d></div>" % (mark, len(kept) - 1)

    def space(found: re.Match[bytes]) -> bytes:
        kept.append(found[2])
        return b"%s%s%dk%s" % (found[1], mark, len(kept) - 1, found[3])

    held = BETWEEN.sub(space, KEPT.sub(hold, html))
    made = minify_html.minify(held.decode("utf-8"), **OPTIONS).encode("utf-8")
    back = re.compile(rb"<div data-%s=(\d+)></div>|%s(\d+)k" % (mark, mark))
    made = back.sub(lambda found: kept[int(found[1] or found[2])], made) if kept else made
    return chrome.page(made)  # Material's chrome without what no reader can reach (chrome.py)


def _unquoted(html: bytes) -> bytes:
    while True:  # each pass takes one value of each tag
        fewer = QUOTED.sub(rb"\1\2", html)
        if fewer == html:
            return html
        html = fewer


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def version() -> str:
    """What a recorded digest pair depends on besides the page: the minifier and its options."""
    ours = f"text-unquoted names {chrome.VERSION}"  # what this module and chrome.py add; prune.py's names
    return f"minify-html {metadata.version('minify-html')} {json.dumps(OPTIONS, sort_keys=True)} {ours}"


@dataclass(frozen=True)
class Shared:
    """What every piece of work reads: the new site, the previous one, and the digests recorded for it."""

    new: Path
    old: Path
    known: dict[str, Entry]


def site(root: Path, new: Path, old: Path) -> dict[str, prune.Names]:
    """Minify every HTML page of ``new`` (the engine's output), taking unchanged pages from ``old``; what each
    page names, by its path (for prune.site)."""
    pages = sorted(path.relative_to(new).as_posix() for path in new.rglob("*.html") if path.is_file())
    shared = Shared(new, old, _recorded(root))
    runs = parallel.chunks(pages, PAGES_PER_CALL)
    with parallel.Pool(shared, parallel.workers(len(pages))) as pool:
        made = dict(entry for result in pool.ordered((_minify_run, (run,)) for run in runs) for entry in result)
    _record(root, made)
    return {rel: entry[2] for rel, entry in made.items()}


def _minify_run(shared: Shared, rels: list[str]) -> list[tuple[str, Entry]]:
    return [(rel, _minify_one(shared, rel)) for rel in rels]


def _minify_one(shared: Shared, rel: str) -> Entry:
    target = shared.new / rel
    raw = target.read_bytes()
    raw_digest = digest(raw)
    known = shared.known.get(rel)
    if known is not None and known[0] == raw_digest:
        previous = _read(shared.old / rel)
        if previous is not None and digest(previous) == known[1]:
            target.write_bytes(previous)
            return known
    made = page(raw)
    target.write_bytes(made)
    return raw_digest, digest(made), prune.names_in(rel, made)


def in_place(path: Path) -> None:
    """One page of site/ minified where it is (the preview's re-rendered pages), replaced in one step."""
    made = page(path.read_bytes())
    tmp = path.with_name(f".{path.name}.minify.tmp")
    tmp.write_bytes(made)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _recorded(root: Path) -> dict[str, Entry]:
    """The digests recorded by the last build; none when missing, unreadable or made by another minifier."""
    raw = _read(root / MANIFEST)
    try:
        data = json.loads(raw) if raw is not None else None
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("version") != version() or not isinstance(data.get("pages"), dict):
        return {}
    return {rel: entry for rel, entry in ((rel, _entry(item)) for rel, item in data["pages"].items()) if entry}


def _entry(item: object) -> Entry | None:
    """One page's record, ``[raw digest, made digest, paths, names, search]``; None when it is not that."""
    if not isinstance(item, list) or len(item) != 5:
        return None
    raw, made, paths, names, search = item
    if not (isinstance(paths, list) and isinstance(names, list) and isinstance(search, bool)):
        return None
    if not all(isinstance(x, str) for x in (raw, made, *paths, *names)):
        return None
    return raw, made, prune.Names(paths, names, search)


def _record(root: Path, made: dict[str, Entry]) -> None:
    """The digests of this build, for the next (a cache: a failure to write it only costs time then)."""
    path = root / MANIFEST
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pages = {rel: [raw, made_, *names] for rel, (raw, made_, names) in made.items()}
        tmp.write_text(json.dumps({"version": version(), "pages": pages}, sort_keys=True), "utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
