"""Each article's page, W3C page and data file, kept in the build cache (read/cache.py) between builds.

The key of what an article made hashes everything its page can show, taken from the resolved corpus rather
than from a list of files (a wrong hit would be a wrong page): the code and settings; the article's placed
annotations whole (spec, span, file and line), their dates and the article's questions; and, shared by every
article, each article's paths, metadata and text, every cluster and claim definition, every resolved
evidence passage, every name and the annotation file of each article. So an edit to one article's annotation
file makes only that article again; a changed definition, name or article text makes every article again.
The cluster, claim, names and listing pages are kept the same way, each by what it shows.

After docs/ is committed, the key, size and time of each generated file are recorded (one entry): a file whose
key is unchanged and that is still as that build left it is yielded as docs_writer.UNCHANGED, neither read
from the cache nor compared with docs/. A file changed by hand, or a docs/ without it, is made or read again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import TypeVar

from annotated_reader.model import Corpus, Placed
from annotated_reader.read import cache, mkdocs_config
from annotated_reader.read.history import Dates
from annotated_reader.write.docs_writer import UNCHANGED

T = TypeVar("T")


class Reuse:
    """The keys of one build's articles; ``made`` returns the cached value or makes and keeps it."""

    def __init__(
        self,
        store: cache.Store,
        settings: mkdocs_config.Settings,
        corpus: Corpus,
        pagefind: bool,
        keep_parts: bool = True,
    ) -> None:
        self.store, self.corpus = store, corpus
        self.keep_parts = keep_parts  # each article's part of the whole-corpus pages (page_parts.py)
        self.common = _common(settings, corpus, pagefind, store.inputs) if store.enabled else ""
        self.owns: dict[str, str] = {}
        self.bases: dict[str, str] = {}  # slug -> the digest its parts' keys start with
        self.docs = settings.docs_dir
        self.written = _written(store, self.docs)  # docs/ path -> (key, size, time) as the last build left it
        self.now: dict[str, str] = {}  # docs/ path -> the key of what this build puts there
        self.same: set[str] = set()  # docs/ paths left as the last build wrote them (UNCHANGED)

    def key(self, slug: str, part: str) -> str:
        """The key of an article's ``part``: one digest per article, the part's name after it."""
        if slug not in self.bases:
            self.bases[slug] = cache.digest("article output", self.common, slug, self.own(slug))
        return f"{self.bases[slug]}-{part}"

    def unchanged(self, rel: str, key: str) -> bool:
        """Whether docs/``rel`` holds what the key's entry holds, as the last build wrote it (same key, and
        the file's size and time as then): then it is neither read from the cache nor compared."""
        if not self.store.enabled:
            return False
        self.now[rel] = key
        was = self.written.get(rel)
        if was is None or was[0] != key:
            return False
        try:
            st = os.lstat(os.path.join(self.docs, rel))  # a plain join: pathlib's costs more than the lstat
        except OSError:
            return False
        if was[1:] != (st.st_size, st.st_mtime_ns):
            return False
        self.store.keep(key)  # its entry stays for a build without docs/ (CI restores only .cache/)
        self.same.add(rel)
        return True

    def record(self) -> None:
        """After docs/ is committed: what each generated file there was made from, for the next build."""
        if not self.store.enabled or not self.now:
            return
        written: dict[str, tuple[str, int, int]] = {}
        for rel, key in self.now.items():
            if rel in self.same:  # not touched: as recorded
                written[rel] = self.written[rel]
                continue
            try:
                st = os.lstat(self.docs / rel)
            except OSError:
                continue
            written[rel] = (key, st.st_size, st.st_mtime_ns)
        if written != self.written:
            self.store.put(_written_key(self.docs), written)
        else:
            self.store.keep(_written_key(self.docs))

    def own(self, slug: str) -> str:
        """What of one article its outputs show: each placed annotation (kind, id, span, where it was
        written, and the bytes of that file, which its spec was read from), its dates, the questions."""
        if slug not in self.owns:
            corpus, inputs = self.corpus, self.store.inputs
            files: dict[str, int] = {}  # each file's bytes named once (a number in each annotation's row)
            where, dated = [], bool(corpus.history.dates)  # outside a checkout: no dates at all
            for p in corpus.placed.get(slug, []):
                path = p.origin.path
                if path not in files:
                    files[path] = len(files)
                spec = files[path] if path in inputs else repr(p.spec)
                where.append(_where(p, spec, corpus.dates(p) if dated else None))
            named = [inputs.get(path, "") for path in files]
            self.owns[slug] = cache.digest(repr((where, named, corpus.questions.get(slug))))
        return self.owns[slug]

    def made(self, slug: str, part: str, fits: Callable[[object], bool], make: Callable[[], T]) -> T:
        """An article's ``part`` (its page, or its export: W3C page and data file)."""
        if not self.store.enabled:
            return make()
        return self._kept(self.key(slug, part), fits, make)

    def page(self, rel: str, shown: list[Placed], make: Callable[[], str]) -> str:
        """A cluster's or claim's page: it shows where each of its passages stands (article, kind, id, span),
        and otherwise only what every key covers (texts, metadata, definitions, evidence passages); not the
        rest of an annotation's spec (as session_keys.Keys.cluster)."""
        return self.keyed(rel, lambda: repr([(p.article, p.kind, p.id, p.span.start, p.span.end) for p in shown]), make)

    def keyed(self, rel: str, shown: Callable[[], str], make: Callable[[], str]) -> str:
        """A page of the whole corpus that shows ``shown()`` (a repr, made only when the build cache is on) besides
        what every page's key covers; UNCHANGED when docs/ holds it already."""
        if not self.store.enabled:
            return make()
        key = cache.digest("corpus page", self.common, rel, shown())
        return UNCHANGED if self.unchanged(rel, key) else self._kept(key, is_text, make)

    def files(self, name: str, make: Callable[[], list[tuple[str, str]]]) -> list[tuple[str, str]]:
        """Pages of the whole corpus made from the articles alone (their paths, metadata and texts, in every
        key): kept as one entry; each page UNCHANGED when docs/ holds it already."""
        if not self.store.enabled:
            return make()
        key = cache.digest("corpus files", self.common, name)
        made = self._kept(key, is_files, make)
        return [(rel, UNCHANGED if self.unchanged(rel, key) else text) for rel, text in made]

    def _kept(self, key: str, fits: Callable[[object], bool], make: Callable[[], T]) -> T:
        if not self.store.enabled:
            return make()
        value = _texts(self.store.get(key))
        if value is not None and fits(value):
            return value  # type: ignore[return-value] # checked by fits
        value = make()
        self.store.put(key, _utf8(value))
        return value


