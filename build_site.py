#!/usr/bin/env python3
"""Build the annotated reader: raw articles + YAML annotations -> docs/ -> site/.

Usage: python build_site.py [build|check|serve] [--strict]   (see --help)
"""

import sys

from annotated_reader.write import uptodate

if __name__ == "__main__":
    try:
        skipped = uptodate.main(sys.argv[1:])  # nothing changed: stop before importing the whole package
    except Exception:  # only a shortcut: the full command below reports any problem
        skipped = None
    if skipped is not None:
        sys.exit(skipped)
    from annotated_reader.cli import main

    sys.exit(main())
