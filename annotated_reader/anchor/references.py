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
