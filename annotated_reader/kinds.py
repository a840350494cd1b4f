"""The one registry of annotation kinds: schema, look, note, and W3C mapping for each.

Validation (schema.KIND_MODELS), rendering (render, pages), export and the docs test all
read this table, so a new kind is one entry here plus its model in schema.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from annotated_reader import urls
from annotated_reader.model import Corpus, Placed
from annotated_reader.read import schema, vocabulary
from annotated_reader.read.repository import Repository
from annotated_reader.render.escape import html_text, note_html, note_inline


@dataclass(frozen=True)
class Context:
    """What a note needs to link correctly: the corpus and the page it appears on."""

    corpus: Corpus
    page: str
    site_url: str = ""
    repository: Repository | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    plural: str
    symbol: str
    element: str  # HTML element that wraps the passage
    motivation: str  # W3C Web Annotation motivation
    description: str
    note: Callable[[Placed, Context], str]
    bodies: Callable[[Placed, Context], list[dict[str, object]]]


def passage_href(item: schema.PassageEvidence, ctx: Context) -> str:
    """The link from this page to an evidence passage's line in its article."""
    span = ctx.corpus.passages.get(item)
    anchor = f"L{ctx.corpus.folded[item.article].line_col(span.start)[0]}" if span else ""
    return urls.href(ctx.page, urls.article_page(item.article), anchor)


def source_html(item: schema.SourceEvidence) -> str:
    """An outside source of evidence: its name (linked when it has an address) and confidence."""
    source = html_text(item.source)
    if item.url:
        source = f'<a href="{html_text(item.url)}" rel="noopener noreferrer">{source}</a>'
    return f"{source} <em>(outside the corpus; confidence: {item.confidence})</em>"


def evidence_html(items: list[schema.AnyEvidence], ctx: Context) -> str:
    """Evidence as an HTML list: corpus passages linked to their line, outside sources labelled.
    In a correction's note (div.ar-verdict) it stays out of the search index (write/search.py): its passages
    are indexed where they stand."""
    if not items:
        return ""
    out = []
    for item in items:
        if isinstance(item, schema.PassageEvidence):
            title = html_text(ctx.corpus.articles[item.article].title)
            text = f'“{html_text(item.exact)}” — <a href="{html_text(passage_href(item, ctx))}">{title}</a>'
        else:
            text = source_html(item)
        # An editor's note leans towards a verdict: student mode hides it (handout.css), the passage stays.
        note = f' <span class="ar-evidence-note">{note_inline(item.note)}</span>' if item.note else ""
        out.append(f"<li>{text}{note}</li>")
    return '<ul class="ar-evidence">' + "".join(out) + "</ul>"


def in_sentence(name: str) -> str:
    """A name as it reads mid-sentence: "claimed by the unnamed outlet", not "by The unnamed outlet"."""
    return "t" + name[1:] if name.startswith("The ") and " " in name[4:] and name[4:5].islower() else name


def count_kinds(placed: Iterable[Placed]) -> dict[str, int]:
    """How many annotations of each kind, every kind present (in registry order)."""
    counts = dict.fromkeys(KINDS, 0)
    for p in placed:
        counts[p.kind] += 1
    return counts


def _head(kind: str, rest: str = "") -> str:
    # One class, the kind's: CSS, scripts and search find a label as [class^="ar-label-"] (a second class cost
    # 11 bytes on each of 20,000 notes in a 1,000-article site). Its symbol and colour: reader.css.
    return f'<strong class="ar-label-{kind}">{KINDS[kind].label}</strong>{rest}'


def _tail(p: Placed) -> str:
    return note_html(p.spec.note) if p.spec.note else ""


def status_html(status: str) -> str:
    # The icon is drawn by reader.css; the word is the status, and its claim page says what it means (no
    # title: a tooltip reaches no one on a touch screen, and it cost 17 repeats on the densest article).
    return f'<span class="ar-status ar-status-{status}">{status}</span>'


def error_words(error: str) -> str:
    """A kind of error as readers read it: "role-title" -> "role or title", "date-number" -> "date or number"."""
    return error.replace("-", " or ")


