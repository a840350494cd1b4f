"""site/ without the files that the theme and Pagefind write but no page of this site loads.

A step over the engine's output (as minify.py), so the same under MkDocs, properdocs and Zensical. Each rule
names files by what they are for, and a file is removed only when that use is absent from every page:

- Material's own search (``assets/javascripts/workers/search.*`` and ``assets/javascripts/lunr/``): loaded
  only by its search component (``data-md-component="search"``). Search here is Pagefind (search.py), so no
  page has that component; a page that does keeps both.
- Source maps (``*.map``): read only by a browser's developer tools, to show a minified file's sources.
  The ``sourceMappingURL`` comment that names a removed map is taken out of its file, so no file names it.
- Pagefind's ready-made interfaces (``pagefind-ui``, ``pagefind-component-ui``, ``pagefind-modular-ui``,
  ``pagefind-highlight``): the site's search box (pagefind-search.js) uses Pagefind's JavaScript API,
  ``pagefind.js``, which loads its worker, index, fragments and the WebAssembly of the languages that
  ``pagefind-entry.json`` names; the WebAssembly of other languages is never loaded.

And whatever a rule says, a file that a page names in a ``src`` or ``href`` stays: named by its path
(resolved from the page, as a browser does), or, in an address from the site's root or a full URL, by its
file name alone (the site's own path in it is not known here). A folder stays when a page names a file in it.
minify.py reads each page's names as it minifies it and keeps them with its digests, so pages it took
unchanged from the previous site are not read again here; only a page it has no names for is read.
About 2.6 MB of every site (README, Performance).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from collections.abc import Mapping
from html import unescape
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from annotated_reader import parallel

THEME_SEARCH = ("assets/javascripts/workers", "assets/javascripts/lunr")
SEARCH_COMPONENT = re.compile(rb"""data-md-component=["']?search["'\s>]""")
PAGEFIND_UI = re.compile(r"pagefind-(?:ui|component-ui|modular-ui|highlight)\.(?:js|css)")
WASM = re.compile(r"wasm\.[^/]+\.pagefind")
REFERENCE = re.compile(rb"""(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
PAGES_PER_CALL = 100
MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=([^\s*]+)\s*|/\*# sourceMappingURL=([^\s*]+)\s*\*/\s*)$")


ROOTS = ("assets/", "pagefind/")  # where every file the rules name is (_candidates)
_UNDER = b"(?:" + b"|".join(re.escape(root.encode()) for root in ROOTS) + b")"
# REFERENCE's addresses that hold one of ROOTS (most of a page's addresses name other pages: not even matched)
REFERENCE_UNDER_ROOTS = re.compile(
    rb"""(?:src|href)=(?:"([^"]*%s[^"]*)"|'([^']*%s[^']*)'|([^\s>'"]*%s[^\s>]*))""" % (_UNDER, _UNDER, _UNDER)
)


class Names(NamedTuple):
    """What one page names under ``ROOTS``: paths from the site's root (relative addresses, resolved), file
    names (addresses from the root or full URLs); and whether it has Material's search component."""

    paths: list[str]
    names: list[str]
    search: bool


def site(site_dir: Path, known: Mapping[str, Names] | None = None) -> list[str]:
    """Remove from ``site_dir`` what no page loads (the rules above); the removed paths, relative to it.
    ``known``: what some pages name (minify.py's record, by page path), so that those are not read again."""
    paths, names, component = _referenced(site_dir, known or {})
    unused = [rel for rel in _candidates(site_dir, component) if not _named(rel, paths, names)]
    for rel in unused:
        path = site_dir / rel
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    _unname_maps(site_dir, {rel for rel in unused if rel.endswith(".map")})
    _remove_empty_folders(site_dir, {posix_parent(rel) for rel in unused})
    return unused


def _named(rel: str, paths: set[str], names: set[str]) -> bool:
    """Whether a page names the file or folder ``rel``: its path, a file in it, or its file name."""
    inside = f"{rel}/"
    return rel in paths or posix_name(rel) in names or any(path.startswith(inside) for path in paths)


def posix_name(rel: str) -> str:
    return rel.rsplit("/", 1)[-1]


def posix_parent(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def _candidates(site_dir: Path, theme_search_used: bool) -> list[str]:
    """What the rules would remove: folders as one entry, files by path (relative to ``site_dir``)."""
    found: list[str] = []
    if not theme_search_used:
        found += [rel for rel in THEME_SEARCH if (site_dir / rel).is_dir()]
    skip = tuple(f"{rel}/" for rel in found)
    found += sorted(
        rel
        for rel in (p.relative_to(site_dir).as_posix() for p in (site_dir / "assets").rglob("*.map") if p.is_file())
        if not rel.startswith(skip)
    )
    bundle = site_dir / "pagefind"
    if bundle.is_dir():
        found += [f"pagefind/{p.name}" for p in sorted(bundle.iterdir()) if PAGEFIND_UI.fullmatch(p.name)]
        found += [f"pagefind/{name}" for name in _unused_wasm(bundle)]
    return found


def like_before(bundle: Path, before: Path) -> None:
    """A Pagefind bundle made anew (make serve's re-indexing, preview/reindex.py) without the files of the rules
    above that the full build left out of ``before``, the bundle it replaces (no page is read here)."""
    for path in bundle.iterdir():
        ruled = PAGEFIND_UI.fullmatch(path.name) or WASM.fullmatch(path.name)
        if ruled and path.is_file() and not (before / path.name).exists():
            path.unlink()


def _unused_wasm(bundle: Path) -> list[str]:
    """Pagefind's WebAssembly files for languages its entry file does not name (none when it cannot be read)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        wanted = {f"wasm.{language['wasm']}.pagefind" for language in entry["languages"].values()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    return sorted(p.name for p in bundle.iterdir() if WASM.fullmatch(p.name) and p.name not in wanted)


def _referenced(site_dir: Path, known: Mapping[str, Names]) -> tuple[set[str], set[str], bool]:
    """The paths and file names that some page names, and whether a page has Material's search: from
    ``known``, and from the pages it lacks, read here."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.is_file())
    unread = [rel for rel in pages if rel not in known]
    found = [known[rel] for rel in pages if rel in known]
    if unread:
        with parallel.Pool(site_dir, parallel.workers(len(unread))) as pool:
            for run in pool.ordered((_scan, (run,)) for run in parallel.chunks(unread, PAGES_PER_CALL)):
                found += run
    paths = {path for page in found for path in page.paths}
    names = {name for page in found for name in page.names}
    return paths, names, any(page.search for page in found)


def _scan(site_dir: Path, rels: list[str]) -> list[Names]:
    return [names_in(rel, (site_dir / rel).read_bytes()) for rel in rels]


def names_in(rel: str, html: bytes) -> Names:
    """What the page at ``rel`` (from the site's root) names in a ``src`` or ``href`` under ``ROOTS``."""
    paths: set[str] = set()
    names: set[str] = set()
    pattern = REFERENCE if rel.startswith(ROOTS) else REFERENCE_UNDER_ROOTS  # in those folders, "x.js" is too
    for match in pattern.finditer(html):
        target = unescape((match[1] or match[2] or match[3] or b"").decode("utf-8", "replace"))
        address = urlsplit(urljoin(f"http://site/{rel}", target))  # as a browser resolves it: ".." stops at the root
        path = posixpath.normpath(unquote(address.path)).lstrip("/")
        if urlsplit(target).netloc or target.startswith("/"):  # the site's own path, if any, is not known here
            if any(f"/{root}" in f"/{path}" for root in ROOTS):
                names.add(posix_name(path.rstrip("/")))
        elif path.startswith(ROOTS):
            paths.add(path)
    return Names(sorted(paths), sorted(names), SEARCH_COMPONENT.search(html) is not None)


def _unname_maps(site_dir: Path, removed: set[str]) -> None:
    """Take the ``sourceMappingURL`` comment naming a removed map out of the file beside it."""
    for rel in removed:
        source = site_dir / rel.removesuffix(".map")
        try:
            data = source.read_bytes()
        except OSError:
            continue
        found = MAP_COMMENT.search(data)
        if found and (found[1] or found[2]) == posix_name(rel).encode():
            tmp = source.with_name(f".{source.name}.prune.tmp")
            tmp.write_bytes(data[: found.start()] + b"\n")
            os.chmod(tmp, 0o644)
            os.replace(tmp, source)


def _remove_empty_folders(site_dir: Path, folders: set[str]) -> None:
    for rel in sorted(folders, key=len, reverse=True):
        folder = site_dir / rel
        while rel and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            rel = posix_parent(rel)
            folder = site_dir / rel
