"""The Changes page: every change to an annotation or definition after it was added, newest first,
with what it said before and after, when and in which commit (from the repository's history). Pure."""

from __future__ import annotations

import json

from annotated_reader import rawblock
from annotated_reader.model import Corpus
from annotated_reader.read.history import Event
from annotated_reader.render.escape import front_matter, html_text
from annotated_reader.render.links import a_html
from annotated_reader.render.permalinks import target

PAGE = "changes.md"
SHOWN_FIELDS = ("note", "corrected", "claim", "status", "claimant", "title", "name")  # what a reader reads
SHOWN_CHANGES = 300  # the newest: the repository keeps the rest


def changes_page(corpus: Corpus) -> str:
    changes = [e for e in corpus.history.changes() if _shown(e)]
    intro = (
        "How the notes were corrected over time: every change to what an annotation, claim, quote cluster "
        "or name says after it was first published, newest first, taken from the repository's history."
    )
    parts = [front_matter("Changes", intro, "the git history of annotations/"), f"# Changes\n\n{intro}\n\n"]
    if not changes:
        parts.append(
            "No changes are recorded: the site was built outside a git checkout, or nothing was changed yet.\n"
        )
    day = ""
    for event in changes[:SHOWN_CHANGES]:
        if event.when[:10] != day:
            day = event.when[:10]
            parts.append(f"## {day}\n\n")
        parts.append(_entry(corpus, event))
    if len(changes) > SHOWN_CHANGES:
        parts.append(f"\nAnd {len(changes) - SHOWN_CHANGES:,} older changes, in the repository's history.\n")
    return "".join(parts)


def _entry(corpus: Corpus, event: Event) -> str:
    found = target(corpus, event.key)
    what = a_html(PAGE, found.page, found.label, found.anchor) if found else html_text(f"{event.key} (since removed)")
    fields = [name for name in SHOWN_FIELDS if event.before.get(name) != event.after.get(name)]
    rows = "".join(
        f"<tr><th>{html_text(name)}</th><td><del>{html_text(_value(event.before.get(name)))}</del></td>"
        f"<td><ins>{html_text(_value(event.after.get(name)))}</ins></td></tr>"
        for name in fields
    )
    return (
        rawblock.wrap(
            f'<div class="ar-change"><p>{what}<br>Commit <code>{html_text(event.commit[:12])}</code>: '
            f"{html_text(event.subject)}</p>\n<table><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )
        + "\n"
    )


def _shown(event: Event) -> bool:
    """A change to what readers read (not, say, a field added for the formats)."""
    return any(event.before.get(name) != event.after.get(name) for name in SHOWN_FIELDS)


def _value(value: object) -> str:
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
