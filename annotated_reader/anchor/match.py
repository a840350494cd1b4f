"""The wording of what a selector matched: the passage shortened, the closest passage when it matched
nowhere, and how to pick one place when it matched several."""

from __future__ import annotations

from annotated_reader.anchor.selectors import Budget, Folded
from annotated_reader.model import Span
from annotated_reader.read import limits


def short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def closest_hint(folded: Folded, exact: str, where: str, budget: Budget) -> str:
    found = folded.closest(exact, budget)
    if found is None:
        return f"copy the words from {where} exactly"
    place, score = found
    passage = folded.text[place.span.start : place.span.end]
    return f"closest passage is at line {place.line}, column {place.col} ({score:.0f}% similar): {short(passage)}"


def uniquely(folded: Folded, span: Span) -> str:
    place = folded.place(span)
    prefix, suffix = folded.unique_selector(span)
    parts = [f"prefix: {side(prefix, True)}" if prefix else "", f"suffix: {side(suffix, False)}" if suffix else ""]
    return f"line {place.line}:{place.col} ({' and '.join(p for p in parts if p)})"


SIDE_SHOWN = 80  # characters of a prefix or suffix shown in a hint


def side(text: str, before: bool) -> str:
    """A prefix or suffix for a hint: whole when short, else its end (prefix) or start (suffix) and its length."""
    if len(text) <= SIDE_SHOWN:
        return repr(text)
    shown = "…" + text[-SIDE_SHOWN:] if before else text[:SIDE_SHOWN] + "…"
    return f"{shown!r} ({len(text):,} characters)"


def more(matches: list[Span]) -> str:
    rest = len(matches) - limits.HINT_PLACES
    return f"; and {rest:,} more" if rest > 0 else ""
