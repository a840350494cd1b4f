"""The edit loop: a build of docs/ kept in memory between changes (``serve`` uses it).

Each ``update`` re-reads only the input files whose size, time or inode changed, resolves the corpus
again (cheap beside reading and rendering), and re-renders an article's page, data file and W3C items
only when what they are made from changed: the article, its placed annotations, the files those came
from, the cluster and claim definitions they use, and the passages their evidence points to. The pages
of the whole corpus (home, listings, indexes) are made again each time; only files whose content
changed reach docs/. The result equals a full build's docs/ (tests/test_session.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from annotated_reader import build, urls
from annotated_reader.interop import claimreview, export, w3c_export
from annotated_reader.kinds import Context
from annotated_reader.model import Article, BuildFailed, Corpus, Diagnostic, Placed
from annotated_reader.read import articles, inputfiles, mkdocs_config, schema, yamlsource
from annotated_reader.read.annotation_files import Loaded, checked
from annotated_reader.render import names
from annotated_reader.render.article import render_article
from annotated_reader.render.claims import claim_page, claims_index
from annotated_reader.render.corrections import corrections_index
from annotated_reader.render.home import home
from annotated_reader.render.links import References
from annotated_reader.render.quotes import cluster_page, quotes_index
from annotated_reader.session_keys import Keys, digest
from annotated_reader.session_placing import Remembering
from annotated_reader.write import docs_writer, lock, search

Signature = tuple[tuple[int, int, int] | None, ...]  # (time, size, inode) of each file read, None if missing


def _stat(path: Path | None) -> tuple[int, int, int] | None:
    try:
        st = os.lstat(path) if path is not None else None
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino) if st is not None else None


@dataclass
class Outputs:
    """What one article made last time (its files are on disk): its fingerprint, and its neighbours in corpus
    order, to which its W3C page links."""

    fingerprint: str
    neighbours: tuple[str | None, str | None] = (None, None)


@dataclass
class Session:
    """docs/ of ``root``, kept up to date by ``update``; one per serve process."""

    root: Path
    article_cache: dict[str, tuple[Signature, Article | None, list[Diagnostic]]] = field(default_factory=dict)
    file_cache: dict[str, tuple[Signature, Loaded | None, list[Diagnostic]]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)  # input path -> how many times it was read
    outputs: dict[str, Outputs] = field(default_factory=dict)  # slug -> what its article made
    digests: dict[str, str] = field(default_factory=dict)  # docs/ path -> digest of what was written there
    settings_key: str = ""
    rendered: list[str] = field(default_factory=list)  # slugs re-rendered by the last update
    made: dict[str, str] = field(default_factory=dict)  # cluster, claim and names pages -> their keys
    placings: dict[tuple[object, ...], tuple[object, object]] = field(default_factory=dict)  # see Remembering

    def update(self, changed: tuple[Path, ...] = ()) -> build.Result:
        """Bring docs/ up to date; ``changed`` files are read again even when their signature is the same.
        A failure (a contributor's error) raises BuildFailed and leaves docs/ as it was."""
        forced = {self.rel(p) for p in changed}
        settings, diagnostics = mkdocs_config.read(self.root)
        found_articles, found = self._articles(forced)
        diagnostics += found
        files, found = self._files(forced)
        diagnostics += found
        resolver = Remembering(found_articles, self.placings)
        corpus = resolver.run(files)
        self.placings = resolver.kept
        diagnostics = sorted(diagnostics + resolver.diagnostics)
        if settings is None or build.failures(diagnostics, strict=False):
            raise BuildFailed(diagnostics)
        corpus = build.with_history(self.root, corpus)
        pagefind = search.uses_pagefind(len(corpus.articles), settings.pagefind_above)
        key = repr((settings, pagefind))
        if key != self.settings_key:  # another site: nothing made before can be reused
            self.outputs.clear()
            self.digests.clear()
            self.made.clear()
            self.settings_key = key
        every: list[str] = []
        first = not self.digests  # every page is made: streamed to docs/ as made, never held whole
        fresh: Iterable[tuple[str, build.Content]] = self._changed(self._files_of(settings, corpus, pagefind), every)
        if not first:  # made before anything is written: mkdocs serve rebuilds as soon as a file lands
            fresh = list(fresh)
        try:
            with lock.held(self.root):
                changes = docs_writer.write_docs(settings.docs_dir, fresh, every)
                docs_writer.write_search_config(self.root, search.config(settings.polyfills) if pagefind else None)
                changes.commit()
        except BaseException:  # docs/ is as it was, not as made: the next update makes every page again
            self.settings_key = ""
            raise
        for rel in set(self.digests) - set(every):
            del self.digests[rel]
        return build.Result(corpus, diagnostics, tuple(changes.written), tuple(changes.removed), {}, pagefind)

    def rel(self, path: Path) -> str:
        """``path`` relative to the project (as the session names input files)."""
        if ".." not in path.parts:  # the paths the session lists itself: no need to ask the file system
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except (OSError, ValueError):
            return path.as_posix()

    def _read_again(self, rels: list[str], signature: Signature, cached: Signature | None, forced: set[str]) -> bool:
        """Whether files must be read again (then their versions go up): changed, new, or named as changed."""
        if cached == signature and not forced.intersection(rels):
            return False
        for rel in rels:
            self.versions[rel] = self.versions.get(rel, 0) + 1
        return True

    def _articles(self, forced: set[str]) -> tuple[dict[str, Article], list[Diagnostic]]:
        wanted, diagnostics = articles.plan(self.root)
        found: dict[str, Article] = {}
        cache: dict[str, tuple[Signature, Article | None, list[Diagnostic]]] = {}
        for slug, path, meta in wanted:
            signature = (_stat(path), _stat(meta))
            rels, old = [self.rel(path)] + ([self.rel(meta)] if meta else []), self.article_cache.get(slug)
            if self._read_again(rels, signature, old[0] if old else None, forced):
                article, problems = articles.load_one(self.root, slug, path, meta, "articles")
                old = (signature, article, problems)
            assert old is not None  # noqa: S101 - read just above when not cached
            cache[slug] = old
            diagnostics += old[2]
            if old[1] is not None:
                found[slug] = old[1]
        self.article_cache = cache
        return found, diagnostics

    def _files(self, forced: set[str]) -> tuple[list[Loaded], list[Diagnostic]]:
        base = self.root / "annotations"
        if inputfiles.is_link(base):
            return [], [inputfiles.link("annotations")]
        if not base.is_dir():
            return [], []
        paths, diagnostics = inputfiles.walk(base, self.root, (".yml", ".yaml"))
        loaded: list[Loaded] = []
        cache: dict[str, tuple[Signature, Loaded | None, list[Diagnostic]]] = {}
        for path in paths:
            rel, signature = path.relative_to(self.root).as_posix(), (_stat(path),)
            old = self.file_cache.get(rel)
            if self._read_again([rel], signature, old[0] if old else None, forced):
                doc, problems = yamlsource.load_file(path, rel)
                model, problems = checked(doc, problems)
                old = (signature, model, problems)
            assert old is not None  # noqa: S101 - read just above when not cached
            cache[rel] = old
            diagnostics += old[2]
            if old[1] is not None:
                loaded.append(old[1])
        self.file_cache = cache
        return loaded, diagnostics

    def _changed(
        self, files: Iterator[tuple[str, build.Content]], every: list[str]
    ) -> Iterator[tuple[str, build.Content]]:
        """The files whose content differs from what was written last; ``every`` gets every path."""
        for rel, content in files:
            every.append(rel)
            if content is _SAME:
                continue
            data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
            digest = hashlib.blake2b(data, digest_size=16).hexdigest()
            if self.digests.get(rel) != digest:
                self.digests[rel] = digest
                yield rel, content

    def _files_of(
        self, settings: mkdocs_config.Settings, corpus: Corpus, pagefind: bool
    ) -> Iterator[tuple[str, build.Content]]:
        files = self._all_files(settings, corpus)
        return (search.leave_material_index(rel, text) for rel, text in files) if pagefind else files

    def _all_files(self, settings: mkdocs_config.Settings, corpus: Corpus) -> Iterator[tuple[str, build.Content]]:
        """Every generated file of docs/, from build's one list of pages: a page whose key is unchanged is
        named, not made again (its content is what was written last)."""
        keys, made = Keys(corpus, self.versions), self.made
        shared = build.Shared(settings, corpus, build.no_reuse(settings, corpus))  # the session keeps its own
        self.made, self.rendered = {}, []
        names_page = partial(names.names_page, corpus)
        kept: dict[Callable[..., object], Callable[[], Iterable[tuple[str, build.Content]]]] = {
            build._index_pages: partial(self._index_pages, settings, corpus, keys, made),
            build._names_page: partial(self._page, made, names.PAGE, _names_key(keys), names_page),
        }
        for make in build.WHOLE_CORPUS:
            yield from kept[make]() if make in kept else make(shared)
        yield from self._articles_files(settings, corpus, keys)
        for make in build.AFTERWARDS:
            yield from kept[make]() if make in kept else make(shared)
        for asset in build.asset_names():
            yield build.asset(asset)

    def _index_pages(
        self, settings: mkdocs_config.Settings, corpus: Corpus, keys: Keys, made: dict[str, str]
    ) -> Iterator[tuple[str, build.Content]]:
        """index_pages.each_page's pages: cluster and claim pages made again only when their keys changed."""
        refs = corpus.by_reference()
        yield "index.md", home(corpus, settings.site_name)
        yield "quotes/index.md", quotes_index(corpus, refs)
        yield "claims/index.md", claims_index(corpus)
        yield "corrections/index.md", corrections_index(corpus)
        for cluster in corpus.clusters.values():
            quotes = refs.get(("clusters", cluster.id), [])
            render = partial(cluster_page, corpus, cluster, refs)
            yield from self._page(made, urls.cluster_page(cluster.id), keys.cluster(cluster, quotes), render)
        for claim in corpus.claims.values():
            passages = refs.get(("claims", claim.id), [])
            render = partial(_claim_page, settings, corpus, claim, passages, refs)
            yield from self._page(made, urls.claim_page(claim.id), keys.claim(claim, passages), render)

    def _page(
        self, made: dict[str, str], rel: str, key: str, render: Callable[[], str]
    ) -> Iterator[tuple[str, build.Content]]:
        self.made[rel] = key
        yield rel, _SAME if made.get(rel) == key else render()

    def _articles_files(
        self, settings: mkdocs_config.Settings, corpus: Corpus, keys: Keys
    ) -> Iterator[tuple[str, build.Content]]:
        """Each article's page, W3C page and data file, then the W3C collection and the data index."""
        outputs: dict[str, Outputs] = {}
        for slug, prev, next_ in w3c_export.neighbours(corpus, list(corpus.articles)):
            made = Outputs(keys.article(slug), (prev, next_))
            old, outputs[slug] = self.outputs.get(slug), made
            page = urls.article_page(slug)
            if old is not None and old.fingerprint == made.fingerprint:
                yield page, _SAME
                if old.neighbours == made.neighbours:
                    yield from ((path, _SAME) for path in export.article_paths(slug))
                else:  # an article next to it was added or deleted: its W3C page links another one
                    yield from export.article_files(corpus, settings.site_url, [slug])
                continue
            self.rendered.append(slug)
            ctx = Context(corpus, page, settings.site_url, settings.repository)
            yield page, render_article(corpus.articles[slug], corpus.placed[slug], ctx)
            yield from export.article_files(corpus, settings.site_url, [slug])
        self.outputs = outputs
        yield from export.corpus_files(corpus, settings.site_url, settings.site_name)


def _claim_page(
    settings: mkdocs_config.Settings, corpus: Corpus, claim: schema.ClaimDef, passages: list[Placed], refs: References
) -> str:
    review = claimreview.claim_review(corpus, claim, passages, settings.site_url, settings.site_name)
    return claim_page(corpus, claim, refs) + claimreview.script(review)


def _names_key(keys: Keys) -> str:
    """The names page reads every article's text, the names lists and the corrections of names."""
    corpus = keys.corpus
    named = [
        (p.article, p.id, p.span.start, p.span.end, p.correction.corrected)
        for p in corpus.all_placed()
        if p.kind == "correction" and p.correction.error == "name"
    ]
    return digest([[keys.article_files(s) for s in corpus.articles], repr(corpus.names), named])


class _Same(str):
    """Stands for the content written last time (never compared, never written)."""


_SAME = _Same()
