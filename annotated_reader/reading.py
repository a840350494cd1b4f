"""Reading: settings, articles, annotation files and their resolution into the corpus, every problem found;
with what the build cache (read/cache.py) kept of the last build's reading: parsed files, placings, each
article file's resolution (anchor/kept_files.py), the meaning checks' findings. build.py then writes."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from annotated_reader.model import Corpus, Diagnostic
from annotated_reader.read import articles, cache, mkdocs_config, stated_counts


def gather(
    root: Path, store: cache.Store | None = None, once: bool = False
) -> tuple[mkdocs_config.Settings | None, Corpus, list[Diagnostic]]:
    """Read and validate everything (files unchanged since a build are taken from ``store``); nothing else
    is written. ``once``: the process reads the corpus once and ends (a build, a check), so what reading made
    is left out of the collector's work for good (gc.freeze); a long-lived process (the preview) does not."""
    from annotated_reader.anchor import kept_checks, kept_files, kept_placings
    from annotated_reader.read.annotation_files import load_files

    settings, diagnostics = mkdocs_config.read(root)
    collecting = gc.isenabled()
    gc.disable()  # reading makes millions of objects and no cycles: the collector would walk them again and again
    try:
        store = store or cache.Store(root, enabled=False)
        if _article_files(root) > KEEP_READING_UP_TO:  # pages are still kept (write/page_cache.py)
            store = cache.Store(root, enabled=False)
        found_articles, found = articles.load_articles(root, store=store)
        diagnostics += found
        files, found = load_files(root, store=store)
        diagnostics += found
        placings = kept_placings.load(store)  # where the last build placed each selector (a span per text)
        records = kept_files.bundle(store)  # what resolution made of each article's annotation file
        resolver = kept_files.Reusing(found_articles, placings, kept_placings.text_of, records, store.inputs)
        resolver.memo = kept_checks.load(store)
        resolver.memo.texts = {
            slug: store.inputs[a.text_path] for slug, a in found_articles.items() if a.text_path in store.inputs
        }
        corpus, found = resolver.run(files), resolver.diagnostics
        if store.enabled:
            kept_placings.save(store, placings, resolver.kept, resolver.replayed)
            records.save()
            kept_checks.save(store, resolver.memo)
        found += stated_counts.check_pages(root, corpus)
    finally:
        if collecting and once:
            gc.freeze()  # lives to the end: the collector, enabled again, would walk millions of objects at once
        if collecting:
            gc.enable()
    return settings, corpus, sorted(diagnostics + found)


# Above this many articles, what reading makes (parsed files, placings, the meaning checks' findings) is not
# kept in the build cache: holding it to write costs about 230 MB at 10,000 articles, past the 1 GB bound
# (1,114 MB measured); the pages stay cached.
KEEP_READING_UP_TO = 3000


def _article_files(root: Path) -> int:
    try:
        with os.scandir(root / "articles") as entries:
            return sum(1 for e in entries if e.name.endswith(".txt"))
    except OSError:
        return 0


def failures(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error" or strict]
