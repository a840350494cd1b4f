"""Listing pages: the articles by outlet, by month and by tag. Pure.

The sidebar lists these pages, never every article: a navigation of every page makes each page
carry all the others, so a site of N articles would cost N² to build and to download. Article
pages are reached from here, from the home page and from the indexes of quotes and claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from annotated_reader import urls
from annotated_reader.model import Article, Corpus
from annotated_reader.render.escape import front_matter, md_text
from annotated_reader.render.home import HOME_ROWS
from annotated_reader.render.links import link

PAGE = "articles/index.md"
LIST_ALL = HOME_ROWS  # up to this many articles, the articles page lists them all
UNKNOWN = "unknown"
# (folder under articles/, page title, what groups the articles, how a group is named)
GROUPINGS: list[tuple[str, str, Callable[[Article], list[str]], Callable[[str], str]]] = [
    (
        urls.LISTINGS[0],
        "By outlet",
        lambda a: [a.meta.outlet or UNKNOWN],
        lambda g: g if g != UNKNOWN else "Unknown outlet",
    ),
    (
        urls.LISTINGS[1],
        "By month",
        lambda a: [(a.meta.published or UNKNOWN)[:7]],
        lambda g: g if g != UNKNOWN else "Unknown date",
    ),
    (urls.LISTINGS[2], "By tag", lambda a: list(a.meta.tags), lambda g: g),
]


def slugify(name: str) -> str:
    """A file name for a group: lowercase words joined by hyphens, at most 60 characters."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower())[:60].strip("-") or "group"


def groups(corpus: Corpus, key: Callable[[Article], list[str]]) -> dict[str, list[Article]]:
    """Articles by group, each group newest first (undated last), then by title."""
    found: dict[str, list[Article]] = {}
    for article in corpus.articles.values():
        for name in key(article):
            found.setdefault(name, []).append(article)
    for members in found.values():
        members.sort(key=lambda a: (a.meta.published or "", a.title), reverse=True)
    return found


def group_pages(folder: str, found: dict[str, list[Article]]) -> dict[str, str]:
    """Each group's page, by group name (a slug unique within the folder)."""
    pages: dict[str, str] = {}
    taken: set[str] = {"index"}
    for name in sorted(found):
        stem, n = slugify(name), 2
        while stem in taken:
            stem, n = f"{slugify(name)}-{n}", n + 1
        taken.add(stem)
        pages[name] = f"articles/{folder}/{stem}.md"
    return pages


def article_line(page: str, article: Article) -> str:
    meta = article.meta
    facts = " · ".join(md_text(x) for x in (meta.outlet, meta.published) if x)
    return f"- {link(page, urls.article_page(article.slug), article.title)}" + (f" ({facts})" if facts else "")


def grouping(
    corpus: Corpus, folder: str, title: str, key: Callable[[Article], list[str]], label: Callable[[str], str]
) -> dict[str, str]:
    found = groups(corpus, key)
    where = group_pages(folder, found)
    known = sorted((g for g in found if g != UNKNOWN), reverse=folder == urls.LISTINGS[1])  # months newest first
    order = known + [UNKNOWN] * (UNKNOWN in found)
    index = f"articles/{folder}/index.md"
    lines = [f"- {link(index, where[g], label(g))} ({len(found[g])})" for g in order]
    files = {
        index: front_matter(title, f"The articles {title.lower()}.", "articles/")
        + f"# {title}\n\n"
        + ("\n".join(lines) or "No article has one yet.")
        + "\n"
    }
    for name, members in found.items():
        page = where[name]
        body = "\n".join(article_line(page, a) for a in members)
        heading = md_text(label(name))
        files[page] = (
            front_matter(label(name), f"{len(members)} articles: {label(name)}.", "articles/")
            + f"# {heading}\n\n{len(members)} article{'s' if len(members) != 1 else ''}.\n\n{body}\n"
        )
    return files


def articles_page(corpus: Corpus) -> str:
    n = len(corpus.articles)
    browse = " · ".join(link(PAGE, f"articles/{folder}/index.md", title) for folder, title, _, _ in GROUPINGS)
    listed = ""
    if n <= LIST_ALL:
        ordered = sorted(corpus.articles.values(), key=lambda a: a.title)
        listed = "\n\n## All articles\n\n" + "\n".join(article_line(PAGE, a) for a in ordered)
    return (
        front_matter("Articles", f"{n} articles, by outlet, by month and by tag.", "articles/")
        + f"# Articles\n\n{n} article{'s' if n != 1 else ''}. Browse them: {browse}.{listed}\n"
    )


def pages(corpus: Corpus) -> dict[str, str]:
    files = {PAGE: articles_page(corpus)}
    for folder, title, key, label in GROUPINGS:
        files.update(grouping(corpus, folder, title, key, label))
    return files
