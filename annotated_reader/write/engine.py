"""site/: mkdocs and Pagefind into a temporary folder, swapped in for site/ only when both succeeded.

The swap is one step where Linux allows it (renameat2 RENAME_EXCHANGE), so site/ is at every moment
a complete site. Temporary folders of killed builds (``.site-*``, ``.search-*``) are removed by the next
build, which holds the build lock (lock.py), so no other build is using them. mkdocs and the indexer
die with the build (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotated_reader import linux, progress
from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed
from annotated_reader.write import crashpoint, engines, guard, minify, prune, search

INDEXER = "annotated_reader.write.searchindex"  # the module that builds Pagefind's index beside mkdocs


@dataclass(frozen=True)
class SearchIndex:
    """What the Pagefind indexer needs of the settings, given on its command line (mkdocs.yml is read once)."""

    docs_dir: Path
    language: str
    carry: Path | None = None  # an index made before, put in the new site as it is instead of indexing again


def mkdocs_build(
    root: Path,
    site_dir: Path,
    pages: int = 0,
    index: SearchIndex | None = None,
    before_swap: Callable[[], None] | None = None,
) -> dict[str, float]:
    """``mkdocs build --strict`` into a temporary folder and, when asked, Pagefind's index of docs/ beside
    it on another core (searchindex.py); swapped in for site/ only when both succeeded (``before_swap``
    is called just before). Returns the seconds mkdocs took, and how long Pagefind went on after."""
    site_dir = Path(os.path.abspath(guard.folder(root, site_dir)))  # absolute, but never through a link
    try:
        clean_leftovers(site_dir)
        tmp, seconds = _build_into(root, site_dir, pages, index)
    except OSError as failure:
        raise guard.os_failure(root, failure, "build site/") from None
    try:
        if before_swap is not None:
            before_swap()
        swap(tmp, site_dir)
    except OSError as failure:
        shutil.rmtree(tmp, ignore_errors=True)
        raise guard.os_failure(root, failure, "replace site/") from None
    return seconds


def _build_into(root: Path, site_dir: Path, pages: int, index: SearchIndex | None) -> tuple[Path, dict[str, float]]:
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    work = None
    indexer = None
    seconds = {}
    try:
        tmp.chmod(0o755)
        minifying = minify.enabled(root)
        indexing = index is not None and index.carry is None
        work = Path(tempfile.mkdtemp(prefix=".search-", dir=site_dir.parent)) if indexing else None
        name = engines.name()
        config = search.CONFIG if index else None
        command = engines.command(name, root, tmp, config, sys.executable)
        indexer = _start_index(root, index, work) if index is not None and work is not None else None
        started = time.perf_counter()
        try:
            _run(command, root, f"{name} build --strict", 2 * pages if name != "zensical" else 0)
        finally:
            (root / engines.ZENSICAL_CONFIG).unlink(missing_ok=True)
        seconds[name] = time.perf_counter() - started
        named: dict[str, prune.Names] = {}  # what each page names, read by minify.py as it goes
        if minifying:  # the engine's pages without the whitespace no reader sees (minify.py)
            started = time.perf_counter()
            named = minify.site(root, tmp, site_dir)
            seconds["minify"] = time.perf_counter() - started
        if indexer is not None and work is not None:
            started = time.perf_counter()
            _finish_index(indexer, work)
            os.replace(work / "bundle", tmp / "pagefind")
            seconds["pagefind"] = time.perf_counter() - started
        elif index is not None and index.carry is not None:
            shutil.copytree(index.carry, tmp / "pagefind")
        prune.site(tmp, named)  # the theme's and Pagefind's files that no page loads (prune.py)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if indexer is not None and indexer.poll() is None:
            indexer.kill()
            indexer.wait()
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return tmp, seconds


def clean_leftovers(site_dir: Path) -> None:
    """Put back a site/ a killed two-step swap left aside, and remove the temporary folders of builds
    that were killed (the caller holds the build lock: none is in use)."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    if not site_dir.exists() and not site_dir.is_symlink() and old.is_dir() and not old.is_symlink():
        os.replace(old, site_dir)
    for entry in site_dir.parent.iterdir():
        if entry.name.startswith((f".{site_dir.name}-", ".search-")) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _child_setup() -> Callable[[], None]:
    parent = os.getpid()
    return lambda: linux.die_with_parent(parent)


