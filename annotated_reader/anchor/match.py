"""What a selector matched (``Match``): the places it matched in some articles, or the passages most like it,
as check, locate and import all report it; and the words of those reports.

Check words a ``Match`` as an error's hint (``nowhere_hint``, ``several_hint``), import the same with the
article's path in each place, locate as selectors to paste (``picks`` and ``closest``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from annotated_reader.anchor.closest import Passage, closest_passages
from annotated_reader.anchor.selectors import Budget, Folded, Place
from annotated_reader.model import Span
from annotated_reader.read import limits


@dataclass(frozen=True)
class Hit:
    """One place a selector matched: its article's slug and the span."""

    slug: str
    span: Span


@dataclass(frozen=True)
class Pick:
    """A place named in a hint or printed by locate: the text there and the shortest prefix or suffix that
    alone picks it out of the other places its text occurs (both empty when the text occurs once)."""

    slug: str
    place: Place
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Match:
    """The places a selector matched (``hits``), or, when it matched nowhere, the passages most like it
    (``closest``, sought only when asked for: a corpus rule that matches nowhere in one article needs none)."""

    exact: str
    hits: tuple[Hit, ...]
    texts: Mapping[str, Folded] = field(repr=False, compare=False)
    budget: Budget = field(repr=False, compare=False)
    loose: bool = False  # found only once the prefix and/or suffix were dropped

    @property
    def spans(self) -> list[Span]:
        return [hit.span for hit in self.hits]

    @cached_property
    def closest(self) -> tuple[Passage, ...]:
        return () if self.hits else closest_passages(self.texts, self.exact, self.budget)

    def picks(self) -> list[Pick]:
        """The first limits.HINT_PLACES places, each with the side that picks it."""
        return [pick(self.texts[hit.slug], hit.slug, hit.span) for hit in self.hits[: limits.HINT_PLACES]]

    @property
    def unshown(self) -> int:
        """How many places ``picks`` leaves out."""
        return max(0, len(self.hits) - limits.HINT_PLACES)


def match(
    texts: Mapping[str, Folded],
    sel: tuple[str, str, str],
    budget: Budget,
    whole_words: bool = False,
    loosen: bool = False,
) -> Match:
    """Every place of ``texts`` (folded articles by slug) where ``sel`` (exact, prefix, suffix) matches. With
    ``loosen``, when it matches nowhere, its prefix and suffix are dropped one and then both (the context of
    a W3C selector is often out of date) until it matches somewhere."""
    exact, prefix, suffix = sel
    tries = [(prefix, suffix), (prefix, ""), ("", suffix), ("", "")] if loosen else [(prefix, suffix)]
    for n, (before, after) in enumerate(dict.fromkeys(tries)):
        hits = tuple(
            Hit(slug, span) for slug, folded in texts.items() for span in folded.find(exact, before, after, whole_words)
        )
        if hits:
            return Match(exact, hits, texts, budget, loose=n > 0)
    return Match(exact, (), texts, budget)


def pick(folded: Folded, slug: str, span: Span) -> Pick:
    prefix, suffix = folded.unique_selector(span)
    return Pick(slug, folded.place(span), folded.text[span.start : span.end], prefix, suffix)


def path(slug: str) -> str:
    return f"articles/{slug}.txt"


def position(slug: str, place: Place, paths: bool) -> str:
    """``articles/<slug>.txt:line:col`` with ``paths`` (a report that names no article), else ``line L:C``."""
    return f"{path(slug)}:{place.line}:{place.col}" if paths else f"line {place.line}:{place.col}"


def nowhere_hint(found: Match, where: str, paths: bool = False) -> str:
    """The closest passage, where it is and how similar; or, when nothing is like the selector, to copy it
    again from ``where``."""
    if not found.closest:
        return f"copy the words from {where} exactly"
    best = found.closest[0]
    at = position(best.slug, best.place, True) if paths else f"line {best.place.line}, column {best.place.col}"
    return f"closest passage is at {at} ({best.similarity:.0f}% similar): {short(best.text)}"


def several_hint(found: Match, paths: bool = False) -> str:
    """The first places, each with the prefix or suffix that picks it, and how many more."""
    return "; ".join(_named(p, paths) for p in found.picks()) + more(found.unshown)


def _named(chosen: Pick, paths: bool) -> str:
    sides = [f"prefix: {side(chosen.prefix, True)}" if chosen.prefix else ""]
    sides.append(f"suffix: {side(chosen.suffix, False)}" if chosen.suffix else "")
    shown = " and ".join(s for s in sides if s)
    return position(chosen.slug, chosen.place, paths) + (f" ({shown})" if shown else "")


def short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


SIDE_SHOWN = 80  # characters of a prefix or suffix shown in a hint


def side(text: str, before: bool) -> str:
    """A prefix or suffix for a hint: whole when short, else its end (prefix) or start (suffix) and its length."""
    if len(text) <= SIDE_SHOWN:
        return repr(text)
    shown = "…" + text[-SIDE_SHOWN:] if before else text[:SIDE_SHOWN] + "…"
    return f"{shown!r} ({len(text):,} characters)"


def more(rest: int) -> str:
    return f"; and {rest:,} more" if rest > 0 else ""
