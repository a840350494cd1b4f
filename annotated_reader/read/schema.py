"""The YAML formats, as pydantic models: the one source for validation, docs and JSON Schema."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from annotated_reader.read.values import visible
from annotated_reader.read.vocabulary import (
    Confidence,
    ErrorKind,
    ErrorOrigin,
    Id,
    Line,
    PartialDate,
    Ref,
    Side,
    Status,
    Text,
    Url,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)

    def __getstate__(self) -> Any:
        """A model pickled as its values and the set of the fields it was given, where pydantic pickles a dict
        of four (the build cache keeps tens of thousands of models, read/cache.py: a fifth less time to
        unpickle); that set is one for all the models given the same fields, so that a pickle holds it once (a
        set each was a sixth of their memory). The models are frozen: nothing adds to the set of one of them
        (a copy takes a copy of it)."""
        given = self.__pydantic_fields_set__
        given = _GIVEN.setdefault(frozenset(given), set(given))
        if self.__pydantic_extra__ is None and self.__pydantic_private__ is None:
            return self.__dict__, given
        return {**super().__getstate__(), "__pydantic_fields_set__": given}

    def __setstate__(self, state: Any) -> None:
        if type(state) is not tuple:
            super().__setstate__(state)
            return
        values, given = state
        _set(self, "__dict__", values)
        _set(self, "__pydantic_fields_set__", given)
        _set(self, "__pydantic_extra__", None)
        _set(self, "__pydantic_private__", None)


_GIVEN: dict[frozenset[str], set[str]] = {}  # fields given -> the one set of them pickled
_set = object.__setattr__


class Selector(Strict):
    """A W3C TextQuoteSelector: ``exact`` plus optional context that makes it unique."""

    exact: Text
    prefix: str = ""
    suffix: str = ""


class PassageEvidence(Selector):
    """A passage in an article of the corpus."""

    article: Id
    note: str = ""
    side: Side | None = Field(
        default=None, description="on claim evidence (required there): supports, disputes or context"
    )


class SourceEvidence(Strict):
    """Outside knowledge: a named source (and URL where there is one) with a confidence."""

    source: Line
    url: Url | None = None
    note: str = ""
    confidence: Confidence
    side: Side | None = Field(
        default=None, description="on claim evidence (required there): supports, disputes or context"
    )


def _evidence_tag(value: object) -> str:
    return "passage" if isinstance(value, dict) and "article" in value else "source"


AnyEvidence = PassageEvidence | SourceEvidence  # one item of evidence
Evidence = Annotated[
    Annotated[PassageEvidence, Tag("passage")] | Annotated[SourceEvidence, Tag("source")], Discriminator(_evidence_tag)
]


class Exclusion(Strict):
    """One occurrence a correction rule must leave alone, told apart by its context."""

    prefix: str = ""
    suffix: str = ""


class AnchoredBase(Selector):
    id: Id
    note: str = ""


class Correction(AnchoredBase):
    kind: Literal["correction"]
    corrected: Line
    error: ErrorKind
    confidence: Confidence
    origin: ErrorOrigin = Field(
        default="unknown",
        description="where the error came from: the original outlet's own text (source), "
        "translation or rewording (translation), or not known (unknown)",
    )
    evidence: list[Evidence] = []
    occurrences: Literal["one", "all"] = "one"
    except_: list[Exclusion] = Field(default=[], alias="except")
    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _rule_only_options(self) -> Correction:
        if self.except_ and self.occurrences != "all":
            raise ValueError("'except' only applies with 'occurrences: all'")
        if self.origin == "source" and self.error == "mistranslation":
            raise ValueError(
                "'error: mistranslation' with 'origin: source': the original outlet's own words are not a "
                "translation error; use 'origin: translation', or another error kind"
            )
        return self


class Quote(AnchoredBase):
    kind: Literal["quote"]
    cluster: Id


class Claim(AnchoredBase):
    kind: Literal["claim"]
    claim: Id


class Note(AnchoredBase):
    kind: Literal["note"]
    note: Text


class Boilerplate(AnchoredBase):
    kind: Literal["boilerplate"]


AnyAnnotation = Correction | Quote | Claim | Note | Boilerplate  # the model of one annotation, by its kind
Annotation = Annotated[AnyAnnotation, Field(discriminator="kind")]


class CorpusCorrection(Correction):
    """A correction rule for several articles: every occurrence of ``exact`` in each."""

    occurrences: Literal["all"] = "all"
    articles: list[Id] | None = None


class Original(Strict):
    """A statement as first published (the post, transcript or statement itself), from a cited source."""

    wording: Text = Field(description="the words as first published (or in the cited source's translation)")
    url: Url = Field(description="where these words can be read: no unlabelled outside knowledge")
    publisher: Line = Field(description="who published the page at url")
    date: PartialDate = Field(description="when the statement was first published")
    confidence: Confidence
    note: str = ""


class Cluster(Strict):
    """One statement that several outlets report: its speaker, date, channel."""

    id: Id
    title: Line
    speaker: Line
    date: PartialDate | None = None
    channel: Line | None = None
    primary: Ref | None = Field(default=None, description="the quote closest to the original words")
    original: Original | None = Field(default=None, description="the statement as first published")
    note: str = ""


class ClaimDef(Strict):
    """A contested claim, defined once; articles point at it with ``kind: claim``."""

    id: Id
    claim: Line
    claimant: Line
    status: Status
    disputed_by: list[Line] = []
    date: PartialDate | None = None
    evidence: list[Evidence] = []
    note: str = ""


NAME_TYPES = ("person", "place", "organisation", "other")


class Name(Strict):
    """A person, place or organisation, with the other spellings the corpus uses for it."""

    id: Id
    name: Line = Field(description="the spelling this project uses")
    type: Literal["person", "place", "organisation", "other"]
    spellings: list[Line] = Field(default=[], description="other spellings found in the articles")
    note: str = ""


class OverviewSentence(Strict):
    """One sentence of the home page's overview, linked to the one claim, cluster or passage behind it."""

    text: Line
    claim: Id | None = None
    cluster: Id | None = None
    passage: Ref | None = Field(default=None, description="article-slug#annotation-id of the passage behind it")

    @model_validator(mode="after")
    def _one_link(self) -> OverviewSentence:
        if sum(x is not None for x in (self.claim, self.cluster, self.passage)) != 1:
            raise ValueError("each overview sentence links to exactly one of 'claim', 'cluster' or 'passage'")
        return self


