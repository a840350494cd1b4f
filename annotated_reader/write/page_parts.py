"""What each article gives a page of the whole corpus (its rows of the corrections index, its citations on
the Sources page), kept in the build cache (read/cache.py) between builds.

A page of the whole corpus is assembled from one part per article; a part is kept under the key of what the
article's own outputs are made from (page_cache.Reuse.key: the code, settings, every article's text and
metadata, every definition, and the article's placed annotations with the bytes of their files). An edit to
one annotation file makes that article's part again, and the page is assembled from the kept parts of the
others. One entry per page: slug -> (key, part), written again only when a part changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from annotated_reader.read import cache
from annotated_reader.write.page_cache import Reuse

T = TypeVar("T")


class Parts:
    """The parts of the page ``name``; ``fits`` checks each part unpickled (a damaged one is made again)."""

    def __init__(self, reuse: Reuse, name: str, fits: Callable[[object], bool]) -> None:
        self.reuse, self.name, self.fits = reuse, name, fits
        self.entry = cache.digest("page parts", name, cache.code_version())
        store = reuse.store
        value = store.get(self.entry) if store.enabled and reuse.keep_parts else None
        self.old: dict[str, tuple[str, object]] = value if isinstance(value, dict) else {}
        self.new: dict[str, tuple[str, object]] = {}
        self.changed = False

    def part(self, slug: str, make: Callable[[], T]) -> T:
        """An article's part: kept, or made (and kept for the next build)."""
        if not self.reuse.store.enabled:
            return make()
        key = self.reuse.key(slug, self.name)
        was = self.old.get(slug)
        if isinstance(was, tuple) and len(was) == 2 and was[0] == key and self.fits(was[1]):
            self.new[slug] = was
            return was[1]  # type: ignore[return-value] # checked by fits
        value = make()
        self.new[slug], self.changed = (key, value), True
        return value

    def save(self) -> None:
        """Kept for the next build: the parts this build used, and no more."""
        store = self.reuse.store
        if not store.enabled or not self.reuse.keep_parts:
            return
        if self.changed or self.new.keys() != self.old.keys():
            store.put(self.entry, self.new)
        else:
            store.keep(self.entry)


def tuples(value: object) -> bool:
    """A part as the pages keep it: a tuple of tuples (their values are read as the page reads them)."""
    return type(value) is tuple and all(type(v) is tuple for v in value)
