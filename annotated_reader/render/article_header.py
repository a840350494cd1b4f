"""The top of an article page: its byline, "How we know" (the provenance of each field, folded), the edit
link and the bar of switches that is also the key of the marks; and the dates line of a note. Pure."""

from __future__ import annotations

from annotated_reader.kinds import KINDS, Context, count_kinds
from annotated_reader.model import Article, Placed
from annotated_reader.read.history import Dates
from annotated_reader.read.repository import annotations_link
from annotated_reader.read.schema import Provenance
from annotated_reader.render.escape import html_text

LANGUAGES = {"ko": "Korean", "ru": "Russian", "uk": "Ukrainian", "en": "English", "de": "German", "fr": "French"}


def header_html(article: Article, placed: list[Placed], ctx: Context) -> str:
    """One line of what is known (outlet · date · language), the rest folded with its provenance, and the
    legend that reader.js turns into the reading switches."""
    meta = article.meta
    rows = [
        ("Outlet", "outlet", meta.outlet),
        ("Published", "published", meta.published),
        ("Language", "language", meta.language),
        ("Translation", "translation", _translation(meta)),
        ("Source", "url", meta.url),
    ]
    cells = []
    for label, name, value in rows:
        how = meta.provenance[name]
        shown = html_text(str(value)) if value is not None else "unknown"
        if name == "url" and value:
            shown = f'<a href="{html_text(value)}" rel="noopener noreferrer">{html_text(value)}</a>'
        cells.append(
            f'<dt>{label}</dt><dd>{shown} <span class="ar-how ar-how-{how.how}" '
            f'title="{html_text(how.basis)}">{how.how}</span></dd>'
        )
    basis = "".join(
        f"<li><strong>{html_text(name)}</strong> ({p.how}): {html_text(p.basis)}{_verified_by(p)}</li>"
        for name, p in meta.provenance.items()
    )
    machine = " data-machine" if meta.translation == "machine" else ""
    return (
        f'<div class="ar-header"{machine}>\n<p class="ar-byline">{byline(meta)}</p>\n'
        f'<details class="ar-provenance"><summary>How we know</summary><dl class="ar-meta">{"".join(cells)}</dl>'
        f"<ul>{basis}</ul>{_corpus_id(meta.corpus_id)}{edit_html(article, ctx)}</details>\n"
        + legend_html(placed)
        + "\n</div>"
    )


def dates_html(dates: Dates | None) -> str:
    """'added 2026-11-29, changed 2026-11-30', from the repository's history; nothing without one."""
    if dates is None:
        return ""
    added, changed = dates.created[:10], dates.modified[:10]
    text = f"added {added}" + (f", changed {changed}" if dates.modified != dates.created else "")
    return f' <span class="ar-dates">{text}</span>'


def _verified_by(p: Provenance) -> str:
    """The outside source that confirms a verified value, linked."""
    if p.how != "verified" or p.url is None:
        return ""
    source = f'<a href="{html_text(p.url)}" rel="noopener noreferrer">{html_text(p.publisher or p.url)}</a>'
    return f' <span class="ar-verified-by">Verified against {source}, {html_text(p.date or "")}.</span>'


def byline(meta: object) -> str:
    """ "Outlet · 14 March 2025 · machine translation from Russian": the known facts, unknown ones left out."""
    outlet = getattr(meta, "outlet", None)
    parts = [html_text(outlet) if outlet else "Outlet not known"]
    published = getattr(meta, "published", None)
    if published:
        parts.append(f"<time>{html_text(str(published))}</time>")
    translation = getattr(meta, "translation", None)
    source = getattr(meta, "source_language", None)
    if translation in ("machine", "human"):
        language = LANGUAGES.get(str(source), source)
        parts.append(html_text(f"{translation} translation" + (f" from {language}" if source else "")))
    elif translation == "original":
        parts.append("original text")
    return " · ".join(parts)


def _corpus_id(corpus_id: str | None) -> str:
    return f"<p>Corpus id {html_text(corpus_id)}</p>" if corpus_id is not None else ""


def edit_html(article: Article, ctx: Context) -> str:
    """A link to the article's annotation file in the repository (when mkdocs.yml names one)."""
    if ctx.repository is None:
        return ""
    link = annotations_link(ctx.repository, article.slug, ctx.corpus.annotation_files.get(article.slug))
    return f'<p class="ar-edit"><a href="{html_text(link.url)}" rel="noopener noreferrer">{link.text}</a></p>'


def _translation(meta: object) -> str | None:
    translation = getattr(meta, "translation", None)
    source = getattr(meta, "source_language", None)
    if translation is None:
        return None
    return f"{translation} (from {source})" if source and translation != "original" else translation


def legend_html(placed: list[Placed]) -> str:
    """The key: each kind present in the text, its line style, symbol and count (none for absent kinds)."""
    counts = count_kinds(placed)
    if not placed:
        return ""
    items = "".join(
        f'<li class="ar-legend-{k.name}"><span class="ar ar-{k.name} ar-sample">{k.symbol} {k.plural}</span> '
        f'<span class="ar-count">{counts[k.name]}</span> '
        f'<span class="ar-legend-text">{html_text(k.description)}</span></li>'
        for k in KINDS.values()
        if counts[k.name]
    )
    return f'<ul class="ar-legend" aria-label="Legend and annotation counts">{items}</ul>'
