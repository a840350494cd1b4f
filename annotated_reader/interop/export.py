"""The files of the export, in the order the build writes them: the W3C collection and the data index for
the whole corpus, then each article's W3C AnnotationPage and data file. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from annotated_reader.interop import datafiles, w3c_export
from annotated_reader.model import Corpus

Files = list[tuple[str, str]]
Keep = Callable[[str, Callable[[], Files]], Files]  # (name, make the files) -> the files, perhaps kept


def corpus_files(
    corpus: Corpus, site_url: str, site_name: str, keep: Keep = lambda name, make: make()
) -> list[tuple[str, str]]:
    """``annotations.jsonld`` and ``data/index.json`` (path relative to docs/, text). The collection counts every
    annotation; the index shows only the articles' slugs and the definitions, so ``keep`` may take it from the
    build cache (page_cache.Reuse.files)."""
    index = keep("data index", lambda: [datafiles.index_file(corpus)])
    return [w3c_export.collection_file(corpus, site_url, site_name), *index]


def article_files(corpus: Corpus, site_url: str, slugs: list[str]) -> Iterator[tuple[str, str]]:
    """Each article's AnnotationPage, then its data file (the neighbours of the whole run found at once: asked
    for one article at a time, each asked for the corpus's order, 12 s at 10,000 articles)."""
    for slug, prev, next_ in w3c_export.neighbours(corpus, slugs):
        yield from one_article(corpus, site_url, slug, prev, next_)


def one_article(corpus: Corpus, site_url: str, slug: str, prev: str | None, next_: str | None) -> list[tuple[str, str]]:
    """One article's AnnotationPage and data file, given its neighbours' slugs."""
    return [w3c_export.page_file(corpus, site_url, slug, prev, next_), *datafiles.each_file(corpus, site_url, [slug])]


def article_paths(slug: str) -> list[str]:
    """The paths ``article_files`` makes for ``slug``, relative to docs/."""
    return [w3c_export.page_path(slug), datafiles.page(slug)]
