"""What the build writes is what it claims to be: inside the project, reached through no symbolic link,
a folder where a folder goes and a regular file where a file goes. Failures become diagnostics."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path, PurePosixPath

from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed
from annotated_reader.render.escape import GENERATED

HEAD = 256 * 1024  # bytes read to tell a generated file (its front matter comes before the header)
_MARKER = GENERATED.encode()
_W3C = b'"http://www.w3.org/ns/anno.jsonld"'
_COLLECTION = (b'{"@context":' + _W3C, b'{"@context":[' + _W3C)  # the W3C export carries no header


def error(path: str, message: str, hint: str) -> BuildFailed:
    return BuildFailed([file_error(path, message, hint)])


def label(root: Path, path: Path | str) -> str:
    """``path`` as the contributor knows it: relative to the project."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def folder(root: Path, path: Path) -> Path:
    """``path`` (docs/ or site/) checked: in the project, not a link, a folder or nothing yet."""
    name = label(root, path)
    if path.is_symlink():
        raise error(name, "is a symbolic link; the build writes only inside the project", f"remove the link {name}")
    parent = path.parent.resolve()
    if parent != root.resolve() and root.resolve() not in parent.parents:
        raise error(name, "is outside the project", "set docs_dir/site_dir in mkdocs.yml to a folder of the project")
    if path.exists() and not path.is_dir():
        raise error(name, "is not a folder", f"move the file {name} away; the build makes this folder")
    return path


def clean(rel: str) -> bool:
    """A relative path that stays where it is put: no '..', no absolute path, no empty part."""
    parts = rel.split("/")
    return bool(rel) and "\\" not in rel and "\0" not in rel and all(p not in ("", ".", "..") for p in parts)


def inside(base: Path, rel: str) -> Path:
    """``base/rel``, refused when it escapes ``base`` or passes through a symbolic link."""
    if not clean(rel):
        raise error(rel, f"generated path escapes {base.name}/", "a generated path is relative, without '..'")
    target = base.joinpath(*PurePosixPath(rel).parts)
    current = base
    for part in PurePosixPath(rel).parts:
        current = current / part
        if current.is_symlink():
            shown = f"{base.name}/{current.relative_to(base).as_posix()}"
            raise error(shown, "is a symbolic link where the build writes", f"remove the link {shown}")
    if target.exists() and not target.is_file():
        shown = f"{base.name}/{rel}"
        raise error(shown, "is not a regular file where a generated file goes", f"move {shown} away")
    return target


def looks_generated(path: Path) -> bool:
    """Whether the file still starts with the generated header (after its front matter, for a page): a
    file that lost it was written by hand, and is never overwritten nor deleted."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return False
    if head.startswith(_COLLECTION):
        return any(b'"type":"Annotation%s"' % kind in head[:4096] for kind in (b"Collection", b"Page"))
    if head.startswith(b"---\n"):
        end = head.find(b"\n---\n", 3)
        if end < 0:
            return False
        head = head[end + 5 :].lstrip(b"\n")
    return _MARKER in head[:64]


def os_failure(root: Path, failure: OSError, doing: str) -> BuildFailed:
    """An operating-system error while writing, as a diagnostic on the file it concerns."""
    where = label(root, failure.filename) if failure.filename else "."
    reason = failure.strerror or str(failure)
    hint = {
        28: "free some disk space and build again",  # ENOSPC
        13: "make the project folder and docs/ and site/ writable by the user who builds",  # EACCES
        30: "the file system is read-only: build on a writable copy",  # EROFS
    }.get(failure.errno or 0, "fix the file or folder and build again")
    return error(where, f"cannot {doing}: {reason}", f"{hint}; docs/ and site/ are as they were")


def unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
