"""Write a selector for a contributor: the words they give, as a ready-to-paste YAML selector.

Pure: takes an article and some words, returns text to print and diagnostics.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from annotated_reader.anchor.selectors import Budget, Folded, Place
from annotated_reader.model import Article, Span
from annotated_reader.read import limits

CANDIDATES = 3


@dataclass(frozen=True)
class Located:
    """What ``locate`` found: the selectors to paste (one per match) or the closest passages."""

    found: bool
    text: str


def selector_fields(folded: Folded, span: Span) -> dict[str, str]:
    """``exact`` plus the shortest prefix or suffix that makes it unique (also the preview's selector)."""
    prefix, suffix = folded.unique_selector(span)
    fields = {"exact": folded.text[span.start : span.end]}
    if prefix:
        fields["prefix"] = prefix
    if suffix:
        fields["suffix"] = suffix
    return fields


def selector_yaml(folded: Folded, span: Span) -> str:
    """``exact`` plus the shortest prefix or suffix that makes it unique, as YAML lines."""
    fields = selector_fields(folded, span)
    # A JSON string is a valid YAML double-quoted scalar, so every character survives the paste.
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())


def locate(article: Article, words: str, folded: Folded | None = None) -> Located:
    folded = folded or Folded(article.text)
    spans = folded.find(words)
    if spans:
        blocks = [_block(folded, article, span) for span in spans]
        head = f"# {len(spans)} matches; each selector below picks one\n" if len(spans) > 1 else ""
        return Located(True, head + "\n".join(blocks))
    places = closest_passages(folded, words)
    if not places:
        return Located(False, f"# no passage of {article.text_path} is like {words!r}\n")
    blocks = [_block(folded, article, place.span, f"{score:.0f}% similar") for place, score in places]
    return Located(False, f"# no exact match in {article.text_path}; the closest passages:\n" + "\n".join(blocks))


def _block(folded: Folded, article: Article, span: Span, note: str = "") -> str:
    place = folded.place(span)
    where = f"# {article.text_path}:{place.line}:{place.col}" + (f" ({note})" if note else "")
    return f"{where}\n{selector_yaml(folded, span)}"


def closest_passages(
    folded: Folded, words: str, limit: int = CANDIDATES, budget: Budget | None = None
) -> list[tuple[Place, float]]:
    """The best passage in each line, most similar first. Comparing each line costs about len(words) x
    len(text): beyond limits.CLOSEST_WORK (or what is left of ``budget``), only the one passage that
    ``Folded.closest`` finds by words."""
    cost = len(words) * len(folded.text)
    if cost > limits.CLOSEST_WORK or (budget is not None and not budget.spend(cost)):
        best = folded.closest(words, Budget(0))
        return [best] if best is not None else []
    found: list[tuple[Place, float]] = []
    offset = 0
    for line in folded.text.splitlines(keepends=True):
        if line.strip():
            best = Folded(line).closest(words)
            if best is not None:
                place, score = best
                span = _whole_words(folded.text, Span(offset + place.span.start, offset + place.span.end))
                found.append((folded.place(span), score))
        offset += len(line)
    found.sort(key=lambda item: (-item[1], item[0].span.start))
    return found[:limit]


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
