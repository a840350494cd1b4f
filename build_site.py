#!/usr/bin/env python3
"""Build the annotated reader: raw articles + YAML annotations -> docs/ -> site/.

Usage: python build_site.py [build|check|serve] [--strict]   (see --help)
"""

import sys

from annotated_reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
