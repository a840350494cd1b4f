"""A hostile project: the injection payloads of the adversarial review (and more) in every free-text field.

``add_payloads(root)`` adds the article ``evil`` (text and metadata), ``annotations/evil.yml`` (one annotation
of every kind, with evidence) and ``annotations/evil-defs.yml`` (a quote cluster, a claim and a name) to a copy of
the project. Field number k holds ``payload(k)``: every variant calls ``alert(k)`` or fetches
``evil.example/k``, so a failure names the field. ``FIELDS`` says where each field is shown as plain text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from annotated_reader.read.values import INVISIBLE

VARIANTS = (
    "<script>alert({k})</script>",
    '"><img src=x onerror=alert({k})>',
    "'><svg onload=alert({k})>",
    "<x onmouseover=alert({k})>m</x>",
    '<p style="background:url(//evil.example/{k}.png)">s</p>',
    "[c](javascript:alert({k}))",
    "[c](JaVaScRiPt:alert({k}))",
    "[c]( javascript:alert({k}))",
    "[c](&#106;avascript:alert({k}))",
    "[c](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![t](http://evil.example/track-{k}.png)",
    '<a href="//evil.example/{k}">c</a>',
    "[c](//evil.example/{k})",
    "[c](/\\evil.example/{k})",
    "text{{: onclick=alert({k}) }}",
    "[^{k}]\n\n[^{k}]: [f](javascript:alert({k}))",
    "<!-- /ar:html -->\n<img src=x onerror=alert({k})>\n<!-- ar:html -->",
    "</script><script>alert({k})</script>",
    "&#x3C;script&#x3E;alert({k})&#x3C;/script&#x3E;",
    "\u202e \u200b \u2066 {k}",
    "# `![x](data:,){{: onerror=alert({k}) }}`",
    "\n\n    [c](javascript:alert({k}))\n\n",
    "# {{: onclick=alert({k}) }}",
    "\x7f ![x](data:,){{: onerror=alert({k}) }}",
    "\u2028--- ![x](data:,){{: onerror=alert({k}) }}",
    "\x85--- [c](javascript:alert({k}))",
    "\ufffe ![x](data:,){{: onerror=alert({k}) }}",
    "\uffff",
)
SHOWN = ("<script>alert({k})</script>", '"><img src=x onerror=alert({k})>')  # text a plain field shows as is


ACTIVE = list(VARIANTS)  # all of them; a "before" run drops the two that mkdocs --strict refused before the fix


def payload(k: int, line: bool = False) -> str:
    """Every variant for field k; for a one-line field, only those validation lets through (values.INVISIBLE
    refuses control characters there, test_injection checks that; the front matter writer is tested alone)."""
    return " ".join(v.format(k=k) for v in ACTIVE if not (line and INVISIBLE.search(v)))


@dataclass(frozen=True)
class Field:
    k: int
    name: str
    page: str  # the site path (folder) where it is shown as plain text, "" for notes (rendered Markdown)


ARTICLE_FIELDS = {"title": 1, "description": 2, "outlet": 3, "corpus_id": 4}
PROVENANCE = ("title", "outlet", "url", "published", "language", "translation", "source_language")
PLAIN = {  # field -> page showing it as text (None: a note, or only in an attribute)
    "title": "articles/evil/",
    "description": "",
    "outlet": "articles/evil/",
    "corpus_id": "articles/evil/",
    "questions": "articles/evil/",
    "corrected": "articles/evil/",
    "evidence source": "articles/evil/",
    "cluster title": "quotes/evil-cluster/",
    "cluster speaker": "quotes/evil-cluster/",
    "cluster channel": "quotes/evil-cluster/",
    "claim claim": "claims/evil-claim/",
    "claim claimant": "claims/evil-claim/",
    "claim disputed_by": "claims/evil-claim/",
    "claim evidence source": "claims/evil-claim/",
    "name name": "names/",
    "name spellings": "names/",
}


def _fields() -> list[Field]:
    names = (
        list(ARTICLE_FIELDS)
        + [f"provenance {p}" for p in PROVENANCE]
        + ["questions", "note note", "quote note", "claim note", "boilerplate note", "correction note", "corrected"]
        + ["evidence passage note", "evidence source", "evidence source note"]
        + ["cluster title", "cluster speaker", "cluster channel", "cluster note"]
        + ["claim claim", "claim claimant", "claim disputed_by", "claim note (def)", "claim evidence passage note"]
        + ["claim evidence source", "claim evidence source note", "name name", "name spellings", "name note"]
    )
    return [Field(k, name, PLAIN.get(name, "")) for k, name in enumerate(names, 1)]


FIELDS = _fields()
K = {f.name: f.k for f in FIELDS}
TEXT = "Alpha one.\n\nBravo two.\n\nCharlie three.\n\nDelta four.\n\nEcho five.\n\nFoxtrot six.\n"


def _p(name: str) -> str:
    return payload(K[name], line="note" not in name)


def _meta() -> dict[str, object]:
    known = ("title", "outlet", "published", "language")
    provenance = {p: {"how": "stated" if p in known else "unknown", "basis": _p(f"provenance {p}")} for p in PROVENANCE}
    return {
        **{name: _p(name) for name in ARTICLE_FIELDS},
        "url": None,
        "published": "2025-03",
        "language": "en",
        "translation": None,
        "source_language": None,
        "provenance": provenance,
    }


def _evidence(prefix: str) -> list[dict[str, object]]:
    side = {"side": "disputes"} if prefix else {}  # a claim's evidence says its side
    return [
        {"article": "evil", "exact": "Foxtrot six.", "note": _p(f"{prefix}evidence passage note"), **side},
        {
            "source": _p(f"{prefix}evidence source"),
            "url": "https://example.org/report",
            "note": _p(f"{prefix}evidence source note"),
            "confidence": "low",
            **side,
        },
    ]


def _annotations() -> dict[str, object]:
    anchored = [
        {"id": "n", "kind": "note", "exact": "Alpha one.", "note": _p("note note")},
        {"id": "q", "kind": "quote", "exact": "Bravo two.", "cluster": "evil-cluster", "note": _p("quote note")},
        {"id": "c", "kind": "claim", "exact": "Charlie three.", "claim": "evil-claim", "note": _p("claim note")},
        {"id": "b", "kind": "boilerplate", "exact": "Delta four.", "note": _p("boilerplate note")},
        {
            "id": "r",
            "kind": "correction",
            "exact": "Echo",
            "corrected": _p("corrected"),
            "error": "name",
            "confidence": "high",
            "note": _p("correction note"),
            "evidence": _evidence(""),
        },
    ]
    return {"article": "evil", "questions": [_p("questions")], "annotations": anchored}


def _definitions() -> dict[str, object]:
    cluster = {"id": "evil-cluster", "speaker": _p("cluster speaker"), "channel": _p("cluster channel")}
    cluster |= {"title": _p("cluster title"), "note": _p("cluster note")}
    claim = {"id": "evil-claim", "claim": _p("claim claim"), "claimant": _p("claim claimant"), "status": "disputed"}
    claim |= {"disputed_by": [_p("claim disputed_by")], "note": _p("claim note (def)"), "evidence": _evidence("claim ")}
    name = {"id": "evil-name", "name": _p("name name"), "type": "person", "spellings": [_p("name spellings")]}
    return {"clusters": [cluster], "claims": [claim], "names": [name | {"note": _p("name note")}]}


def add_payloads(root: Path) -> None:
    """Add the hostile article and annotation files to the project at ``root`` (JSON is YAML)."""
    (root / "articles" / "evil.txt").write_text(TEXT + payload(0) + "\n", "utf-8")
    for path, data in (
        (root / "articles" / "evil.yml", _meta()),
        (root / "annotations" / "evil.yml", _annotations()),
        (root / "annotations" / "evil-defs.yml", _definitions()),
    ):
        path.write_text(json.dumps(data, indent=1), "utf-8")
