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
    """An article's text, as the placings kept name it when the digest of its file's bytes is not known
    (kept_files.Reusing.text)."""
    return hashlib.blake2b(folded.text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def load(store: cache.Store) -> Placings:
    """The placings of the last build, or none (a damaged or foreign entry is none). Spans are kept as pairs of
    numbers (a tenth of the time to unpickle), and made spans again only when used (``spans``): a one-file
    rebuild uses a few of them."""
    value = store.get(key()) if store.enabled else None
    return value if isinstance(value, dict) else {}


def spans(kept: object) -> Span | tuple[Span, ...] | None:
    """A kept placing's span (a pair of numbers), or the spans of a rule (a tuple of pairs); None when the
    entry is neither (a damaged or foreign entry: the selector is placed again)."""
    if _pair(kept):
        return Span(*kept)  # type: ignore[misc] # a pair of ints
    if isinstance(kept, tuple) and all(_pair(one) for one in kept):
        return tuple(Span(*one) for one in kept)
    return None


def _pair(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(type(n) is int for n in value)


def _kept(found: object) -> object:
    if isinstance(found, Span):
        return [found.start, found.end]
    return tuple(_kept(one) for one in found) if isinstance(found, tuple) else found


def save(store: cache.Store, before: Placings, used: Placings, replayed: set[str] | None = None) -> None:
    """Kept for the next build when they differ from what was loaded: the placings this build used, and those
    on the articles ``replayed`` (whose file was taken from its record, anchor/kept_files.py) as loaded."""
    kept = {k: v for k, v in before.items() if k[1] in replayed} if replayed else {}
    kept.update(used)
    if kept != before:
        store.put(key(), {k: (text, _kept(found)) for k, (text, found) in kept.items()})
    else:
        store.keep(key())
