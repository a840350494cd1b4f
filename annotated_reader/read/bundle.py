"""Values made from many input files, kept together in a few entries of the build cache (read/cache.py).

Reading a thousand small entries costs more than making some of their values again (each is a file to open,
check and unpickle); a bundle is a few entries (``SHARDS``, each holding the values of the names that hash to
it), read once: name -> (the digest of the bytes the value was made from, the value). A value is used only
when the file's bytes have that digest now, so an edit is never missed; a shard is written again only when a
value in it changed, was added or went (an edit to one file writes a sixteenth of the bundle again).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from annotated_reader.read import cache

SHARDS = 16
Values = dict[str, tuple[str, object]]


class Bundle:
    """The values of one kind (``kind``: articles, annotation files), by name; ``fits`` checks each value
    unpickled (a damaged or foreign one is a miss)."""

    def __init__(self, store: cache.Store, kind: str, fits: Callable[[object], bool]) -> None:
        self.store = store
        self.keys = [cache.digest("bundle", kind, cache.code_version(), str(n)) for n in range(SHARDS)]
        self.old = [_entries(store.get(key), fits) if store.enabled else {} for key in self.keys]
        self.new: list[Values] = [{} for _ in self.keys]
        self.changed = [False] * SHARDS

    def get(self, name: str, made_from: str | None) -> object | None:
        """The value made from the bytes whose digest is ``made_from``, if kept (None: make it)."""
        shard = _shard(name)
        was = self.old[shard].get(name)
        if made_from is None or was is None or was[0] != made_from:
            return None
        self.new[shard][name] = was
        return was[1]

    def put(self, name: str, made_from: str, value: object) -> None:
        shard = _shard(name)
        self.new[shard][name] = (made_from, value)
        self.changed[shard] = True

    def save(self) -> None:
        """Kept for the next build: what this build used, and no more."""
        for key, old, new, changed in zip(self.keys, self.old, self.new, self.changed, strict=True):
            if changed or new.keys() != old.keys():
                self.store.put(key, new)
            else:
                self.store.keep(key)


def _shard(name: str) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogatepass")) % SHARDS


def _entries(value: object, fits: Callable[[object], bool]) -> Values:
    if not isinstance(value, dict):
        return {}
    return {name: was for name, was in value.items() if isinstance(name, str) and _fits(was, fits)}


def _fits(was: object, fits: Callable[[object], bool]) -> bool:
    return isinstance(was, tuple) and len(was) == 2 and isinstance(was[0], str) and fits(was[1])
