"""The W3C Web Annotation export: one AnnotationCollection paged per article. Pure.

- ``annotations.jsonld``: the ``AnnotationCollection`` (``total``, ``first`` and ``last`` page); it holds
  no annotation itself.
- ``annotations/<slug>.jsonld``: one ``AnnotationPage`` per article, in corpus order, ``partOf`` the
  collection and linked to its neighbours by ``prev`` / ``next``; its ``items`` are the article's
  annotations, each targeting the article page with a ``TextQuoteSelector`` and a ``TextPositionSelector``
  (Unicode code points into the raw text, half-open). Every article has a page, annotated or not, so a page
  changes only with its own article and its neighbours' slugs. No ``startIndex``: it would change every
  later page whenever an earlier article gains an annotation.
- The annotations of a page carry no ``@context`` of their own: the page's applies to everything in it (JSON-LD;
  the model's own example of a page, Example 43, does the same), and repeating it took a tenth of the pages.
- No field a reader can infer: a plain-text body has no ``format`` (a note's ``text/markdown`` is given), and
  an annotation's only body no ``purpose`` when it repeats a commenting or linking ``motivation`` (``lean_bodies``).
- What the Web Annotation vocabulary has no term for (a correction's error kind, confidence, origin,
  evidence and the rule it comes from) is carried on the ``editing`` body as ``ar:`` properties, whose
  prefix the page's ``@context`` defines when one of its annotations has them (``EXTENSION``, documented on
  the Data page).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from annotated_reader import urls
from annotated_reader.anchor.selectors import Folded
from annotated_reader.kinds import KINDS, Context
from annotated_reader.model import Corpus, Placed

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
COLLECTION = "annotations.jsonld"
EXTENSION = "data/#"  # the Data page, where each ar: term is documented; relative to site_url


def page_path(slug: str) -> str:
    """The article's AnnotationPage, relative to docs/."""
    return f"annotations/{slug}.jsonld"


def file_url(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def annotation(p: Placed, folded: Folded, ctx: Context) -> dict[str, object]:
    """One annotation as an item of its article's page (whose ``@context`` it is read with)."""
    page = urls.article_page(p.article)
    prefix, suffix = folded.context(p.span)
    dates = ctx.corpus.dates(p)
    motivation = KINDS[p.kind].motivation
    bodies = lean_bodies(KINDS[p.kind].bodies(p, ctx), motivation)
    extension = _extension(p)
    if extension:
        bodies[0] = {**bodies[0], **extension}  # the editing body: the corrected wording
    return {
        "id": urls.absolute(ctx.site_url, page, p.id),
        "type": "Annotation",
        "motivation": motivation,
        "body": bodies,
        "target": {
            "source": urls.absolute(ctx.site_url, page),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": folded.text[p.span.start : p.span.end],
                    "prefix": prefix,
                    "suffix": suffix,
                },
                {"type": "TextPositionSelector", "start": p.span.start, "end": p.span.end},
            ],
        },
        **({"created": dates.created, "modified": dates.modified} if dates else {}),
    }


def lean_bodies(bodies: list[dict[str, object]], motivation: str) -> list[dict[str, object]]:
    """The bodies without what a reader infers (both optional, "MAY", in the model): ``format`` of plain text
    (a note's ``text/markdown`` stays), and the ``purpose`` of an annotation's only body when it repeats a
    ``commenting`` or ``linking`` motivation (a note's comment, a quote's link), which is how a body without a
    purpose is read anyway (import included). A tag keeps ``tagging``: a value without purpose reads as a comment."""
    lean = [{k: v for k, v in body.items() if (k, v) != ("format", "text/plain")} for body in bodies]
    if len(lean) == 1 and lean[0].get("purpose") == motivation in ("commenting", "linking"):
        del lean[0]["purpose"]
    return lean


def context(site_url: str, extended: bool) -> object:
    """The ``@context`` of a page: the W3C one, with the ``ar:`` prefix when an annotation uses it."""
    return [CONTEXT, {"ar": file_url(site_url, EXTENSION)}] if extended else CONTEXT


def _extension(p: Placed) -> dict[str, object]:
    """A correction's fields that W3C has no term for, as ``ar:`` properties (empty for other kinds)."""
    if p.kind != "correction":
        return {}
    c = p.correction
    found: dict[str, object] = {"ar:error": c.error, "ar:confidence": c.confidence, "ar:origin": c.origin}
    if p.id != p.spec.id:
        found["ar:rule"] = p.spec.id
    if c.evidence:
        found["ar:evidence"] = [_set(e.model_dump(mode="json")) for e in c.evidence]
    return found


def _set(fields: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in fields.items() if v not in ("", [], None)}


def collection(slugs: list[str], total: int, site_url: str, site_name: str) -> dict[str, object]:
    """The collection document: how many annotations, and its first and last page (none when empty)."""
    found: dict[str, object] = {
        "@context": CONTEXT,
        "id": file_url(site_url, COLLECTION),
        "type": "AnnotationCollection",
        "label": f"{site_name}: annotations",
        "total": total,
    }
    if slugs:
        found["first"] = file_url(site_url, page_path(slugs[0]))
        found["last"] = file_url(site_url, page_path(slugs[-1]))
    return found


def page(corpus: Corpus, slug: str, site_url: str, prev: str | None, next_: str | None) -> dict[str, object]:
    """One article's AnnotationPage; ``prev`` and ``next_`` are its neighbours' slugs, if any."""
    ctx = Context(corpus, "index.md", site_url)
    placed = corpus.placed[slug]
    found: dict[str, object] = {
        "@context": context(site_url, any(p.kind == "correction" for p in placed)),
        "id": file_url(site_url, page_path(slug)),
        "type": "AnnotationPage",
        "partOf": {"id": file_url(site_url, COLLECTION), "type": "AnnotationCollection"},
    }
    for key, neighbour in (("prev", prev), ("next", next_)):
        if neighbour is not None:
            found[key] = file_url(site_url, page_path(neighbour))
    found["items"] = [annotation(p, corpus.folded[slug], ctx) for p in placed]
    return found


def neighbours(corpus: Corpus, slugs: list[str]) -> Iterator[tuple[str, str | None, str | None]]:
    """Each of ``slugs`` with the slugs before and after it in corpus order."""
    order = list(corpus.articles)
    at = {slug: i for i, slug in enumerate(order)}
    for slug in slugs:
        i = at[slug]
        yield slug, order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None


def page_file(corpus: Corpus, site_url: str, slug: str, prev: str | None, next_: str | None) -> tuple[str, str]:
    """One article's AnnotationPage (path relative to docs/, JSON), given its neighbours' slugs."""
    return page_path(slug), to_json(page(corpus, slug, site_url, prev, next_))


def collection_file(corpus: Corpus, site_url: str, site_name: str) -> tuple[str, str]:
    total = sum(len(placed) for placed in corpus.placed.values())
    return COLLECTION, to_json(collection(list(corpus.articles), total, site_url, site_name))


def to_json(data: dict[str, object]) -> str:
    # compact: with ``indent`` json uses its Python encoder, ten times slower on a large corpus
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
