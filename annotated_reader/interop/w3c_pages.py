"""Which files an import reads: a folder of W3C files, one file, or a collection and the pages it links.

A collection whose ``first`` is an address, not an embedded page (this site's paged export), is followed
page by page: ``first``, then each page's ``next``, each found on disk where it lies relative to the
collection file as its address lies relative to the collection's ``id``
(``…/annotations.jsonld`` -> ``…/annotations/<slug>.jsonld`` is ``annotations/<slug>.jsonld`` beside it).
A folder gives its ``*.jsonld`` and ``*.json`` files, in name order. Any other file is read as it is.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from annotated_reader.diagnostics import file_error
from annotated_reader.interop import w3c_read
from annotated_reader.model import Diagnostic
from annotated_reader.read import inputfiles

MAX_PAGES = 100_000  # pages followed from one collection (one per article)
SUFFIXES = (".jsonld", ".json")


@dataclass
class Found:
    """The files to read (shown name, text), and what went wrong finding them."""

    texts: list[tuple[str, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def find(source: Path, shown: str) -> Found:
    """The files to read from ``source`` (given by the user: a link there is followed, none below it)."""
    found, source = Found(), source.resolve()
    if source.is_dir():
        for path in sorted(p for p in source.iterdir() if p.suffix in SUFFIXES):
            _add(found, path, f"{shown.rstrip('/')}/{path.name}")
        if not found.texts and not found.diagnostics:
            found.diagnostics.append(file_error(shown, "no .jsonld or .json file in this folder", HINT))
        return found
    text = _add(found, source, shown)
    first = _linked_first(text) if text is not None else None
    if first is not None:
        found.texts.pop()  # the collection holds no annotation: its pages do
        _follow(found, source, shown, *first)
    return found


READ_HINT = "give a JSON or JSON-LD file of W3C Web Annotations (UTF-8)"
HINT = "give a W3C JSON(-LD) file, a folder of them, or this site's annotations.jsonld beside its annotations/"


def _add(found: Found, path: Path, shown: str) -> str | None:
    """Read one regular file (never through a link) into ``found``; its text, or None when it cannot be read."""
    problem, text = inputfiles.problem(path, shown), None
    if problem is None:
        try:
            raw, size = inputfiles.read(path, w3c_read.MAX_BYTES)
            problem = w3c_read.too_large(shown, size)
            text = None if problem else raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problem = file_error(shown, f"cannot read the file: {exc}", READ_HINT)
    if problem is not None:
        found.diagnostics.append(problem)
    if text is not None:
        found.texts.append((shown, text))
    return text


def _linked_first(text: str) -> tuple[str, str] | None:
    """A collection's id and the address of its first page, when that page is not embedded."""
    head = text[:4096]
    if '"AnnotationCollection"' not in head:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None  # the reader reports it, at its place
    if isinstance(data, dict) and isinstance(data.get("first"), str) and isinstance(data.get("id"), str):
        return data["id"], data["first"]
    return None


def _follow(found: Found, source: Path, shown: str, collection: str, first: str) -> None:
    seen: set[str] = set()
    address: str | None = first
    while address is not None:
        local = _local(collection, address)
        if local is None or address in seen or len(seen) >= MAX_PAGES:
            found.diagnostics.append(_stop(shown, address, local is None, address in seen))
            return
        seen.add(address)
        path = source.parent / local
        text = _add(found, path, posixpath.join(posixpath.dirname(shown), local))
        address = _next(text) if text is not None else None


def _local(collection: str, address: str) -> str | None:
    """Where page ``address`` lies relative to the collection file, if under the collection's folder."""
    base, page = urlsplit(collection), urlsplit(address)
    folder = posixpath.dirname(base.path) + "/"
    if (page.scheme, page.netloc) != (base.scheme, base.netloc) or not page.path.startswith(folder):
        return None
    local = posixpath.normpath(page.path[len(folder) :])
    return None if local.startswith("..") or local.startswith("/") or local == "." else local


def _next(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None  # the reader reports it, at its place
    following = data.get("next") if isinstance(data, dict) else None
    return following if isinstance(following, str) else None


def _stop(shown: str, address: str, outside: bool, again: bool) -> Diagnostic:
    if outside:
        message = f"page {address} is not beside the collection; its pages are not followed further"
        return file_error(shown, message, "give the collection with its pages folder as the site publishes them")
    if again:
        return file_error(shown, f"page {address} is linked twice (a loop); stopped there", HINT)
    return file_error(shown, f"more than {MAX_PAGES:,} pages; stopped there", "import the pages folder in parts")
