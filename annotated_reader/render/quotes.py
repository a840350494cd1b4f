"""The quotes index and one page per quote cluster: every outlet's wording of one statement. Pure."""

from __future__ import annotations

from annotated_reader import urls
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import schema
from annotated_reader.render.escape import front_matter, html_text, md_text, note_block
from annotated_reader.render.links import References, a_html, link, table_html
from annotated_reader.render.wording import word_diff


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
        wording = passage_words(corpus, q)
        shown = html_text(wording) if q is reference else word_diff(passage_words(corpus, reference), wording)
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


def passage_words(corpus: Corpus, q: Placed | None) -> str:
    return "" if q is None else corpus.articles[q.article].text[q.span.start : q.span.end]
