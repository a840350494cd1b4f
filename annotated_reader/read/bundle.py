"""Values made from many input files, kept together in one entry of the build cache (read/cache.py).

Reading a thousand small entries costs more than making some of their values again (each is a file to open,
check and unpickle); a bundle is one entry, read once: name -> (the digest of the bytes the value was made
from, the value). A value is used only when the file's bytes have that digest now, so an edit is never
missed; the bundle is written again only when a value in it changed, was added or went.
"""

from __future__ import annotations

from collections.abc import Callable

from annotated_reader.read import cache


class Bundle:
    """The values of one kind (``kind``: articles, annotation files), by name; ``fits`` checks each value
    unpickled (a damaged or foreign one is a miss)."""

    def __init__(self, store: cache.Store, kind: str, fits: Callable[[object], bool]) -> None:
        self.store, self.key = store, cache.digest("bundle", kind, cache.code_version()) if store.enabled else ""
        self.old = _entries(store.get(self.key) if store.enabled else None, fits)
        self.new: dict[str, tuple[str, object]] = {}
        self.changed = False

    def get(self, name: str, made_from: str | None) -> object | None:
        """The value made from the bytes whose digest is ``made_from``, if kept (None: make it)."""
        was = self.old.get(name)
        if made_from is None or was is None or was[0] != made_from:
            return None
        self.new[name] = was
        return was[1]

    def put(self, name: str, made_from: str, value: object) -> None:
        self.new[name] = (made_from, value)
        self.changed = True

    def save(self) -> None:
        """Kept for the next build: what this build used, and no more."""
        if not self.store.enabled:
            return
        if self.changed or self.new.keys() != self.old.keys():
            self.store.put(self.key, self.new)
        else:
            self.store.keep(self.key)


def _entries(value: object, fits: Callable[[object], bool]) -> dict[str, tuple[str, object]]:
    if not isinstance(value, dict):
        return {}
    return {name: was for name, was in value.items() if isinstance(name, str) and _fits(was, fits)}


def _fits(was: object, fits: Callable[[object], bool]) -> bool:
    return isinstance(was, tuple) and len(was) == 2 and isinstance(was[0], str) and fits(was[1])
