#!/usr/bin/env python3
"""Build the annotated reader: raw articles + YAML annotations -> docs/ -> site/.

Usage: python build_site.py [build|check|serve|new ...] [--strict]   (see --help); installed, the same
command is ``annotated-reader`` (annotated_reader/__main__.py).
"""

import sys

from annotated_reader.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
