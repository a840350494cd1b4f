"""The only module that writes docs/: generated pages, journaled; and the files of ``schema`` and ``import``.
mkdocs, Pagefind and the swap of site/ are in engine.py."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed, Diagnostic
from annotated_reader.write import crashpoint, guard, journal, search
from annotated_reader.write.journal import Journal

MANIFEST = ".generated-files.json"


class Unchanged(str):
    """Stands for a generated file that is in docs/ as this build would make it (write/page_cache.py): never
    compared, never written."""


UNCHANGED = Unchanged()


@dataclass
class Changes:
    """What write_docs changed in docs/; ``commit`` once the site is built, ``rollback`` when it failed."""

    written: list[str]
    removed: list[str]
    journal: Journal | None = None

    def commit(self) -> None:
        if self.journal is not None:
            self.journal.commit()

    def rollback(self) -> None:
        if self.journal is not None:
            self.journal.rollback()


def write_docs(
    docs_dir: Path, files: Iterable[tuple[str, str | bytes | bytearray]], every: Iterable[str] | None = None
) -> Changes:
    """Write generated files into docs/, touching only files whose content changed.

    ``every``, when given, lists every generated file, and ``files`` only those that may have changed
    (the edit loop, session.py): the files of the last build left out of ``every`` are removed.

    ``files`` may be a stream: each changed file is staged beside its target as it comes, so a large
    corpus is never held in memory whole, and moved into place only once every file was generated. A
    file is generated while it starts with the generated header: any other file is hand-written, and
    is never overwritten (the build fails instead, and docs/ is left as it was) nor deleted. The change
    is journaled (journal.py): an unfinished one of a killed build is undone first.
    """
    root = docs_dir.parent
    guard.folder(root, docs_dir)
    try:
        journal.recover(docs_dir, MANIFEST)
        _sweep_staged(docs_dir)
        docs_dir.mkdir(exist_ok=True)
        previous = _previous(docs_dir)
        seen, staged = _stage_all(docs_dir, files)
        return _apply(docs_dir, previous, seen if every is None else [*every], staged)
    except OSError as failure:
        raise guard.os_failure(root, failure, "write docs/") from None


Staged = tuple[Path, str, bool]  # (staged copy, path in docs/, whether a previous version is replaced)


def _stage_all(docs_dir: Path, files: Iterable[tuple[str, str | bytes | bytearray]]) -> tuple[list[str], list[Staged]]:
    seen: list[str] = []
    clashes: list[str] = []
    staged: list[Staged] = []
    try:
        for rel, content in files:
            seen.append(rel)
            if content is UNCHANGED:
                continue
            target = guard.inside(docs_dir, rel)
            data = content.encode("utf-8") if isinstance(content, str) else content  # never copied
            existed = target.exists()
            if existed and _same(target, data):
                continue
            if existed and not guard.looks_generated(target):
                clashes.append(rel)
                continue
            staged.append((_stage(target, data), rel, existed))
            if len(staged) == 2:
                crashpoint.reached("staging")
        if clashes:
            raise BuildFailed([_clash(docs_dir, rel) for rel in clashes])
    except BaseException:
        _unstage(docs_dir, staged)
        raise
    crashpoint.reached("after-stage")
    return seen, staged


def _same(target: Path, data: bytes | bytearray) -> bool:
    """Whether ``target`` holds ``data``: sizes first, then the bytes (a large file is not read when its size
    differs: reading the last build's 120 MB export beside the new one added that much to a build's peak)."""
    return target.stat().st_size == len(data) and target.read_bytes() == data


def _apply(docs_dir: Path, previous: set[str], seen: list[str], staged: list[Staged]) -> Changes:
    """Move the staged files in, the files no longer generated out, and write the manifest: journaled."""
    try:
        removed = _removable(docs_dir, previous - set(seen))
    except BaseException:
        _unstage(docs_dir, staged)
        raise
    manifest = (json.dumps(sorted(set(seen)), indent=0) + "\n").encode()
    manifest_path = docs_dir / MANIFEST
    if not staged and not removed and manifest_path.is_file() and manifest_path.read_bytes() == manifest:
        return Changes([], [])
    created = [rel for _, rel, existed in staged if not existed]
    change = Journal(docs_dir, MANIFEST, created, [rel for _, rel, existed in staged if existed], removed)
    try:
        change.begin()
        for number, (tmp, rel, existed) in enumerate(staged):
            if existed:
                change.keep(rel, move=False)
            os.replace(tmp, docs_dir / rel)
            crashpoint.reached(f"replace-{number}")
        for rel in removed:
            change.keep(rel, move=True)
            journal.prune((docs_dir / rel).parent, docs_dir)
        crashpoint.reached("after-replace")
        journal.write_atomically(manifest_path, manifest)
        crashpoint.reached("after-manifest")
    except BaseException:
        _unstage(docs_dir, staged)
        change.rollback()
        raise
    return Changes(sorted(rel for _, rel, _ in staged), removed, change)


def _clash(docs_dir: Path, rel: str) -> Diagnostic:
    return file_error(
        f"{docs_dir.name}/{rel}",
        "a hand-written file stands where a generated page goes",
        "rename the hand-written file (a file without the generated header is never overwritten)",
    )


def _previous(docs_dir: Path) -> set[str]:
    """The files the last build generated: its manifest, or, when that is missing or unreadable, every
    file of docs/ that starts with the generated header. Entries that escape docs/ are ignored."""
    path = docs_dir / MANIFEST
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise guard.error(
            f"{docs_dir.name}/{MANIFEST}", "is not a regular file", "remove it; the build writes its own list"
        )
    try:
        listed = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        listed = None
    if isinstance(listed, list) and all(isinstance(rel, str) for rel in listed):
        return {rel for rel in listed if guard.clean(rel)}
    return set(_scan(docs_dir))


def _scan(docs_dir: Path) -> Iterable[str]:
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = Path(folder, name)
            if not name.startswith(".") and not path.is_symlink() and guard.looks_generated(path):
                yield path.relative_to(docs_dir).as_posix()


def _removable(docs_dir: Path, gone: set[str]) -> list[str]:
    """The files of the last build no longer generated that are still generated files (never a
    hand-written file put at the same path since); a link among them is an error."""
    removable = []
    for rel in sorted(gone):
        target = guard.inside(docs_dir, rel)
        if target.is_file() and guard.looks_generated(target):
            removable.append(rel)
    return removable


def _sweep_staged(docs_dir: Path) -> None:
    """Remove the staged copies (``.<name>.tmp``) a killed build left in docs/."""
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        for name in names:
            if name.startswith(".") and name.endswith(".tmp") and len(name) > 5:
                guard.unlink_quietly(Path(folder, name))


def _unstage(docs_dir: Path, staged: list[Staged]) -> None:
    for tmp, _, _ in staged:
        tmp.unlink(missing_ok=True)
        journal.prune(tmp.parent, docs_dir)


def write_new(base: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Create each file (path relative to ``base``) that does not exist yet; never overwrite one.

    Returns (written, refused): a file that exists, or appears meanwhile, is left as it is.
    """
    written, refused = [], []
    for rel, content in sorted(files.items()):
        target = guard.inside(base, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        except FileExistsError:
            refused.append(rel)
            continue
        written.append(rel)
    return written, refused


def write_changed(base: Path, files: dict[str, str]) -> list[str]:
    """Write each file (path relative to ``base``) whose content changed; return the ones written."""
    written = []
    for rel, content in sorted(files.items()):
        target = guard.inside(base, rel)
        data = content.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            os.replace(_stage(target, data), target)
            written.append(rel)
    return written


def _stage(target: Path, data: bytes | bytearray) -> Path:
    """Write ``data`` beside ``target``; the staged copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    return tmp


def write_search_config(root: Path, text: str | None) -> None:
    """The generated mkdocs config for Pagefind search, or none (a stale one is removed)."""
    path = root / search.CONFIG
    if text is None:
        path.unlink(missing_ok=True)
    elif not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