def correction_note(p: Placed, ctx: Context) -> str:
    s = p.correction
    origin = f'<span class="{_origin_class(s.origin)}">{html_text(vocabulary.ORIGINS[s.origin])}</span>'
    # Kind, origin and confidence say what to find: student mode hides them with the verdict (reader.css).
    said = f"{html_text(error_words(s.error))} · {origin} · confidence {html_text(s.confidence)}"
    head = _head("correction", f'<span class="ar-verdict"> · {said}</span>')
    change = (
        f"<p>Original: “<del>{html_text(ctx.corpus.articles[p.article].text[p.span.start : p.span.end])}</del>” "
        f"→ corrected: “<ins>{html_text(s.corrected)}</ins>”</p>"
    )
    return f"{head}{verdict(change + _tail(p) + evidence_html(s.evidence, ctx))}"


def _origin_class(origin: str) -> str:
    """reader.css styles a known origin ("ar-origin ar-origin-source"); "unknown", the most common, has no rule."""
    return "ar-origin" if origin == "unknown" else f"ar-origin ar-origin-{origin}"


def verdict(content: str) -> str:
    """Content that student mode hides (correction explanations, claim verdicts). In its place student mode shows
    "Hidden in student mode: judge first.", written by reader.css (generated text, which screen readers read)
    rather than in each of the 7,000 notes of a 1,000-article site."""
    return f'<div class="ar-verdict">{content}</div>' if content else ""


def quote_note(p: Placed, ctx: Context) -> str:
    cluster = ctx.corpus.clusters[p.quote.cluster]
    said = ", ".join(html_text(x) for x in (cluster.speaker, cluster.date, cluster.channel) if x)
    link = urls.href(ctx.page, urls.cluster_page(cluster.id))
    return (
        f'{_head("quote", f" · {said}")}<p><a href="{html_text(link)}">Compare every outlet’s wording'
        f" of “{html_text(cluster.title)}”</a></p>{_tail(p)}"
    )


def claim_note(p: Placed, ctx: Context) -> str:
    claim = ctx.corpus.claims[p.claim.claim]
    link = urls.href(ctx.page, urls.claim_page(claim.id))
    status = f'<span class="ar-verdict"> · {status_html(claim.status)}</span>'
    return (
        f"{_head('claim', status)} · claimed by {html_text(in_sentence(claim.claimant))}"
        f'<p><a href="{html_text(link)}">{html_text(claim.claim)}</a></p>{_tail(p)}'
    )


def plain_note(kind: str) -> Callable[[Placed, Context], str]:
    def render(p: Placed, ctx: Context) -> str:
        return f"{_head(kind)}{_tail(p)}"

    return render


def textual(value: str, purpose: str, fmt: str = "text/plain") -> dict[str, object]:
    return {"type": "TextualBody", "value": value, "format": fmt, "purpose": purpose}


def linking(ctx: Context, page: str) -> dict[str, object]:
    return {"type": "SpecificResource", "source": urls.absolute(ctx.site_url, page), "purpose": "linking"}


def _note_bodies(p: Placed) -> list[dict[str, object]]:
    return [textual(p.spec.note, "commenting", "text/markdown")] if p.spec.note else []


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "correction",
            "Correction",
            "Corrections",
            "✎",
            "span",
            "editing",
            "fixes a translation or transcription error; the corrected wording is shown, the original kept",
            correction_note,
            lambda p, ctx: [textual(p.correction.corrected, "editing"), *_note_bodies(p)],
        ),
        Kind(
            "quote",
            "Quote",
            "Quotes",
            "❝",
            "span",
            "linking",
            "one outlet's wording of a statement other outlets also report",
            quote_note,
            lambda p, ctx: [linking(ctx, urls.cluster_page(p.quote.cluster))],
        ),
        Kind(
            "claim",
            "Claim",
            "Claims",
            "⚑",
            "span",
            "assessing",
            "a contested or unverified claim, with its status and evidence",
            claim_note,
            lambda p, ctx: [
                textual(ctx.corpus.claims[p.claim.claim].status, "assessing"),
                linking(ctx, urls.claim_page(p.claim.claim)),
            ],
        ),
        Kind(
            "note",
            "Note",
            "Notes",
            "ℹ",
            "span",
            "commenting",
            "context for readers",
            plain_note("note"),
            lambda p, ctx: _note_bodies(p),
        ),
        Kind(
            "boilerplate",
            "Boilerplate",
            "Boilerplate",
            "⌫",
            "small",
            "tagging",
            "scraper residue (cookie notices, captions, teasers): kept, de-emphasised, not indexed by search",
            plain_note("boilerplate"),
            lambda p, ctx: [textual("boilerplate", "tagging"), *_note_bodies(p)],
        ),
    )
}
