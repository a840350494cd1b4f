"""The home page: the articles (the latest, above a size) and what the corpus holds. Pure."""

from __future__ import annotations

from annotated_reader import urls
from annotated_reader.kinds import KINDS, count_kinds
from annotated_reader.model import Corpus
from annotated_reader.render.escape import front_matter, md_text
from annotated_reader.render.links import link
from annotated_reader.render.overview import overview_html

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
        front_matter("Home", intro, "articles/, annotations/")
        + f"# {md_text(site_name)}\n\n{overview_html(corpus, page)}{intro}\n\n"
        f"## Articles\n\n{latest}" + "\n".join(rows) + "\n\n## Indexes\n\n"
        f"- {link(page, 'articles/index.md', 'Articles')}: by outlet, by month and by tag\n"
        f"- {link(page, 'quotes/index.md', 'Quotes')}: every outlet's wording of the same statement\n"
        f"- {link(page, 'claims/index.md', 'Claims')}: contested claims grouped by status\n"
        f"- {link(page, 'corrections/index.md', 'Corrections')}: translation fixes by kind of error\n"
    )
