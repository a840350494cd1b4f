"""The passages most like a selector that matched nowhere: the one closest-passage search of check, locate
and import, bounded by limits.CLOSEST_WORK for one article and by a ``Budget`` for one run."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass

from annotated_reader.anchor.folding import fold, fold_quotes, fold_spaces
from annotated_reader.anchor.selectors import Budget, Folded, Place
from annotated_reader.model import Span
from annotated_reader.read import limits

CANDIDATES = 3  # passages kept: locate prints them all, check and import name the first
LINE_WORK = 700  # the fixed work of comparing one line (about 10 µs), in the units of limits.CLOSEST_WORK
SEED_WORDS = 8  # words of a selector's start or end looked for when the fuzzy search would cost too much


@dataclass(frozen=True)
class Passage:
    """A passage like a selector, in whole words: its article, where it starts, its text, how similar (0-100)."""

    slug: str
    place: Place
    text: str
    similarity: float


def closest_passages(
    texts: Mapping[str, Folded], exact: str, budget: Budget, limit: int = CANDIDATES
) -> tuple[Passage, ...]:
    """The passages of ``texts`` (folded articles by slug) most like ``exact``, most similar first; on a tie,
    in the order of ``texts``, then of the text."""
    e = fold(exact)
    found = [p for slug, folded in texts.items() for p in _in_article(slug, folded, e, budget, limit)]
    found.sort(key=lambda p: -p.similarity)
    return tuple(found[:limit])


def _in_article(slug: str, folded: Folded, e: str, budget: Budget, limit: int) -> list[Passage]:
    """The best passage of each line, the ``limit`` most similar. Comparing each line costs about len(e) x
    len(text), plus LINE_WORK a line: beyond limits.CLOSEST_WORK, or what is left of ``budget``, only the
    passage found by words."""
    if not e or not folded.norm:
        return []
    cost = len(e) * len(folded.norm) + LINE_WORK * (folded.text.count("\n") + 1)
    fuzzy = cost <= limits.CLOSEST_WORK and budget.spend(cost)
    found = _by_line(folded, e, limit) if fuzzy else _by_words(folded, e)
    passages = []
    for score, span in found:
        wide = _whole_words(folded.text, span)
        passages.append(Passage(slug, folded.place(wide), folded.text[wide.start : wide.end], score))
    return passages


def _by_line(folded: Folded, e: str, limit: int) -> list[tuple[float, Span]]:
    """The fuzzy best alignment of ``e`` in each line that holds more than whitespace, the ``limit`` best
    (most similar, then first); each line is folded alone, and mapped back to raw offsets only if chosen."""
    from rapidfuzz import fuzz  # imported when a selector misses (a hint), not by every build

    found = []  # (score, offset of the line, the line, start and end of the alignment in the folded line)
    offset = 0
    for line in folded.text.splitlines(keepends=True):
        norm = fold_spaces(fold_quotes(line))
        aligned = fuzz.partial_ratio_alignment(e, norm) if norm.strip() else None
        if aligned is not None and aligned.dest_end > aligned.dest_start:
            found.append((aligned.score, offset, line, aligned.dest_start, aligned.dest_end))
        offset += len(line)
    best = heapq.nsmallest(limit, found, key=lambda item: (-item[0], item[1], item[3]))
    return [(score, _raw(line, offset, start, end)) for score, offset, line, start, end in best]


def _raw(line: str, offset: int, start: int, end: int) -> Span:
    """Folded characters ``start:end`` of ``line`` as a raw span of the text where the line begins at ``offset``."""
    folded = Folded(line)
    return Span(offset + folded.start_of(start), offset + folded.end_of(end - 1))


def _by_words(folded: Folded, e: str) -> list[tuple[float, Span]]:
    """The longest of the selector's first and last words (up to SEED_WORDS) found exactly, with the share of
    the selector they make: a search in linear time, for when the fuzzy one would cost too much."""
    words = e.split(" ")
    for n in range(min(len(words), SEED_WORDS), 0, -1):
        for piece in (" ".join(words[:n]).strip(), " ".join(words[-n:]).strip()):
            at = folded.norm.find(piece) if piece else -1
            if at != -1:
                span = Span(folded.start_of(at), folded.end_of(at + len(piece) - 1))
                return [(100 * len(piece) / len(e), span)]
    return []


def _whole_words(text: str, span: Span) -> Span:
    """``span`` widened to whole words, without surrounding spaces."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return Span(start, end)
