"""What each article gives a page of the whole corpus (its rows of the corrections index, its citations on
the Sources page), kept in the build cache (read/cache.py) between builds.

A page of the whole corpus is assembled from one part per article; a part is kept under the key of what the
article's own outputs are made from (page_cache.Reuse.key: the code, settings, every article's text and
metadata, every definition, and the article's placed annotations with the bytes of their files). An edit to
one annotation file makes that article's part again, and the page is assembled from the kept parts of the
others. One bundle per page (read/bundle.py): an edit writes a sixteenth of it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from annotated_reader.read.bundle import Bundle
from annotated_reader.write.page_cache import Reuse

T = TypeVar("T")


class Parts:
    """The parts of the page ``name``; ``fits`` checks each part unpickled (a damaged one is made again)."""

    def __init__(self, reuse: Reuse, name: str, fits: Callable[[object], bool]) -> None:
        self.reuse, self.name = reuse, name
        self.on = reuse.store.enabled and reuse.keep_parts
        self.kept = Bundle(reuse.store, f"page parts {name}", fits) if self.on else None

    def part(self, slug: str, make: Callable[[], T]) -> T:
        """An article's part: kept, or made (and kept for the next build)."""
        if self.kept is None:
            return make()
        key = self.reuse.key(slug, self.name)
        was = self.kept.get(slug, key)
        if was is not None:
            return was  # type: ignore[return-value] # checked by fits
        value = make()
        self.kept.put(slug, key, value)
        return value

    def save(self) -> None:
        """Kept for the next build: the parts this build used, and no more."""
        if self.kept is not None:
            self.kept.save()


def tuples(value: object) -> bool:
    """A part as the pages keep it: a tuple of tuples (their values are read as the page reads them)."""
    return type(value) is tuple and all(type(v) is tuple for v in value)
