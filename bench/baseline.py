"""The plain Material for MkDocs projects the benchmark compares with: the same raw texts, no annotations.

``same navigation``: the project's mkdocs.yml (theme, plugins, Markdown extensions, not_in_nav), the
same listing pages by outlet, month and tag, and a page of the same title for every other sidebar entry of
the built project (Quotes, Claims, Corrections, Names, ...: a sidebar of 19 entries costs Material's template
about twice one of 9 on every page); ``flat navigation``: the default sidebar of every page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from annotated_reader.model import Corpus
from annotated_reader.read.articles import load_articles
from annotated_reader.render import listings


def plain_config(source: str, flat: bool) -> str:
    """mkdocs.yml without this project's own stylesheet, script and Markdown extension (with its comment),
    and without not_in_nav when flat."""
    text = re.sub(r"(?m)^extra_(css|javascript):\n(  .*\n)+", "", source)
    text = re.sub(r"(?m)^(  #.*\n)*  - annotated_reader\..*\n", "", text)
    if flat:
        text = re.sub(r"(?ms)^not_in_nav: \|\n(  .*?\n)+(?=\S|\Z)", "", text)
    return text


def page(title: str, text: str) -> str:
    """A raw text as a plain page: its title, then each line as written (Markdown reads it as it will)."""
    return f"# {title}\n\n" + "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def sidebar_pages(docs: Path) -> dict[str, str]:
    """Our built docs/ pages that the sidebar lists besides Home and the article listings (Quotes, Claims,
    Corrections, Names, Sources, Changes, For teachers, hand-written pages), by path, with their titles: the
    plain build gets a page of that title for each, so both sidebars have the same entries."""
    found = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel == "index.md" or rel.startswith("articles/") or ("/" in rel and not rel.endswith("/index.md")):
            continue
        text = path.read_text("utf-8")
        head = re.match(r"---\n(.*?)\n---\n", text, re.S)
        title = (yaml.safe_load(head[1]) or {}).get("title") if head else None
        heading = re.search(r"(?m)^# (.+)$", text)
        found[rel] = str(title or (heading[1] if heading else path.stem))
    return found


def write(work: Path, flat: bool) -> Path:
    """bench/work/baseline-<kind>/ with mkdocs.yml and docs/; returns the project folder."""
    project = work / ("baseline-flat-nav" if flat else "baseline-same-nav")
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs" / "articles").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(plain_config((work / "mkdocs.yml").read_text("utf-8"), flat), "utf-8")
    articles, _ = load_articles(work)
    for slug, article in articles.items():
        (project / "docs" / "articles" / f"{slug}.md").write_text(page(article.title, article.text), "utf-8")
    home = "# Home\n\n" + ("" if flat else "[Articles](articles/index.md) by outlet, by month and by tag.\n")
    (project / "docs" / "index.md").write_text(home, "utf-8")
    for rel, title in sidebar_pages(work / "docs").items():  # the same sidebar entries as ours
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(f"# {title}\n", "utf-8")
    if not flat:
        for rel, text in listings.pages(Corpus(articles=articles)).items():
            (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / "docs" / rel).write_text(text, "utf-8")
    return project
