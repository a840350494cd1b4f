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

And whatever a rule says, a file that a page names in a ``src`` or ``href`` stays.
About 2.6 MB of every site (README, Performance).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from annotated_reader import parallel

THEME_SEARCH = ("assets/javascripts/workers", "assets/javascripts/lunr")
SEARCH_COMPONENT = re.compile(rb"""data-md-component=["']?search["'\s>]""")
PAGEFIND_UI = re.compile(r"pagefind-(?:ui|component-ui|modular-ui|highlight)\.(?:js|css)")
WASM = re.compile(r"wasm\.[^/]+\.pagefind")
REFERENCE = re.compile(rb"""(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
PAGES_PER_CALL = 100
MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=([^\s*]+)\s*|/\*# sourceMappingURL=([^\s*]+)\s*\*/\s*)$")


def site(site_dir: Path) -> list[str]:
    """Remove from ``site_dir`` what no page loads (the rules above); the removed paths, relative to it."""
    names, component = _referenced(site_dir)
    unused = [rel for rel in _candidates(site_dir, component) if posix_name(rel) not in names]
    for rel in unused:
        path = site_dir / rel
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    _unname_maps(site_dir, {rel for rel in unused if rel.endswith(".map")})
    _remove_empty_folders(site_dir, {posix_parent(rel) for rel in unused})
    return unused


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


def _referenced(site_dir: Path) -> tuple[set[str], bool]:
    """The file names that some page names in a ``src`` or ``href``, and whether a page has Material's search."""
    pages = sorted(str(p) for p in site_dir.rglob("*.html") if p.is_file())
    names: set[str] = set()
    component = False
    with parallel.Pool(None, parallel.workers(len(pages))) as pool:
        for found, has in pool.ordered((_scan, (run,)) for run in parallel.chunks(pages, PAGES_PER_CALL)):
            names |= found
            component = component or has
    return names, component


def _scan(shared: None, paths: list[str]) -> tuple[set[str], bool]:
    """The file names ``paths`` name in a ``src`` or ``href``, and whether one has Material's search."""
    del shared
    names: set[str] = set()
    component = False
    for path in paths:
        html = Path(path).read_bytes()
        component = component or SEARCH_COMPONENT.search(html) is not None
        for match in REFERENCE.finditer(html):
            target = (match[1] or match[2] or match[3] or b"").split(b"#")[0].split(b"?")[0]
            names.add(target.rstrip(b"/").rsplit(b"/", 1)[-1].decode("utf-8", "replace"))
    return names, component


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
