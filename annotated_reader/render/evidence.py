"""A claim page's evidence grouped by side (supports, disputes, context), each passage named by its outlet,
and the claim's places in the texts told apart from the rebuttals. Pure."""

from __future__ import annotations

from annotated_reader.kinds import Context, passage_href, source_html
from annotated_reader.model import Article, Placed
from annotated_reader.read import schema
from annotated_reader.render.escape import html_text, note_inline

SIDES = {"supports": "Supports the claim", "disputes": "Disputes the claim", "context": "Context"}
UNSIDED = "Evidence"  # items recorded without a side
QUOTES = '"“”«»„'
SINGLE = str.maketrans({"“": "‘", "”": "’", "„": "‚", "«": "‹", "»": "›"})


def side_of(item: schema.AnyEvidence) -> str:
    side = getattr(item, "side", None)  # the content issue adds `side`; older data has none
    return side if side in SIDES else UNSIDED


def outlet_name(article: Article) -> str:
    """The outlet, or what is known instead ("unnamed outlet, 2025-03-15"): never a long title."""
    meta = article.meta
    if meta.outlet:
        return meta.outlet
    return f"unnamed outlet, {meta.published}" if meta.published else "unnamed outlet"


def quoted(text: str) -> str:
    """The passage in quotation marks, never doubled: a passage quoted whole already stays as it is, one
    that opens a quote gets only its closing mark, and quotation marks inside become single ones."""
    inner = text.strip()
    marks = [c for c in inner if c in QUOTES]
    starts, ends = inner[:1] in QUOTES, inner.rstrip(",.")[-1:] in QUOTES
    if starts and (len(marks) == 1 or (ends and len(marks) == 2)):
        return html_text(inner if ends else inner + "”")
    return f"“{html_text(inner.translate(SINGLE))}”"


def item_html(item: schema.AnyEvidence, ctx: Context) -> str:
    if isinstance(item, schema.PassageEvidence):
        article = ctx.corpus.articles[item.article]
        link = html_text(passage_href(item, ctx))
        title, outlet = html_text(article.title), html_text(outlet_name(article))
        text = f'{quoted(item.exact)} — <a href="{link}" title="{title}">{outlet}</a>'
    else:
        text = source_html(item)
    # an editor's note on the evidence leans towards a verdict: student mode hides it (handout.css)
    note = f'<span class="ar-evidence-note">: {note_inline(item.note)}</span>' if item.note else ""
    return f"<li>{text}{note}</li>"


def grouped_html(items: list[schema.AnyEvidence], ctx: Context) -> str:
    """One labelled list per side, in the order supports, disputes, context, then unsided items."""
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(side_of(item), []).append(item_html(item, ctx))
    out = []
    for side in (*SIDES, UNSIDED):
        if side in groups:
            label = SIDES.get(side, UNSIDED)
            heading = f'<h3 id="evidence-{side.lower()}">{label} ({len(groups[side])})</h3>' if len(groups) > 1 else ""
            out.append(f'{heading}<ul class="ar-evidence ar-evidence-{side.lower()}">{"".join(groups[side])}</ul>')
    return "\n".join(out)


def rebuttals(places: list[Placed], items: list[schema.AnyEvidence], ctx: Context) -> set[str]:
    """The claim's places that are evidence disputing it (a denial marked with the claim): by annotation id."""
    spans = [
        (item.article, span)
        for item in items
        if isinstance(item, schema.PassageEvidence) and side_of(item) == "disputes"
        for span in [ctx.corpus.passages.get(item)]
        if span is not None
    ]
    return {
        p.id for p in places if any(a == p.article and s.start < p.span.end and p.span.start < s.end for a, s in spans)
    }
