"""Plain data shared by every stage: frozen dataclasses, no behaviour beyond formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeVar

from annotated_reader.read.history import Dates, History
from annotated_reader.read.schema import (
    AnchoredBase,
    ArticleMeta,
    Claim,
    ClaimDef,
    Cluster,
    CorpusCorrection,
    Correction,
    Name,
    OverviewSentence,
    PassageEvidence,
    Quote,
)

if TYPE_CHECKING:  # the types only: schema and anchoring import this module
    from annotated_reader.anchor.selectors import Folded

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """One problem in one input file, printed as ``path:line:col: severity: message``."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str = ""

    def format(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head


class BuildFailed(Exception):
    """Raised by the build with every diagnostic it gathered; only the CLI prints them. ``log`` is the
    output of a tool that failed (mkdocs, Pagefind), kept in the order the tool wrote it: printed after
    the diagnostics, never sorted with them."""

    def __init__(self, diagnostics: list[Diagnostic], log: tuple[str, ...] = ()) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = sorted(diagnostics)
        self.log = log


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value came from, for diagnostics."""

    path: str
    line: int = 1
    col: int = 1

    def error(self, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(self.path, self.line, self.col, "error", message, hint)

    def warning(self, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(self.path, self.line, self.col, "warning", message, hint)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in an article's raw text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A raw text (never modified) and its metadata."""

    slug: str
    text: str
    meta: ArticleMeta
    text_path: str
    meta_path: str
    folded: Folded | None = field(default=None, compare=False, repr=False)  # of text, made by loading

    @property
    def title(self) -> str:
        return str(self.meta.title)


@dataclass(frozen=True, slots=True)
class Placed:
    """One anchored annotation occurrence: a kind, a permalink id, a span and its spec."""

    kind: str
    id: str
    article: str
    span: Span
    spec: AnchoredBase  # the validated pydantic model of its kind
    origin: Origin

    @property
    def correction(self) -> Correction:
        """The spec of a correction (or of an occurrence of a correction rule)."""
        return _of(self.spec, Correction)

    @property
    def quote(self) -> Quote:
        return _of(self.spec, Quote)

    @property
    def claim(self) -> Claim:
        return _of(self.spec, Claim)


K = TypeVar("K", bound=AnchoredBase)


def _of(spec: AnchoredBase, kind: type[K]) -> K:
    """``spec`` as the model of ``kind``; asking a quote for its correction is a bug, not a contributor's error."""
    if not isinstance(spec, kind):
        raise TypeError(f"{type(spec).__name__} is not a {kind.__name__}")
    return spec


@dataclass(frozen=True)
class Corpus:
    """Everything the pages need, gathered before anything is written. Frozen: resolution fills its tables,
    nothing after it replaces one."""

    articles: dict[str, Article] = field(default_factory=dict)
    placed: dict[str, list[Placed]] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    claims: dict[str, ClaimDef] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    passages: dict[PassageEvidence, Span] = field(default_factory=dict)  # resolved PassageEvidence -> span
    folded: dict[str, Folded] = field(default_factory=dict)  # slug -> the folded text, built once
    annotation_files: dict[str, str] = field(default_factory=dict)  # slug -> the file with `article: <slug>`
    names: dict[str, Name] = field(default_factory=dict)
    questions: dict[str, list[str]] = field(default_factory=dict)  # slug -> discussion questions
    overview: list[OverviewSentence] = field(default_factory=list)  # the home page's opening, sentence by sentence
    history: History = field(default_factory=History)  # from git, when the build runs in a checkout

    def dates(self, p: Placed) -> Dates | None:
        """When the annotation behind ``p`` was added and last changed, if the history knows."""
        key = f"corrections:{p.spec.id}" if isinstance(p.spec, CorpusCorrection) else f"{p.article}#{p.spec.id}"
        return self.history.dates.get(key)

    def all_placed(self) -> list[Placed]:
        return [p for slug in self.articles for p in self.placed.get(slug, [])]

    def by_reference(self) -> dict[tuple[str, str], list[Placed]]:
        """Quotes by ("clusters", id) and claim passages by ("claims", id), in corpus order."""
        found: dict[tuple[str, str], list[Placed]] = {}
        for p in self.all_placed():
            spec = p.spec  # a quote's spec is a Quote, a claim's a Claim (Placed.quote, Placed.claim)
            if isinstance(spec, Quote):
                found.setdefault(("clusters", spec.cluster), []).append(p)
            elif isinstance(spec, Claim):
                found.setdefault(("claims", spec.claim), []).append(p)
        return found
