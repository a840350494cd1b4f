"""Pages of the whole corpus assembled from one part per article: the type of the function that gives an
article's part (made here, or taken from the build cache by write/page_parts.py). Pure."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
Part = Callable[[str, Callable[[], T]], T]  # (slug, make the article's part) -> the part


def made(slug: str, make: Callable[[], T]) -> T:
    """Each part made (no build cache)."""
    return make()
