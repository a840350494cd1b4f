"""Which input entries may be read: regular files and folders inside the project, never symbolic links.

A symbolic link committed into articles/ or annotations/ could publish any file the build can read
(``/etc/passwd``, ``../.git/config`` with the CI token) or print its values in the public CI log; a
folder, pipe or device where a file is expected would stop the build. Each such entry is refused with a
diagnostic from ``lstat`` alone: the target of a link is never opened, and never named.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from annotated_reader.diagnostics import file_error
from annotated_reader.model import Diagnostic

LINK_HINT = "replace the link with a copy of the file in the project, or remove it; links are never followed"


def problem(path: Path, rel: str) -> Diagnostic | None:
    """Why the entry ``path`` (shown as ``rel``) may not be read as a regular file, if so."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return _unreadable(rel, exc)
    if stat.S_ISLNK(mode):
        return link(rel)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return file_error(rel, f"{rel} is a folder, not a file", "rename or remove the folder")
    hint = "replace it with a plain text file, or remove it"
    return file_error(rel, f"{rel} is not a regular file", hint)


def read(path: Path, limit: int) -> tuple[bytes, int]:
    """At most ``limit + 1`` bytes of the regular file ``path``, and its size. Raises OSError for a link
    (``O_NOFOLLOW``: a link put in place after the check is not followed either) or a non-regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(fd)
        if not stat.S_ISREG(size.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read(limit + 1), size.st_size


def is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def walk(base: Path, root: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[Diagnostic]]:
    """Every regular file under ``base`` whose name ends in one of ``suffixes``, sorted, and a diagnostic
    for each link (file or folder, whatever its name) and each odd entry with such a name. Links to
    folders are not entered; a plain folder named like a file is skipped, as before."""
    found: list[Path] = []
    diagnostics: list[Diagnostic] = []
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            diagnostics.append(_unreadable(_rel(folder, root), exc))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                diagnostics.append(link(_rel(path, root)))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif path.suffix in suffixes:
                odd = None if entry.is_file(follow_symlinks=False) else problem(path, _rel(path, root))
                found += [path] if odd is None else []
                diagnostics += [odd] if odd is not None else []
    return sorted(found), diagnostics


def link(rel: str) -> Diagnostic:
    return file_error(rel, f"{rel} is a symbolic link; inputs must be files in the project", LINK_HINT)


def _unreadable(rel: str, exc: OSError) -> Diagnostic:
    return file_error(rel, f"cannot read {rel}: {exc.strerror}", "check that it exists and is readable")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
