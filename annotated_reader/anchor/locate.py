"""Write a selector for a contributor: the words they give, as a ready-to-paste YAML selector.

Pure: takes an article and some words, returns text to print and diagnostics.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from annotated_reader.anchor.match import Match, Pick, match, pick
from annotated_reader.anchor.selectors import Budget, Folded
from annotated_reader.model import Article, Span


@dataclass(frozen=True)
class Located:
    """What ``locate`` found: the selectors to paste (one per match) or the closest passages."""

    found: bool
    text: str


def selector_fields(chosen: Pick) -> dict[str, str]:
    """``exact`` plus the shortest prefix or suffix that makes it unique (locate's output, and the preview's
    selector: both come from ``match.pick``)."""
    fields = {"exact": chosen.exact}
    if chosen.prefix:
        fields["prefix"] = chosen.prefix
    if chosen.suffix:
        fields["suffix"] = chosen.suffix
    return fields


def span_selector(folded: Folded, span: Span) -> dict[str, str]:
    """The selector of one span of an article (the preview's Annotate form)."""
    return selector_fields(pick(folded, "", span))


def selector_yaml(chosen: Pick) -> str:
    """``exact`` plus the shortest prefix or suffix that makes it unique, as YAML lines."""
    fields = selector_fields(chosen)
    # A JSON string is a valid YAML double-quoted scalar, so every character survives the paste.
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())


def locate(article: Article, words: str, folded: Folded | None = None) -> Located:
    texts = {article.slug: folded or Folded(article.text)}
    found = match(texts, (words, "", ""), Budget())
    if found.hits:
        return Located(True, _several(article, found) if len(found.hits) > 1 else _block(article, found.picks()[0]))
    if not found.closest:
        return Located(False, f"# no passage of {article.text_path} is like {words!r}\n")
    blocks = [_block(article, pick(texts[p.slug], p.slug, p.place.span), p.similarity) for p in found.closest]
    return Located(False, f"# no exact match in {article.text_path}; the closest passages:\n" + "\n".join(blocks))


def _several(article: Article, found: Match) -> str:
    head = f"# {len(found.hits):,} matches; each selector below picks one\n"
    blocks = [_block(article, chosen) for chosen in found.picks()]
    if found.unshown:
        blocks.append(f"# and {found.unshown:,} more: give more words to narrow them down\n")
    return head + "\n".join(blocks)


def _block(article: Article, chosen: Pick, similarity: float | None = None) -> str:
    note = f" ({similarity:.0f}% similar)" if similarity is not None else ""
    return f"# {article.text_path}:{chosen.place.line}:{chosen.place.col}{note}\n{selector_yaml(chosen)}"
