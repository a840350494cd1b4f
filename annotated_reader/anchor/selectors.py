"""Quote selectors to character spans, and back (the folded article text, ``Folded``). Pure, no I/O."""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from annotated_reader.anchor.folding import fold, fold_quotes, fold_spaces
from annotated_reader.model import Span
from annotated_reader.read import limits

_RUNS = re.compile(r"\s{2,}")
_NEWLINE = re.compile("\n")
_SPACE = re.compile(r"\s")
_FOLDED = frozenset({"norm", "_runs", "_raw", "_shift"})  # what Folded._fold makes


class Budget:
    """Fuzzy-search work left for the hints of one run (limits.CLOSEST_TOTAL): many selectors that match
    nowhere must not add up to a stall."""

    def __init__(self, total: int | None = None) -> None:
        self.left = limits.CLOSEST_TOTAL if total is None else total

    def spend(self, cost: int) -> bool:
        if cost > self.left:
            return False
        self.left -= cost
        return True


@dataclass(frozen=True)
class Place:
    span: Span
    line: int
    col: int


class Folded:
    """An article's text in matching form, with a map from each folded character to raw offsets.

    Folding maps characters one to one, except that each run of whitespace becomes one space;
    so a folded offset maps back through the runs of two or more whitespace characters before it.
    """

    norm: str  # the text folded
    _runs: array[int]
    _raw: array[int]
    _shift: array[int]

    def __init__(self, text: str) -> None:
        self.text = text
        self._fold()

    @classmethod
    def unfolded(cls, text: str) -> Folded:
        """One that folds its text when first asked for the folded form: as the build cache keeps an article
        (read/articles.py), its text alone, so that a build placing nothing on it does not read its folded
        form too (a third of the articles' entries, at a one-file rebuild)."""
        made = cls.__new__(cls)
        made.text = text
        return made

    def __getattr__(self, name: str) -> object:
        """The folded form, made on first use by an ``unfolded`` one (called only for what it lacks)."""
        if name in _FOLDED and "text" in self.__dict__:
            self._fold()
            return self.__dict__[name]
        raise AttributeError(name)

    def _fold(self) -> None:
        text = self.text
        self.norm = fold_spaces(fold_quotes(text))
        self._runs = array("q")  # folded offset of each run of 2+ whitespace characters
        self._raw = array("q")  # its raw start
        self._shift = array("q")  # characters dropped up to and including the run (arrays: 8 bytes a number)
        dropped = 0
        for run in _RUNS.finditer(text):
            self._runs.append(run.start() - dropped)
            self._raw.append(run.start())
            dropped += run.end() - run.start() - 1
            self._shift.append(dropped)

    def start_of(self, at: int) -> int:
        """The raw offset where folded character ``at`` begins."""
        k = bisect.bisect_right(self._runs, at) - 1
        if k >= 0 and self._runs[k] == at:
            return self._raw[k]
        return at + (self._shift[k] if k >= 0 else 0)

    def end_of(self, at: int) -> int:
        """The raw offset just after folded character ``at``."""
        k = bisect.bisect_right(self._runs, at) - 1
        return at + 1 + (self._shift[k] if k >= 0 else 0)

    @cached_property
    def starts(self) -> list[int]:
        return [self.start_of(i) for i in range(len(self.norm))]

    @cached_property
    def ends(self) -> list[int]:
        return [self.end_of(i) for i in range(len(self.norm))]

    @cached_property
    def line_starts(self) -> array[int]:
        """Where each line starts (kept once asked for: an array, 8 bytes a line, as every article's is
        asked for by its page and the Names page: a list took 50 MB more at 10,000 articles)."""
        return array("q", [0, *(m.end() for m in _NEWLINE.finditer(self.text))])

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def place(self, span: Span) -> Place:
        return Place(span, *self.line_col(span.start))

    def find(
        self, exact: str, prefix: str = "", suffix: str = "", whole_words: bool = False, limit: int = 0
    ) -> list[Span]:
        """Every raw span whose folded text is ``exact`` between ``prefix`` and ``suffix`` (the first
        ``limit`` of them when ``limit`` is set: 2 answers "is it unique?")."""
        e, p, s = fold(exact), fold(prefix), fold(suffix)
        if not e:
            return []
        # Prefix, exact and suffix side by side: one search for the longer needle, which str.find skips
        # through faster than for ``exact`` alone, and no comparison at each place ``exact`` occurs.
        whole = p + e + s
        found: list[Span] = []
        at = self.norm.find(whole)
        while at != -1:
            start, stop = at + len(p), at + len(p) + len(e)
            if not whole_words or self._bounded(start, stop):
                found.append(Span(self.start_of(start), self.end_of(stop - 1)))
                if len(found) == limit:
                    break
            at = self.norm.find(whole, at + 1)
        return found

    def _bounded(self, start: int, stop: int) -> bool:
        before = self.norm[start - 1] if start else " "
        after = self.norm[stop] if stop < len(self.norm) else " "
        return not (before.isalnum() and self.norm[start].isalnum()) and not (
            after.isalnum() and self.norm[stop - 1].isalnum()
        )

    def context(self, span: Span, minimum: int = 24, maximum: int = limits.CONTEXT_CHARS) -> tuple[str, str]:
        """The shortest word-aligned prefix and suffix (at least ``minimum`` characters where the
        text allows) that make ``span`` the only match of its exact text; no wider than about
        ``maximum`` characters a side (then the selector may match elsewhere too)."""
        exact = self.text[span.start : span.end]
        width = minimum
        while True:
            prefix = _words_before(self.text, span.start, width)
            suffix = _words_after(self.text, span.end, width)
            matches = self.find(exact, prefix, suffix, limit=2)
            reached_edges = len(prefix) >= span.start and len(suffix) >= len(self.text) - span.end
            if len(matches) <= 1 or reached_edges or width >= maximum:
                return prefix, suffix
            width = min(width * 2, maximum)

    def unique_selector(self, span: Span) -> tuple[str, str]:
        """The shortest word-aligned prefix *or* suffix that alone picks ``span`` out of every
        match of its exact text: ``(prefix, "")``, ``("", suffix)``, ``("", "")`` when the exact
        text is already unique, or both sides when neither alone is enough."""
        exact = self.text[span.start : span.end]
        if len(self.find(exact, limit=2)) <= 1:
            return "", ""
        found = [side for side in (self._unique_side(span, True), self._unique_side(span, False)) if side]
        if not found:
            return self.context(span, minimum=1)
        best = min(found, key=lambda side: len(side[0] or side[1]))
        return best

    def _unique_side(self, span: Span, before: bool) -> tuple[str, str] | None:
        """The shortest word-aligned prefix (or suffix), up to limits.CONTEXT_CHARS characters, that alone
        makes ``span`` unique. A longer one matches a subset of the places a shorter one does, so the widths
        are searched by doubling and halving: O(log n) searches, where one word at a time was O(n)."""
        side = _cuts_before(self.text, span.start) if before else _cuts_after(self.text, span.end)
        edge = span.start if before else span.end  # sides beyond limits.CONTEXT_CHARS are no help in a hint
        cuts = _Cuts(itertools.takewhile(lambda cut: abs(edge - cut) <= limits.CONTEXT_CHARS, side))
        exact = self.text[span.start : span.end]

        def pair(k: int) -> tuple[str, str]:
            return (self.text[cuts[k] : span.start], "") if before else ("", self.text[span.end : cuts[k]])

        def unique(k: int) -> bool:
            return self.find(exact, *pair(k), limit=2) == [span]

        low, high = -1, 0  # unique(low) is False (or low is -1); search for the first unique k
        while cuts.has(high) and not unique(high):
            low, high = high, 2 * high + 1
        high = min(high, len(cuts.found))
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (low, middle) if unique(middle) else (middle, high)
        return pair(high) if cuts.has(high) else None


