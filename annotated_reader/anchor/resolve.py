"""Resolution: validated annotation files -> the Corpus of placed annotations, with every problem found.

The order of the jobs: definitions (clusters, claims, names), each article's annotations, corpus-wide
correction rules, then the checks of references (references.py)."""

from __future__ import annotations

from typing import TypeVar

from annotated_reader.anchor import meaning
from annotated_reader.anchor.match import short
from annotated_reader.anchor.references import References, reference_hint
from annotated_reader.model import Article, Corpus, Diagnostic, Placed
from annotated_reader.read import limits, schema, yamlsource
from annotated_reader.read.annotation_files import Loaded
from annotated_reader.read.validate import did_you_mean

D = TypeVar("D", schema.Cluster, schema.ClaimDef, schema.Name)  # a definition, found by its id


class Resolver(References):
    """Turns validated files into placed annotations, collecting every problem on the way."""

    memo: meaning.Memo | None = None  # what the checks of meaning found in the last build (kept_checks.py)

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
        refs = self.corpus.by_reference()
        used = set(refs)
        for doc, model in files:
            self.check_definitions(doc, model, used)
            self.check_names(doc, model)
            self.check_overview(doc, model)
        self.diagnostics += meaning.warnings(self.corpus, self.memo, refs)
        return self.corpus

    def define(self, doc: yamlsource.Document, model: schema.AnnotationFile) -> None:
        self.define_table(doc, "clusters", model.clusters, self.corpus.clusters)
        self.define_table(doc, "claims", model.claims, self.corpus.claims)
        self.define_table(doc, "names", model.names, self.corpus.names)

    def define_table(self, doc: yamlsource.Document, key: str, items: list[D], table: dict[str, D]) -> None:
        """Each definition under ``key`` by its id, unless the id is reserved or already taken."""
        for i, item in enumerate(items):
            origin = self.origin(doc, (key, i, "id"))
            if item.id == "index" and key != "names":
                self.diagnostics.append(
                    origin.error(f"'index' is reserved for the {key} index page", "choose another id")
                )
                continue
            if item.id in table:
                first = self.corpus.origins[f"{key}:{item.id}"]
                hint = f"first defined at {first.path}:{first.line}"
                self.diagnostics.append(origin.error(f"duplicate {key[:-1]} id {item.id!r}", hint))
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
        self.annotations(doc, model, slug)

    def annotations(self, doc: yamlsource.Document, model: schema.AnnotationFile, slug: str) -> None:
        """The annotations of an article's file, placed on it in order."""
        for i, ann in enumerate(model.annotations):
            self.annotation(doc, ("annotations", i), slug, ann)

    def annotation(self, doc: yamlsource.Document, loc: yamlsource.Loc, slug: str, ann: schema.AnyAnnotation) -> None:
        if isinstance(ann, schema.Quote) and ann.cluster not in self.corpus.clusters:
            self.error(
                doc,
                (*loc, "cluster"),
                f"unknown quote cluster {ann.cluster!r}",
                reference_hint(ann.cluster, sorted(self.corpus.clusters), "clusters"),
            )
        if isinstance(ann, schema.Claim) and ann.claim not in self.corpus.claims:
            self.error(
                doc,
                (*loc, "claim"),
                f"unknown claim {ann.claim!r}",
                reference_hint(ann.claim, sorted(self.corpus.claims), "claims"),
            )
        if isinstance(ann, schema.Correction):
            self.evidence(doc, (*loc, "evidence"), ann.evidence)
        origin = self.origin(doc, loc)
        if isinstance(ann, schema.Correction) and ann.occurrences == "all":
            spans = self.rule_spans(doc, loc, slug, ann) if self.short_enough(doc, loc, ann, *ann.except_) else []
            for n, span in enumerate(spans, 1):
                self.place(slug, Placed(ann.kind, f"{ann.id}-{n}", slug, span, ann, origin))
            return
        one = self.anchor(doc, loc, slug, ann)
        if one is not None:
            self.place(slug, Placed(ann.kind, ann.id, slug, one, ann, origin))

    def corpus_rule(self, doc: yamlsource.Document, loc: yamlsource.Loc, rule: schema.CorpusCorrection) -> None:
        self.evidence(doc, (*loc, "evidence"), rule.evidence)
        scope = rule.articles if rule.articles is not None else sorted(self.corpus.articles)
        if not self.short_enough(doc, loc, rule, *rule.except_):
            return
        total, origin = 0, self.origin(doc, loc)
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
                self.place(slug, Placed("correction", f"{rule.id}-{n}", slug, span, rule, origin))
            total += len(spans)
        if total == 0:
            self.error(
                doc,
                (*loc, "exact"),
                f"corpus correction rule matches nowhere: {short(rule.exact)}",
                "check the spelling; rules match whole words",
            )


def resolve(articles: dict[str, Article], files: list[Loaded]) -> tuple[Corpus, list[Diagnostic]]:
    resolver = Resolver(articles)
    corpus = resolver.run(files)
    return corpus, resolver.diagnostics
