"""Checks of meaning, as warnings: a quote whose wording shares little with the rest of its cluster, and an
evidence passage that does not hold the words its note quotes. (A cluster or claim that nothing uses is
warned about by references.py.) Words are compared folded, by their first letters, or when rapidfuzz finds
them nearly the same (a misspelt name, a plural)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TypeVar

from annotated_reader.anchor.folding import fold
from annotated_reader.anchor.match import short
from annotated_reader.model import Corpus, Diagnostic, Origin, Placed
from annotated_reader.read import schema

STEM = 5  # letters that make two words the same word ("surrender", "surrendered")
NEAR = 80  # rapidfuzz ratio above which two words are the same word ("Syrskyi", "Syryskyi")
SHARED_QUOTE = 0.25  # a quote with less of its words anywhere else in its cluster is warned about
SHARED_NOTE = 0.5  # words of a note's quotation that must be in the passage or the paragraphs next to it
STOP = frozenset(
    {"that", "this", "with", "from", "have", "been", "were", "they", "their", "there", "what", "which", "will"}
    | {"would", "could", "should", "about", "into", "over", "than", "then", "them", "these", "those", "said"}
    | {"says", "also", "just", "only", "very", "more", "most", "some", "such", "when", "where", "while"}
)
PLURALS = (("ves", "fe"), ("ies", "y"), ("s", ""))  # "lives" -> "life", "parties" -> "party", "troops" -> "troop"
T = TypeVar("T")
QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")


def words(text: str) -> set[str]:
    return {_singular(w) for w in re.findall(r"[a-z]{4,}", fold(text).lower()) if w not in STOP}


def _singular(word: str) -> str:
    for ending, instead in PLURALS:
        if word.endswith(ending) and not word.endswith("ss"):
            return word[: -len(ending)] + instead
    return word


def shared(mine: set[str], others: set[str]) -> float:
    """The part of ``mine`` found in ``others``."""
    from rapidfuzz import fuzz  # imported when a check runs (a build whose checks are all kept does not)

    if not mine:
        return 1.0
    stems = {w[:STEM] for w in others}
    found = sum(1 for w in mine if w[:STEM] in stems or any(fuzz.ratio(w, o) >= NEAR for o in others))
    return found / len(mine)


class Memo:
    """What the checks found, by a digest of what they read (kept between builds: anchor/kept_checks.py): the
    share of each quote's words in its cluster, by the cluster's wording; the quotations an evidence passage
    lacks, by its note and text. The warnings are made from it with each annotation's place as it is now."""

    def __init__(self, old: dict[str, object] | None = None) -> None:
        self.old = old or {}
        self.used: dict[str, object] = {}
        self.texts: dict[str, str] = {}  # slug -> a name of its text (the build: the digest of its file's bytes)

    def get(self, parts: object, make: Callable[[], T]) -> T:
        key = hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        value = self.old[key] if key in self.old else make()
        self.used[key] = value
        return value  # type: ignore[return-value] # kept by this method, checked by kept_checks.load


References = dict[tuple[str, str], list[Placed]]  # Corpus.by_reference()


def warnings(corpus: Corpus, memo: Memo | None = None, refs: References | None = None) -> list[Diagnostic]:
    """``refs``: corpus.by_reference(), when the caller has it."""
    memo = memo or Memo()
    return [*_quotes(corpus, memo, corpus.by_reference() if refs is None else refs), *_evidence(corpus, memo)]


def _wording(corpus: Corpus, p: Placed) -> str:
    return corpus.articles[p.article].text[p.span.start : p.span.end]


def _quotes(corpus: Corpus, memo: Memo, refs: References) -> Iterator[Diagnostic]:
    for (table, ident), placed in refs.items():
        if table != "clusters" or ident not in corpus.clusters:
            continue
        cluster = corpus.clusters[ident]
        wording = [(_wording(corpus, p), p.spec.note) for p in placed]
        told = (cluster.title, cluster.note, _original(cluster))
        parts = memo.get(("quotes", told, wording), partial(_shares, told, wording))
        for p, part in zip(placed, parts, strict=True):
            if part < SHARED_QUOTE:
                yield p.origin.warning(
                    f"quote {p.id!r} shares little wording with the rest of cluster {ident!r} "
                    f"({part:.0%} of its words)",
                    "check that it is the right cluster (`build_site.py list clusters`), "
                    "or say in its note how it relates",
                )