class _Cuts:
    """The cuts of a side, read from their iterator only as far as a search needs them."""

    def __init__(self, cuts: Iterator[int]) -> None:
        self.found: list[int] = []
        self.rest = cuts

    def has(self, k: int) -> bool:
        while len(self.found) <= k:
            cut = next(self.rest, None)
            if cut is None:
                return False
            self.found.append(cut)
        return True

    def __getitem__(self, k: int) -> int:
        return self.found[k]


def _cuts_before(text: str, start: int) -> Iterator[int]:
    """Where each word-aligned prefix of ``start`` begins, shortest first: what ``_words_before`` gives for
    width 1, then for one character more than the last prefix, and so on to the text's start; that is,
    every offset below ``start`` that follows whitespace, then 0. Read backwards in growing pieces."""
    high, piece = max(0, start - 1), 4096
    while high > 0:
        low = max(0, high - piece)
        yield from reversed([m.end() for m in _SPACE.finditer(text, low, high)])
        high, piece = low, piece * 2
    yield 0


def _cuts_after(text: str, end: int) -> Iterator[int]:
    """Where each word-aligned suffix of ``end`` ends, shortest first: every offset above ``end`` that
    holds whitespace, then the text's end (as ``_cuts_before``)."""
    for m in _SPACE.finditer(text, end + 1):
        yield m.start()
    yield len(text)


def _word_start(text: str, cut: int) -> int:
    while cut > 0 and not text[cut - 1].isspace():
        cut -= 1
    return cut


def _word_end(text: str, cut: int) -> int:
    while cut < len(text) and not text[cut].isspace():
        cut += 1
    return cut


def _words_before(text: str, start: int, width: int) -> str:
    return text[_word_start(text, max(0, start - width)) : start]


def _words_after(text: str, end: int, width: int) -> str:
    return text[end : _word_end(text, min(len(text), end + width))]
