"""The top of an article page: its byline, "How we know" (the provenance of each field, folded), the edit
link and the bar of switches that is also the key of the marks; and the dates line of a note. Pure."""

from __future__ import annotations

from annotated_reader.kinds import KINDS, Context, count_kinds
from annotated_reader.model import Article, Placed
from annotated_reader.read.history import Dates
from annotated_reader.read.repository import annotations_link
from annotated_reader.read.schema import ArticleMeta, Provenance
from annotated_reader.render.escape import html_text

FIELDS = {
    "title": "Headline",
    "outlet": "Outlet",
    "published": "Published",
    "language": "Language",
    "translation": "Translation",
    "source_language": "Source language",
    "url": "Address",
}
"""The metadata fields as "How we know" names them, in its order."""
LANGUAGES = {"ko": "Korean", "ru": "Russian", "uk": "Ukrainian", "en": "English", "de": "German", "fr": "French"}


def header_html(article: Article, placed: list[Placed], ctx: Context) -> str:
    """One line of what is known (outlet · date · language), the rest folded with its provenance, and the
    legend that reader.js turns into the reading switches."""
    meta = article.meta
    rows = "".join(_row(name, meta) for name in FIELDS if name in meta.provenance)
    machine = " data-machine" if meta.translation == "machine" else ""
    return (
        f'<div class="ar-header"{machine}>\n<p class="ar-byline">{byline(meta)}</p>\n'
        f'<details class="ar-provenance"><summary>How we know</summary><dl class="ar-meta">{rows}</dl>'
        f"{_corpus_id(meta.corpus_id)}{edit_html(article, ctx)}</details>\n" + legend_html(placed) + "\n</div>"
    )


def _row(name: str, meta: ArticleMeta) -> str:
    """One field: its name, its value, how it is known and on what basis (said once, in the page: a title
    tooltip would reach no one on a touch screen)."""
    how = meta.provenance[name]
    value = _shown(name, meta)
    basis = f'<span class="ar-basis">{html_text(how.basis)}{_verified_by(how)}</span>'
    kind = "" if how.how == "unknown" else f" ar-how-{how.how}"  # reader.css: a colour for each but "unknown"
    badge = f'<span class="ar-how{kind}">{how.how}</span>'
    return f"<dt>{FIELDS[name]}</dt><dd>{value + ' ' if value else ''}{badge} {basis}</dd>"


def _shown(name: str, meta: ArticleMeta) -> str:
    """A field's value in a reader's words: languages named, the address linked; none for the headline (above)."""
    if name == "title":
        return ""
    if name == "url" and meta.url:
        return f'<a href="{html_text(meta.url)}" rel="noopener noreferrer">{html_text(meta.url)}</a>'
    if name in ("language", "source_language"):
        code = getattr(meta, name)
        if code is None:
            return "none" if meta.translation == "original" else "unknown"
        return html_text(LANGUAGES.get(code, code))
    value = getattr(meta, name)
    return html_text(str(value)) if value is not None else "unknown"


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


def legend_html(placed: list[Placed]) -> str:
    """The key: each kind present in the text, its line style, symbol and count (none for absent kinds).
    No kind's description (kinds.py): written here, it was hidden on screen and on paper (reader.js puts the
    reading switches in the key's place) and out of search, so no reader met it, and it was 0.5 MB of 1,000 pages."""
    counts = count_kinds(placed)
    if not placed:
        return ""
    items = "".join(
        f'<li class="ar-legend-{k.name}"><span class="ar ar-{k.name} ar-sample">{k.symbol} {k.plural}</span> '
        f'<span class="ar-count">{counts[k.name]}</span></li>'
        for k in KINDS.values()
        if counts[k.name]
    )
    return f'<ul class="ar-legend" aria-label="Legend and annotation counts">{items}</ul>'
