"""What Save (and Copy YAML) does with the preview's form: the entry, the files it changes, their validation
with those changes (the whole project, as ``check`` does), and only then the writing.

A request is untrusted data: every value is checked here or by the validator, the selector is made by
``locate``'s code from the words selected, and the files written are always under annotations/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotated_reader.anchor.locate import span_selector
from annotated_reader.anchor.selectors import Folded
from annotated_reader.model import Article
from annotated_reader.preview import entries, overlay, paths
from annotated_reader.read import schema

KINDS = ("note", "correction", "quote", "claim", "boilerplate")  # boilerplate: kept when editing one
CLUSTERS_FILE = "annotations/quotes.yml"
CLAIMS_FILE = "annotations/claims.yml"


class Refused(ValueError):
    """The request cannot become an annotation; the message says why, for the form."""


@dataclass
class Outcome:
    """The entry written (or only made, for Copy YAML), where it starts, and the problems found."""

    yaml: str = ""
    path: str = ""
    line: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _text(form: dict[str, object], key: str) -> str:
    value = form.get(key, "")
    if not isinstance(value, str):
        raise Refused(f"'{key}' must be text")
    return value.strip()


def selector(article: Article, words: str, line: int) -> dict[str, str]:
    """``locate``'s selector for the selected ``words``: the match on ``line`` when there are several."""
    folded = article.folded or Folded(article.text)
    spans = folded.find(words)
    if not spans:
        raise Refused(f"the words selected are not in {article.text_path} as written: select them again")
    on_line = [span for span in spans if folded.place(span).line == line]
    return span_selector(folded, (on_line or spans)[0])


def slug_of(words: str, taken: set[str]) -> str:
    base = "-".join(re.findall(r"[a-z0-9]+", words.lower())[:5])[:60].strip("-") or "annotation"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def fields_of(form: dict[str, object], kind: str, anchor: dict[str, str], ident: str) -> dict[str, object]:
    """The YAML fields of one annotation, in the order a contributor writes them."""
    out: dict[str, object] = {"id": ident, "kind": kind, **anchor}
    if kind == "correction":
        out["corrected"] = _text(form, "corrected")
        out["error"] = _text(form, "error")
        if "origin" in schema.Correction.model_fields and _text(form, "origin"):
            out["origin"] = _text(form, "origin")
        out["confidence"] = _text(form, "confidence")
    elif kind in ("quote", "claim"):
        out["cluster" if kind == "quote" else "claim"] = _text(form, "ref")
    if _text(form, "note"):
        out["note"] = _text(form, "note")
    evidence = _evidence(form)
    if kind == "correction" and evidence:
        out["evidence"] = evidence
    return out


def _evidence(form: dict[str, object]) -> list[dict[str, object]]:
    items = form.get("evidence") or []
    if not isinstance(items, list):
        raise Refused("'evidence' must be a list")
    keep = ("article", "exact", "source", "url", "confidence", "note")
    made = []
    for item in items[:20]:
        if isinstance(item, dict):
            fields: dict[str, object] = {k: str(item[k]).strip() for k in keep if str(item.get(k) or "").strip()}
            made += [fields] if fields else []
    return made


def definition(form: dict[str, object], kind: str, taken: set[str]) -> tuple[str, str, dict[str, object]] | None:
    """The new cluster or claim the form defines, if any: (file, list key, fields)."""
    new = form.get("new")
    if kind not in ("quote", "claim") or not isinstance(new, dict):
        return None
    values = {k: str(v).strip() for k, v in new.items() if isinstance(k, str) and str(v or "").strip()}
    if kind == "quote":
        keep = ("id", "title", "speaker", "date", "channel", "note")
        where = (CLUSTERS_FILE, "clusters")
    else:
        keep = ("id", "claim", "claimant", "status", "date", "note")
        where = (CLAIMS_FILE, "claims")
    made: dict[str, object] = {k: values[k] for k in keep if k in values}
    made["id"] = values.get("id") or slug_of(str(values.get("title") or values.get("claim") or kind), taken)
    return (*where, made)


def plan(root: Path, form: dict[str, object], article: Article, target: str) -> tuple[dict[str, str], Outcome]:
    """The new text of each file Save changes, and the outcome to report (entry text and line)."""
    kind = _text(form, "kind")
    if kind not in KINDS:
        raise Refused(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    current = paths.read_text(root, target)
    edit_line = form.get("line") if _text(form, "mode") == "edit" else None
    listed = entries.entries(current, "annotations")
    old = next((e for e in listed if e.start + 1 == edit_line), None)
    anchor = _anchor(form, article, old)
    taken = {str(e.data.get("id")) for e in listed if isinstance(e.data, dict) and e is not old}
    ident = _text(form, "id") or (str(old.data.get("id")) if old and isinstance(old.data, dict) else "")
    ident = ident or slug_of(anchor["exact"], taken)
    changes: dict[str, str] = {}
    defined = definition(form, kind, taken)
    if defined is not None:
        rel, key, fields = defined
        changes[rel], _ = entries.add(changes.get(rel) or paths.read_text(root, rel), key, fields)
        form = {**form, "ref": fields["id"]}
    made = fields_of(form, kind, anchor, ident)
    if old is not None:
        new_text, line = entries.replace(current, "annotations", old.start + 1, made), old.start + 1
    elif edit_line is not None:
        raise Refused(f"{target}:{edit_line}: no annotation starts there any more; reload the page")
    else:
        new_text, line = entries.add(current, "annotations", made, article.slug)
    changes[target] = new_text
    return changes, Outcome(entries.entry_text(made), target, line)


def _anchor(form: dict[str, object], article: Article, old: entries.Entry | None) -> dict[str, str]:
    words = _text(form, "words")
    if words:
        line = form.get("text_line")
        return selector(article, words, line if isinstance(line, int) else 0)
    if old is not None and isinstance(old.data, dict):
        return {k: str(old.data[k]) for k in ("exact", "prefix", "suffix") if k in old.data}
    raise Refused("select some words of the article first")


def save(root: Path, form: dict[str, object], article: Article, target: str, write: bool) -> Outcome:
    """Validate the project as it would be with the changes; write them only when it validates and ``write``."""
    changes, outcome = plan(root, form, article, target)
    diagnostics = overlay.check_with(root, changes)
    outcome.errors = [d.format() for d in diagnostics if d.severity == "error"]
    outcome.warnings = [d.format() for d in diagnostics if d.severity != "error" and d.path in changes]
    if write and not outcome.errors:
        for rel, text in changes.items():
            paths.write_text(root, rel, text)
    return outcome
