"""What the checks of meaning found (anchor/meaning.py's Memo), kept in the build cache from one build to
the next: a one-file edit checks again only the clusters and evidence passages whose wording changed.
One entry, keyed by the code version; each build writes what it used when that changed."""

from __future__ import annotations

from annotated_reader.anchor.meaning import Memo
from annotated_reader.read import cache


def key() -> str:
    return cache.digest("meaning", cache.code_version())


def load(store: cache.Store) -> Memo:
    value = store.get(key()) if store.enabled else None
    found = value if isinstance(value, dict) else {}
    return Memo({k: v for k, v in found.items() if isinstance(k, str) and _fits(v)})


def _fits(value: object) -> bool:
    """A list of shares (quotes) or of quotations (evidence)."""
    return isinstance(value, list) and all(type(v) in (float, int, str) for v in value)


def save(store: cache.Store, memo: Memo) -> None:
    if memo.used != memo.old:
        store.put(key(), memo.used)
    else:
        store.keep(key())
