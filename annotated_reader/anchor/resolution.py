"""The state every resolution job shares: the corpus being built, the folded articles, the problems found."""

from __future__ import annotations

from annotated_reader.anchor.selectors import Budget, Folded
from annotated_reader.model import Article, Corpus, Diagnostic, Origin, Placed
from annotated_reader.read import yamlsource


class Resolution:
    """The state of one resolution: the corpus being built, the folded articles, every problem found."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.folded: dict[str, Folded] = {slug: a.folded or Folded(a.text) for slug, a in articles.items()}
        # the folded texts are shared with rendering and export, built once
        self.corpus = Corpus(articles=articles, placed={slug: [] for slug in articles}, folded=self.folded)
        self.diagnostics: list[Diagnostic] = []
        self.budget = Budget()  # fuzzy work for the "closest passage" hints of this run

    def origin(self, doc: yamlsource.Document, loc: yamlsource.Loc) -> Origin:
        return Origin(doc.path, *doc.where(loc))

    def error(self, doc: yamlsource.Document, loc: yamlsource.Loc, message: str, hint: str = "") -> None:
        self.diagnostics.append(self.origin(doc, loc).error(message, hint))

    def warn(self, doc: yamlsource.Document, loc: yamlsource.Loc, message: str, hint: str = "") -> None:
        self.diagnostics.append(self.origin(doc, loc).warning(message, hint))

    def place(self, slug: str, placed: Placed) -> None:
        self.corpus.placed[slug].append(placed)
