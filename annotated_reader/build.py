"""The stages in order: reading (reading.py: settings, articles, annotations, resolution), then pages,
export, write, mkdocs."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from annotated_reader import parallel, progress, urls
from annotated_reader.interop import export, w3c_export
from annotated_reader.kinds import Context
from annotated_reader.model import BuildFailed, Corpus, Diagnostic
from annotated_reader.read import cache, history, mkdocs_config
from annotated_reader.reading import KEEP_READING_UP_TO as KEEP_READING_UP_TO  # build.gather, ... as before
from annotated_reader.reading import failures as failures
from annotated_reader.reading import gather as gather
from annotated_reader.render import changes, index_pages, listings, names, sources, teachers
from annotated_reader.render.article import render_article
from annotated_reader.render.escape import GENERATED
from annotated_reader.write import crashpoint, docs_writer, guard, lock, page_cache, page_parts, search
from annotated_reader.write.history_cache import HistoryCache

ASSETS = "assets/annotated-reader"
T = TypeVar("T")
Content = str | bytes | bytearray  # a generated file: text, or UTF-8 bytes


@dataclass(frozen=True)
class Result:
    corpus: Corpus
    diagnostics: list[Diagnostic]
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)  # time taken by each stage
    pagefind: bool = False  # searched with Pagefind (above the size set in mkdocs.yml)


def check(root: Path, strict: bool = False) -> Result:
    _, corpus, diagnostics = gather(root, cache.Store(root), once=True)
    if failures(diagnostics, strict):
        raise BuildFailed(diagnostics)
    return Result(corpus, diagnostics)


def generate_files(
    settings: mkdocs_config.Settings, corpus: Corpus, pagefind: bool = False, reuse: page_cache.Reuse | None = None
) -> Iterator[tuple[str, Content]]:
    """Every generated file of docs/ as (path relative to docs/, text), one at a time: a large corpus
    is written as it is rendered, never held whole. Above the Pagefind size, pages leave Material's index.
    What each article made is taken from ``reuse``'s cache when nothing it shows changed, and not made at all
    when docs/ holds it already (write/page_cache.py)."""
    files = _files(settings, corpus, reuse or no_reuse(settings, corpus))
    return (search.leave_material_index(rel, text) for rel, text in files) if pagefind else files


ARTICLES_PER_CALL = 25  # articles rendered in one piece of work, in a worker or here


@dataclass(frozen=True)
class Shared:
    """What every piece of work reads (forked workers inherit it)."""

    settings: mkdocs_config.Settings
    corpus: Corpus
    reuse: page_cache.Reuse


def no_reuse(settings: mkdocs_config.Settings, corpus: Corpus) -> page_cache.Reuse:
    """A Reuse that keeps nothing (a cache that is off): every page is made."""
    return page_cache.Reuse(cache.Store(settings.docs_dir.parent, enabled=False), settings, corpus, False)


def _files(settings: mkdocs_config.Settings, corpus: Corpus, reuse: page_cache.Reuse) -> Iterator[tuple[str, Content]]:
    """The pages of the whole corpus are made first, here; then the pages, W3C pages and data files
    of each article, in workers when many are made. Forked workers share the corpus with this
    process until one of them touches it: this process touches it no more once they start."""
    shared = Shared(settings, corpus, reuse)
    slugs = list(corpus.articles)
    pages = [slug for slug in slugs if not reuse.unchanged(urls.article_page(slug), reuse.key(slug, "page"))]
    exports = [slug for slug in slugs if not _exported(reuse, slug)]
    forked = parallel.workers(max(len(pages), len(exports)), sharing=True)
    # with workers, made before they fork; without, one at a time (70 MB of pages at 10,000 articles)
    whole_corpus: Iterable[tuple[str, str]] = (
        _drain([file for make in WHOLE_CORPUS for file in make(shared)]) if forked else _whole_corpus_pages(shared)
    )
    afterwards = [file for make in AFTERWARDS for file in make(shared)]
    with parallel.Pool(shared, forked) as pool:  # one stream of results per kind of call, each read in order
        made = pool.ordered((_article_pages, (run,)) for run in parallel.chunks(pages, ARTICLES_PER_CALL))
        yield from whole_corpus
        yield from progress.track(_flatten(made), "pages", len(pages))
        exported = pool.ordered((_export_files, (run,)) for run in parallel.chunks(exports, ARTICLES_PER_CALL))
        yield from _drain(afterwards)
        yield from _corpus_export(shared)
        yield from _flatten(exported)
    yield from _unchanged(slugs, set(pages), set(exports))
    yield from reuse.files("assets", lambda: [asset(name) for name in asset_names()])  # minified once


def _corpus_export(shared: Shared) -> list[tuple[str, str]]:
    """export.corpus_files, the data index kept by the build cache (made from what every key covers)."""
    settings = shared.settings
    return export.corpus_files(shared.corpus, settings.site_url, settings.site_name, shared.reuse.files)


def _exported(reuse: page_cache.Reuse, slug: str) -> bool:
    """Whether docs/ holds an article's W3C page and data file as this build would make them."""
    key = reuse.key(slug, "export")
    paths = export.article_paths(slug)
    unchanged = [reuse.unchanged(rel, key) for rel in paths]  # each one recorded
    if not all(unchanged):
        reuse.same.difference_update(paths)  # both are made again
    return all(unchanged)


