"""The stages in order: settings, articles, annotations, resolution, pages, export, write, mkdocs."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import articles, config, datafiles, export, names, pages, site, teaching, urls
from .kinds import KINDS, Context, count_kinds
from .model import BuildFailed, Corpus, Diagnostic
from .render import render_article
from .text import GENERATED

ASSETS = "assets/annotated-reader"


@dataclass(frozen=True)
class Result:
    corpus: Corpus
    diagnostics: list[Diagnostic]
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def gather(root: Path) -> tuple[config.Settings | None, Corpus, list[Diagnostic]]:
    """Read and validate everything; nothing is written."""
    from .annotations import load_files, resolve

    settings, diagnostics = config.read(root)
    found_articles, found = articles.load_articles(root)
    diagnostics += found
    files, found = load_files(root)
    diagnostics += found
    corpus, found = resolve(found_articles, files)
    return settings, corpus, sorted(diagnostics + found)


def failures(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error" or strict]


def check(root: Path, strict: bool = False) -> Result:
    _, corpus, diagnostics = gather(root)
    if failures(diagnostics, strict):
        raise BuildFailed(diagnostics)
    return Result(corpus, diagnostics)


def generate(settings: config.Settings, corpus: Corpus) -> dict[str, str]:
    """Every generated file of docs/, by path relative to docs/."""
    files = pages.all_pages(corpus, settings.site_name, settings.site_url)
    for slug, article in corpus.articles.items():
        page = urls.article_page(slug)
        ctx = Context(corpus, page, settings.site_url, settings.repository)
        files[page] = render_article(article, corpus.placed[slug], ctx)
    files[names.PAGE] = names.names_page(corpus)
    files[teaching.PAGE] = teaching.teachers_page(corpus, settings.site_url)
    files["annotations.jsonld"] = export.to_json(export.collection(corpus, settings.site_url, settings.site_name))
    files.update(datafiles.files(corpus, settings.site_url))
    for asset in ("reader.css", "reader.js"):
        source = resources.files("annotated_reader").joinpath("static", asset).read_text("utf-8")
        files[f"{ASSETS}/{asset}"] = f"/* {GENERATED} (source: annotated_reader/static/{asset}) */\n{source}"
    return files


def build(root: Path, strict: bool = False, with_site: bool = True) -> Result:
    """Validate, write docs/ (only changed files), then build site/ with mkdocs when asked."""
    settings, corpus, diagnostics = gather(root)
    if settings is None or failures(diagnostics, strict):
        raise BuildFailed(diagnostics)
    written, removed = site.write_docs(settings.docs_dir, generate(settings, corpus))
    if with_site:
        site.mkdocs_build(root, settings.site_dir)
    return Result(corpus, diagnostics, tuple(written), tuple(removed))


def summary(corpus: Corpus) -> str:
    """Annotations per kind and per article, as a small text table."""
    names = list(KINDS)
    width = max([len("total")] + [len(s) for s in corpus.articles])
    head = f"{'article':<{width}} " + " ".join(f"{n[:11]:>11}" for n in names) + f" {'total':>6}"
    rows = [head]
    for slug in [*corpus.articles, "total"]:
        counts = count_kinds(corpus.all_placed() if slug == "total" else corpus.placed[slug]).values()
        rows.append(f"{slug:<{width}} " + " ".join(f"{c:>11}" for c in counts) + f" {sum(counts):>6}")
    rows.append(f"{len(corpus.clusters)} quote clusters, {len(corpus.claims)} claims")
    return "\n".join(rows)
