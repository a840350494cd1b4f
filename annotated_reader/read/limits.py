"""Every bound on contributor input and on the work done for it, in one table for the README.

A limit here is checked where the input is read, with a ``path:line:col: error:`` naming the value found
and the limit. Limits that live elsewhere are referenced, not copied, so there is one value each.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from annotated_types import MaxLen

from annotated_reader.read import vocabulary, yamlsource

SELECTOR_CHARS = 5_000  # characters of an `exact`, `prefix` or `suffix`
ANNOTATIONS_PER_FILE = 5_000  # annotations in one article's annotation file
RULE_MATCHES = 2_000  # places one correction rule (`occurrences: all`) may mark in one article
HINT_PLACES = 6  # places named in a "matches N places" hint; the rest are counted ("and 3,994 more")
CONTEXT_CHARS = 1_000  # characters of the prefix and of the suffix the W3C export writes around a span
CLOSEST_WORK = 20_000_000  # selector length x article length up to which the fuzzy "closest passage" is sought
CLOSEST_TOTAL = 200_000_000  # the same, summed over one check or import (about 3 s); then a word search
IMPORT_RECORDS = 100_000  # annotations in one file given to `import`


def _note_chars() -> int:
    """The ``max_length`` of vocabulary.Text (notes, titles and other free text), read from vocabulary.py."""
    info = typing.get_args(vocabulary.Text)[1]
    return next(m.max_length for m in info.metadata if isinstance(m, MaxLen))


NOTE_CHARS = _note_chars()


@dataclass(frozen=True)
class Limit:
    name: str
    value: int
    bounds: str
    where: str


def table() -> list[Limit]:
    """Every limit, those of other modules included (read when called: articles.py imports anchoring, which
    imports this module)."""
    from annotated_reader.read import articles

    here = [Limit("article size", articles.MAX_BYTES, "bytes of one article text (`articles/*.txt`)", "articles.py")]
    return here + TABLE


TABLE = [
    Limit("file size", yamlsource.MAX_BYTES, "bytes of one YAML file (annotations, article metadata)", "yamlsource.py"),
    Limit("nesting", yamlsource.MAX_DEPTH, "levels of nesting in one YAML file", "yamlsource.py"),
    Limit("note", NOTE_CHARS, "characters of a note or other free text", "schema.py (`Text`)"),
    Limit("selector", SELECTOR_CHARS, "characters of an `exact`, `prefix` or `suffix`", "limits.py"),
    Limit("annotations", ANNOTATIONS_PER_FILE, "annotations in one article's annotation file", "limits.py"),
    Limit("rule matches", RULE_MATCHES, "places one correction rule may mark in one article", "limits.py"),
    Limit("hint places", HINT_PLACES, "places named in a 'matches N places' hint (the rest counted)", "limits.py"),
    Limit("export context", CONTEXT_CHARS, "characters of prefix and of suffix in the W3C export", "limits.py"),
    Limit(
        "closest passage",
        CLOSEST_WORK,
        "selector length x article length, plus 700 per line, for the fuzzy 'closest passage' hint"
        " (beyond: a word search)",
        "limits.py",
    ),
    Limit("closest passages", CLOSEST_TOTAL, "the same work summed over one check or import", "limits.py"),
    Limit("import records", IMPORT_RECORDS, "annotations in one file given to `import`", "limits.py"),
]


def markdown() -> str:
    """The table as Markdown, for the README."""
    rows = [f"| {x.name} | {x.value:,} | {x.bounds} |" for x in table()]
    return "\n".join(["| Limit | Value | What it bounds |", "|---|---:|---|", *rows])


def too_long(what: str, value: str, limit: int = SELECTOR_CHARS) -> str | None:
    """The error message when ``value`` is over the limit, else None."""
    if len(value) <= limit:
        return None
    return f"{what} is {len(value):,} characters; the limit is {limit:,}"
