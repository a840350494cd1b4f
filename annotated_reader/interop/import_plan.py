"""Import W3C Web Annotations (a Hypothesis export, or our own export) as annotation YAML.

Each record is matched to an article by its target's source URL (the article's ``url`` or its page on
this site) or, failing that, by its quote being found in exactly one place of the corpus; it is then
anchored like any selector, and mapped to a kind (first that applies):

- an ``editing`` body (the corrected wording) -> ``correction`` (``error``/``confidence`` are not in
  W3C terms: the body's ``ar:error``, ``ar:confidence``, ``ar:origin``, ``ar:evidence`` when it has them
  (this site's export), else tags ``error:<kind>`` / ``confidence:<level>``, else ``mistranslation``/``low``);
- a link to a quote cluster page of this site -> ``quote``; to a claim page -> ``claim``;
- the tag ``boilerplate`` -> ``boilerplate``;
- any comment or other tag -> ``note`` (other tags are kept in the note as "Tags: a, b").

Comments become the ``note`` of every kind. Clusters and claims that are not defined get a stub
definition in ``imported-definitions.yml`` (a claim's status from its ``assessing`` body) to fill in.
The ``id`` is the W3C id's fragment when that is a valid id not yet used (so our own export keeps its
ids), else one made from the kind and the first words. Pure: returns the files to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from annotated_reader import urls
from annotated_reader.anchor.match import Hit, nowhere_hint, several_hint, short
from annotated_reader.anchor.match import match as find_match
from annotated_reader.anchor.selectors import Budget, Folded
from annotated_reader.diagnostics import file_error
from annotated_reader.interop.w3c_read import Incoming, Reading
from annotated_reader.model import Corpus, Diagnostic
from annotated_reader.read import limits, vocabulary
from annotated_reader.read.mkdocs_config import Settings

DEFINITIONS = "imported-definitions.yml"
DEFAULT_ERROR, DEFAULT_CONFIDENCE = "mistranslation", "low"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Plan:
    """What an import would write: YAML documents by file name, and what could not be imported."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # file name -> YAML data
    diagnostics: list[Diagnostic] = field(default_factory=list)
    imported: int = 0


