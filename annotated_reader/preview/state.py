"""What the preview shows and when it changes: one rebuild at a time after input files change (watched with
filesystem events), the number of the last rebuild, and the problems of the last one (shown in the browser)."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from annotated_reader.model import BuildFailed, Corpus, Diagnostic
from annotated_reader.preview.incremental import Rebuilder
from annotated_reader.write import uptodate

WATCHED = ("articles", "annotations")
SETTLE_SECONDS = 0.05  # changes arriving this close together make one rebuild


@dataclass
class Status:
    generation: int = 0  # rebuilds finished so far; a page older than this reloads
    problems: list[Diagnostic] = field(default_factory=list)  # of the last rebuild: errors shown over every page
    failed: bool = False
    log: tuple[str, ...] = ()


class Preview:
    """The rebuilds of one serve run, one at a time, in a thread of their own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.status = Status()
        self.corpus: Corpus | None = None
        self.rebuilder = Rebuilder(root)  # the session and the loaded site engine (incremental.py)
        self._changed: set[Path] = set()
        self._asked = 0  # changes announced
        self._done = 0  # changes announced before the last finished rebuild began
        self._seen = ""  # the inputs' fingerprint at the last rebuild
        self._cond = threading.Condition()

    def changed(self, paths: Collection[Path]) -> int:
        """Announce changed files; the number to ``wait`` for to see them in the site."""
        with self._cond:
            self._changed |= set(paths)
            self._asked += 1
            self._cond.notify_all()
            return self._asked

    def wait(self, ticket: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._done >= ticket, timeout)

    def run_forever(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._asked > self._done)
            threading.Event().wait(SETTLE_SECONDS)
            with self._cond:
                ticket, changed, self._changed = self._asked, self._changed, set()
            shown = self.rebuilder.quick(changed)
            if shown:  # the saved article's page is served: the browser may reload now
                self.status = dataclasses.replace(self.status, generation=self.status.generation + 1)
                self._finished(ticket)
            self.rebuild(changed, shown)
            self._finished(ticket)

    def _finished(self, ticket: int) -> None:
        with self._cond:
            self._done = max(self._done, ticket)
            self._cond.notify_all()

    def rebuild(self, changed: Collection[Path], shown: bool = False) -> None:
        """Rebuild unless the inputs are as they were at the last rebuild; record what came of it. After the
        article's page was ``shown``, the browser reloads again only when the outcome differs."""
        fingerprint = uptodate.inputs(self.root, "serve")
        if fingerprint == self._seen:
            return
        self._seen = fingerprint
        try:
            result = self.rebuilder.rebuild(changed)
            self.corpus, status = result.corpus, Status(problems=result.diagnostics)
        except BuildFailed as failed:
            status = Status(problems=failed.diagnostics, failed=True, log=failed.log)
        except Exception as exc:  # serve outlives any input: it shows the problem and goes on
            status = Status(problems=[_problem(exc, self.root)], failed=True)
        same = shown and not status.failed and _errors(status) == _errors(self.status) and not self.status.failed
        status.generation = self.status.generation + (0 if same else 1)
        self.status = status


def _errors(status: Status) -> list[Diagnostic]:
    return [d for d in status.problems if d.severity == "error"]


def _problem(exc: Exception, root: Path) -> Diagnostic:
    """A failure no stage turned into a diagnostic, named by the file it concerns (relative to the project)."""
    hint = "fix it and save: the preview rebuilds"
    if isinstance(exc, OSError) and exc.filename:
        name = os.fsdecode(exc.filename)
        shown = os.path.relpath(name, root) if os.path.isabs(name) else name
        return Diagnostic(shown, 0, 0, "error", exc.strerror or str(exc), hint)
    return Diagnostic(".", 0, 0, "error", f"{type(exc).__name__}: {str(exc)[:300]}", hint)


class _Handler(FileSystemEventHandler):
    def __init__(self, preview: Preview) -> None:
        self.preview = preview

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        self.preview.changed({Path(str(event.src_path))})


def watch(preview: Preview, folders: Collection[Path]) -> BaseObserver:
    """Start watching ``folders`` (those that exist) with filesystem events; stop the returned observer."""
    observer = Observer()
    for folder in folders:
        if folder.is_dir():
            observer.schedule(_Handler(preview), str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer
