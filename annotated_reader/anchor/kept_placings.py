"""Where each selector was placed, kept in the build cache (read/cache.py) from one build to the next.

Placing a selector (anchor/placing.py) is most of resolution's time. A selector placed without a problem on
an article's text is placed at the same span on the same text next time, so a build resolves with the spans
the last build found (session_placing.Remembering), naming each article's text by the digest of its bytes:
an edited article is placed again whole; a selector that failed is placed again (problems are never kept).
The spans are one entry, keyed by the code version; each build writes the placings it used.
"""

from __future__ import annotations

import hashlib

from annotated_reader.anchor.selectors import Folded
from annotated_reader.model import Span
from annotated_reader.read import cache

Placings = dict[tuple[object, ...], tuple[object, object]]


def key() -> str:
    return cache.digest("placings", cache.code_version())


def text_of(folded: Folded) -> str:
    """An article's text, as the placings kept name it."""
    return hashlib.blake2b(folded.text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def load(store: cache.Store) -> Placings:
    """The placings of the last build, or none (a damaged or foreign entry is none)."""
    value = store.get(key()) if store.enabled else None
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if _fits(k, v)}


def _fits(key: object, value: object) -> bool:
    if not (isinstance(key, tuple) and isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)):
        return False
    found = value[1]
    return isinstance(found, Span) or (isinstance(found, tuple) and all(isinstance(s, Span) for s in found))


def save(store: cache.Store, before: Placings, used: Placings) -> None:
    """Kept for the next build when they differ from what was loaded."""
    if used != before:
        store.put(key(), used)
    else:
        store.keep(key())