class AnnotationFile(Strict):
    """Any file under annotations/: an article's annotations and/or corpus-wide definitions."""

    article: Id | None = None
    annotations: list[Annotation] = []
    clusters: list[Cluster] = []
    claims: list[ClaimDef] = []
    corrections: list[CorpusCorrection] = []
    names: list[Name] = []
    questions: list[Line] = Field(default=[], description="discussion questions, shown at the end of the article")
    overview: list[OverviewSentence] = Field(default=[], description="the home page's overview of what happened")

    @model_validator(mode="after")
    def _not_empty(self) -> AnnotationFile:
        if self.annotations and self.article is None:
            raise ValueError("'annotations' needs 'article: <slug>' naming the article they belong to")
        if self.questions and self.article is None:
            raise ValueError("'questions' needs 'article: <slug>' naming the article they are about")
        if self.article is None and not (
            self.clusters or self.claims or self.corrections or self.names or self.overview
        ):
            raise ValueError(
                "the file defines nothing: expected 'article' with 'annotations', "
                "or corpus-wide 'clusters', 'claims', 'corrections', 'names' or 'overview'"
            )
        return self


How = Literal["stated", "inferred", "verified", "unknown"]
PROVENANCE_FIELDS = ("title", "outlet", "url", "published", "language", "translation", "source_language")


class Provenance(Strict):
    how: How
    basis: Line
    url: Url | None = Field(
        default=None, description="with 'how: verified': the outside source that confirms the value"
    )
    publisher: Line | None = Field(default=None, description="with 'how: verified': who published that source")
    date: PartialDate | None = Field(default=None, description="with 'how: verified': the source's date")

    @model_validator(mode="after")
    def _verified_source(self) -> Provenance:
        given = [k for k in ("url", "publisher", "date") if getattr(self, k) is not None]
        if self.how == "verified" and len(given) < 3:
            missing = ", ".join(k for k in ("url", "publisher", "date") if k not in given)
            raise ValueError(f"'how: verified' needs the source that confirms the value: add {missing}")
        if self.how != "verified" and given:
            raise ValueError(f"{', '.join(given)} only go with 'how: verified' (a value confirmed by that source)")
        return self


class ArticleMeta(Strict):
    """articles/<slug>.yml: what is known about one raw text, and how it is known."""

    corpus_id: Line | None = Field(
        default=None, description="the text's id in the original corpus; none for other texts"
    )
    title: Line
    outlet: Line | None
    url: Url | None
    published: PartialDate | None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    translation: Literal["original", "human", "machine"] | None
    source_language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None
    provenance: dict[str, Provenance]
    description: Annotated[str, AfterValidator(visible)] = ""
    tags: list[Id] = Field(default=[], description="topics plainly true of the text; one listing page per tag")

    @model_validator(mode="after")
    def _provenance_complete(self) -> ArticleMeta:
        fields = PROVENANCE_FIELDS
        missing = [f for f in fields if f not in self.provenance]
        extra = [f for f in self.provenance if f not in fields]
        if missing or extra:
            raise ValueError(
                f"provenance must cover exactly: {', '.join(fields)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(extra)}" if extra else "")
            )
        for name in fields:
            unknown = getattr(self, name) is None
            if unknown != (self.provenance[name].how == "unknown"):
                raise ValueError(
                    f"'{name}' is {'null' if unknown else 'set'} but its provenance says "
                    f"'{self.provenance[name].how}'; use null with 'unknown', a value otherwise"
                )
        return self


KIND_MODELS: dict[str, type[AnchoredBase]] = {
    "correction": Correction,
    "quote": Quote,
    "claim": Claim,
    "note": Note,
    "boilerplate": Boilerplate,
}
