"""The edit loop's resolution (session.py): where a selector was placed on an unchanged article text last time
is used again, so an edit does not place every selector of the corpus again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from annotated_reader.anchor.resolve import Resolver
from annotated_reader.anchor.selectors import Folded
from annotated_reader.model import Article, Span
from annotated_reader.read import schema
from annotated_reader.read.yamlsource import Document, Loc


class Placings(Protocol):
    """Where each selector was placed last time, by anchor_key or rule_key: a dict, or the build cache's
    (anchor/kept_placings.Kept)."""

    def get(self, key: tuple[object, ...], /) -> tuple[object, object] | None: ...


class Remembering(Resolver):
    """Resolution that places a selector on an article again only when the article's text changed: where
    the same selector was placed on the same text (the same Folded, kept while the article file is
    unchanged) last time without a problem, the span found then is used. Problems are never remembered:
    a selector that failed is placed again, and reports again."""

    def __init__(
        self,
        found: dict[str, Article],
        placings: Placings,
        text_of: Callable[[Folded], object] = lambda folded: folded,
        spans: Callable[[object], object] = lambda kept: kept,
    ) -> None:
        """``text_of`` names an article's text in ``placings``: by default its Folded itself (compared by
        identity), for a build cache the digest of the text (anchor/kept_placings.py); ``spans`` turns what
        is kept into the span or spans found (None: not usable, placed again)."""
        super().__init__(found)
        self.placings, self.text_of, self.spans = placings, text_of, spans
        self.kept: dict[tuple[object, ...], tuple[object, object]] = {}
        self.texts: dict[str, object] = {}  # slug -> text_of its Folded, made once

    def text(self, slug: str) -> object:
        """An article's text, as the placings name it (text_of its Folded, made once)."""
        if slug not in self.texts:
            self.texts[slug] = self.text_of(self.folded[slug])
        return self.texts[slug]

    def _remembered(self, key: tuple[object, ...], slug: str, place: Callable[[], object]) -> object:
        folded = self.text(slug)  # a build names it by its file's bytes (kept_files.Reusing.text)
        old = self.placings.get(key)
        found_then = self.spans(old[1]) if isinstance(old, tuple) and len(old) == 2 and old[0] == folded else None
        if found_then is not None:
            self.kept[key] = old  # type: ignore[assignment] # a pair, checked above
            return found_then
        problems = len(self.diagnostics)
        found = place()
        if len(self.diagnostics) == problems and found is not None:
            self.kept[key] = (folded, found)
        return found

    def anchor(self, doc: Document, loc: Loc, slug: str, sel: schema.Selector) -> Span | None:
        key = anchor_key(slug, sel)
        place = super().anchor
        found = self._remembered(key, slug, lambda: place(doc, loc, slug, sel))
        return found if isinstance(found, Span) else None

    def rule_spans(
        self, doc: Document, loc: Loc, slug: str, rule: schema.Correction, quiet: bool = False
    ) -> list[Span]:
        key = rule_key(slug, rule, quiet)
        place = super().rule_spans
        spans = self._remembered(key, slug, lambda: tuple(place(doc, loc, slug, rule, quiet)))
        return list(spans) if isinstance(spans, tuple) else []


def anchor_key(slug: str, sel: schema.Selector) -> tuple[object, ...]:
    """What names a selector placed on an article, among the placings kept."""
    return ("one", slug, sel.exact, sel.prefix, sel.suffix)


def rule_key(slug: str, rule: schema.Correction, quiet: bool) -> tuple[object, ...]:
    """What names a correction rule placed on an article, among the placings kept."""
    skipped = tuple((e.prefix, e.suffix) for e in rule.except_)
    return ("rule", slug, rule.exact, rule.prefix, rule.suffix, skipped, quiet)
