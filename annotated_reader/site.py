"""The only module that writes files: generated docs pages, and the swap of a finished site/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from . import progress, search
from .model import BuildFailed, Diagnostic

MANIFEST = ".generated-files.json"
INDEXER = "annotated_reader.searchindex"  # the module that builds Pagefind's index beside mkdocs


def _inside(base: Path, rel: str) -> Path:
    target = (base / rel).resolve()
    if base.resolve() not in target.parents:
        raise BuildFailed([Diagnostic(rel, 1, 1, "error", f"generated path escapes {base.name}/", "")])
    return target


def write_docs(docs_dir: Path, files: Iterable[tuple[str, str | bytes | bytearray]]) -> tuple[list[str], list[str]]:
    """Write generated files into docs/, touching only files whose content changed.

    ``files`` may be a stream: each changed file is staged beside its target as it comes, so a large
    corpus is never held in memory whole, and moved into place only once every file was generated.
    A file not listed in the manifest of a previous run is hand-written: it is never overwritten
    (the build fails instead, and docs/ is left as it was) and never deleted. Returns (written, removed).
    """
    manifest_path = docs_dir / MANIFEST
    previous = set(json.loads(manifest_path.read_text("utf-8"))) if manifest_path.exists() else set()
    seen: list[str] = []
    clashes: list[str] = []
    staged: list[tuple[Path, Path, str]] = []  # (staged copy, target, path in docs/)
    try:
        for rel, content in files:
            seen.append(rel)
            target = _inside(docs_dir, rel)
            if rel not in previous and target.exists():
                clashes.append(rel)
                continue
            tmp = _stage(target, content)
            if tmp is not None:
                staged.append((tmp, target, rel))
        if clashes:
            raise BuildFailed([_clash(docs_dir, rel) for rel in clashes])
    except BaseException:
        for tmp, target, _ in staged:
            tmp.unlink(missing_ok=True)
            _prune(target.parent, docs_dir)
        raise
    for tmp, target, _ in staged:
        os.replace(tmp, target)
    removed = sorted(previous - set(seen))
    for rel in removed:
        target = _inside(docs_dir, rel)
        if target.exists():
            target.unlink()
        _prune(target.parent, docs_dir)
    manifest = json.dumps(sorted(seen), indent=0) + "\n"
    if not manifest_path.exists() or manifest_path.read_text("utf-8") != manifest:
        manifest_path.write_text(manifest, "utf-8")
    return sorted(rel for _, _, rel in staged), removed


def _clash(docs_dir: Path, rel: str) -> Diagnostic:
    return Diagnostic(
        f"{docs_dir.name}/{rel}",
        1,
        1,
        "error",
        "a hand-written file stands where a generated page goes",
        "rename the hand-written file; generated pages never overwrite one",
    )


def write_new(base: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Create each file (path relative to ``base``) that does not exist yet; never overwrite one.

    Returns (written, refused): a file that exists, or appears meanwhile, is left as it is.
    """
    written, refused = [], []
    for rel, content in sorted(files.items()):
        target = _inside(base, rel)
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
        target = _inside(base, rel)
        tmp = _stage(target, content)
        if tmp is not None:
            os.replace(tmp, target)
            written.append(rel)
    return written


def _stage(target: Path, content: str | bytes | bytearray) -> Path | None:
    """Write ``content`` (text, or UTF-8 bytes) beside ``target`` when it differs from what is there; the
    staged copy, or None."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.exists() and target.read_bytes() == data:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    return tmp


def _prune(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def write_search_config(root: Path, text: str | None) -> None:
    """The generated mkdocs config for Pagefind search, or none (a stale one is removed)."""
    path = root / search.CONFIG
    if text is None:
        path.unlink(missing_ok=True)
    elif not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


def mkdocs_build(root: Path, site_dir: Path, pages: int = 0, pagefind: bool = False) -> dict[str, float]:
    """``mkdocs build --strict`` into a temporary folder and, when asked, Pagefind's index of docs/ beside
    it on another core (searchindex.py); swapped in for site/ only when both succeeded. Returns the
    seconds mkdocs took, and how long Pagefind went on after mkdocs had finished."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    tmp.chmod(0o755)
    work = Path(tempfile.mkdtemp(prefix=".search-", dir=site_dir.parent)) if pagefind else None
    config = ["--config-file", search.CONFIG] if pagefind else []
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *config, "--site-dir", str(tmp)]
    seconds = {}
    indexer = _start_index(root, work) if work is not None else None
    try:
        started = time.perf_counter()
        _run(command, root, "mkdocs build --strict", 2 * pages)
        seconds["mkdocs"] = time.perf_counter() - started
        if indexer is not None and work is not None:
            started = time.perf_counter()
            _finish_index(indexer, work)
            os.replace(work / "bundle", tmp / "pagefind")
            seconds["pagefind"] = time.perf_counter() - started
    except BuildFailed:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if indexer is not None and indexer.poll() is None:
            indexer.kill()
            indexer.wait()
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    _swap(tmp, site_dir)
    return seconds


def _start_index(root: Path, work: Path) -> subprocess.Popen[bytes]:
    """searchindex.py in its own process: it reads docs/, which mkdocs only reads too."""
    command = [sys.executable, "-m", INDEXER, str(root.resolve()), str(work / "pages"), str(work / "bundle")]
    with (work / "log").open("wb") as log:
        return subprocess.Popen(command, cwd=root, env=tool_env(), stdout=log, stderr=subprocess.STDOUT)


def tool_env() -> dict[str, str]:
    """The environment of mkdocs and Pagefind runs: this package importable wherever the project is
    (mkdocs.yml names its Markdown extension, annotated_reader.rawblock), and no MkDocs 2 banner."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"}


def _finish_index(indexer: subprocess.Popen[bytes], work: Path) -> None:
    if indexer.wait() != 0 or not (work / "bundle").is_dir():
        raise _failed("pagefind", (work / "log").read_text("utf-8", errors="replace").splitlines())


def _failed(label: str, lines: list[str]) -> BuildFailed:
    """A failed build step, with the last lines it printed."""
    return BuildFailed(
        [
            Diagnostic("mkdocs.yml", 1, 1, "error", f"{label} failed: {line}", "the previous site/ is unchanged")
            for line in lines[-20:] or ["(no output)"]
        ]
    )


def _run(command: list[str], root: Path, label: str, steps: int) -> None:
    """Run a build step; with a progress bar, mkdocs logs each page read and built (``--verbose``).
    Never ``--quiet``: mkdocs 1.6 then drops its warnings before ``--strict`` counts them, and passes."""
    env = tool_env()
    verbose = progress.enabled() and steps > 0
    if label.startswith("mkdocs") and verbose:
        command = [*command, "--verbose"]
    lines: list[str] = []
    with (
        subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as proc,
        progress.bar(label, steps if verbose else None) as bar,
    ):
        assert proc.stdout is not None  # noqa: S101 - set by stdout=PIPE
        for line in proc.stdout:
            if line.startswith("DEBUG"):
                bar.update(1 if ("Reading: " in line or "Building page " in line) else 0)
            elif line.strip() and not line.startswith("INFO"):
                lines.append(line.rstrip())
    if proc.returncode != 0:
        raise _failed(label, lines)


def _swap(tmp: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(tmp, site_dir)
    shutil.rmtree(old, ignore_errors=True)
