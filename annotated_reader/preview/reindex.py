"""Pagefind's index of the preview, made again in the background after an incremental update (a full build
makes it itself). The index is built from docs/ by the same module as a full build's (searchindex.py) into a
folder beside site/, then put in place of site/pagefind; one run at a time, once more if pages changed
meanwhile. Until it lands, search answers from the previous index."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from annotated_reader import linux
from annotated_reader.write import engine, prune

QUIET_SECONDS = 2.0  # no edit for this long before indexing starts


def _background(parent: int) -> Callable[[], None]:
    """The indexer at a low priority (the edit loop comes first), ended with serve."""

    def setup() -> None:
        os.nice(10)
        linux.die_with_parent(parent)

    return setup


class Reindex:
    def __init__(self, docs_dir: Path, language: str, site_dir: Path) -> None:
        self.docs_dir, self.language, self.site_dir = docs_dir, language, site_dir
        self._cond = threading.Condition()
        self._wanted = self._stopped = self._running = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self.done = 0  # indexes put in place (tests)

    def request(self) -> None:
        """Index again once the run under way (if any) is over and no edit came for QUIET_SECONDS."""
        with self._cond:
            self._wanted = True
            self._cond.notify_all()
            if not self._running:
                self._running = True
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """No more runs; the one under way is ended and its folder removed (a full build is starting)."""
        with self._cond:
            self._stopped, self._wanted = True, False
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()
            thread = self._thread
        if thread is not None:
            thread.join()

    def wait(self, timeout: float) -> bool:
        """Whether every requested run finished within ``timeout`` seconds (tests, bench)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()

    def _run(self) -> None:
        while True:
            with self._cond:  # wait for a pause in the edits: indexing a large site takes minutes of a core
                while self._wanted and not self._stopped:
                    self._wanted = False
                    self._cond.wait(QUIET_SECONDS)
                if self._stopped:
                    self._running = False
                    return
            with contextlib.suppress(OSError, subprocess.SubprocessError):  # the next full build reports it
                self._once()
            with self._cond:
                if not self._wanted:
                    self._running = False
                    return

    def _once(self) -> None:
        work = Path(tempfile.mkdtemp(prefix=".search-", dir=self.site_dir.parent))
        try:
            command = [sys.executable, "-m", engine.INDEXER, str(self.docs_dir.resolve()), self.language]
            command += [str(work / "pages"), str(work / "bundle")]
            with self._cond:
                if self._stopped:
                    return
                self._proc = subprocess.Popen(  # noqa: S603 - this interpreter, the package's own module
                    command,
                    env=engine.tool_env(),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    preexec_fn=_background(os.getpid()),
                )
            if self._proc.wait() != 0 or not (work / "bundle").is_dir():
                return  # the next full build reports what is wrong
            with self._cond:
                if self._stopped:
                    return
                old = self.site_dir / "pagefind"
                prune.like_before(work / "bundle", old)  # what the full build left out, out again
                if not (old.is_dir() and linux.exchange(work / "bundle", old)):
                    if old.is_dir():
                        os.replace(old, work / "old")
                    os.replace(work / "bundle", old)
                self.done += 1
        finally:
            shutil.rmtree(work, ignore_errors=True)
