"""Selectors placed on an article: exactly one match for an annotation, every whole-word match for a rule,
or an error that says where to look."""

from __future__ import annotations

from annotated_reader.anchor.match import match, nowhere_hint, path, several_hint, short
from annotated_reader.anchor.resolution import Resolution
from annotated_reader.anchor.selectors import Folded
from annotated_reader.model import Span
from annotated_reader.read import limits, schema, yamlsource
from annotated_reader.read.validate import did_you_mean


class Placing(Resolution):
    """Anchor selectors and evidence passages, reporting selectors that match nowhere or several times."""

    def anchor(self, doc: yamlsource.Document, loc: yamlsource.Loc, slug: str, sel: schema.Selector) -> Span | None:
        """The one span a selector matches, or an error that says where to look."""
        if not self.short_enough(doc, loc, sel):
            return None
        found = match(self.only(slug), (sel.exact, sel.prefix, sel.suffix), self.budget)
        if len(found.hits) == 1:
            return found.hits[0].span
        where = path(slug)
        if not found.hits:
            message, hint = f"selector matches nowhere in {where}", nowhere_hint(found, where)
        else:
            message, hint = f"selector matches {len(found.hits):,} places in {where}", several_hint(found)
            hint = f"add a prefix or suffix to pick one: {hint}"
        self.error(doc, (*loc, "exact"), f"{message}: {short(sel.exact)}", hint)
        return None

    def only(self, slug: str) -> dict[str, Folded]:
        return {slug: self.folded[slug]}

    def rule_spans(
        self, doc: yamlsource.Document, loc: yamlsource.Loc, slug: str, rule: schema.Correction, quiet: bool = False
    ) -> list[Span]:
        folded = self.folded[slug]
        found = match(self.only(slug), (rule.exact, rule.prefix, rule.suffix), self.budget, whole_words=True)
        spans = found.spans
        if len(spans) > limits.RULE_MATCHES:
            self.error(
                doc,
                (*loc, "exact"),
                f"correction rule matches {len(spans):,} places in articles/{slug}.txt; "
                f"the limit is {limits.RULE_MATCHES:,}: {short(rule.exact)}",
                "give the rule a prefix or suffix, or a longer `exact`, so that it marks only the wrong wording",
            )
            return []
        if not spans and not quiet:
            self.error(
                doc,
                (*loc, "exact"),
                f"correction rule matches nowhere in articles/{slug}.txt: {short(rule.exact)}",
                nowhere_hint(found, path(slug)),
            )
        for j, exclusion in enumerate(rule.except_):
            skipped = set(folded.find(rule.exact, exclusion.prefix, exclusion.suffix))
            hit = [s for s in spans if s in skipped]
            if len(hit) != 1 and (not quiet or hit):
                self.error(
                    doc,
                    (*loc, "except", j),
                    f"'except' entry matches {len(hit)} occurrences of "
                    f"{short(rule.exact)} in articles/{slug}.txt; it must match exactly one",
                    "give a prefix or suffix that only the occurrence to skip has",
                )
            spans = [s for s in spans if s not in hit]
        return spans

    def short_enough(
        self, doc: yamlsource.Document, loc: yamlsource.Loc, *selectors: schema.Selector | schema.Exclusion
    ) -> bool:
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

    def evidence(self, doc: yamlsource.Document, loc: yamlsource.Loc, items: list[schema.AnyEvidence]) -> None:
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
