"""``python -m annotated_reader`` and the ``annotated-reader`` command: what build_site.py runs."""

from __future__ import annotations

import sys

from annotated_reader.write import uptodate


def main() -> int:
    """The command line; an unchanged project is reported before the whole package is imported."""
    try:
        skipped = uptodate.main(sys.argv[1:])  # nothing changed: stop before importing the whole package
    except Exception:  # only a shortcut: the full command below reports any problem
        skipped = None
    if skipped is not None:
        return skipped
    from annotated_reader.cli import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())
