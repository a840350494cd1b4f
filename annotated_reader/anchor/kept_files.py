"""What resolution made of each article's annotation file, kept in the build cache (read/cache.py) from one
build to the next: a one-file edit resolves that file again, and takes the others' annotations as placed
last time, without going through each annotation again.

A file's record holds, per annotation placed, its index in the file, its permalink id, its span and where it
was written; and where each passage of its corrections' evidence was placed. It is used only when the file's
bytes, its article's text, the ids of clusters and claims, and the text of each article its evidence points
to are what they were (a file whose resolution reported a problem is never kept: it is resolved again and
reports again). The placings of a file taken from its record (anchor/kept_placings.py) are kept as they
were, so that a record that no longer fits still finds its selectors placed. The records are a bundle
(read/bundle.py): an edit writes a sixteenth of them again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from annotated_reader.anchor import kept_placings
from annotated_reader.anchor.selectors import Folded
from annotated_reader.model import Article, Origin, Placed, Span
from annotated_reader.read import cache, schema
from annotated_reader.read.bundle import Bundle
from annotated_reader.read.yamlsource import Document
from annotated_reader.session_placing import Remembering

Row = tuple[int, str, int, int, int, int]  # annotation index, id, start, end, line, col
Passage = tuple[int, int, int, int]  # annotation index, evidence index, start, end
Record = tuple[tuple[Row, ...], tuple[Passage, ...], tuple[tuple[str, object], ...]]  # ..., the others' texts


def bundle(store: cache.Store) -> Bundle:
    """The records of the last build, by file (a damaged or foreign one is a miss)."""
    return Bundle(store, "resolved files", _fits)


def _fits(record: object) -> bool:
    return isinstance(record, tuple) and len(record) == 3 and all(type(part) is tuple for part in record)


class Reusing(Remembering):
    """Resolution that takes an article file's annotations from its record when nothing it reads changed."""

    def __init__(
        self,
        found: dict[str, Article],
        placings: kept_placings.Kept,
        text_of: Callable[[Folded], object],
        records: Bundle,
        inputs: dict[str, str],
    ) -> None:
        """``inputs``: each input file's path -> the digest of the bytes it was read from (read/cache.py)."""
        super().__init__(found, placings, text_of, kept_placings.spans)
        self.placings: kept_placings.Kept = placings
        self.records, self.inputs = records, inputs
        self.ids: str | None = None
        self.replayed: set[str] = set()  # the articles whose file was taken from its record

    def text(self, slug: str) -> object:
        """An article's text, named by the digest of the bytes it was read from (as the build cache names
        it: read/articles.py), else by text_of."""
        known = self.inputs.get(self.corpus.articles[slug].text_path)
        return known if known is not None else super().text(slug)

    def annotations(self, doc: Document, model: schema.AnnotationFile, slug: str) -> None:
        self.placings.shared = False  # an article file's placings are kept with its article's (kept_placings)
        try:
            self._annotations(doc, model, slug)
        finally:
            self.placings.shared = True

    def _annotations(self, doc: Document, model: schema.AnnotationFile, slug: str) -> None:
        made_from = self.inputs.get(doc.path)
        if made_from is None:
            super().annotations(doc, model, slug)
            return
        if self.ids is None:  # definitions are all read before any article file
            self.ids = repr((sorted(self.corpus.clusters), sorted(self.corpus.claims)))
        key = cache.digest(self.ids, doc.path, made_from, slug, repr(self.text(slug)))
        was: Record | None = self.records.get(doc.path, key)  # type: ignore[assignment] # checked by _fits
        if was is not None and all(self._same_text(s, t) for s, t in was[2]):
            self._replay(doc, model, slug, was)
            return
        problems, before = len(self.diagnostics), len(self.corpus.placed[slug])
        super().annotations(doc, model, slug)
        record = self._record(model, self.corpus.placed[slug][before:])
        if len(self.diagnostics) == problems and record is not None:
            self.records.put(doc.path, key, record)

    def _same_text(self, slug: str, text: object) -> bool:
        return slug in self.folded and self.text(slug) == text

    def _record(self, model: schema.AnnotationFile, placed: list[Placed]) -> Record | None:
        index = {id(ann): i for i, ann in enumerate(model.annotations)}
        if any(id(p.spec) not in index for p in placed):
            return None
        rows = tuple((index[id(p.spec)], p.id, p.span.start, p.span.end, p.origin.line, p.origin.col) for p in placed)
        passages, others = [], {}
        for i, j, item in _passages(model):
            span = self.corpus.passages.get(item)
            if span is None:
                return None
            passages.append((i, j, span.start, span.end))
            others[item.article] = self.text(item.article)
        return rows, tuple(passages), tuple(sorted(others.items()))

    def _replay(self, doc: Document, model: schema.AnnotationFile, slug: str, record: Record) -> None:
        """The file's annotations placed as recorded, and the placings behind them kept."""
        anns = model.annotations
        for i, ident, start, end, line, col in record[0]:
            ann = anns[i]
            self.place(slug, Placed(ann.kind, ident, slug, Span(start, end), ann, Origin(doc.path, line, col)))
        items = {(i, j): item for i, j, item in _passages(model)} if record[1] else {}
        for i, j, start, end in record[1]:
            self.corpus.passages[items[i, j]] = Span(start, end)  # the same bytes: the same items
        self.replayed.add(slug)  # its placings are kept as they were (kept_placings.save)


def _passages(model: schema.AnnotationFile) -> Iterator[tuple[int, int, schema.PassageEvidence]]:
    """The passages of evidence of the file's corrections, with where they are in it."""
    for i, ann in enumerate(model.annotations):
        if isinstance(ann, schema.Correction):
            for j, item in enumerate(ann.evidence):
                if isinstance(item, schema.PassageEvidence):
                    yield i, j, item
