"""The change of docs/ as one transaction: the previous version of every file it replaces or removes
is kept aside (a hard link, no copy) in ``.docs-backup/`` beside docs/, with a journal written before
the first change. ``commit`` drops them once the site was built; ``rollback`` puts them back when the
build failed or was interrupted, and ``recover`` does the same at the start of the next build when the
process was killed. So docs/ is, for every build that ran, either what it was or what it became.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from annotated_reader.write import crashpoint

JOURNAL = "journal.json"
MANIFEST_COPY = "manifest"


def backup_dir(docs_dir: Path) -> Path:
    return docs_dir.parent / f".{docs_dir.name}-backup"


def write_atomically(path: Path, data: bytes) -> None:
    """A file that is, to any reader and after any crash, either the old one or the new one."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Journal:
    """The files one build creates, replaces and removes in docs/, with their previous versions."""

    def __init__(self, docs_dir: Path, manifest: str, created: list[str], replaced: list[str], removed: list[str]):
        self.docs_dir, self.manifest = docs_dir, manifest
        self.dir = backup_dir(docs_dir)
        self.entries = {"created": created, "replaced": replaced, "removed": removed}

    def begin(self) -> None:
        """Record what is about to change, before anything does."""
        self.dir.mkdir()
        (self.dir / "files").mkdir()
        old_manifest = self.docs_dir / self.manifest
        if old_manifest.is_file() and not old_manifest.is_symlink():
            os.link(old_manifest, self.dir / MANIFEST_COPY)
        record = {**self.entries, "manifest": (self.dir / MANIFEST_COPY).exists()}
        write_atomically(self.dir / JOURNAL, json.dumps(record).encode())
        crashpoint.reached("after-journal")

    def keep(self, rel: str, move: bool) -> None:
        """Keep the current version of docs/<rel> aside: linked (it is about to be replaced) or moved."""
        kept = self.dir / "files" / rel
        kept.parent.mkdir(parents=True, exist_ok=True)
        (os.replace if move else os.link)(self.docs_dir / rel, kept)

    def commit(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def rollback(self) -> None:
        recover(self.docs_dir, self.manifest)


def recover(docs_dir: Path, manifest: str) -> bool:
    """Undo the unfinished change of docs/ a killed or failed build left; whether there was one."""
    folder = backup_dir(docs_dir)
    if not folder.is_dir() or folder.is_symlink():
        return False
    try:
        record = json.loads((folder / JOURNAL).read_text("utf-8"))
    except (OSError, ValueError):
        record = None  # killed before the journal was complete: nothing in docs/ had changed yet
    if isinstance(record, dict):
        _undo(docs_dir, folder, record, manifest)
    shutil.rmtree(folder)
    return True


def _undo(docs_dir: Path, folder: Path, record: dict[str, object], manifest: str) -> None:
    for rel in _names(record.get("created")):
        (docs_dir / rel).unlink(missing_ok=True)
        prune((docs_dir / rel).parent, docs_dir)
    for rel in [*_names(record.get("replaced")), *_names(record.get("removed"))]:
        kept = folder / "files" / rel
        if kept.is_file():
            (docs_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(kept, docs_dir / rel)
    if (folder / MANIFEST_COPY).is_file():
        os.replace(folder / MANIFEST_COPY, docs_dir / manifest)
    elif record.get("manifest") is False:
        (docs_dir / manifest).unlink(missing_ok=True)


def _names(value: object) -> list[str]:
    """The journal's paths that stay inside docs/ (it is read back, so checked like any input)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str) and v and ".." not in v.split("/") and not v.startswith("/")]


def prune(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and its parents up to ``stop`` while they are empty."""
    while folder != stop and stop in folder.parents and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
