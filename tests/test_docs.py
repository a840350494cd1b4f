"""The docs cover the formats: every kind, every field, every status and error kind (Datasette's test_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotated_reader import schema
from annotated_reader.kinds import KINDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
MODELS = [
    schema.ArticleMeta,
    schema.Provenance,
    schema.AnnotationFile,
    schema.Cluster,
    schema.ClaimDef,
    schema.PassageEvidence,
    schema.SourceEvidence,
    schema.Exclusion,
    schema.CorpusCorrection,
    *schema.KIND_MODELS.values(),
]


def test_registry_and_schema_name_the_same_kinds() -> None:
    assert list(KINDS) == list(schema.KIND_MODELS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_documented_with_an_example(kind: str) -> None:
    assert f"**{kind}**" in README
    assert re.search(rf"kind: {kind}\b", README), f"README has no example of kind {kind!r}"


@pytest.mark.parametrize("field", sorted({f.alias or name for m in MODELS for name, f in m.model_fields.items()}))
def test_every_field_is_documented(field: str) -> None:
    assert re.search(rf"(^|[\s`{{(\[]){re.escape(field)}:", README, re.M) or f"`{field}`" in README, field


@pytest.mark.parametrize("value", [*schema.STATUSES, *schema.ERROR_KINDS])
def test_every_status_and_error_kind_is_documented(value: str) -> None:
    assert value in README
