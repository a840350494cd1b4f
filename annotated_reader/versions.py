"""The installed version of a distribution, from the name of its ``.dist-info`` folder on ``sys.path``.

The build's fingerprints (write/uptodate.py, read/cache.py) name the versions of the tools they depend on.
``importlib.metadata`` finds them the same way but costs a tenth of a second to import and to search on
every build; this reads each folder of ``sys.path`` once. Standard library only."""

from __future__ import annotations

import os
import re
import sys

_found: dict[str, str] = {}


def version(name: str) -> str | None:
    """The version installed of the distribution ``name`` (first on sys.path), or None when none is."""
    if not _found:
        _found.update(_installed())
        _found.setdefault("", "")  # searched (even when nothing is installed)
    return _found.get(_normal(name))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _installed() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for entry in names:
            stem, dot, suffix = entry.rpartition(".")
            if dot and suffix in ("dist-info", "egg-info"):
                dist, _, rest = stem.partition("-")
                if _normal(dist) not in found:  # the first on sys.path is the one imported
                    found[_normal(dist)] = rest.split("-")[0] or _declared(os.path.join(folder or ".", entry))
    return found


def _declared(path: str) -> str:
    """The ``Version:`` line of a distribution folder (or file) whose name holds no version."""
    for name in ("METADATA", "PKG-INFO"):
        where = os.path.join(path, name) if os.path.isdir(path) else path
        try:
            with open(where, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
        except OSError:
            continue
    return "unknown"