class Importer:
    def __init__(self, corpus: Corpus, settings: Settings) -> None:
        self.corpus, self.settings = corpus, settings
        self.folded: dict[str, Folded] = corpus.folded or {s: Folded(a.text) for s, a in corpus.articles.items()}
        self.by_url = self._urls()
        self.used = {slug: {p.id for p in ps} | {p.spec.id for p in ps} for slug, ps in corpus.placed.items()}
        self.taken = {(p.article, p.kind, p.span): p.id for p in corpus.all_placed()}
        self.plan = Plan()
        self.budget = Budget()  # fuzzy work for the "closest passage" hints of this import
        self.next_suffix: dict[tuple[str, str], int] = {}  # (slug, base id) -> the next n to try for base-n
        self.stubs: dict[str, dict[str, dict[str, Any]]] = {"clusters": {}, "claims": {}}

    def _urls(self) -> dict[str, str]:
        found = {}
        for slug, article in self.corpus.articles.items():
            found[_norm(urls.absolute(self.settings.site_url, urls.article_page(slug)))] = slug
            if article.meta.url:
                found[_norm(article.meta.url)] = slug
        return found

    def run(self, *readings: Reading) -> Plan:
        records = [record for reading in readings for record in reading.records]
        self.plan.diagnostics += [d for reading in readings for d in reading.diagnostics]
        if len(records) > limits.IMPORT_RECORDS:
            self.plan.diagnostics.append(
                file_error(
                    readings[0].path,
                    f"{len(records):,} annotations; the limit is {limits.IMPORT_RECORDS:,} in one import",
                    "split the file and import the parts one after the other",
                )
            )
            return self.plan
        for record in records:
            self.one(record)
        definitions = {key: list(table.values()) for key, table in self.stubs.items() if table}
        if definitions:
            self.plan.documents[DEFINITIONS] = definitions
        return self.plan

    def one(self, record: Incoming) -> None:
        match = self.match(record)
        if match is None:
            return
        data = self.annotation(record, match)
        if data is None:
            return
        earlier = self.taken.get((match.slug, data["kind"], match.span))
        if earlier is not None:
            where = f"articles/{match.slug}.txt"
            self._warn(record, f"{_label(record)} is already annotated as {earlier!r} in {where}; skipped", "")
            return
        self.taken[(match.slug, data["kind"], match.span)] = data["id"]
        document = self.plan.documents.setdefault(f"{match.slug}.yml", {"article": match.slug, "annotations": []})
        document["annotations"].append(data)
        self.plan.imported += 1

    def match(self, record: Incoming) -> Hit | None:
        slug = self.by_url.get(_norm(record.source)) if record.source else None
        scope = {s: self.folded[s] for s in ([slug] if slug else self.corpus.articles)}
        found = find_match(scope, (record.exact, record.prefix, record.suffix), self.budget, loosen=True)
        if len(found.hits) == 1:
            if found.loose:
                self._warn(
                    record, f"{_label(record)} matched only without its prefix/suffix", _where(self, found.hits[0])
                )
            return found.hits[0]
        where = f"articles/{slug}.txt" if slug else "any article"
        if not found.hits:
            message, hint = f"quote matches nowhere in {where}", nowhere_hint(found, "the article", paths=True)
        else:
            how = "" if slug else " (its source URL is not an article's url nor its page here)"
            message = f"quote matches {len(found.hits):,} places{how}"
            places = several_hint(found, paths=True)
            hint = f"give a longer prefix or suffix, or the article's URL as the target's source: {places}"
        self._error(record, f"{_label(record)}: {message}: {short(record.exact)}", hint)
        return None

    def annotation(self, record: Incoming, match: Hit) -> dict[str, Any] | None:
        kind, extra = self.kind(record)
        if not kind:
            self._error(
                record,
                f"{_label(record)} has nothing to import",
                "a bare highlight: add a comment or a tag, or a correction (an editing body)",
            )
            return None
        note = self.note(record, kind)
        if len(note) > limits.NOTE_CHARS:
            self._error(
                record,
                f"{_label(record)}: its note is {len(note):,} characters; the limit is {limits.NOTE_CHARS:,}",
                "shorten the comment, or link to a longer text",
            )
            return None
        folded = self.folded[match.slug]
        prefix, suffix = folded.unique_selector(match.span)
        data: dict[str, Any] = {"id": self.new_id(record, match.slug, kind), "kind": kind}
        data["exact"] = folded.text[match.span.start : match.span.end]
        data.update({k: v for k, v in (("prefix", prefix), ("suffix", suffix)) if v})
        data.update(extra)
        if note:
            data["note"] = note
        return data

    def kind(self, record: Incoming) -> tuple[str, dict[str, Any]]:
        tags = {t.split(":", 1)[0]: t.split(":", 1)[1] for t in record.tags if ":" in t}
        if record.edits:
            return "correction", {"corrected": record.edits[0], **_correction_fields(record.extension, tags)}
        for link in record.links:
            found = self.linked(link, record)
            if found:
                return found
        if "boilerplate" in record.tags:
            return "boilerplate", {}
        return ("note", {}) if record.comments or self.other_tags(record) else ("", {})

    def linked(self, link: str, record: Incoming) -> tuple[str, dict[str, Any]] | None:
        for table, page, kind in (("clusters", urls.cluster_page, "quote"), ("claims", urls.claim_page, "claim")):
            prefix = _norm(urls.absolute(self.settings.site_url, page("x")))[: -len("x")]
            ident = _norm(link)[len(prefix) :] if _norm(link).startswith(prefix) else ""
            if _ID.match(ident):
                self.define(table, ident, record)
                return kind, {"cluster" if kind == "quote" else "claim": ident}
        return None

    def define(self, table: str, ident: str, record: Incoming) -> None:
        if ident in getattr(self.corpus, table) or ident in self.stubs[table]:
            return
        if table == "clusters":
            stub = {"id": ident, "title": f"(imported) {ident}", "speaker": "unknown (imported)"}
        else:
            status = next((s for s in record.assessments if s in vocabulary.STATUSES), "unverified")
            stub = {"id": ident, "claim": f"(imported) {ident}", "claimant": "unknown (imported)", "status": status}
        self.stubs[table][ident] = stub
        self._warn(
            record,
            f"{table[:-1]} {ident!r} is not defined; a stub goes in {DEFINITIONS}",
            "fill in its wording and who said it, then move it into a corpus file",
        )

    def note(self, record: Incoming, kind: str) -> str:
        parts = [c.strip() for c in record.comments if c.strip()]
        other = self.other_tags(record, kind)
        if other:
            parts.append("Tags: " + ", ".join(other))
        return "\n\n".join(parts)

    def other_tags(self, record: Incoming, kind: str = "") -> list[str]:
        known = {"boilerplate"} if kind == "boilerplate" else set()
        kept = ("error:", "confidence:") if kind == "correction" else ()
        return [t for t in record.tags if t not in known and not t.startswith(kept) and t.strip()]

    def new_id(self, record: Incoming, slug: str, kind: str) -> str:
        fragment = urlsplit(record.ident).fragment if record.ident else ""
        used = self.used.setdefault(slug, set())
        base = fragment if _ID.match(fragment) and len(fragment) <= 70 else _slug(kind, record.exact)
        ident, n = base, self.next_suffix.get((slug, base), 2)
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        self.next_suffix[(slug, base)] = n
        used.add(ident)
        return ident

    def _error(self, record: Incoming, message: str, hint: str) -> None:
        self.plan.diagnostics.append(record.origin.error(message, hint))

    def _warn(self, record: Incoming, message: str, hint: str) -> None:
        self.plan.diagnostics.append(record.origin.warning(message, hint))


