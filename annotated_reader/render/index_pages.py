"""Index pages: home, quotes (one page per cluster), claims (one per claim), corrections. Pure.

Contributor text is escaped with ``md_text`` (Markdown context) or ``html_text`` (inside HTML);
links between pages are Markdown links to .md files, so ``mkdocs build --strict`` checks them, except
in the long tables and lists written as raw HTML blocks (``table_html``, ``a_html``: relative URLs from
``urls.href``), which the site's link test checks.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from annotated_reader import rawblock, urls
from annotated_reader.interop import claimreview
from annotated_reader.kinds import KINDS, Context, count_kinds, evidence_html, status_html, verdict
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import schema
from annotated_reader.render.escape import front_matter, html_text, md_text, note_block, note_html
from annotated_reader.render.wording import word_diff

References = dict[tuple[str, str], list[Placed]]  # Corpus.by_reference()


def link(from_page: str, to_page: str, text: str, anchor: str = "") -> str:
    """A Markdown link to another page; text is escaped."""
    rel = urls.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"[{md_text(text)}]({rel}{'#' + anchor if anchor else ''})"


def a_html(from_page: str, to_page: str, text: str, anchor: str = "") -> str:
    """An HTML link to another page; text is escaped."""
    return f'<a href="{html_text(urls.href(from_page, to_page, anchor))}">{html_text(text)}</a>'


def table_html(head: list[str], rows: list[list[str]]) -> str:
    """A table of HTML cells as one raw block (rawblock.py): long tables of many links and escaped
    characters are what Python-Markdown is slowest at, and they need none of it."""
    ths = "".join(f"<th>{h}</th>" for h in head)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return rawblock.wrap(f"<table>\n<thead><tr>{ths}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")


HOME_ROWS = 100  # above this many articles, the home page shows the latest and links to the listings


def home(corpus: Corpus, site_name: str) -> str:
    page = "index.md"
    rows = [
        "| Article | Outlet | Published | Translation | " + " | ".join(k.plural for k in KINDS.values()) + " |",
        "|---|---|---|---|" + "---:|" * len(KINDS),
    ]
    shown = list(corpus.articles.items())
    if len(shown) > HOME_ROWS:
        shown = sorted(shown, key=lambda item: (item[1].meta.published or "", item[0]), reverse=True)[:20]
    for slug, article in shown:
        meta = article.meta
        counts = [str(n) for n in count_kinds(corpus.placed[slug]).values()]
        rows.append(
            f"| {link(page, urls.article_page(slug), meta.title)} | {md_text(meta.outlet or 'unknown')} | "
            f"{md_text(meta.published or 'unknown')} | {md_text(meta.translation or 'unknown')} | "
            + " | ".join(counts)
            + " |"
        )
    everything = link(page, "articles/index.md", f"all {len(corpus.articles)} articles")
    latest = f"The latest 20; {everything} by outlet, month and tag.\n\n" if len(shown) < len(corpus.articles) else ""
    total = len(corpus.all_placed())
    intro = (
        f"{len(corpus.articles)} articles, {total} annotations: translation fixes, the same quote as "
        f"worded by each outlet, and contested claims with their evidence."
    )
    return (
        front_matter("Home", intro, "articles/, annotations/") + f"# {md_text(site_name)}\n\n{intro}\n\n"
        f"## Articles\n\n{latest}" + "\n".join(rows) + "\n\n## Indexes\n\n"
        f"- {link(page, 'articles/index.md', 'Articles')}: by outlet, by month and by tag\n"
        f"- {link(page, 'quotes/index.md', 'Quotes')}: every outlet's wording of the same statement\n"
        f"- {link(page, 'claims/index.md', 'Claims')}: contested claims grouped by status\n"
        f"- {link(page, 'corrections/index.md', 'Corrections')}: translation fixes by kind of error\n"
    )


def quotes_index(corpus: Corpus, refs: References) -> str:
    page = "quotes/index.md"
    items = []
    for cluster in corpus.clusters.values():
        n = len(refs.get(("clusters", cluster.id), []))
        said = " · ".join(md_text(x) for x in (cluster.speaker, cluster.date, cluster.channel) if x)
        items.append(f"- {link(page, urls.cluster_page(cluster.id), cluster.title)}: {said} · {n} wordings")
    return (
        front_matter("Quotes", "Statements reported by several outlets, wording by wording.", "annotations/")
        + "# Quotes\n\nEach statement that several outlets report, with every outlet's wording side by side.\n\n"
        + ("\n".join(items) or "No quote clusters yet.")
        + "\n"
    )


def cluster_page(corpus: Corpus, cluster: schema.Cluster, refs: References) -> str:
    page = urls.cluster_page(cluster.id)
    quotes = refs.get(("clusters", cluster.id), [])
    primary = next((q for q in quotes if f"{q.article}#{q.id}" == cluster.primary), None)
    reference = primary or (quotes[0] if quotes else None)
    facts = [
        ("Speaker", cluster.speaker),
        ("Date", cluster.date or "unknown"),
        ("Channel", cluster.channel or "unknown"),
    ]
    lines = [f"- **{label}:** {md_text(value)}" for label, value in facts]
    rows = []
    for q in sorted(quotes, key=lambda q: q is not reference):
        article = corpus.articles[q.article]
        wording = _wording(corpus, q)
        shown = html_text(wording) if q is reference else word_diff(_wording(corpus, reference), wording)
        role = " (primary)" if q is primary else " (reference)" if q is reference else ""
        outlet = html_text((article.meta.outlet or "unknown outlet") + role)
        rows.append([outlet, shown, a_html(page, urls.article_page(q.article), article.title, q.id)])
    ref_note = (
        "Differences are marked against the primary wording, the one closest to the speaker's own words."
        if primary
        else "No article gives the original words; differences are marked against the first wording."
    )
    return (
        front_matter(cluster.title, f"{cluster.title}: every outlet's wording compared.", "annotations/")
        + f"# {md_text(cluster.title)}\n\n"
        + "\n".join(lines)
        + "\n\n"
        + note_block(cluster.note)
        + f"\n\n## Wordings side by side\n\n{ref_note} <ins>Inserted</ins> words differ from it; "
        "<del>struck</del> words are missing.\n\n" + table_html(["Outlet", "Wording", "Place"], rows)
    )


def _wording(corpus: Corpus, q: Placed | None) -> str:
    return "" if q is None else corpus.articles[q.article].text[q.span.start : q.span.end]


def claims_index(corpus: Corpus) -> str:
    page = "claims/index.md"
    parts = [
        front_matter("Claims", "Contested claims in the corpus, grouped by status.", "annotations/"),
        "# Claims\n\nContested or unverified claims, grouped by status. A status follows the evidence "
        "shown on the claim's page.\n\n",
        MODE_SLOT,
        _claims_for_students(corpus, page),
    ]
    # Every block of the grouping is marked .ar-verdict (student mode hides it) on its own: a <div>
    # around Markdown would need md_in_html, which slows every page of a large site.
    for status, (icon, meaning) in schema.STATUSES.items():
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
        f"<li>{a_html(page, urls.claim_page(c.id), c.claim)} (claimed by {html_text(c.claimant)})</li>" for c in claims
    )


def claim_page(corpus: Corpus, claim: schema.ClaimDef, refs: References) -> str:
    page = urls.claim_page(claim.id)
    ctx = Context(corpus, page)
    places = refs.get(("claims", claim.id), [])
    facts = [
        f'- **Status:** <span class="ar-verdict">{status_html(claim.status)} '
        f"({md_text(schema.STATUSES[claim.status][1])})</span>"
        '<span class="ar-student-only">hidden in student mode: weigh the evidence first</span>',
        f"- **Claimed by:** {md_text(claim.claimant)}",
        f"- **Disputed by:** {md_text(', '.join(claim.disputed_by) or 'no one in the corpus')}",
        f"- **Date:** {md_text(claim.date or 'unknown')}",
    ]
    appearances = "".join(
        f"<li>{a_html(page, urls.article_page(p.article), corpus.articles[p.article].title, p.id)}: "
        f"“{html_text(_wording(corpus, p))}”</li>"
        for p in places
    )
    return (
        front_matter(claim.claim, f"Claim ({claim.status}): {claim.claim}", "annotations/")
        + f"# {md_text(claim.claim)}\n\n"
        + MODE_SLOT
        + "\n".join(facts)
        + "\n\n"
        + (rawblock.wrap(verdict(note_html(claim.note))) if claim.note else "")
        + "\n\n## Evidence\n\n"
        + (rawblock.wrap(evidence_html(claim.evidence, ctx)) if claim.evidence else "No evidence recorded yet.")
        + "\n\n## Where it appears\n\n"
        + (rawblock.wrap(f"<ul>{appearances}</ul>") if appearances else "Not anchored in any article yet.\n")
    )


SHOWN_CORRECTIONS = 200  # rows per kind of error: one page for every correction of a large corpus is megabytes


def corrections_index(corpus: Corpus) -> str:
    page = "corrections/index.md"
    parts = [
        front_matter("Corrections", "Translation and transcription fixes, by kind of error.", "annotations/"),
        "# Corrections\n\nEvery fix to a translation or transcription error, by kind of error. "
        "A rule fixes one misspelling everywhere; each occurrence is linked.\n\n",
    ]
    for error, meaning in schema.ERROR_KINDS.items():
        groups: dict[tuple[str, str], list[Placed]] = {}
        for p in corpus.all_placed():
            if p.kind == "correction" and p.correction.error == error:
                groups.setdefault((p.article, p.spec.id), []).append(p)
        parts.append(f"## {md_text(error)} {{ #{error} }}\n\n*{md_text(meaning)}*\n\n")
        if not groups:
            parts.append("None.\n\n")
            continue
        rows = []
        for (slug, _), placed in list(groups.items())[:SHOWN_CORRECTIONS]:
            first = placed[0]
            places = " ".join(a_html(page, urls.article_page(slug), str(n), p.id) for n, p in enumerate(placed, 1))
            cells = [
                corpus.articles[slug].title,
                _wording(corpus, first),
                first.correction.corrected,
                first.correction.confidence,
            ]
            rows.append([*(html_text(c) for c in cells), places])
        parts.append(table_html(["Article", "Original", "Corrected", "Confidence", "Places"], rows))
        if len(groups) > SHOWN_CORRECTIONS:
            rest = list(groups)[SHOWN_CORRECTIONS:]
            parts.append(
                f"\nAnd {len(rest):,} more in {len({slug for slug, _ in rest}):,} articles: each article "
                "page lists its own corrections, and search finds a misspelling and its correction.\n"
            )
        parts.append("\n")
    return "".join(parts)


def all_pages(corpus: Corpus, site_name: str, site_url: str = "") -> dict[str, str]:
    return dict(each_page(corpus, site_name, site_url))


def each_page(corpus: Corpus, site_name: str, site_url: str = "") -> Iterator[tuple[str, str]]:
    """The home page and the indexes, each quote cluster and claim page, one at a time."""
    refs = corpus.by_reference()
    yield "index.md", home(corpus, site_name)
    yield "quotes/index.md", quotes_index(corpus, refs)
    yield "claims/index.md", claims_index(corpus)
    yield "corrections/index.md", corrections_index(corpus)
    for cluster in corpus.clusters.values():
        yield urls.cluster_page(cluster.id), cluster_page(corpus, cluster, refs)
    for c in corpus.claims.values():
        review = claimreview.claim_review(corpus, c, refs.get(("claims", c.id), []), site_url, site_name)
        yield urls.claim_page(c.id), claim_page(corpus, c, refs) + claimreview.script(review)