def _unchanged(slugs: list[str], pages: set[str], exports: set[str]) -> Iterator[tuple[str, Content]]:
    """The articles' files left as they are in docs/."""
    for slug in slugs:
        if slug not in pages:
            yield urls.article_page(slug), docs_writer.UNCHANGED
        if slug not in exports:
            yield from ((rel, docs_writer.UNCHANGED) for rel in export.article_paths(slug))


def asset_names() -> list[str]:
    """The files of annotated_reader/static/ every site carries (search is Pagefind's at every size)."""
    return [
        "reader.css",
        "pages.css",
        "reader.js",
        "notes.js",
        "notes.css",
        "handout.css",
        "assign.js",
        "pagefind-search.js",
    ]


def asset(name: str) -> tuple[str, str]:
    """A file of annotated_reader/static/ as it goes into docs/: minified (rjsmin, rcssmin: comments and
    whitespace out, a tenth fewer bytes gzip-compressed than without comments alone); the commented source
    stays in annotated_reader/static/."""
    from importlib import resources  # imported when the assets are made (not kept by the build cache)

    import rcssmin  # type: ignore[import-untyped]
    import rjsmin  # type: ignore[import-untyped]

    source = resources.files("annotated_reader").joinpath("static", name).read_text("utf-8")
    small: str = rjsmin.jsmin(source) if name.endswith(".js") else rcssmin.cssmin(source)
    return f"{ASSETS}/{name}", f"/* {GENERATED} (source: annotated_reader/static/{name}) */\n{small}\n"


