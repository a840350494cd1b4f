"""The preview's endpoints, as functions of plain data: status, choices for the form, the entries of an
article's annotation file (path:line for each), and Save / Copy YAML."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from annotated_reader import build
from annotated_reader.model import Corpus, Diagnostic
from annotated_reader.preview import annotate, entries, paths
from annotated_reader.preview.state import Preview
from annotated_reader.read import schema, vocabulary

REBUILD_TIMEOUT = 60.0
Json = dict[str, object]


def _problem(d: Diagnostic) -> Json:
    return {"where": f"{d.path}:{d.line}:{d.col}", "severity": d.severity, "message": d.message, "hint": d.hint}


def status(preview: Preview) -> Json:
    s = preview.status
    errors = [_problem(d) for d in s.problems if d.severity == "error"]
    return {"generation": s.generation, "failed": s.failed, "problems": errors, "log": list(s.log[-20:])}


def corpus(preview: Preview) -> Corpus:
    """The corpus of the last good rebuild; read afresh when there is none yet."""
    return preview.corpus if preview.corpus is not None else build.gather(preview.root)[1]


def choices(preview: Preview) -> Json:
    found = corpus(preview)
    origins = schema.Correction.model_fields.get("origin")
    return {
        "clusters": [{"id": c.id, "title": c.title, "speaker": c.speaker} for c in found.clusters.values()],
        "claims": [{"id": c.id, "title": c.claim} for c in found.claims.values()],
        "errors": list(vocabulary.ERROR_KINDS),
        "origins": list(get_args(origins.annotation)) if origins and get_args(origins.annotation) else [],
        "statuses": list(vocabulary.STATUSES),
        "articles": sorted(found.articles),
    }


def target(preview: Preview, slug: str) -> str:
    """The annotation file of an article: the one that says ``article: <slug>``, else annotations/<slug>.yml."""
    return corpus(preview).annotation_files.get(slug) or f"annotations/{slug}.yml"


def article_entries(preview: Preview, slug: str) -> Json:
    rel = target(preview, slug)
    text = paths.read_text(preview.root, rel)
    listed = entries.entries(text, "annotations") if text else []
    found = [{"id": e.data.get("id"), "line": e.start + 1, "data": e.data} for e in listed if isinstance(e.data, dict)]
    return {"path": rel, "entries": found}


def save(preview: Preview, form: Json, write: bool) -> Json:
    """Save (``write``) or Copy YAML: the outcome, once the site shows the change when written."""
    slug = form.get("article")
    found = corpus(preview)
    if not isinstance(slug, str) or slug not in found.articles:
        raise annotate.Refused(f"unknown article {str(slug)[:80]!r}")
    rel = form.get("path") if form.get("mode") == "edit" else None
    where = rel if isinstance(rel, str) else target(preview, slug)
    paths.checked(preview.root, where)
    outcome = annotate.save(preview.root, form, found.articles[slug], where, write)
    if write and not outcome.errors:
        ticket = preview.changed({Path(preview.root, where)})
        preview.wait(ticket, REBUILD_TIMEOUT)
    return {
        "ok": not outcome.errors,
        "yaml": outcome.yaml,
        "path": outcome.path,
        "line": outcome.line,
        "errors": outcome.errors,
        "warnings": outcome.warnings,
        "generation": preview.status.generation,
    }
