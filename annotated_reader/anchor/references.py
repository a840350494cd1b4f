"""Every reference checked once the annotations are placed: ids unique, definitions used, primary quotes,
spellings of names."""

from __future__ import annotations

from annotated_reader.anchor.placing import Placing
from annotated_reader.model import Placed
from annotated_reader.read import schema, yamlsource
from annotated_reader.read.validate import did_you_mean


class References(Placing):
    """The checks that need every annotation placed first."""

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
            self.check_sides(doc, ("claims", i, "evidence"), claim)
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

    def check_sides(self, doc: yamlsource.Document, loc: yamlsource.Loc, claim: schema.ClaimDef) -> None:
        """Every item of a claim's evidence says which side it is on: claim pages group by it."""
        for j, item in enumerate(claim.evidence):
            if item.side is None:
                self.error(
                    doc,
                    (*loc, j),
                    f"evidence item {j + 1} of claim {claim.id!r} has no 'side'",
                    "add `side: supports`, `side: disputes` or `side: context`: "
                    "what this item does for the claim, so readers see both sides apart",
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

    def check_overview(self, doc: yamlsource.Document, model: schema.AnnotationFile) -> None:
        """Each overview sentence links to a claim, cluster or placed annotation that exists."""
        if model.overview and self.corpus.overview:
            self.error(
                doc, ("overview",), "a second 'overview'", "keep the overview in one file (annotations/overview.yml)"
            )
            return
        for i, sentence in enumerate(model.overview):
            missing = self.overview_target(sentence)
            if missing:
                field, value, hint = missing
                self.error(
                    doc, ("overview", i, field), f"overview sentence {i + 1} links to unknown {field} {value!r}", hint
                )
        self.corpus.overview.extend(model.overview)

    def overview_target(self, sentence: schema.OverviewSentence) -> tuple[str, str, str] | None:
        """(field, value, hint) when the sentence's link leads nowhere."""
        if sentence.claim is not None and sentence.claim not in self.corpus.claims:
            return "claim", sentence.claim, reference_hint(sentence.claim, sorted(self.corpus.claims), "claims")
        if sentence.cluster is not None and sentence.cluster not in self.corpus.clusters:
            return (
                "cluster",
                sentence.cluster,
                reference_hint(sentence.cluster, sorted(self.corpus.clusters), "clusters"),
            )
        if sentence.passage is not None:
            slug, _, ident = sentence.passage.partition("#")
            if slug not in self.corpus.articles:
                return (
                    "passage",
                    sentence.passage,
                    "unknown article: " + did_you_mean(slug, sorted(self.corpus.articles)),
                )
            if not any(p.spec.id == ident for p in self.corpus.placed.get(slug, [])):
                ids = sorted({f"{slug}#{p.spec.id}" for p in self.corpus.placed.get(slug, [])})
                return "passage", sentence.passage, did_you_mean(sentence.passage, ids)
        return None

    def primary(self, doc: yamlsource.Document, loc: yamlsource.Loc, cluster: schema.Cluster) -> None:
        slug, _, ident = (cluster.primary or "").partition("#")
        found = [p for p in self.corpus.placed.get(slug, []) if p.id == ident]
        if not found or found[0].kind != "quote" or found[0].quote.cluster != cluster.id:
            self.error(
                doc,
                loc,
                f"primary {cluster.primary!r} is not a quote of cluster {cluster.id!r}",
                "point it at `article-slug#quote-id` of a quote annotation with this cluster",
            )


def reference_hint(name: str, defined: list[str], section: str) -> str:
    if not defined:
        return f"no {section} are defined yet: add it under `{section}:` in a corpus file (annotations/{section}.yml)"
    return did_you_mean(name, defined) + f" ({section} are defined under `{section}:` in a corpus file)"
