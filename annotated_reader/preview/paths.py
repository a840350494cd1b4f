"""The only files the preview reads and writes for a contributor: YAML files under annotations/, reached
without a symbolic link (the read stage's input-file guard, ``inputfiles.problem``, on each part of the path)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from annotated_reader.read import inputfiles, yamlsource

ALLOWED = re.compile(r"^annotations/(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.ya?ml$")


class Forbidden(ValueError):
    """A path the preview never touches; the message says why."""


def checked(root: Path, rel: str) -> Path:
    """``root / rel`` when ``rel`` names a YAML file under annotations/ reached through no link; else Forbidden."""
    if not ALLOWED.match(rel) or ".." in rel.split("/"):
        raise Forbidden(f"{rel!r} is not a YAML file under annotations/: the preview writes nowhere else")
    path = root
    for part in rel.split("/"):
        path = path / part
        if inputfiles.is_link(path):
            raise Forbidden(inputfiles.link(rel).message)
    folder_odd = path.parent.exists() and not path.parent.is_dir()
    odd = inputfiles.problem(path, rel) if path.exists() else None
    if folder_odd or odd is not None:
        raise Forbidden(odd.message if odd else f"{path.parent.name} is not a folder")
    return path


def read_text(root: Path, rel: str) -> str:
    """The file's text, or "" when it does not exist yet."""
    path = checked(root, rel)
    if not path.exists():
        return ""
    raw, _ = inputfiles.read(path, yamlsource.MAX_BYTES)
    return raw.decode("utf-8")


def write_text(root: Path, rel: str, text: str) -> None:
    """Write the file in place (never through a link: ``O_NOFOLLOW``); its folder is made when missing."""
    path = checked(root, rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    checked(root, rel)  # the folder just made is no link either
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