def _written_key(docs: object) -> str:
    return cache.digest("written", cache.code_version(), str(docs))


def _written(store: cache.Store, docs: object) -> dict[str, tuple[str, int, int]]:
    value = store.get(_written_key(docs)) if store.enabled else None
    if not isinstance(value, dict):
        return {}
    return {
        rel: was
        for rel, was in value.items()
        if isinstance(rel, str) and isinstance(was, tuple) and len(was) == 3 and isinstance(was[0], str)
    }


def _utf8(value: object) -> object:
    """Each text encoded here: pickling a str makes Python keep a UTF-8 copy inside it, which would stay with
    the text for the rest of the build (twice its memory)."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, list | tuple):
        return type(value)(_utf8(v) for v in value)
    return value


def _texts(value: object) -> object:
    """What ``_utf8`` stored, as texts again (the values kept are texts, never bytes)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list | tuple):
        return type(value)(_texts(v) for v in value)
    return value


def _where(p: Placed, spec: str | int, dates: Dates | None) -> tuple[object, ...]:
    """An annotation as its key shows it: plain values, whose repr is quick."""
    span, origin = p.span, p.origin
    made = (dates.created, dates.modified) if dates else None
    return (p.kind, p.id, span.start, span.end, origin.path, origin.line, origin.col, spec, made)


def _common(settings: mkdocs_config.Settings, corpus: Corpus, pagefind: bool, inputs: dict[str, str]) -> str:
    """Every article's paths, metadata and text: the digests of its files' bytes as read (each article is made
    from them alone), else what was made from them."""
    texts = [
        (
            slug,
            a.text_path,
            a.meta_path,
            _of(inputs, a.meta_path, a.meta),
            _of(inputs, a.text_path, a.text),
        )
        for slug, a in corpus.articles.items()
    ]
    return cache.digest(
        cache.code_version(),
        repr((settings, pagefind)),
        repr(texts),
        repr(corpus.clusters),
        repr(corpus.claims),
        repr(corpus.origins),
        repr([(type(item).__name__, tuple(vars(item).items()), s.start, s.end) for item, s in corpus.passages.items()]),
        repr(corpus.names),
        repr(corpus.annotation_files),
        repr(corpus.overview),
    )


def _of(inputs: dict[str, str], path: str, made: object) -> str:
    if path in inputs:
        return inputs[path]
    shown = made if isinstance(made, str) else repr(made)
    return hashlib.blake2b(shown.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def is_text(value: object) -> bool:
    return isinstance(value, str)


def is_files(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], str) for v in value
    )
