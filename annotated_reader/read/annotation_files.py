"""Load every annotation file, validate it, and resolve it against the articles.

Resolution anchors each selector (exactly one match, or every whole-word match for a rule),
checks every reference, and returns the Corpus with all diagnostics, sorted by the caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotated_reader import parallel
from annotated_reader.anchor.selectors import Budget, Folded
from annotated_reader.diagnostics import file_error
from annotated_reader.model import Article, Corpus, Diagnostic, Origin, Placed, Span
from annotated_reader.read import inputfiles, limits, schema, yamlsource
from annotated_reader.read.validate import did_you_mean, validate

Loaded = tuple[yamlsource.Document, schema.AnnotationFile]


FILES_PER_CALL = 50  # files read in one piece of work, in a worker or here


def load_files(root: Path, folder: str = "annotations") -> tuple[list[Loaded], list[Diagnostic]]:
    base = root / folder
    if inputfiles.is_link(base):
        return [], [inputfiles.link(folder)]
    if not base.is_dir():
        return [], []
    loaded: list[Loaded] = []
    paths, diagnostics = inputfiles.walk(base, root, (".yml", ".yaml"))  # links refused before anything is read
    for doc, found in _read(root, paths):
        found = found or _not_a_mapping(doc)
        if found:
            diagnostics += found
            continue
        model, found = validate(doc, schema.AnnotationFile)
        diagnostics += found
        if model is not None:
            doc.data = None  # the model holds it now; positions are all a diagnostic needs
            loaded.append((doc, model))
    return loaded, diagnostics


def _read(root: Path, paths: list[Path]) -> Iterator[tuple[yamlsource.Document, list[Diagnostic]]]:
    """Each file parsed, in order; in worker processes when there are many."""
    runs = parallel.chunks(paths, FILES_PER_CALL)
    with parallel.Pool(root, parallel.workers(len(paths))) as pool:
        for parsed in pool.ordered((_parse, (run,)) for run in runs):
            yield from parsed


def _parse(root: Path, paths: list[Path]) -> list[tuple[yamlsource.Document, list[Diagnostic]]]:
    return [yamlsource.load_file(path, path.relative_to(root).as_posix()) for path in paths]


def _not_a_mapping(doc: yamlsource.Document) -> list[Diagnostic]:
    if doc.data is None:
        return [
            file_error(
                doc.path, "empty annotation file", "add `article: <slug>` and `annotations:`, or remove the file"
            )
        ]
    if not isinstance(doc.data, dict):
        return [
            file_error(
                doc.path,
                f"expected a mapping at the top, found {type(doc.data).__name__}",
                "start the file with `article: <slug>` or `clusters:` / `claims:` / `corrections:`",
            )
        ]
    return []


class Resolver:
    """Turns validated files into placed annotations, collecting every problem on the way."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.corpus = Corpus(articles=articles, placed={slug: [] for slug in articles})
        self.folded: dict[str, Folded] = {slug: a.folded or Folded(a.text) for slug, a in articles.items()}
        self.corpus.folded = self.folded  # shared with rendering and export, built once
        self.diagnostics: list[Diagnostic] = []
        self.budget = Budget()  # fuzzy work for the "closest passage" hints of this run

    def origin(self, doc: yamlsource.Document, loc: tuple[Any, ...]) -> Origin:
        return Origin(doc.path, *doc.where(loc))

    def error(self, doc: yamlsource.Document, loc: tuple[Any, ...], message: str, hint: str = "") -> None:
        self.diagnostics.append(self.origin(doc, loc).error(message, hint))

    def warn(self, doc: yamlsource.Document, loc: tuple[Any, ...], message: str, hint: str = "") -> None:
        self.diagnostics.append(self.origin(doc, loc).warning(message, hint))

    def run(self, files: list[Loaded]) -> Corpus:
        for doc, model in files:
            self.define(doc, model)
        seen_articles: dict[str, str] = {}
        for doc, model in files:
            if model.article is not None:
                self.article_file(doc, model, seen_articles)
        for doc, model in files:
            for i, rule in enumerate(model.corrections):
                self.corpus_rule(doc, ("corrections", i), rule)
        self.check_ids()
        used = set(self.corpus.by_reference())
        for doc, model in files:
            self.check_definitions(doc, model, used)
            self.check_names(doc, model)
        return self.corpus

    def define(self, doc: yamlsource.Document, model: schema.AnnotationFile) -> None:
        tables: list[tuple[dict[str, Any], str, list[Any]]] = [
            (self.corpus.clusters, "clusters", list(model.clusters)),
            (self.corpus.claims, "claims", list(model.claims)),
            (self.corpus.names, "names", list(model.names)),
        ]
        for table, key, items in tables:
            for i, item in enumerate(items):
                origin = self.origin(doc, (key, i, "id"))
                if item.id == "index" and key != "names":
                    self.diagnostics.append(
                        origin.error(f"'index' is reserved for the {key} index page", "choose another id")
                    )
                    continue
                if item.id in table:
                    first = self.corpus.origins[f"{key}:{item.id}"]
                    self.diagnostics.append(
                        origin.error(
                            f"duplicate {key[:-1]} id {item.id!r}", f"first defined at {first.path}:{first.line}"
                        )
                    )
                    continue
                table[item.id] = item
                self.corpus.origins[f"{key}:{item.id}"] = origin

    def article_file(self, doc: yamlsource.Document, model: schema.AnnotationFile, seen: dict[str, str]) -> None:
        slug = model.article or ""
        if slug not in self.corpus.articles:
            self.error(doc, ("article",), f"unknown article {slug!r}", did_you_mean(slug, sorted(self.corpus.articles)))
            return
        if slug in seen:
            self.error(
                doc,
                ("article",),
                f"article {slug!r} already has an annotation file",
                f"move these annotations into {seen[slug]}",
            )
            return
        seen[slug] = doc.path
        self.corpus.annotation_files[slug] = doc.path
        if model.questions:
            self.corpus.questions[slug] = list(model.questions)
        if len(model.annotations) > limits.ANNOTATIONS_PER_FILE:
            self.error(
                doc,
                ("annotations",),
                f"{len(model.annotations):,} annotations; the limit is {limits.ANNOTATIONS_PER_FILE:,} in one file",
                "annotate fewer passages, or use one correction rule (`occurrences: all`) for a repeated word",
            )
            return
        for i, ann in enumerate(model.annotations):
            self.annotation(doc, ("annotations", i), slug, ann)

    def annotation(self, doc: yamlsource.Document, loc: tuple[Any, ...], slug: str, ann: Any) -> None:
        if isinstance(ann, schema.Quote) and ann.cluster not in self.corpus.clusters:
            self.error(
                doc,
                (*loc, "cluster"),
                f"unknown quote cluster {ann.cluster!r}",
                _reference_hint(ann.cluster, sorted(self.corpus.clusters), "clusters"),
            )
        if isinstance(ann, schema.Claim) and ann.claim not in self.corpus.claims:
            self.error(
                doc,
                (*loc, "claim"),
                f"unknown claim {ann.claim!r}",
                _reference_hint(ann.claim, sorted(self.corpus.claims), "claims"),
            )
        if isinstance(ann, schema.Correction):
            self.evidence(doc, (*loc, "evidence"), ann.evidence)
        origin = self.origin(doc, loc)
        if getattr(ann, "occurrences", "one") == "all":
            spans = self.rule_spans(doc, loc, slug, ann) if self.short_enough(doc, loc, ann, *ann.except_) else []
            for n, span in enumerate(spans, 1):
                self.place(slug, Placed(ann.kind, f"{ann.id}-{n}", slug, span, ann, origin))
            return
        one = self.anchor(doc, loc, slug, ann)
        if one is not None:
            self.place(slug, Placed(ann.kind, ann.id, slug, one, ann, origin))

    def place(self, slug: str, placed: Placed) -> None:
        self.corpus.placed[slug].append(placed)

    def anchor(self, doc: yamlsource.Document, loc: tuple[Any, ...], slug: str, sel: Any) -> Span | None:
        """The one span a selector matches, or an error that says where to look."""
        if not self.short_enough(doc, loc, sel):
            return None
        folded = self.folded[slug]
        matches = folded.find(sel.exact, sel.prefix, sel.suffix)
        if len(matches) == 1:
            return matches[0]
        where = f"articles/{slug}.txt"
        if not matches:
            self.error(
                doc,
                (*loc, "exact"),
                f"selector matches nowhere in {where}: {_short(sel.exact)}",
                _closest_hint(folded, sel.exact, where, self.budget),
            )
            return None
        places = "; ".join(_uniquely(folded, m) for m in matches[: limits.HINT_PLACES]) + _more(matches)
        self.error(
            doc,
            (*loc, "exact"),
            f"selector matches {len(matches):,} places in {where}: {_short(sel.exact)}",
            f"add a prefix or suffix to pick one: {places}",
        )
        return None

    def rule_spans(
        self, doc: yamlsource.Document, loc: tuple[Any, ...], slug: str, rule: Any, quiet: bool = False
    ) -> list[Span]:
        folded = self.folded[slug]
        spans = folded.find(rule.exact, rule.prefix, rule.suffix, whole_words=True)
        if len(spans) > limits.RULE_MATCHES:
            self.error(
                doc,
                (*loc, "exact"),
                f"correction rule matches {len(spans):,} places in articles/{slug}.txt; "
                f"the limit is {limits.RULE_MATCHES:,}: {_short(rule.exact)}",
                "give the rule a prefix or suffix, or a longer `exact`, so that it marks only the wrong wording",
            )
            return []
        if not spans and not quiet:
            self.error(
                doc,
                (*loc, "exact"),
                f"correction rule matches nowhere in articles/{slug}.txt: {_short(rule.exact)}",
                _closest_hint(folded, rule.exact, f"articles/{slug}.txt", self.budget),
            )
        for j, exclusion in enumerate(rule.except_):
            skipped = set(folded.find(rule.exact, exclusion.prefix, exclusion.suffix))
            hit = [s for s in spans if s in skipped]
            if len(hit) != 1 and (not quiet or hit):
                self.error(
                    doc,
                    (*loc, "except", j),
                    f"'except' entry matches {len(hit)} occurrences of "
                    f"{_short(rule.exact)} in articles/{slug}.txt; it must match exactly one",
                    "give a prefix or suffix that only the occurrence to skip has",
                )
            spans = [s for s in spans if s not in hit]
        return spans

    def short_enough(self, doc: yamlsource.Document, loc: tuple[Any, ...], *selectors: Any) -> bool:
        """Every ``exact``/``prefix``/``suffix`` of these selectors within limits.SELECTOR_CHARS, or an error."""
        ok = True
        for n, sel in enumerate(selectors):
            at = loc if n == 0 else (*loc, "except", n - 1)
            for key in ("exact", "prefix", "suffix"):
                message = limits.too_long(f"`{key}`", getattr(sel, key, "") or "")
                if message:
                    self.error(doc, (*at, key), message, "quote a shorter passage: a sentence or two is enough")
                    ok = False
        return ok

    def corpus_rule(self, doc: yamlsource.Document, loc: tuple[Any, ...], rule: schema.CorpusCorrection) -> None:
        self.evidence(doc, (*loc, "evidence"), rule.evidence)
        scope = rule.articles if rule.articles is not None else sorted(self.corpus.articles)
        if not self.short_enough(doc, loc, rule, *rule.except_):
            return
        total = 0
        for j, slug in enumerate(scope):
            if slug not in self.corpus.articles:
                self.error(
                    doc,
                    (*loc, "articles", j),
                    f"unknown article {slug!r}",
                    did_you_mean(slug, sorted(self.corpus.articles)),
                )
                continue
            spans = self.rule_spans(doc, loc, slug, rule, quiet=True)
            for n, span in enumerate(spans, 1):
                self.place(slug, Placed("correction", f"{rule.id}-{n}", slug, span, rule, self.origin(doc, loc)))
            total += len(spans)
        if total == 0:
            self.error(
                doc,
                (*loc, "exact"),
                f"corpus correction rule matches nowhere: {_short(rule.exact)}",
                "check the spelling; rules match whole words",
            )

    def evidence(self, doc: yamlsource.Document, loc: tuple[Any, ...], items: list[Any]) -> None:
        for j, item in enumerate(items):
            if isinstance(item, schema.PassageEvidence):
                if item.article not in self.corpus.articles:
                    self.error(
                        doc,
                        (*loc, j, "article"),
                        f"unknown article {item.article!r}",
                        did_you_mean(item.article, sorted(self.corpus.articles)),
                    )
                else:
                    found = self.anchor(doc, (*loc, j), item.article, item)
                    if found is not None:
                        self.corpus.passages[item] = found

    def check_ids(self) -> None:
        for slug, placed in self.corpus.placed.items():
            seen: dict[str, Placed] = {}
            for p in placed:
                if p.id in seen:
                    first = seen[p.id].origin
                    self.diagnostics.append(
                        p.origin.error(
                            f"duplicate annotation id {p.id!r} in article {slug!r}",
                            f"first used at {first.path}:{first.line}; ids are permalinks and must be unique",
                        )
                    )
                seen[p.id] = p
            placed.sort(key=lambda p: (p.span.start, -p.span.end, p.id))

    def check_definitions(
        self, doc: yamlsource.Document, model: schema.AnnotationFile, used: set[tuple[str, str]]
    ) -> None:
        """Primary quotes, claim evidence, and definitions that no annotation uses."""
        for i, cluster in enumerate(model.clusters):
            if cluster.primary is not None:
                self.primary(doc, ("clusters", i, "primary"), cluster)
            if ("clusters", cluster.id) not in used:
                self.warn(
                    doc,
                    ("clusters", i, "id"),
                    f"quote cluster {cluster.id!r} is not used by any quote",
                    "anchor a `kind: quote` with this cluster in an article, or remove it",
                )
        for i, claim in enumerate(model.claims):
            self.evidence(doc, ("claims", i, "evidence"), claim.evidence)
            if ("claims", claim.id) not in used:
                self.warn(
                    doc,
                    ("claims", i, "id"),
                    f"claim {claim.id!r} does not appear in any article",
                    "anchor a `kind: claim` with this claim in an article, or remove it",
                )
            if not claim.evidence:
                self.warn(
                    doc,
                    ("claims", i, "id"),
                    f"claim {claim.id!r} has no evidence",
                    "add evidence: passages of the corpus or outside sources with a confidence",
                )

    def check_names(self, doc: yamlsource.Document, model: schema.AnnotationFile) -> None:
        """Every listed spelling of a name must occur in some article."""
        for i, name in enumerate(model.names):
            for j, spelling in enumerate(name.spellings):
                if not any(f.find(spelling, whole_words=True) for f in self.folded.values()):
                    self.warn(
                        doc,
                        ("names", i, "spellings", j),
                        f"spelling {spelling!r} of {name.name!r} occurs in no article",
                        "list only spellings the articles use, copied exactly",
                    )

    def primary(self, doc: yamlsource.Document, loc: tuple[Any, ...], cluster: schema.Cluster) -> None:
        slug, _, ident = (cluster.primary or "").partition("#")
        found = [p for p in self.corpus.placed.get(slug, []) if p.id == ident]
        if not found or found[0].kind != "quote" or found[0].spec.cluster != cluster.id:
            self.error(
                doc,
                loc,
                f"primary {cluster.primary!r} is not a quote of cluster {cluster.id!r}",
                "point it at `article-slug#quote-id` of a quote annotation with this cluster",
            )


