"""JSON Schemas of the YAML formats, for editors, generated from the pydantic models of schema.py.

``python build_site.py schema`` (``make schema``) writes them to ``schema/``. A YAML file whose first
line is its ``# yaml-language-server: $schema=…`` line (see ``modeline``) gets completion, hover help
and red underlines in editors that run the YAML language server (VS Code, Neovim, Helix, ...).

Pydantic's schema has every key, type and choice; the cross-field rules of the model validators are
added here (``_RULES``), so that the schema rejects what ``make check`` rejects before anchoring.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from annotated_reader.read import schema
from annotated_reader.render.escape import GENERATED

FOLDER = "schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
Json = dict[str, Any]  # a JSON Schema, read and rewritten key by key


def _nonempty(key: str) -> Json:
    return {"required": [key], "properties": {key: {"minItems": 1}}}


_ARTICLE_SET: Json = {"required": ["article"], "properties": {"article": {"type": "string"}}}


def _annotation_file(doc: Json) -> None:
    """'annotations' needs 'article'; a file defines something; claim evidence says its side."""
    doc["allOf"] = [
        {"if": _nonempty("annotations"), "then": _ARTICLE_SET},
        {"if": _nonempty("questions"), "then": _ARTICLE_SET},
        {"anyOf": [_ARTICLE_SET, *(_nonempty(k) for k in ("clusters", "claims", "corrections", "names", "overview"))]},
    ]
    _correction(doc["$defs"]["Correction"])
    doc["$defs"]["OverviewSentence"]["oneOf"] = [{"required": [k]} for k in ("claim", "cluster", "passage")]
    doc["$defs"]["ClaimDef"]["allOf"] = [{"properties": {"evidence": {"items": {"required": ["side"]}}}}]


def _correction(doc: Json) -> None:
    """'except' only applies with 'occurrences: all'; 'origin: source' is not a mistranslation."""
    doc["if"] = _nonempty("except")
    doc["then"] = {"required": ["occurrences"], "properties": {"occurrences": {"const": "all"}}}
    doc["allOf"] = [  # the outlet's own words are never a translation error
        {
            "if": {"required": ["origin"], "properties": {"origin": {"const": "source"}}},
            "then": {"properties": {"error": {"not": {"const": "mistranslation"}}}},
        }
    ]


def _how(name: str, rule: Json) -> Json:
    return {"properties": {"provenance": {"properties": {name: {"properties": {"how": rule}}}}}}


def _article_meta(doc: Json) -> None:
    """Provenance covers exactly PROVENANCE_FIELDS; a value is null exactly when its provenance is 'unknown';
    url, publisher and date go with 'how: verified', and it needs all three."""
    provenance = doc["properties"]["provenance"]
    provenance["required"] = list(schema.PROVENANCE_FIELDS)
    provenance["propertyNames"] = {"enum": list(schema.PROVENANCE_FIELDS)}
    doc["allOf"] = [
        {
            "if": {"properties": {name: {"type": "null"}}},
            "then": _how(name, {"const": "unknown"}),
            "else": _how(name, {"not": {"const": "unknown"}}),
        }
        for name in schema.PROVENANCE_FIELDS
    ]
    source = ["url", "publisher", "date"]
    doc["$defs"]["Provenance"]["if"] = {"properties": {"how": {"const": "verified"}}}
    doc["$defs"]["Provenance"]["then"] = {"required": source}
    doc["$defs"]["Provenance"]["else"] = {"not": {"anyOf": [{"required": [k]} for k in source]}}


SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {  # file name: (model, the folder of the files it describes)
    "annotation-file.schema.json": (schema.AnnotationFile, "annotations"),
    "article-meta.schema.json": (schema.ArticleMeta, "articles"),
}
_RULES: dict[type[BaseModel], Callable[[Json], None]] = {
    schema.AnnotationFile: _annotation_file,
    schema.ArticleMeta: _article_meta,
}


def document(model: type[BaseModel]) -> Json:
    """The JSON Schema of one format, cross-field rules included."""
    doc: Json = {
        "$schema": DRAFT,
        "$comment": f"{GENERATED} (source: annotated_reader/read/schema.py; refresh with `make schema`)",
        **model.model_json_schema(),
    }
    _RULES[model](doc)
    return doc


def files() -> dict[str, str]:
    """Every schema file by its path relative to the project, as deterministic JSON text."""
    return {
        f"{FOLDER}/{name}": json.dumps(document(model), indent=2, ensure_ascii=False) + "\n"
        for name, (model, _) in SCHEMAS.items()
    }


def schema_for(path: str) -> str | None:
    """The schema file name for a YAML file (path relative to the project), if it has one."""
    top = path.split("/", 1)[0]
    return next((name for name, (_, folder) in SCHEMAS.items() if folder == top and "/" in path), None)


def modeline(path: str) -> str | None:
    """The first line a YAML file needs for editors to find its schema (path relative to the project)."""
    name = schema_for(path)
    if name is None:
        return None
    relative = posixpath.relpath(f"{FOLDER}/{name}", posixpath.dirname(path))
    return f"# yaml-language-server: $schema={relative}"
