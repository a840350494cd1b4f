"""Where each selector was placed, kept in the build cache (read/cache.py) from one build to the next.

Placing a selector (anchor/placing.py) is most of resolution's time. A selector placed without a problem on
an article's text is placed at the same span on the same text next time, so a build resolves with the spans
the last build found (session_placing.Remembering), naming each article's text by the digest of its bytes:
an edited article is placed again whole; a selector that failed is placed again (problems are never kept).
The spans are keyed by the code version, in a few entries read when first asked for: the shared one, of what
every build looks up (the corpus-wide correction rules on every article, the evidence of the definitions), and
each of ``SHARDS`` entries holding the selectors of the article files whose article's slug hashes to it (a
one-file rebuild reads the shared one and a few others). Each build writes again the entries whose placings it
changed.
"""

from __future__ import annotations

import hashlib
import zlib

from annotated_reader.anchor.selectors import Folded
from annotated_reader.model import Span
from annotated_reader.read import cache

Key = tuple[object, ...]  # session_placing.anchor_key, rule_key: ("one" or "rule", slug, ...)
Placings = dict[Key, tuple[object, object]]
SHARDS = 16
RULES = SHARDS  # the entry of the corpus-wide rules' placings


def key(n: int = RULES) -> str:
    """The key of entry ``n`` (a shard of the articles' placings, or the rules')."""
    return cache.digest("placings", cache.code_version(), str(n))


def entry_keys() -> list[str]:
    """Every entry's key."""
    return [key(n) for n in range(SHARDS + 1)]


def text_of(folded: Folded) -> str:
    """An article's text, as the placings kept name it when the digest of its file's bytes is not known
    (kept_files.Reusing.text)."""
    return hashlib.blake2b(folded.text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def shard(placing: Key) -> int:
    """The entry a placing is kept in."""
    if placing[0] == "rule" or not isinstance(placing[1], str):
        return RULES
    return zlib.crc32(placing[1].encode("utf-8", "surrogatepass")) % SHARDS


class Kept:
    """The placings of the last build, each entry read when a placing in it is first asked for (a damaged or
    foreign entry holds none). Spans are kept as pairs of numbers (a tenth of the time to unpickle), and made
    spans again only when used (``spans``)."""

    def __init__(self, store: cache.Store) -> None:
        self.store = store
        self.read: dict[int, Placings] = {}  # shard -> its placings, as read
        self.shared = True  # looked up at every build (definitions, corpus-wide rules), not for one article file
        self.where: dict[Key, set[int]] = {}  # each placing looked up -> the entries it is kept in

    def get(self, placing: Key) -> tuple[object, object] | None:
        """Where the placing was found last time: in the shared entry, or in its article's while an article's
        file is resolved (kept_files.Reusing.annotations)."""
        n = RULES if self.shared else shard(placing)
        self.where.setdefault(placing, set()).add(n)
        return self._entry(n).get(placing)

    def _entry(self, n: int) -> Placings:
        if n not in self.read:
            value = self.store.get(key(n)) if self.store.enabled else None
            found = value if isinstance(value, dict) else {}
            self.read[n] = {k: v for k, v in found.items() if isinstance(k, tuple) and len(k) > 1}
        return self.read[n]


def load(store: cache.Store) -> Kept:
    return Kept(store)


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


def save(store: cache.Store, before: Kept, used: Placings, replayed: set[str] | None = None) -> None:
    """Kept for the next build, each entry read that differs from what was read: the placings this build used,
    and those on the articles ``replayed`` (whose file was taken from its record, anchor/kept_files.py) as
    read. An entry not read holds no placing this build used: it is kept as it is."""
    replayed = replayed or set()
    made: dict[int, Placings] = {n: {} for n in before.read}
    for n, was in before.read.items():
        made[n].update((k, v) for k, v in was.items() if k[1] in replayed)
    for k, (text, found) in used.items():
        for n in before.where.get(k) or {shard(k)}:
            made.setdefault(n, {})[k] = (text, _kept(found))
    for n in range(SHARDS + 1):
        if n in made and made[n] != before.read.get(n):
            store.put(key(n), made[n])
        else:
            store.keep(key(n))
