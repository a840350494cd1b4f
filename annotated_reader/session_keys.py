"""What each page of the edit loop (session.py) is made from, as a digest that changes when that does.

A key names the input files a page reads (with how many times each was read again: ``versions``), the
spans of the annotations it shows, and the definitions and evidence passages it uses. A page whose key
is unchanged is not made again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from annotated_reader.model import Corpus, Placed
from annotated_reader.read import schema

Versions = dict[str, int]


def digest(parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


class Keys:
    """The keys of one corpus; definitions' reprs made once each."""

    def __init__(self, corpus: Corpus, versions: Versions) -> None:
        self.corpus, self.versions = corpus, versions
        self.shown: dict[tuple[str, str], str] = {}

    def definition(self, table: str, ident: str) -> str:
        key = (table, ident)
        if key not in self.shown:
            found = (self.corpus.clusters if table == "clusters" else self.corpus.claims).get(ident)
            self.shown[key] = repr(found)
        return self.shown[key]

    def article_files(self, slug: str) -> tuple[int, int]:
        article = self.corpus.articles[slug]
        return self.versions.get(article.text_path, 0), self.versions.get(article.meta_path, 0)

    def placed(self, placed: Iterable[Placed], spec: bool = True) -> list[object]:
        """Where each annotation stands, the version of its article's files and, with ``spec``, of the
        file it came from (cluster and claim pages show only the passage, not the rest of the spec)."""
        return [
            (p.article, p.kind, p.id, p.span.start, p.span.end, *self.article_files(p.article))
            + ((self.versions.get(p.origin.path, 0),) if spec else ())
            for p in placed
        ]

    def article(self, slug: str) -> str:
        """An article's page, data file and W3C items."""
        corpus = self.corpus
        placed = corpus.placed.get(slug, [])
        parts: list[object] = [slug, self.article_files(slug), corpus.annotation_files.get(slug)]
        parts.append(self.versions.get(corpus.annotation_files.get(slug, ""), 0))
        parts += self.placed(placed)
        parts.append(corpus.questions.get(slug))
        used = {("clusters", p.quote.cluster) for p in placed if p.kind == "quote"}
        used |= {("claims", p.claim.claim) for p in placed if p.kind == "claim"}
        parts += [self.definition(table, ident) for table, ident in sorted(used)]
        evidence = [e for p in placed for e in getattr(p.spec, "evidence", [])]
        evidence += [e for table, ident in used if table == "claims" for e in self._claim_evidence(ident)]
        parts += self.evidence(evidence)
        return digest(parts)

    def cluster(self, cluster: schema.Cluster, quotes: list[Placed]) -> str:
        return digest([self.definition("clusters", cluster.id), *self.placed(quotes, spec=False)])

    def claim(self, claim: schema.ClaimDef, passages: list[Placed]) -> str:
        parts = [
            self.definition("claims", claim.id),
            *self.placed(passages, spec=False),
            *self.evidence(claim.evidence),
        ]
        return digest(parts)

    def _claim_evidence(self, ident: str) -> list[schema.AnyEvidence]:
        claim = self.corpus.claims.get(ident)
        return list(claim.evidence) if claim is not None else []

    def evidence(self, items: Iterable[schema.AnyEvidence]) -> list[object]:
        """Where each passage of evidence points: its article's files, span and line."""
        corpus = self.corpus
        found: list[object] = []
        for item in items:
            if isinstance(item, schema.PassageEvidence) and item.article in corpus.articles:
                span = corpus.passages.get(item)
                line = corpus.folded[item.article].line_col(span.start)[0] if span else None
                found.append((item.article, self.article_files(item.article), span, line))
        return found
