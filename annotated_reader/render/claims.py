"""The claims index and one page per claim: its status, evidence and where it appears. Pure."""

from __future__ import annotations

from annotated_reader import rawblock, urls
from annotated_reader.kinds import Context, in_sentence, status_html, verdict
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import schema, vocabulary
from annotated_reader.render.escape import front_matter, html_text, md_text, note_html
from annotated_reader.render.evidence import grouped_html, outlet_name, quoted, rebuttals
from annotated_reader.render.links import References, a_html, stylesheet
from annotated_reader.render.quotes import passage_words


def claims_index(corpus: Corpus) -> str:
    page = "claims/index.md"
    parts = [
        front_matter("Claims", "Contested claims in the corpus, grouped by status.", "annotations/"),
        stylesheet(page),
        "# Claims\n\nContested or unverified claims, grouped by status. A status follows the evidence "
        "shown on the claim's page.\n\n",
        MODE_SLOT,
        _claims_for_students(corpus, page),
    ]
    # Every block of the grouping is marked .ar-verdict (student mode hides it) on its own: a <div>
    # around Markdown would need md_in_html, which slows every page of a large site.
    for status, (icon, meaning) in vocabulary.STATUSES.items():
        claims = [c for c in corpus.claims.values() if c.status == status]
        parts.append(
            f"## {icon} {status.capitalize()} {{ #{status} .ar-verdict }}\n\n"
            f"*{md_text(meaning)}*\n{{: .ar-verdict }}\n\n"
        )
        parts.append(
            f'<ul class="ar-verdict">{_claim_items(claims, page)}</ul>\n\n'
            if claims
            else '<p class="ar-verdict">None.</p>\n\n'
        )
    return "".join(parts)


MODE_SLOT = '<div class="ar-mode-slot"></div>\n\n'


def _claims_for_students(corpus: Corpus, page: str) -> str:
    """The claims without their statuses, alphabetically: what student mode shows instead."""
    items = _claim_items(sorted(corpus.claims.values(), key=lambda c: c.claim.casefold()), page)
    return f'<div class="ar-student-only" data-search-exclude><ul>{items}</ul></div>\n\n'


def _claim_items(claims: list[schema.ClaimDef], page: str) -> str:
    return "".join(
        f"<li>{a_html(page, urls.claim_page(c.id), c.claim)} (claimed by {html_text(in_sentence(c.claimant))})</li>"
        for c in claims
    )


def claim_page(corpus: Corpus, claim: schema.ClaimDef, refs: References) -> str:
    page = urls.claim_page(claim.id)
    ctx = Context(corpus, page)
    places = refs.get(("claims", claim.id), [])
    facts = [
        f'- **Status:** <span class="ar-verdict">{status_html(claim.status)} '
        f"({md_text(vocabulary.STATUSES[claim.status][1])})</span>"
        '<span class="ar-student-only">hidden in student mode: weigh the evidence first</span>',
        f"- **Claimed by:** {md_text(claim.claimant)}",
        # who disputes it (or "no one") hints at the verdict: student mode hides the line (reader.css)
        f'- <span class="ar-verdict ar-disputed">**Disputed by:** '
        f"{md_text(', '.join(claim.disputed_by) or 'no one in the corpus')}</span>",
        f"- **Date:** {md_text(claim.date or 'unknown')}",
    ]
    denials = rebuttals(places, claim.evidence, ctx)
    appearances = _places_html([p for p in places if p.id not in denials], corpus, page)
    answered = _places_html([p for p in places if p.id in denials], corpus, page)
    if answered:
        appearances += f"</ul><h3>Rebuttals marked in the texts</h3><ul>{answered}"
    return (
        front_matter(claim.claim, f"Claim ({claim.status}): {claim.claim}", "annotations/")
        + stylesheet(page)
        + f"# {md_text(claim.claim)}\n\n"
        + MODE_SLOT
        + "\n".join(facts)
        + "\n\n"
        + (rawblock.wrap(verdict(note_html(claim.note))) if claim.note else "")
        + "\n\n## Evidence\n\n"
        + (rawblock.wrap(grouped_html(claim.evidence, ctx)) if claim.evidence else "No evidence recorded yet.")
        + "\n\n## Where it appears\n\n"
        + (rawblock.wrap(f"<ul>{appearances}</ul>") if appearances else "Not anchored in any article yet.\n")
    )


def _places_html(places: list[Placed], corpus: Corpus, page: str) -> str:
    return "".join(
        f"<li>{a_html(page, urls.article_page(p.article), outlet_name(corpus.articles[p.article]), p.id)}: "
        f"{quoted(passage_words(corpus, p))}</li>"
        for p in places
    )
