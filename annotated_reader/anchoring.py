"""Quote selectors to character spans, and back. Pure functions, no I/O.

Matching folds typographic quotes and runs of whitespace, nothing else.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz

from .model import Span

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
_RUNS = re.compile(r"\s{2,}")
_NEWLINE = re.compile("\n")


def _fold_quotes(value: str) -> str:
    """Typographic quotes to plain ones (as ``str.translate`` with _FOLD, but faster on long texts)."""
    for quote, plain in _FOLD.items():
        if chr(quote) in value:
            value = value.replace(chr(quote), str(plain))
    return value


def _fold_spaces(value: str) -> str:
    """Each run of whitespace as one space (as ``_SPACES.sub(" ", value)``, but faster on long texts)."""
    inner = " ".join(value.split())
    before = " " if value[:1].isspace() else ""
    after = " " if inner and value[-1].isspace() else ""
    return before + inner + after


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """The matching form of a selector string."""
    return _SPACES.sub(" ", _fold_quotes(value))


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

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = _fold_spaces(_fold_quotes(text))
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
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def place(self, span: Span) -> Place:
        return Place(span, *self.line_col(span.start))

    def find(self, exact: str, prefix: str = "", suffix: str = "", whole_words: bool = False) -> list[Span]:
        """Every raw span whose folded text is ``exact`` between ``prefix`` and ``suffix``."""
        e, p, s = fold(exact), fold(prefix), fold(suffix)
        if not e:
            return []
        found: list[Span] = []
        at = self.norm.find(e)
        while at != -1:
            stop = at + len(e)
            if (
                self.norm[max(0, at - len(p)) : at] == p
                and self.norm[stop : stop + len(s)] == s
                and (not whole_words or self._bounded(at, stop))
            ):
                found.append(Span(self.start_of(at), self.end_of(stop - 1)))
            at = self.norm.find(e, at + 1)
        return found

    def _bounded(self, start: int, stop: int) -> bool:
        before = self.norm[start - 1] if start else " "
        after = self.norm[stop] if stop < len(self.norm) else " "
        return not (before.isalnum() and self.norm[start].isalnum()) and not (
            after.isalnum() and self.norm[stop - 1].isalnum()
        )

    def closest(self, exact: str) -> tuple[Place, float] | None:
        """The passage most like ``exact`` and its similarity (0-100), for a no-match hint."""
        e = fold(exact)
        if not e or not self.norm:
            return None
        found = fuzz.partial_ratio_alignment(e, self.norm)
        if found is None or found.dest_end <= found.dest_start:
            return None
        span = Span(self.start_of(found.dest_start), self.end_of(found.dest_end - 1))
        return self.place(span), found.score

    def context(self, span: Span, minimum: int = 24) -> tuple[str, str]:
        """The shortest word-aligned prefix and suffix (at least ``minimum`` characters where the
        text allows) that make ``span`` the only match of its exact text."""
        exact = self.text[span.start : span.end]
        width = minimum
        while True:
            prefix = _words_before(self.text, span.start, width)
            suffix = _words_after(self.text, span.end, width)
            matches = self.find(exact, prefix, suffix)
            reached_edges = len(prefix) >= span.start and len(suffix) >= len(self.text) - span.end
            if len(matches) <= 1 or reached_edges:
                return prefix, suffix
            width *= 2

    def unique_selector(self, span: Span) -> tuple[str, str]:
        """The shortest word-aligned prefix *or* suffix that alone picks ``span`` out of every
        match of its exact text: ``(prefix, "")``, ``("", suffix)``, ``("", "")`` when the exact
        text is already unique, or both sides when neither alone is enough."""
        exact = self.text[span.start : span.end]
        if len(self.find(exact)) <= 1:
            return "", ""
        found = [side for side in (self._unique_side(span, True), self._unique_side(span, False)) if side]
        if not found:
            return self.context(span, minimum=1)
        best = min(found, key=lambda side: len(side[0] or side[1]))
        return best

    def _unique_side(self, span: Span, before: bool) -> tuple[str, str] | None:
        exact = self.text[span.start : span.end]
        width, last = 1, None
        while True:
            side = _words_before(self.text, span.start, width) if before else _words_after(self.text, span.end, width)
            if side == last:
                return None
            pair = (side, "") if before else ("", side)
            if self.find(exact, *pair) == [span]:
                return pair
            width, last = len(side) + 1, side


def _words_before(text: str, start: int, width: int) -> str:
    cut = max(0, start - width)
    while cut > 0 and not text[cut - 1].isspace():
        cut -= 1
    return text[cut:start]


def _words_after(text: str, end: int, width: int) -> str:
    cut = min(len(text), end + width)
    while cut < len(text) and not text[cut].isspace():
        cut += 1
    return text[end:cut]
