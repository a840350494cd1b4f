"""One build at a time: an exclusive lock on ``.build.lock`` in the project while docs/ and site/ change.

``build`` and each regeneration of ``serve`` take it. A second build waits up to ``WAIT`` seconds for
the first one, then stops with an error naming the process that holds the lock; it changed nothing.
The lock is released by the kernel when its holder exits, however it exits (kill -9 too).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed, Diagnostic

LOCK = ".build.lock"
WAIT = 60.0  # seconds a second build waits for the first one


@contextmanager
def held(root: Path) -> Iterator[None]:
    """Hold the project's build lock for the ``with`` block."""
    path = root / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise BuildFailed([_cannot_lock(error)]) from None
    try:
        _acquire(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int) -> None:
    deadline = time.monotonic() + WAIT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BuildFailed([_busy(os.pread(fd, 32, 0).decode("ascii", "replace").strip())]) from None
            time.sleep(0.1)


def _busy(holder: str) -> Diagnostic:
    who = f"process {holder}" if holder.isdigit() else "another process"
    return file_error(
        LOCK,
        f"another build is running in this project ({who}); waited {WAIT:.0f} s",
        "wait for it to finish (or stop it) and build again; this build changed nothing",
    )


def _cannot_lock(error: OSError) -> Diagnostic:
    return file_error(
        LOCK,
        f"cannot open the build lock: {error.strerror or error}",
        "the build writes docs/, site/ and this lock file: make the project folder writable (and not a link)",
    )