def _drain(files: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Each file in turn, let go of once it is written."""
    files.reverse()
    while files:
        yield files.pop()


def _flatten(results: Iterator[list[T]]) -> Iterator[T]:
    """Everything in each result, in order."""
    for result in results:
        yield from result


def _index_pages(shared: Shared) -> list[tuple[str, str]]:
    return list(_each_index_page(shared))


def _each_index_page(shared: Shared) -> Iterator[tuple[str, str]]:
    """The home page, the indexes, the cluster and claim pages; the corrections index from each article's
    part (page_parts.py)."""
    settings, reuse = shared.settings, shared.reuse
    kept = page_parts.Parts(reuse, "corrections", page_parts.tuples)
    yield from index_pages.each_page(
        shared.corpus, settings.site_name, settings.site_url, reuse.page, kept.part, reuse.keyed
    )
    kept.save()


def _whole_corpus_pages(shared: Shared) -> Iterator[tuple[str, str]]:
    yield from _each_index_page(shared)
    yield from _listing_pages(shared)


def _listing_pages(shared: Shared) -> list[tuple[str, str]]:
    """Made from the articles' metadata alone."""
    return shared.reuse.files("listings", lambda: list(listings.pages(shared.corpus).items()))


def _article_pages(shared: Shared, slugs: list[str]) -> list[tuple[str, str]]:
    corpus, settings = shared.corpus, shared.settings
    made = []
    for slug in slugs:
        page = urls.article_page(slug)
        ctx = Context(corpus, page, settings.site_url, settings.repository)
        render = partial(render_article, corpus.articles[slug], corpus.placed[slug], ctx)
        made.append((page, shared.reuse.made(slug, "page", page_cache.is_text, render)))
    return made


def _names_page(shared: Shared) -> list[tuple[str, str]]:
    """Made from every article's text and the names (in every key), and the corrections of names (each
    article's, page_parts.py)."""
    corpus = shared.corpus
    kept = page_parts.Parts(shared.reuse, "names", page_parts.tuples)
    named = [kept.part(slug, partial(names.corrected, corpus, slug)) for slug in corpus.articles]
    kept.save()
    return [(names.PAGE, shared.reuse.keyed(names.PAGE, partial(repr, named), partial(names.names_page, corpus)))]


def _teachers_page(shared: Shared) -> list[tuple[str, str]]:
    return [(teachers.PAGE, teachers.teachers_page(shared.corpus, shared.settings.site_url))]


def _record_pages(shared: Shared) -> list[tuple[str, str]]:
    """The outside sources cited (from each article's part, page_parts.py; made again when a part changed), and
    the changes to notes over time."""
    corpus = shared.corpus
    kept = page_parts.Parts(shared.reuse, "sources", page_parts.tuples)
    cited = {slug: kept.part(slug, partial(sources.article_citations, corpus, slug)) for slug in corpus.articles}
    kept.save()
    show = partial(sources.sources_page, corpus, lambda slug, make: cited[slug])
    page = shared.reuse.keyed(sources.PAGE, partial(repr, cited), show)
    return [(sources.PAGE, page), (changes.PAGE, changes.changes_page(corpus))]


def _export_files(shared: Shared, slugs: list[str]) -> list[tuple[str, str]]:
    """Each article's W3C page and data file, kept in the build cache (the key covers every article's slug in
    order, so a page's prev/next are in it)."""
    corpus, url = shared.corpus, shared.settings.site_url
    return [
        file
        for slug, prev, next_ in w3c_export.neighbours(corpus, slugs)
        for file in shared.reuse.made(
            slug, "export", page_cache.is_files, partial(export.one_article, corpus, url, slug, prev, next_)
        )
    ]


WHOLE_CORPUS: tuple[Callable[[Shared], Iterable[tuple[str, str]]], ...] = (_index_pages, _listing_pages)
AFTERWARDS: tuple[Callable[[Shared], Iterable[tuple[str, str]]], ...] = (_names_page, _teachers_page, _record_pages)
"""The pages made from the whole corpus, before and after the articles' pages: the one list of them
(the edit loop, session.py, makes the same, reusing those whose inputs did not change)."""


def with_history(root: Path, corpus: Corpus) -> Corpus:
    """The corpus with the dates of its notes from git history (the one place it is read)."""
    return dataclasses.replace(corpus, history=history.read_history(root, HistoryCache(root)))


def build(root: Path, strict: bool = False, with_site: bool = True) -> Result:
    """Read and check everything, then write: docs/ (only changed files), then site/ with mkdocs when
    asked. One build at a time (lock.py); a failed or interrupted build leaves docs/ and site/ as they
    were (journal.py)."""
    clock, started = Stopwatch(), time.time()
    store = cache.Store(root)
    settings, corpus, diagnostics = gather(root, store, once=True)
    if settings is None or failures(diagnostics, strict):
        raise BuildFailed(diagnostics)
    corpus = with_history(root, corpus)
    clock.lap("read")
    crashpoint.reached("after-read")
    pagefind = search.uses_pagefind(len(corpus.articles), settings.pagefind_above)
    with lock.held(root):
        if with_site:  # refused before docs/ is touched: a link, a file, or a folder outside the project
            guard.folder(root, settings.site_dir)
        reuse = page_cache.Reuse(store, settings, corpus, pagefind, len(corpus.articles) <= KEEP_READING_UP_TO)
        changes = docs_writer.write_docs(settings.docs_dir, generate_files(settings, corpus, pagefind, reuse))
        try:
            docs_writer.write_search_config(root, search.config(settings.polyfills) if pagefind else None)
            clock.lap("pages")  # rendered and written as they come
            if with_site:
                clock.seconds.update(_site(root, settings, pagefind, changes.commit))
        except BuildFailed as failed:  # mkdocs or Pagefind: the contributor's warnings come first
            changes.rollback()
            raise BuildFailed(diagnostics + failed.diagnostics, failed.log) from None
        except BaseException:
            changes.rollback()
            raise
        changes.commit()
        reuse.record()
    store.seen.save()  # the input files read, for the next build
    store.prune(started - 1)  # what this build did not use (a second's leeway for coarse file times)
    return Result(corpus, diagnostics, tuple(changes.written), tuple(changes.removed), clock.seconds, pagefind)


class Stopwatch:
    """The seconds each stage of a build took, in order."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage], self.last = now - self.last, now


def _site(
    root: Path, settings: mkdocs_config.Settings, pagefind: bool, before_swap: Callable[[], None]
) -> dict[str, float]:
    """site/ from docs/ with mkdocs (and Pagefind's index beside it); the seconds each took."""
    from annotated_reader.write import engine  # and the minifier: not imported by a build of docs/ only

    generated = json.loads((settings.docs_dir / docs_writer.MANIFEST).read_text("utf-8"))
    pages = sum(rel.endswith(".md") for rel in generated)  # mkdocs reads and builds each page
    index = engine.SearchIndex(settings.docs_dir, settings.language) if pagefind else None
    return engine.mkdocs_build(root, settings.site_dir, pages, index, before_swap)
