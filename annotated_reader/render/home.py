"""The home page: a way into the story, then one card per article (the latest, above a size). Pure."""

from __future__ import annotations

from annotated_reader import rawblock, urls
from annotated_reader.kinds import KINDS, count_kinds
from annotated_reader.model import Article, Corpus
from annotated_reader.render.escape import front_matter, html_text, md_text
from annotated_reader.render.evidence import outlet_name
from annotated_reader.render.links import a_html, link, stylesheet
from annotated_reader.render.overview import overview_html

HOME_ROWS = 100  # above this many articles, the home page shows the latest and links to the listings
LATEST = 20
PAGE = "index.md"


def home(corpus: Corpus, site_name: str) -> str:
    shown = list(corpus.articles.items())
    if len(shown) > HOME_ROWS:
        shown = sorted(shown, key=lambda item: (item[1].meta.published or "", item[0]), reverse=True)[:LATEST]
    everything = link(PAGE, "articles/index.md", f"all {len(corpus.articles)} articles")
    cut = len(shown) < len(corpus.articles)
    latest = f"The latest {LATEST}; {everything} by outlet, month and tag.\n\n" if cut else ""
    intro = (
        f"{len(corpus.articles)} news texts, read closely: translation fixes in place, the same quote as "
        "worded by each outlet, and contested claims with their evidence. Open an article and tap any "
        "underlined passage for its note."
    )
    cards = "".join(card(slug, article, corpus) for slug, article in shown)
    return (
        front_matter("Home", intro, "articles/, annotations/")
        + stylesheet(PAGE)
        + f"# {md_text(site_name)}\n\n{md_text(intro)}\n\n"
        f"## Articles\n\n{latest}"
        + rawblock.wrap(f'<ul class="ar-cards">{cards}</ul>')
        + "\n\n"
        + (f"## What happened\n\n{overview_html(corpus, PAGE)}\n" if corpus.overview else "")
        + "## Indexes\n\n"
        f"- {link(PAGE, 'quotes/index.md', 'Quotes')}: every outlet's wording of the same statement\n"
        f"- {link(PAGE, 'claims/index.md', 'Claims')}: contested claims grouped by status\n"
        f"- {link(PAGE, 'corrections/index.md', 'Corrections')}: translation fixes by kind of error\n"
        f"- {link(PAGE, 'articles/index.md', 'Articles')}: by outlet, by month and by tag\n"
    )


def card(slug: str, article: Article, corpus: Corpus) -> str:
    """Title, outlet and date, the one-line description, and what is annotated in it."""
    meta = article.meta
    facts = [outlet_name(article)] + ([str(meta.published)] if meta.outlet and meta.published else [])
    if meta.translation in ("machine", "human"):
        facts.append(f"{meta.translation} translation")
    counts = count_kinds(corpus.placed[slug])
    annotated = ", ".join(
        f"{n} {KINDS[k].plural.lower() if n != 1 else KINDS[k].label.lower()}" for k, n in counts.items() if n
    )
    line = f'<p class="ar-card-line">{html_text(meta.description)}</p>' if meta.description else ""
    return (
        f'<li class="ar-card"><h3>{a_html(PAGE, urls.article_page(slug), meta.title)}</h3>'
        f'<p class="ar-card-meta">{html_text(" · ".join(facts))}</p>{line}'
        f'<p class="ar-card-notes">Annotated: {html_text(annotated or "nothing yet")}</p></li>'
    )
