"""A test hook: stop the build at a named point, as a kill or Ctrl-C would (tests/test_crash.py).

Set ``ANNOTATED_READER_KILL_AT=<point>`` (SIGKILL of this process), ``<point>:group`` (SIGKILL of its
whole process group: workers, mkdocs and Pagefind too) or ``<point>:int`` (KeyboardInterrupt, as Ctrl-C).
The points are named where ``reached`` is called; unset (always, outside tests) it does nothing.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "ANNOTATED_READER_KILL_AT"
_WANTED = os.environ.get(VARIABLE, "")


def reached(point: str) -> None:
    """Stop here when the environment names this point."""
    if not _WANTED or _WANTED.partition(":")[0] != point:
        return
    how = _WANTED.partition(":")[2]
    if how == "int":
        raise KeyboardInterrupt
    if how == "group":
        os.killpg(0, signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)
