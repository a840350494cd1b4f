"""Checks of meaning, as warnings: a quote whose wording shares little with the rest of its cluster, and an
evidence passage that does not hold the words its note quotes. (A cluster or claim that nothing uses is
warned about by references.py.) Words are compared folded, by their first letters, or when rapidfuzz finds
them nearly the same (a misspelt name, a plural)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

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
    if not mine:
        return 1.0
    stems = {w[:STEM] for w in others}
    found = sum(1 for w in mine if w[:STEM] in stems or any(fuzz.ratio(w, o) >= NEAR for o in others))
    return found / len(mine)


def warnings(corpus: Corpus) -> list[Diagnostic]:
    return [*_quotes(corpus), *_evidence(corpus)]


def _wording(corpus: Corpus, p: Placed) -> str:
    return corpus.articles[p.article].text[p.span.start : p.span.end]


def _quotes(corpus: Corpus) -> Iterator[Diagnostic]:
    for (table, ident), placed in corpus.by_reference().items():
        if table != "clusters" or ident not in corpus.clusters:
            continue
        cluster = corpus.clusters[ident]
        told = words(f"{cluster.title} {cluster.note} {_original(cluster)}")
        mine = [words(_wording(corpus, p)) for p in placed]
        counts = Counter(w for own in mine for w in own)  # how many quotes of the cluster hold each word
        for p, own in zip(placed, mine, strict=True):
            others = {w for w, n in counts.items() if n > (w in own)}  # the words of every other quote
            part = shared(own, others | told | words(f"{p.spec.note}"))
            if part < SHARED_QUOTE:
                yield p.origin.warning(
                    f"quote {p.id!r} shares little wording with the rest of cluster {ident!r} "
                    f"({part:.0%} of its words)",
                    "check that it is the right cluster (`build_site.py list clusters`), "
                    "or say in its note how it relates",
                )


def _original(cluster: schema.Cluster) -> str:
    original = getattr(cluster, "original", None)  # the cluster's first-published wording, when the schema has it
    return str(getattr(original, "wording", "") or "")


def _evidence(corpus: Corpus) -> Iterator[Diagnostic]:
    for origin, items in _evidence_lists(corpus):
        for item in items:
            if isinstance(item, schema.PassageEvidence) and item.note:
                yield from _quoted_in(corpus, origin, item)


def _evidence_lists(corpus: Corpus) -> Iterator[tuple[Origin, Iterable[schema.AnyEvidence]]]:
    for ident, claim in corpus.claims.items():
        yield corpus.origins.get(f"claims:{ident}", Origin("annotations")), claim.evidence
    seen: set[int] = set()
    for p in corpus.all_placed():
        if p.kind == "correction" and id(p.spec) not in seen:
            seen.add(id(p.spec))
            yield p.origin, p.correction.evidence


def _quoted_in(corpus: Corpus, origin: Origin, item: schema.PassageEvidence) -> Iterator[Diagnostic]:
    around = words(_around(corpus, item))
    for quotation in QUOTED.findall(fold(item.note)):
        part = shared(words(quotation), around)
        if part < SHARED_NOTE:
            yield origin.warning(
                f"evidence passage {short(item.exact)} does not contain {short(quotation)}, which its note quotes",
                "quote the passage's own words in the note, or point the evidence at the passage that holds them",
            )


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
