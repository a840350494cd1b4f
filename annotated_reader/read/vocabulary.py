"""The vocabulary of the YAML formats: field types (ids, dates, URLs, one-line texts) and the closed lists
(error kinds, origins, sides, statuses) with what readers see for each; ``schema`` builds its models of them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from annotated_reader.read.values import clean_url, real_date, visible

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80, description="lowercase letters, digits and single hyphens"
    ),
]
Ref = Annotated[
    str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$", description="article-slug#annotation-id")
]
PartialDate = Annotated[
    str,
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD"),
    AfterValidator(real_date),
]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
Line = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(visible)]  # shown as one line of text
Url = Annotated[str, Field(pattern=r"^https?://[^\s<>\"']+$"), AfterValidator(clean_url)]
Confidence = Literal["high", "medium", "low"]
ErrorKind = Literal["name", "mistranslation", "garbled", "role-title", "date-number", "grammar"]
Status = Literal["supported", "disputed", "false", "misleading", "unverified"]
ErrorOrigin = Literal["source", "translation", "unknown"]
Side = Literal["supports", "disputes", "context"]

ERROR_KINDS: dict[str, str] = {
    "name": "a misspelt or mistransliterated name of a person, place or organisation",
    "mistranslation": "a word or idiom translated literally or wrongly",
    "garbled": "a phrase or sentence that no longer makes sense",
    "role-title": "a wrong role, rank or title",
    "date-number": "a wrong date or number",
    "grammar": "a slip of grammar that changes or blurs the meaning (a country as 'her', a broken sentence)",
}
ORIGINS: dict[str, str] = {  # origin: what readers see in the correction's note
    "source": "error in the original report",
    "translation": "introduced in translation",
    "unknown": "origin unknown",
}
SIDES: dict[str, str] = {  # side: what the item does for the claim
    "supports": "supports the claim",
    "disputes": "disputes the claim",
    "context": "gives context",
}
STATUSES: dict[str, tuple[str, str]] = {  # status: (icon, meaning)
    "supported": ("✔", "the evidence shown in the corpus backs the claim"),
    "disputed": ("⚖", "a named party denies or questions it and the corpus does not settle it"),
    "false": ("✘", "the evidence shown contradicts the claim"),
    "misleading": ("⚠", "true in part, but framed so as to suggest something the evidence does not show"),
    "unverified": ("?", "only one side gives it and nothing in the corpus confirms or refutes it"),
}
