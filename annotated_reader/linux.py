"""Two Linux system calls the standard library lacks, through ctypes; elsewhere both do nothing."""

from __future__ import annotations

import ctypes
import errno
import os
import signal
from functools import cache
from pathlib import Path

PR_SET_PDEATHSIG = 1
AT_FDCWD = -100
RENAME_EXCHANGE = 2


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with_parent(parent: int) -> None:
    """In a child process: be killed when process ``parent`` dies, even by kill -9 (PR_SET_PDEATHSIG).
    A worker orphaned otherwise waits for ever on its pipe, holding the caller's stdout."""
    prctl = getattr(_libc(), "prctl", None)
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the call above: nothing would signal us
        os._exit(1)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (renameat2 RENAME_EXCHANGE): no moment has neither. False where the
    system or the file system cannot; an OSError when it can but failed."""
    rename = getattr(_libc(), "renameat2", None)
    if rename is None:
        return False
    rename.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if rename(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