def _reference_hint(name: str, defined: list[str], section: str) -> str:
    if not defined:
        return f"no {section} are defined yet: add it under `{section}:` in a corpus file (annotations/{section}.yml)"
    return did_you_mean(name, defined) + f" ({section} are defined under `{section}:` in a corpus file)"


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def _closest_hint(folded: Folded, exact: str, where: str, budget: Budget) -> str:
    found = folded.closest(exact, budget)
    if found is None:
        return f"copy the words from {where} exactly"
    place, score = found
    passage = folded.text[place.span.start : place.span.end]
    return f"closest passage is at line {place.line}, column {place.col} ({score:.0f}% similar): {_short(passage)}"


def _uniquely(folded: Folded, span: Span) -> str:
    place = folded.place(span)
    prefix, suffix = folded.unique_selector(span)
    parts = [f"prefix: {_side(prefix, True)}" if prefix else "", f"suffix: {_side(suffix, False)}" if suffix else ""]
    return f"line {place.line}:{place.col} ({' and '.join(p for p in parts if p)})"


SIDE_SHOWN = 80  # characters of a prefix or suffix shown in a hint


def _side(text: str, before: bool) -> str:
    """A prefix or suffix for a hint: whole when short, else its end (prefix) or start (suffix) and its length."""
    if len(text) <= SIDE_SHOWN:
        return repr(text)
    shown = "…" + text[-SIDE_SHOWN:] if before else text[:SIDE_SHOWN] + "…"
    return f"{shown!r} ({len(text):,} characters)"


def _more(matches: list[Span]) -> str:
    rest = len(matches) - limits.HINT_PLACES
    return f"; and {rest:,} more" if rest > 0 else ""


def resolve(articles: dict[str, Article], files: list[Loaded]) -> tuple[Corpus, list[Diagnostic]]:
    resolver = Resolver(articles)
    corpus = resolver.run(files)
    return corpus, resolver.diagnostics
