"""schema.org ClaimReview for each claim page, as JSON-LD in a <script> block. Pure.

- ``claimReviewed``: the claim's wording; ``url``: its page here.
- ``reviewRating``: a ``Rating`` whose ``alternateName`` is the status (``disputed``, ``false``, ...) and
  ``ratingExplanation`` what that status means. No ``ratingValue``: the statuses are not a scale.
- ``itemReviewed``: a ``Claim`` whose ``author`` is the claimant as written (it may name several people
  or an outlet, so it is a ``Thing`` with a ``name``), with one ``appearance`` per passage of an article
  where the claim is made: a ``CreativeWork`` with the passage's permalink, the article's title,
  outlet and date where known, and the words.
- ``datePublished``: the claim's date, else the latest date of an article it appears in (the project
  records no separate review date, and generated pages carry no timestamps); left out when neither is known.
- ``author`` and ``publisher``: the project, an ``Organization`` named ``site_name`` at ``site_url``.

The JSON is made safe inside HTML: ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026``,
so no contributor text can close the script element.
"""

from __future__ import annotations

import json

from annotated_reader import urls
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import schema, vocabulary


def claim_review(
    corpus: Corpus, claim: schema.ClaimDef, places: list[Placed], site_url: str, site_name: str
) -> dict[str, object]:
    project = {"@type": "Organization", "name": site_name, "url": site_url}
    item: dict[str, object] = {
        "@type": "Claim",
        "text": claim.claim,
        "author": {"@type": "Thing", "name": claim.claimant},
        "appearance": [appearance(corpus, p, site_url) for p in places],
    }
    if claim.date:
        item["datePublished"] = claim.date
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": urls.absolute(site_url, urls.claim_page(claim.id)),
        "claimReviewed": claim.claim,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": claim.status,
            "ratingExplanation": vocabulary.STATUSES[claim.status][1],
        },
        "author": project,
        "publisher": project,
    }
    published = claim.date or max((d for p in places if (d := corpus.articles[p.article].meta.published)), default=None)
    if published:
        review["datePublished"] = published
    return review


def appearance(corpus: Corpus, p: Placed, site_url: str) -> dict[str, object]:
    article = corpus.articles[p.article]
    work: dict[str, object] = {
        "@type": "CreativeWork",
        "url": urls.absolute(site_url, urls.article_page(p.article), p.id),
        "headline": article.title,
        "text": article.text[p.span.start : p.span.end],
    }
    if article.meta.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.meta.outlet}
    if article.meta.published:
        work["datePublished"] = article.meta.published
    if article.meta.url:
        work["sameAs"] = article.meta.url
    return work


def script(data: dict[str, object]) -> str:
    """A JSON-LD <script> block for a Markdown page: its own paragraph, on one line, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'\n<script type="application/ld+json">{text}</script>\n'
