"""schema/*.schema.json: fresh, referenced by every shipped YAML file, and in agreement with the validator."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

from annotated_reader.interop import json_schema
from annotated_reader.read import schema, yamlsource
from tests.helpers import meta_data

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted([*(ROOT / "annotations").rglob("*.yml"), *(ROOT / "articles").glob("*.yml")])


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _validator(model: type[BaseModel]) -> Draft202012Validator:
    name = next(name for name, (m, _) in json_schema.SCHEMAS.items() if m is model)
    return Draft202012Validator(json.loads((ROOT / json_schema.FOLDER / name).read_text("utf-8")))


def _pydantic_accepts(model: type[BaseModel], data: Any) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def _schema_accepts(model: type[BaseModel], data: Any) -> bool:
    return not list(_validator(model).iter_errors(data))


def test_committed_schemas_are_fresh() -> None:
    expected = json_schema.files()
    stored = {_rel(p): p.read_text("utf-8") for p in sorted((ROOT / json_schema.FOLDER).glob("*"))}
    assert sorted(stored) == sorted(expected), "schema/ holds other files: run `make schema` and commit schema/"
    for rel, text in expected.items():
        assert stored[rel] == text, f"{rel} is stale: run `make schema` and commit it"


@pytest.mark.parametrize("name", list(json_schema.SCHEMAS))
def test_schemas_are_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(json.loads((ROOT / json_schema.FOLDER / name).read_text("utf-8")))


def test_schemas_are_deterministic() -> None:
    assert json_schema.files() == json_schema.files()


@pytest.mark.parametrize("path", SHIPPED, ids=_rel)
def test_shipped_file_names_its_schema_on_the_first_line(path: Path) -> None:
    line = json_schema.modeline(_rel(path))
    assert line is not None
    first = path.read_text("utf-8").split("\n", 1)[0]
    assert first == line, f"{_rel(path)} must start with the line `{line}` (editors find the schema with it)"
    target = (path.parent / line.split("$schema=", 1)[1]).resolve()
    assert target.is_file(), f"{target} does not exist"


@pytest.mark.parametrize("path", SHIPPED, ids=_rel)
def test_shipped_files_are_valid_for_the_schema_and_the_validator(path: Path) -> None:
    rel = _rel(path)
    doc, problems = yamlsource.load(rel, path.read_bytes())
    assert problems == [], "our loader reads the file with its schema line"
    model = schema.AnnotationFile if rel.startswith("annotations/") else schema.ArticleMeta
    assert _pydantic_accepts(model, doc.data)
    assert [e.message for e in _validator(model).iter_errors(doc.data)] == []


def test_modeline_paths_are_relative_to_the_file() -> None:
    line = "# yaml-language-server: $schema="
    assert json_schema.modeline("annotations/a.yml") == line + "../schema/annotation-file.schema.json"
    assert json_schema.modeline("annotations/x/a.yml") == line + "../../schema/annotation-file.schema.json"
    assert json_schema.modeline("articles/a.yml") == line + "../schema/article-meta.schema.json"
    assert json_schema.modeline("mkdocs.yml") is None


def _correction(**more: Any) -> dict[str, Any]:
    ann = {"id": "suja", "kind": "correction", "exact": "Suja", "corrected": "Sudzha", "error": "name"}
    return {**ann, "confidence": "high", **more}


VALID_FILES = {
    "article with a correction": {"article": "a", "annotations": [_correction()]},
    "correction rule with except": {
        "article": "a",
        "annotations": [_correction(occurrences="all", **{"except": [{"suffix": " fell"}]})],
    },
    "corpus definitions only": {
        "clusters": [{"id": "c", "title": "T", "speaker": "S", "date": "2025-03"}],
        "claims": [{"id": "k", "claim": "C", "claimant": "P", "status": "disputed"}],
        "annotations": [],
    },
    "evidence of both sorts": {
        "corrections": [
            _correction(
                evidence=[
                    {"article": "b", "exact": "Sudzha"},
                    {"source": "Outside knowledge", "confidence": "medium", "url": "https://example.org/x"},
                ]
            )
        ]
    },
}
INVALID_FILES = {
    "misspelt key": {"article": "a", "annotations": [{**_correction(), "qoute": "x"}]},
    "unknown kind": {"article": "a", "annotations": [_correction(kind="fix")]},
    "corrected left empty": {"article": "a", "annotations": [{**_correction(), "corrected": None}]},
    "except without occurrences all": {"article": "a", "annotations": [_correction(**{"except": [{"prefix": "x"}]})]},
    "annotations without article": {"annotations": [_correction()]},
    "a file that defines nothing": {"clusters": []},
    "id with capitals": {"article": "a", "annotations": [_correction(id="Suja")]},
    "unknown status": {"claims": [{"id": "k", "claim": "C", "claimant": "P", "status": "contested"}]},
    "source without confidence": {"corrections": [_correction(evidence=[{"source": "Outside knowledge"}])]},
    "a date as a number": {"clusters": [{"id": "c", "title": "T", "speaker": "S", "date": 2025}]},
    "a note that is not text": {"article": "a", "annotations": [_correction(note=True)]},
    "note kind without a note": {"article": "a", "annotations": [{"id": "n", "kind": "note", "exact": "x"}]},
}
VALID_META = {"all unknown": meta_data(), "outlet stated": meta_data(outlet="The Guardian")}
VALID_META["outlet stated"]["provenance"] = {
    **meta_data()["provenance"],
    "outlet": {"how": "stated", "basis": "byline"},
}
INVALID_META = {
    "outlet set but unknown": meta_data(outlet="The Guardian"),
    "provenance incomplete": meta_data(provenance={"title": {"how": "stated", "basis": "x"}}),
    "provenance of an unknown field": meta_data(
        provenance={**meta_data()["provenance"], "author": {"how": "unknown", "basis": "x"}}
    ),
    "bad translation": meta_data(translation="automatic"),
}


@pytest.mark.parametrize("name", list(VALID_FILES))
def test_both_accept_a_valid_annotation_file(name: str) -> None:
    data = VALID_FILES[name]
    assert _pydantic_accepts(schema.AnnotationFile, data)
    assert _schema_accepts(schema.AnnotationFile, data)


@pytest.mark.parametrize("name", list(INVALID_FILES))
def test_both_reject_an_invalid_annotation_file(name: str) -> None:
    data = INVALID_FILES[name]
    assert not _pydantic_accepts(schema.AnnotationFile, data)
    assert not _schema_accepts(schema.AnnotationFile, data)


@pytest.mark.parametrize("name", list(VALID_META))
def test_both_accept_valid_article_metadata(name: str) -> None:
    assert _pydantic_accepts(schema.ArticleMeta, VALID_META[name])
    assert _schema_accepts(schema.ArticleMeta, VALID_META[name])


@pytest.mark.parametrize("name", list(INVALID_META))
def test_both_reject_invalid_article_metadata(name: str) -> None:
    assert not _pydantic_accepts(schema.ArticleMeta, INVALID_META[name])
    assert not _schema_accepts(schema.ArticleMeta, INVALID_META[name])


VALUES = st.sampled_from(
    [
        *(None, 0, 2.5, True, "", "x", "Some words", "Suja", "2025-03-14", "all", "one", "high", "disputed"),
        *("stated", "unknown", "note", "claim", "quote", "boilerplate", "correction", "name", "en"),
        *("https://example.org/", [], {}, ["x"], [{"suffix": "x"}], [{"source": "S", "confidence": "low"}]),
        {"how": "unknown", "basis": "b"},
    ]
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    inner = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    return [here] + [p for key, child in inner for p in _paths(child, (*here, key))]


def _mutate(data: Any, draw: st.DrawFn) -> Any:
    """One random change: a value replaced, a key removed, or a key added."""
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(_paths(data)))
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if not path:
        return draw(VALUES)
    if action == "remove" and isinstance(holder, dict):
        del holder[path[-1]]
    elif action == "add" and isinstance(holder, dict):
        key = draw(st.sampled_from(["occurrences", "except", "note", "article", "prefix", "cluster", "bogus"]))
        holder[key] = draw(VALUES)
    else:
        holder[path[-1]] = draw(VALUES)
    return data


NOTE_FILE = {"article": "a", "annotations": [{"id": "n", "kind": "note", "exact": "x", "note": "y"}]}
SEEDS = [
    *((schema.AnnotationFile, data) for data in [*VALID_FILES.values(), NOTE_FILE]),
    *((schema.ArticleMeta, data) for data in VALID_META.values()),
]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_schema_and_validator_agree_on_random_changes(seed: tuple[type[BaseModel], Any], data: st.DataObject) -> None:
    model, changed = seed
    for _ in range(data.draw(st.integers(1, 2))):
        changed = _mutate(changed, data.draw)
    assert _pydantic_accepts(model, changed) == _schema_accepts(model, changed), changed
