"""The quotes index and one page per quote cluster: every outlet's wording of one statement. Pure."""

from __future__ import annotations

from annotated_reader import rawblock, urls
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import schema
from annotated_reader.render.escape import front_matter, html_text, md_text, note_block
from annotated_reader.render.evidence import outlet_name
from annotated_reader.render.links import References, a_html, link, stylesheet
from annotated_reader.render.wording import Compared, compare


def quotes_index(corpus: Corpus, refs: References) -> str:
    page = "quotes/index.md"
    items = []
    for cluster in corpus.clusters.values():
        n = len(refs.get(("clusters", cluster.id), []))
        said = " · ".join(md_text(x) for x in (cluster.speaker, cluster.date, cluster.channel) if x)
        items.append(f"- {link(page, urls.cluster_page(cluster.id), cluster.title)}: {said} · {n} wordings")
    return (
        front_matter("Quotes", "Statements reported by several outlets, wording by wording.", "annotations/")
        + stylesheet(page)
        + "# Quotes\n\nEach statement that several outlets report, with every outlet's wording side by side.\n\n"
        + ("\n".join(items) or "No quote clusters yet.")
        + "\n"
    )


def cluster_page(corpus: Corpus, cluster: schema.Cluster, refs: References) -> str:
    page = urls.cluster_page(cluster.id)
    quotes = refs.get(("clusters", cluster.id), [])
    primary = next((q for q in quotes if f"{q.article}#{q.id}" == cluster.primary), None)
    original = getattr(cluster, "original", None)  # the content issue adds it; older data has none
    wording = getattr(original, "wording", None)
    reference = None if wording else primary or (quotes[0] if quotes else None)
    facts = [
        ("Speaker", cluster.speaker),
        ("Date", cluster.date or "unknown"),
        ("Channel", cluster.channel or "unknown"),
    ]
    lines = [f"- **{label}:** {md_text(value)}" for label, value in facts]
    base = wording or passage_words(corpus, reference)
    rows = [_original_row(original)] if wording else []
    rows += [_row(corpus, page, q, base, q is reference, q is primary) for q in _ordered(quotes, reference)]
    ref_note = (
        "Each wording is compared with the statement as first published (top)."
        if wording
        else "Each wording is compared with the primary wording, the one closest to the speaker's own words."
        if primary
        else "No article gives the original words; each wording is compared with the first one."
    )
    key = (
        f"{ref_note} Within the part of the statement it quotes: "
        '<ins class="ar-diff">inserted</ins> words are not in it; <del class="ar-diff">struck</del> words are left '
        'out; <mark class="ar-diff">marked</mark> words differ in punctuation.'
    )
    return (
        front_matter(cluster.title, f"{cluster.title}: every outlet's wording compared.", "annotations/")
        + stylesheet(page)
        + f"# {md_text(cluster.title)}\n\n"
        + "\n".join(lines)
        + "\n\n"
        + note_block(cluster.note)
        + "\n\n## Wordings side by side\n\n"
        + rawblock.wrap(f'<p class="ar-diff-key">{key}</p>\n<ol class="ar-wordings">{"".join(rows)}</ol>')
    )


def _ordered(quotes: list[Placed], reference: Placed | None) -> list[Placed]:
    return sorted(quotes, key=lambda q: q is not reference)


def _original_row(original: object) -> str:
    said = [getattr(original, name, None) for name in ("publisher", "date")]
    where = ", ".join(str(x) for x in said if x) or "first publication"
    url = getattr(original, "url", None)
    name = f'<a href="{html_text(url)}" rel="noopener noreferrer">{html_text(where)}</a>' if url else html_text(where)
    text = html_text(str(getattr(original, "wording", "")))
    who = f'<p class="ar-wording-who">{name} (as first published)</p>'
    return f'<li class="ar-wording ar-wording-original">{who}<blockquote>{text}</blockquote></li>'


def _row(corpus: Corpus, page: str, q: Placed, base: str, is_reference: bool, is_primary: bool) -> str:
    article = corpus.articles[q.article]
    words = passage_words(corpus, q)
    compared = Compared(html_text(words), False) if is_reference else compare(base, words)
    role = " (primary)" if is_primary else " (reference)" if is_reference else ""
    where = a_html(page, urls.article_page(q.article), "in context", q.id)
    who = f"<strong>{html_text(outlet_name(article) + role)}</strong> · {where}{_tag(compared)}"
    return f'<li class="ar-wording"><p class="ar-wording-who">{who}</p><blockquote>{compared.html}</blockquote></li>'


def _tag(compared: Compared) -> str:
    if compared.paraphrase:
        return ' · <span class="ar-partial">a paraphrase: few of its words are the statement\'s</span>'
    return ' · <span class="ar-partial">quotes part of the statement</span>' if compared.partial else ""


def passage_words(corpus: Corpus, q: Placed | None) -> str:
    return "" if q is None else corpus.articles[q.article].text[q.span.start : q.span.end]
