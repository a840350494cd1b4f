"""The W3C Web Annotation export: one AnnotationCollection with every placed annotation."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotated_reader import urls
from annotated_reader.anchor.selectors import Folded
from annotated_reader.kinds import KINDS, Context
from annotated_reader.model import Corpus, Placed

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation(p: Placed, folded: Folded, ctx: Context) -> dict[str, object]:
    page = urls.article_page(p.article)
    prefix, suffix = folded.context(p.span)
    dates = ctx.corpus.dates(p)
    return {
        "@context": CONTEXT,
        "id": urls.absolute(ctx.site_url, page, p.id),
        "type": "Annotation",
        "motivation": KINDS[p.kind].motivation,
        "body": KINDS[p.kind].bodies(p, ctx),
        "target": {
            "source": urls.absolute(ctx.site_url, page),
            "selector": {
                "type": "TextQuoteSelector",
                "exact": folded.text[p.span.start : p.span.end],
                "prefix": prefix,
                "suffix": suffix,
            },
        },
        **({"created": dates.created, "modified": dates.modified} if dates else {}),
    }


def collection(corpus: Corpus, site_url: str, site_name: str) -> dict[str, object]:
    ctx = Context(corpus, "index.md", site_url)
    items = []
    for slug in corpus.articles:
        items += [annotation(p, corpus.folded[slug], ctx) for p in corpus.placed[slug]]
    base = site_url.rstrip("/") + "/annotations.jsonld"
    return {
        "@context": CONTEXT,
        "id": base,
        "type": "AnnotationCollection",
        "label": f"{site_name}: annotations",
        "total": len(items),
        "first": {"id": base + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def items_json(corpus: Corpus, site_url: str, slugs: list[str]) -> list[str]:
    """The annotations of these articles, each as compact JSON, in corpus order."""
    ctx = Context(corpus, "index.md", site_url)
    return [
        json.dumps(annotation(p, corpus.folded[slug], ctx), ensure_ascii=False, separators=(",", ":"))
        for slug in slugs
        for p in corpus.placed[slug]
    ]


def collection_bytes(items: Iterable[list[str]], total: int, site_url: str, site_name: str) -> bytearray:
    """The collection's JSON in UTF-8, as ``to_json(collection(...))`` writes it, around ``total`` items
    given in runs (from ``items_json``). Gathered and written as UTF-8, never as one text: at 10,000
    articles the file is 115 MB, and a Python text with curly quotes takes two bytes a character."""
    head = collection(Corpus(articles={}, placed={}), site_url, site_name)
    head["total"] = total
    shell = to_json(head)
    cut = shell.rindex('"items":[]') + len('"items":[')
    gathered = bytearray(shell[:cut].encode("utf-8"))
    first = True
    for run in items:
        if run:
            gathered += (b"" if first else b",") + ",".join(run).encode("utf-8")
            first = False
    gathered += shell[cut:].encode("utf-8")
    return gathered


def to_json(data: dict[str, object]) -> str:
    # compact: with ``indent`` json uses its Python encoder, ten times slower on a large corpus
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