def _shares(told: tuple[str, str, str], wording: list[tuple[str, str]]) -> list[float]:
    """The part of each quote's words found in the rest of its cluster, its note or the cluster's wording."""
    told_words = words(" ".join(told))
    pool = _Cluster([words(text) for text, _ in wording])
    return [pool.shared(mine, told_words | words(note)) for mine, (_, note) in zip(pool.each, wording, strict=True)]


class _Cluster:
    """The words of each quote of a cluster, counted once: ``shared(mine, extra)`` is ``shared`` of a quote
    against the words of every other quote plus ``extra``, without joining the others' wording for each
    quote (that made the check quadratic in a cluster's size: most of a large corpus's resolve time)."""

    def __init__(self, each: list[set[str]]) -> None:
        self.each = each
        self.count: Counter[str] = Counter(w for mine in each for w in mine)  # quotes using each word
        self.stems: Counter[str] = Counter(w[:STEM] for w in self.count)  # distinct words of each stem
        self.choices = list(self.count)

    def shared(self, mine: set[str], extra: set[str]) -> float:
        if not mine:
            return 1.0
        alone = {w for w in mine if self.count[w] == 1}  # words no other quote has
        gone = Counter(w[:STEM] for w in alone)
        extra_stems = {w[:STEM] for w in extra}
        found = 0
        for w in mine:
            stem = w[:STEM]
            if stem in extra_stems or self.stems[stem] > gone[stem] or self._near(w, alone, extra):
                found += 1
        return found / len(mine)

    def _near(self, word: str, alone: set[str], extra: set[str]) -> bool:
        from rapidfuzz import fuzz, process

        if any(fuzz.ratio(word, o) >= NEAR for o in extra):
            return True
        hits = process.extract(word, self.choices, scorer=fuzz.ratio, score_cutoff=NEAR, limit=None)
        return any(choice not in alone for choice, _, _ in hits)


def _original(cluster: schema.Cluster) -> str:
    original = getattr(cluster, "original", None)  # the cluster's first-published wording, when the schema has it
    return str(getattr(original, "wording", "") or "")


def _evidence(corpus: Corpus, memo: Memo) -> Iterator[Diagnostic]:
    texts = dict(memo.texts)  # slug -> a name of its text: given, else the digest of the text, made once
    for origin, items in _evidence_lists(corpus):
        for item in items:
            if isinstance(item, schema.PassageEvidence) and item.note:
                yield from _quoted_in(corpus, origin, item, memo, texts)


def _evidence_lists(corpus: Corpus) -> Iterator[tuple[Origin, Iterable[schema.AnyEvidence]]]:
    for ident, claim in corpus.claims.items():
        yield corpus.origins.get(f"claims:{ident}", Origin("annotations")), claim.evidence
    seen: set[int] = set()
    for p in corpus.all_placed():
        spec = p.spec  # a correction's spec is a Correction (a rule's, a CorpusCorrection)
        if isinstance(spec, schema.Correction) and id(spec) not in seen:
            seen.add(id(spec))
            yield p.origin, spec.evidence


def _quoted_in(
    corpus: Corpus, origin: Origin, item: schema.PassageEvidence, memo: Memo, texts: dict[str, str]
) -> Iterator[Diagnostic]:
    article = corpus.articles.get(item.article)
    if article is not None and item.article not in texts:
        texts[item.article] = hashlib.blake2b(article.text.encode("utf-8", "surrogatepass")).hexdigest()
    text = texts[item.article] if article is not None else ""
    where = (item.article, item.exact, corpus.passages.get(item), text)
    for quotation in memo.get(("evidence", item.note, where), partial(_missing, corpus, item)):
        yield origin.warning(
            f"evidence passage {short(item.exact)} does not contain {short(quotation)}, which its note quotes",
            "quote the passage's own words in the note, or point the evidence at the passage that holds them",
        )


def _missing(corpus: Corpus, item: schema.PassageEvidence) -> list[str]:
    """The quotations of an evidence passage's note that the passage does not hold."""
    around = words(_around(corpus, item))
    return [q for q in QUOTED.findall(fold(item.note)) if shared(words(q), around) < SHARED_NOTE]


def _around(corpus: Corpus, item: schema.PassageEvidence) -> str:
    """The passage's paragraphs and the paragraph before and after (a statement quoted over two paragraphs)."""
    span = corpus.passages.get(item)
    article = corpus.articles.get(item.article)
    if span is None or article is None:
        return item.exact
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", article.text)]
    inside = [i for i, (start, end) in enumerate(paragraphs) if start < span.end and span.start < end]
    if not inside:
        return item.exact
    first, last = max(inside[0] - 1, 0), min(inside[-1] + 1, len(paragraphs) - 1)
    return article.text[paragraphs[first][0] : paragraphs[last][1]]
