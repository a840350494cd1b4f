"""Serve's rebuild after a change: the session (session.py) brings docs/ up to date, re-reading only the
changed files and re-rendering only the pages they affect; then the loaded site engine (pages.py)
re-renders those pages into site/, or, when it cannot, a full ``mkdocs build`` makes site/ as
``make site`` does. Pagefind's index follows in the background (searchindex.py, as in a full build), up to
REINDEX_UP_TO articles: above, Pagefind would take minutes of a core and gigabytes of memory after each edit
(about 0.4 MB per page, held at once), and the preview's search answers from the index it started with.
The first rebuild of a serve run builds site/ whole only when it must: when the last ``make site`` left
site/ as the engine made it of docs/ (write/uptodate.py ``site_of_docs``), the engine is loaded and only
the pages that changed since are made again."""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

from annotated_reader import build
from annotated_reader.model import BuildFailed
from annotated_reader.preview import pages, quick, reindex
from annotated_reader.read import mkdocs_config
from annotated_reader.session import Session
from annotated_reader.write import docs_writer, engine, lock, search, uptodate

REINDEX_UP_TO = 3000  # articles; above, the preview keeps the search index of the last full build
SEARCH_KEPT = (
    "search in this preview answers from the index of the last full build: above {} articles Pagefind would "
    "index every page again after each edit (about 0.4 MB of memory per page); make site makes it anew"
)


class Rebuilder:
    """The session and the loaded site engine of one serve run; ``rebuild`` is called from one thread."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.session = Session(root)
        self.pages: pages.Pages | None = None
        self.search: reindex.Reindex | None = None
        self.full_builds = 0  # how many times site/ was built whole (tests, bench)
        self.last: build.Result | None = None  # of the last update that succeeded, when it was the last one
        self.settings: mkdocs_config.Settings | None = None
        self.reindexing = True  # Pagefind's index follows the edits (False above REINDEX_UP_TO articles)

    def quick(self, changed: Collection[Path]) -> bool:
        """The pages of the articles whose annotation files changed, in docs/ and site/, before ``rebuild``
        makes the rest (quick.py); False when that step cannot be taken (``rebuild`` then does it all)."""
        last, settings = self.last, self.settings
        if last is None or settings is None or self.pages is None:
            return False
        # An editor that saves through a temporary file (write, then rename) reports that file too: gone now
        # and never read, it is no input, and it would keep this step from being taken
        rels = {rel for p in changed if (rel := self.session.rel(p)) in self.session.file_cache or p.exists()}
        before = {rel: cached[1] for rel in rels if (cached := self.session.file_cache.get(rel)) is not None}
        try:
            written = quick.article_pages(self.root, last.corpus, settings, last.pagefind, rels, before)
        except Exception:  # the session's update that follows reports whatever is wrong
            return False
        return written is not None and (not written or self.pages.update(written, ()))

    def rebuild(self, changed: Collection[Path]) -> build.Result:
        """docs/ and site/ after ``changed`` changed; BuildFailed with the diagnostics when the project does
        not build (docs/ and site/ are then as they were)."""
        self.last = None
        resumed = self._resume() if self.pages is None and self.full_builds == 0 else None
        result = self.session.update(tuple(changed))
        settings, _ = mkdocs_config.read(self.root)
        if settings is None:  # read by the session a moment ago: changed since
            raise BuildFailed(result.diagnostics)
        self.settings = settings
        self.reindexing = len(result.corpus.articles) <= REINDEX_UP_TO
        if resumed is not None:
            self._reload(settings, result.pagefind, *resumed)
        if self.pages is not None and self.pages.update(result.written, result.removed):
            if result.pagefind and self.search is not None and result.written and self.reindexing:
                self.search.request()
        else:
            self._full(settings, result.pagefind)
        self.last = result
        return result

    def _resume(self) -> tuple[bool, dict[str, str | None]] | None:
        """Whether the site the last ``make site`` left is what the engine made of docs/ as it stands; if so,
        whether it was made with Pagefind, and the titles its navigation shows (read with the engine, which is
        let go again: held while the session reads the corpus, both would be in memory at once). None: build
        the site whole."""
        settings, _ = mkdocs_config.read(self.root)
        if settings is None or not uptodate.site_of_docs(self.root):
            return None
        pagefind = (self.root / search.CONFIG).is_file()
        self._load(settings, pagefind)
        titles = self.pages.titles() if self.pages is not None else None
        self.pages = self.search = None
        return (pagefind, titles) if titles is not None else None

    def _reload(
        self, settings: mkdocs_config.Settings, pagefind: bool, before: bool, titles: dict[str, str | None]
    ) -> None:
        """The engine loaded on docs/ as the session left it, kept only when site/ can be updated page by page:
        the same search, and the same titles in the navigation (on every page of site/)."""
        if pagefind != before:
            return
        self._load(settings, pagefind)
        if self.pages is not None and self.pages.titles() != titles:
            self.pages = self.search = None

    def _full(self, settings: mkdocs_config.Settings, pagefind: bool) -> None:
        """site/ from docs/ with the engine, as ``make site`` makes it; then the engine loaded for the next edit."""
        self.pages = None
        if self.search is not None:
            self.search.stop()  # the full build makes the index itself and cleans up the folders it used
        generated = json.loads((settings.docs_dir / docs_writer.MANIFEST).read_text("utf-8"))
        count = sum(rel.endswith(".md") for rel in generated)
        kept = settings.site_dir / "pagefind"
        carry = kept if not self.reindexing and (kept / "pagefind.js").is_file() else None  # none yet: made
        index = engine.SearchIndex(settings.docs_dir, settings.language, carry) if pagefind else None
        with lock.held(self.root):
            engine.mkdocs_build(self.root, settings.site_dir, count, index)
        self.full_builds += 1
        self._load(settings, pagefind)

    def search_note(self) -> str | None:
        """What the contributor should know of the preview's search, if anything."""
        return None if self.reindexing else SEARCH_KEPT.format(f"{REINDEX_UP_TO:,}")

    def _load(self, settings: mkdocs_config.Settings, pagefind: bool) -> None:
        """The engine loaded on site/ as it stands, for the next edits (None where only full builds can be)."""
        config = self.root / (search.CONFIG if pagefind else "mkdocs.yml")
        self.pages = pages.load(self.root, config, settings.site_dir)
        self.search = reindex.Reindex(settings.docs_dir, settings.language, settings.site_dir) if pagefind else None
