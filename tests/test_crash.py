"""Kill a build at a dozen points: site/ stays a complete site, docs/ one complete state, no process is
left behind, and the next build recovers by itself, cleans up and gives exactly the reference site.

The points are named in the code (``crashpoint.reached``) and chosen with ANNOTATED_READER_KILL_AT, so
the test does not depend on timing. Each trial flips the project between two states (B adds an article),
as a contributor's next commit would, and kills the build of the new state.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from annotated_reader import parallel
from annotated_reader.write import crashpoint, docs_writer, journal
from tests.helpers import ROOT, copy_project

Snapshot = dict[str, str]
IGNORED = {".build-fingerprint.json"}  # the up-to-date record, written by the command line after a build

# (point, how): "kill" is SIGKILL of the build process only, "group" of its whole process group, "int" Ctrl-C
POINTS = [
    ("after-read", "kill"),
    ("staging", "kill"),
    ("after-stage", "group"),
    ("after-journal", "kill"),
    ("replace-1", "kill"),
    ("replace-3", "int"),
    ("after-replace", "group"),
    ("after-manifest", "kill"),
    ("mkdocs-running", "kill"),
    ("mkdocs-running", "group"),
    ("mkdocs-running", "int"),
    ("before-swap", "kill"),
    ("after-swap", "kill"),
]
SWAPPED = {"after-swap"}  # killed once the new site is in place
COMMITTED = {"before-swap", "after-swap"}  # killed once mkdocs succeeded: docs/ is the new state


def _digest(folder: Path) -> Snapshot:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in IGNORED and not (p.name.startswith(".") and p.name.endswith(".tmp"))
    }


def _run(root: Path, kill_at: str | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != crashpoint.VARIABLE}
    if kill_at is not None:
        env[crashpoint.VARIABLE] = kill_at
    command = [sys.executable, str(ROOT / "build_site.py"), "--root", str(root), "build", "--force"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def _group_alive(group: int, wait: float = 10.0) -> list[int]:
    """The processes still in ``group`` after up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                if fields[0] != "Z" and int(fields[2]) == group:
                    alive.append(int(entry.name))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _kill_group(group: int) -> None:
    """Leave no process of a failed test behind."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)


def _leftovers(root: Path) -> list[str]:
    found = [p.name for p in root.iterdir() if p.name.startswith((".site-", ".search-", ".docs-backup"))]
    found += [p.name for p in (root / "docs").rglob(".*.tmp")]
    return found


class Project:
    """A copy of the project in one of two states, A and B (B adds the article zz-new)."""

    def __init__(self, root: Path) -> None:
        self.root = copy_project(root)
        first = sorted((self.root / "articles").glob("*.txt"))[0]
        self.new_text = first.read_bytes()
        meta = first.with_suffix(".yml").read_text("utf-8").splitlines()
        self.new_meta = "\n".join('title: "A new article"' if m.startswith("title:") else m for m in meta) + "\n"
        self.state = "A"

    def flip(self) -> str:
        new = self.root / "articles" / "zz-new"
        if self.state == "A":
            new.with_suffix(".txt").write_bytes(self.new_text)
            new.with_suffix(".yml").write_text(self.new_meta, "utf-8")
            self.state = "B"
        else:
            new.with_suffix(".txt").unlink()
            new.with_suffix(".yml").unlink()
            self.state = "A"
        return self.state

    def snapshot(self) -> tuple[Snapshot, Snapshot]:
        return _digest(self.root / "site"), _digest(self.root / "docs")

    def build(self) -> None:
        proc = _run(self.root)
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, out.decode("utf-8", "replace")


def _docs_once_recovered(root: Path, scratch: Path) -> Snapshot:
    """docs/ as the next build finds it once it undid the journal a killed build left (on a copy)."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    shutil.copytree(root / "docs", scratch / "docs", symlinks=True)
    if (root / ".docs-backup").exists():
        shutil.copytree(root / ".docs-backup", scratch / ".docs-backup", symlinks=True)
    journal.recover(scratch / "docs", docs_writer.MANIFEST)
    return _digest(scratch / "docs")


