"""``python -m annotated_reader`` and the ``annotated-reader`` command: what build_site.py runs."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from typing import NoReturn

from annotated_reader.write import uptodate


def main() -> int:
    """The command line; an unchanged project is reported before the whole package is imported. The
    process then ends at once (``leave``)."""
    try:
        skipped = uptodate.main(sys.argv[1:])  # nothing changed: stop before importing the whole package
    except Exception:  # only a shortcut: the full command below reports any problem
        skipped = None
    if skipped is not None:
        return skipped
    gc.disable()  # importing makes some hundred thousand objects that live to the end, and no garbage
    from annotated_reader.cli import main as run

    gc.enable()
    code = run()
    if sys.getprofile() is None and sys.gettrace() is None:  # a profiler or coverage writes its results at exit
        leave(code)
    return code


def leave(code: int) -> NoReturn:
    """End the process once the command is done: the exit handlers run and the output is flushed, but the
    objects a build made are not freed one by one on the way out (as ``sys.exit`` does: a fiftieth of a
    one-file rebuild at 1,000 articles). Every file a command writes is closed and in place before it
    returns (a build's through journal.py), so that teardown has nothing left to do."""
    atexit._run_exitfuncs()  # what ``sys.exit`` runs first: workers stopped, logs flushed
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
