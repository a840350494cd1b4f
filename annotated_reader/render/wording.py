"""Word-level differences between one outlet's wording and the statement it quotes (difflib).

An outlet often quotes part of a statement: the wording is first aligned with the span of the reference
it matches best, and only that span is compared, so a fragment is shown as a fragment, not as a rewrite.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from annotated_reader.anchor.folding import fold
from annotated_reader.render.escape import html_text

_WORD = re.compile(r"\S+")
_QUOTES = "\"'“”‘’«»„‹›"


@dataclass(frozen=True)
class Compared:
    html: str  # the wording, with differences marked
    partial: bool  # it quotes only part of the reference
    paraphrase: bool = False  # fewer than half of its words are the reference's


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return _NOT_WORD.sub("", fold(word).lower())


_NOT_WORD = re.compile(r"[^\w]")


@lru_cache(maxsize=1024)
def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a text and their comparison keys (a cluster's reference is compared with each wording)."""
    words = tuple(_WORD.findall(text))
    return words, tuple(_key(w) for w in words)


@lru_cache(maxsize=65536)
def _punct(word: str) -> str:
    """A word's own punctuation, outer quotation marks and a pause (",;:") where a quote is cut left out."""
    return fold(word.strip(_QUOTES).rstrip(",;:")).lower()


def align(ref_keys: tuple[str, ...], keys: tuple[str, ...]) -> tuple[int, int]:
    """The span of the reference the wording quotes: from its first to its last word matched."""
    matcher = difflib.SequenceMatcher(a=ref_keys, b=keys, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0, len(ref_keys)
    return blocks[0].a, blocks[-1].a + blocks[-1].size


@lru_cache(maxsize=4096)  # the same wording is quoted by outlet after outlet
def compare(reference: str, wording: str) -> Compared:
    """``wording`` as HTML: words not in the reference in <ins>, reference words it leaves out (inside the
    part it quotes) in <del>, words whose punctuation differs in <mark>. Case is ignored."""
    ref, ref_keys = _words(reference)
    words, keys = _words(wording)
    start, end = align(ref_keys, keys)
    partial = (start, end) != (0, len(ref))
    matcher = difflib.SequenceMatcher(a=ref_keys[start:end], b=keys, autojunk=False)
    out: list[str] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            missing = html_text(" ".join(ref[start + a0 : start + a1]))
            out.append(f'<del class="ar-diff" title="left out of this wording">{missing}</del>')
        if op in ("insert", "replace"):
            out.append(f'<ins class="ar-diff" title="not in the reference">{html_text(" ".join(words[b0:b1]))}</ins>')
        if op == "equal":
            out += [_same(ref[start + a0 + i], words[b0 + i]) for i in range(b1 - b0)]
    same = sum(b1 - b0 for op, _, _, b0, b1 in matcher.get_opcodes() if op == "equal")
    return Compared(" ".join(out), partial, 2 * same < len(words))


def _same(ref_word: str, word: str) -> str:
    if _punct(ref_word) == _punct(word):
        return html_text(word)
    return f'<mark class="ar-diff" title="the reference has: {html_text(ref_word)}">{html_text(word)}</mark>'


def word_diff(reference: str, wording: str) -> str:
    """``compare``'s HTML alone."""
    return compare(reference, wording).html