def _start_index(root: Path, index: SearchIndex, work: Path) -> subprocess.Popen[bytes]:
    """searchindex.py in its own process: it reads docs/, which mkdocs only reads too."""
    docs = str(index.docs_dir.resolve())
    command = [sys.executable, "-m", INDEXER, docs, index.language, str(work / "pages"), str(work / "bundle")]
    with (work / "log").open("wb") as log:
        return subprocess.Popen(  # noqa: S603 - this interpreter, the package's own module
            command, cwd=root, env=tool_env(), stdout=log, stderr=subprocess.STDOUT, preexec_fn=_child_setup()
        )


def tool_env() -> dict[str, str]:
    """The environment of mkdocs and Pagefind runs: this package importable wherever the project is
    (mkdocs.yml names its Markdown extension, annotated_reader.rawblock), and no MkDocs 2 banner."""
    package_parent = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"}


def _finish_index(indexer: subprocess.Popen[bytes], work: Path) -> None:
    if indexer.wait() != 0 or not (work / "bundle").is_dir():
        raise _failed("pagefind", (work / "log").read_text("utf-8", errors="replace").splitlines())


LOG_LINES = 20  # the last lines of a failed tool's output shown


def _failed(label: str, lines: list[str]) -> BuildFailed:
    """A failed build step: one diagnostic, and the last lines the tool printed, in its order."""
    shown = lines[-LOG_LINES:] or ["(no output)"]
    message = f"{label} failed; its last {len(shown)} line(s) of output follow"
    return BuildFailed([file_error("mkdocs.yml", message, "the previous site/ is unchanged")], tuple(shown))


def _run(command: list[str], root: Path, label: str, steps: int) -> None:
    """Run a build step; with a progress bar, mkdocs logs each page read and built (``--verbose``).
    Never ``--quiet``: mkdocs 1.6 then drops its warnings before ``--strict`` counts them, and passes."""
    env = tool_env()
    verbose = progress.enabled() and steps > 0
    if label.startswith(("mkdocs", "properdocs")) and verbose:
        command = [*command, "--verbose"]
    lines: list[str] = []
    with (
        subprocess.Popen(  # noqa: S603 - this interpreter's own `-m mkdocs`
            command,
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=_child_setup(),
        ) as proc,
        progress.bar(label, steps if verbose else None) as bar,
    ):
        assert proc.stdout is not None  # noqa: S101 - set by stdout=PIPE
        try:
            crashpoint.reached("mkdocs-running")
            for line in proc.stdout:
                if line.startswith("DEBUG"):
                    bar.update(1 if ("Reading: " in line or "Building page " in line) else 0)
                elif line.strip() and not line.startswith("INFO"):
                    lines.append(line.rstrip())
        except BaseException:
            proc.kill()
            raise
    if proc.returncode != 0:
        raise _failed(label, lines)


def swap(tmp: Path, site_dir: Path) -> None:
    """Put the finished ``tmp`` in place of site/; the previous site is removed afterwards."""
    crashpoint.reached("before-swap")
    if site_dir.is_dir() and linux.exchange(tmp, site_dir):
        crashpoint.reached("after-swap")
        shutil.rmtree(tmp, ignore_errors=True)  # the previous site now
        return
    old = site_dir.with_name(f".{site_dir.name}-old")  # where renameat2 is missing: two steps
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, old)
    crashpoint.reached("between-swap-renames")  # clean_leftovers puts old back if killed here
    os.replace(tmp, site_dir)
    shutil.rmtree(old, ignore_errors=True)
