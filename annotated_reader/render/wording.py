"""Word-level differences between two wordings of the same statement (difflib)."""

from __future__ import annotations

import difflib
import re

from annotated_reader.anchor.folding import fold
from annotated_reader.render.escape import html_text

_WORD = re.compile(r"\S+")


def _key(word: str) -> str:
    return re.sub(r"[^\w]", "", fold(word).lower())


def word_diff(reference: str, wording: str) -> str:
    """``wording`` as HTML, words absent from ``reference`` in <ins>, reference words it lacks in <del>.

    Case, quotes and punctuation are ignored when comparing, and shown as written.
    """
    ref = _WORD.findall(reference)
    words = _WORD.findall(wording)
    matcher = difflib.SequenceMatcher(a=[_key(w) for w in ref], b=[_key(w) for w in words], autojunk=False)
    out: list[str] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out.append(f'<del class="ar-diff" title="not in this wording">{html_text(" ".join(ref[a0:a1]))}</del>')
        if op in ("insert", "replace"):
            out.append(
                f'<ins class="ar-diff" title="differs from the reference">{html_text(" ".join(words[b0:b1]))}</ins>'
            )
        if op == "equal":
            out.append(html_text(" ".join(words[b0:b1])))
    return " ".join(out)