def plan(corpus: Corpus, settings: Settings, *readings: Reading) -> Plan:
    """What importing the records of ``readings`` (one file each) would write."""
    return Importer(corpus, settings).run(*readings)


def _norm(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path.removesuffix("index.html").rstrip("/")
    return f"{parts.netloc.lower()}{path}" + (f"?{parts.query}" if parts.query else "")


def _correction_fields(extension: dict[str, object], tags: dict[str, str]) -> dict[str, Any]:
    """A correction's error kind, confidence, origin and evidence: from this site's ``ar:`` properties, else
    the tags ``error:<kind>`` / ``confidence:<level>``, else the defaults. Evidence is checked with the rest."""
    error, confidence, origin = (extension.get(key, tags.get(key)) for key in ("error", "confidence", "origin"))
    found: dict[str, Any] = {
        "error": error if error in vocabulary.ERROR_KINDS else DEFAULT_ERROR,
        "confidence": confidence if confidence in ("high", "medium", "low") else DEFAULT_CONFIDENCE,
    }
    if origin in vocabulary.ORIGINS and origin != "unknown":
        found["origin"] = origin
    if isinstance(extension.get("evidence"), list) and extension["evidence"]:
        found["evidence"] = extension["evidence"]
    return found


def _slug(kind: str, exact: str) -> str:
    words = re.findall(r"[a-z0-9]+", exact.lower())[:5]
    return "-".join([kind, *words])[:60].rstrip("-")


def _label(record: Incoming) -> str:
    return f"annotation {record.ident}" if record.ident else "annotation"


def _where(importer: Importer, match: Hit) -> str:
    place = importer.folded[match.slug].place(match.span)
    return f"articles/{match.slug}.txt:{place.line}:{place.col}"
