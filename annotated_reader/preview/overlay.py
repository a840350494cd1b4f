"""``check`` on the project as it would be with some files changed, without changing them: a scratch copy
made of hard links (a plain copy where links cannot be made), the changed files written fresh into it."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from annotated_reader import build
from annotated_reader.model import BuildFailed, Diagnostic

COPIED = ("articles", "annotations")


def check_with(root: Path, changes: dict[str, str]) -> list[Diagnostic]:
    """Every diagnostic ``check`` gives for the project with ``changes`` (path relative to root -> text)."""
    with tempfile.TemporaryDirectory(prefix=".preview-check-", dir=root) as scratch:
        copy = Path(scratch)
        for folder in COPIED:
            if (root / folder).is_dir() and not (root / folder).is_symlink():
                _link_tree(root / folder, copy / folder)
        if (root / "mkdocs.yml").is_file():
            shutil.copyfile(root / "mkdocs.yml", copy / "mkdocs.yml")
        for rel, text in changes.items():
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()  # a hard link to the real file: never written through
            target.write_text(text, "utf-8")
        try:
            return build.check(copy).diagnostics
        except BuildFailed as failed:
            return failed.diagnostics


def _link_tree(source: Path, target: Path) -> None:
    """The folder's entries, links kept as links (the check refuses them as it does in the project)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source):
        made = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            _link_tree(Path(entry.path), made)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), made)
        else:
            try:
                os.link(entry.path, made)
            except OSError:
                shutil.copyfile(entry.path, made)