def test_a_build_killed_at_any_point_leaves_a_complete_site_and_recovers(tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    reference = {}
    for state in ("A", "B"):
        if state == "B":
            project.flip()
        project.build()
        reference[state] = project.snapshot()
    assert reference["A"] != reference["B"]
    for point, how in POINTS:
        previous = project.state
        state = project.flip()
        proc = _run(project.root, f"{point}:{how}")
        try:
            out, _ = proc.communicate(timeout=300)
            alive = _group_alive(proc.pid)
        finally:
            _kill_group(proc.pid)
        told = f"{point}:{how}: {out.decode('utf-8', 'replace')[-2000:]}"
        assert proc.returncode != 0, told
        if how != "int":
            assert proc.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), told
        assert alive == [], f"orphans after {point}:{how}"
        site_now = reference[state if point in SWAPPED else previous][0]
        docs_now = reference[state if point in COMMITTED else previous][1]
        assert _digest(project.root / "site") == site_now, f"site/ is not the complete site it should be: {told}"
        assert _docs_once_recovered(project.root, tmp_path / "scratch") == docs_now, f"docs/ after {told}"
        if how == "int":  # Ctrl-C: the build undid its change itself
            assert _digest(project.root / "docs") == docs_now, told
            assert _leftovers(project.root) == [], told
        project.build()
        assert project.snapshot() == reference[state], f"the build after {point}:{how}"
        assert _leftovers(project.root) == [], f"left behind after {point}:{how}"


def _sleep_forever(shared: int, n: int) -> int:
    time.sleep(3600)
    return n


WORKER_SCRIPT = """
import os, signal, sys, time
sys.path.insert(0, {root!r})
from annotated_reader import parallel
from tests.test_crash import _sleep_forever
with parallel.Pool(0, 2) as pool:
    results = pool.ordered([(_sleep_forever, (n,)) for n in range(4)])
    time.sleep(1.5)  # the workers are running
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_workers_die_with_a_killed_parent() -> None:
    """kill -9 of the build: its forked workers exit too, instead of waiting for ever on their pipe."""
    assert "fork" in __import__("multiprocessing").get_all_start_methods()
    assert parallel.Pool(0, 2).processes == 2
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT.format(root=str(ROOT))],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=30)  # returns only once no process holds the pipe: the workers are gone
        assert proc.returncode == -signal.SIGKILL, out.decode("utf-8", "replace")
        assert _group_alive(proc.pid) == []
    finally:
        _kill_group(proc.pid)


def test_a_failed_mkdocs_step_leaves_docs_as_they_were(tmp_path: Path) -> None:
    """A build that fails in mkdocs (after docs/ was written) puts every docs/ file back (README)."""
    project = Project(tmp_path / "project")
    broken = project.root / "docs" / "zz-broken.md"
    project.build()
    broken.write_text("# Broken\n\n[a page that is not there](missing-page.md)\n", "utf-8")  # --strict fails
    before = project.snapshot()
    project.flip()  # a new article: many generated files change
    proc = _run(project.root)
    out = proc.communicate(timeout=300)[0].decode("utf-8", "replace")
    assert proc.returncode == 1, out
    assert "missing-page.md" in out and "Traceback" not in out
    assert project.snapshot() == before
    assert _leftovers(project.root) == []


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path: Path) -> None:
    """``make site & make site``: the second waits for the build lock, then builds; neither fails."""
    project = Project(tmp_path / "project")
    project.build()
    reference = project.snapshot()
    procs = [_run(project.root) for _ in range(2)]
    try:
        outs = [proc.communicate(timeout=300)[0].decode("utf-8", "replace") for proc in procs]
    finally:
        for proc in procs:
            _kill_group(proc.pid)
    assert [proc.returncode for proc in procs] == [0, 0], outs
    assert project.snapshot() == reference
    assert _leftovers(project.root) == []
