"""``build_site.py list clusters|claims|names``: each id with its title, to refer to in an annotation."""

from __future__ import annotations

from pathlib import Path

from annotated_reader import build
from annotated_reader.model import Corpus, Diagnostic

TABLES = ("clusters", "claims", "names")


def rows(corpus: Corpus, table: str) -> list[tuple[str, str]]:
    """(id, title) of each definition of ``table``, in the order the files define them."""
    if table == "clusters":
        return [(c.id, f"{c.title} ({c.speaker})") for c in corpus.clusters.values()]
    if table == "claims":
        return [(c.id, f"{c.claim} [{c.status}]") for c in corpus.claims.values()]
    return [(n.id, f"{n.name} ({n.type})") for n in corpus.names.values()]


def listing(root: Path, table: str) -> tuple[str, list[Diagnostic]]:
    """The lines to print, and the errors met reading the project (what could be read is listed)."""
    _, corpus, diagnostics = build.gather(root)
    found = rows(corpus, table)
    width = max((len(ident) for ident, _ in found), default=0)
    text = "".join(f"{ident:<{width}}  {title}\n" for ident, title in found)
    return text, [d for d in diagnostics if d.severity == "error"]
