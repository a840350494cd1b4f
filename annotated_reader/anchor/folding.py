"""Folding: the matching form of a text, with typographic quotes made plain and each run of whitespace one
space, nothing else."""

from __future__ import annotations

import re
from functools import lru_cache

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "‹": "'",
        "›": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
    }
)
_SPACES = re.compile(r"\s+")


def fold_quotes(value: str) -> str:
    """Typographic quotes to plain ones (as ``str.translate`` with _FOLD, but faster on long texts)."""
    for quote, plain in _FOLD.items():
        if chr(quote) in value:
            value = value.replace(chr(quote), str(plain))
    return value


def fold_spaces(value: str) -> str:
    """Each run of whitespace as one space (as ``_SPACES.sub(" ", value)``, but faster on long texts)."""
    inner = " ".join(value.split())
    before = " " if value[:1].isspace() else ""
    after = " " if inner and value[-1].isspace() else ""
    return before + inner + after


def fold(value: str) -> str:
    """The matching form of a selector string (remembered for short ones: a selector is folded again
    for each search, and a hint's long prefixes would fill the memory)."""
    if len(value) > FOLD_CACHED:
        return fold_spaces(fold_quotes(value))
    return _fold_short(value)


FOLD_CACHED = 1_000  # characters up to which a folded selector string is remembered


@lru_cache(maxsize=65536)
def _fold_short(value: str) -> str:
    return _SPACES.sub(" ", fold_quotes(value))
