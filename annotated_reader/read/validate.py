"""Pydantic validation errors as contributor-friendly diagnostics at their line and column."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from annotated_reader.model import Diagnostic
from annotated_reader.read import schema
from annotated_reader.read.yamlsource import Document, Key, Loc

M = TypeVar("M", bound=BaseModel)
_TYPE_NAMES = {
    "string": "text",
    "list": "a list",
    "dict": "a mapping",
    "int": "a whole number",
    "bool": "true or false",
    "model": "a mapping",
}

_TYPE_HINTS = {
    "list": "write one `- item` per line under the key",
    "dict": "write `key: value` lines, indented under it",
    "model": "write `key: value` lines, indented under it",
}


_CUSTOM_HINTS = {  # the errors of schema.py's own checks
    "invisible_character": "delete it: it cannot be seen, and one line of text needs none "
    "(retype the text around it, or copy it again from the source)",
    "date_digits": "expected a date as YYYY-MM-DD (or YYYY-MM, YYYY when only that is known), in the digits 0-9",
    "date_range": "expected a real date as YYYY-MM-DD (or YYYY-MM, YYYY when only that is known)",
    "url_character": "an address holds no spaces, control characters or direction marks; "
    "copy it again from the browser's address bar",
}


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """'did you mean X?' when something is close, else the list of valid choices."""
    if not choices:
        return "there are none to choose from yet"
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    started = [c for c in choices if word and c.startswith(word)]
    if len(started) == 1 and not close:
        close = started
    if close:
        return f"did you mean {close[0]!r}?"
    return "expected one of: " + ", ".join(repr(c) for c in choices)


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors()
    missing: dict[Loc, list[str]] = {}
    for err in errors:
        if err["type"] == "missing":
            path, _ = _data_path(doc.data, tuple(err["loc"]))
            missing.setdefault(path[:-1], []).append(str(path[-1]))
    return None, [_diagnostic(doc, model, err, missing) for err in errors]


def _data_path(data: Any, loc: Loc) -> tuple[Loc, str]:
    """Drop the union tags pydantic adds to ``loc``; return the real path and the context name
    (the kind of the annotation, or the section such as 'claims', or 'the file')."""
    path: list[Key] = []
    context = "the file"
    node = data
    after_index = False
    for part in loc:
        if after_index and isinstance(node, dict) and (part == node.get("kind") or part in ("passage", "source")):
            after_index = False
            continue  # the union tag pydantic adds after a list index, not a key of the file
        after_index = isinstance(node, list)
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            path.append(part)
            node = node[part] if isinstance(node, dict) else node[int(part)]
        else:
            path.append(part)  # a key that is missing
            break
        if isinstance(node, dict):
            context = node["kind"] if isinstance(node.get("kind"), str) else _section(path)
    return tuple(path), context


def _section(path: list[Key]) -> str:
    keys = [p for p in path if isinstance(p, str)]
    return f"'{keys[-1]}'" if keys else "the file"


def _fields_at(model: type[BaseModel], data: Any, path: Loc) -> list[str]:
    """The keys allowed in the mapping that holds the last element of ``path``."""
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    candidates: list[type[BaseModel]] = [model]
    if isinstance(holder, dict) and isinstance(holder.get("kind"), str):
        candidates = [schema.KIND_MODELS.get(holder["kind"], model)]
    elif isinstance(holder, dict):
        candidates = [_model_for(model, path[:-1])]
    names: list[str] = []
    for cand in candidates:
        names += [f.alias or n for n, f in cand.model_fields.items()]
    return names


def _model_for(root: type[BaseModel], path: Loc) -> type[BaseModel]:
    keys = [p for p in path if isinstance(p, str)]
    table: dict[str, type[BaseModel]] = {
        "clusters": schema.Cluster,
        "claims": schema.ClaimDef,
        "corrections": schema.CorpusCorrection,
        "provenance": schema.Provenance,
        "except": schema.Exclusion,
    }
    if keys and keys[-1] == "evidence":
        return schema.PassageEvidence
    return table.get(keys[-1], root) if keys else root


@dataclass(frozen=True)
class _Failure:
    """One pydantic error, placed in the YAML document it is about."""

    doc: Document
    model: type[BaseModel]
    err: ErrorDetails
    path: Loc
    context: str  # the annotation's kind, the section such as 'claims', or 'the file'
    missing: dict[Loc, list[str]]

    @property
    def field(self) -> str:
        return str(self.path[-1]) if self.path and isinstance(self.path[-1], str) else ""

    @property
    def value(self) -> object:
        return self.err.get("input")

    @property
    def ctx(self) -> dict[str, Any]:
        return self.err.get("ctx", {})


Handler = Callable[[_Failure], tuple[str, str]]  # the message and the hint of one kind of error


def _unknown_key(f: _Failure) -> tuple[str, str]:
    absent = f.missing.get(f.path[:-1], [])
    close = did_you_mean(f.field, absent) if absent else ""
    if not close.startswith("did"):
        close = did_you_mean(f.field, [n for n in _fields_at(f.model, f.doc.data, f.path) if n != f.field])
    if absent and not close.startswith(f"did you mean {absent[0]!r}"):
        lacks = ", ".join(repr(a) for a in absent)
        close = f"this {f.context} lacks {lacks}; is that what {f.field!r} should be? (or {close})"
    return f"unknown key {f.field!r} in {f.context}", close


def _missing_key(f: _Failure) -> tuple[str, str]:
    return f"missing required key {f.field!r} in {f.context}", f"add `{f.field}: ...`"


def _not_a_choice(f: _Failure) -> tuple[str, str]:
    choices = [c.strip().strip("'") for c in f.ctx["expected"].replace(" or ", ", ").split(", ")]
    return f"invalid {f.field or 'value'} {f.value!r}", did_you_mean(str(f.value), choices)


def _unknown_kind(f: _Failure) -> tuple[str, str]:
    return f"unknown kind {f.ctx['tag']!r}", did_you_mean(str(f.ctx["tag"]), list(schema.KIND_MODELS))


def _no_kind(f: _Failure) -> tuple[str, str]:
    return "annotation has no 'kind'", "add `kind:` with one of: " + ", ".join(schema.KIND_MODELS)


def _wrong_type(f: _Failure) -> tuple[str, str]:
    wanted = f.err["type"].removesuffix("_type")
    found = type(f.value).__name__ if f.value is not None else "nothing"
    hint = _TYPE_HINTS.get(wanted, "quote text that YAML would read as a number, date or yes/no")
    return f"{f.field or 'value'} must be {_TYPE_NAMES.get(wanted, wanted)}, found {found}", hint


def _own_check(f: _Failure) -> tuple[str, str]:
    return f"{f.field or _entry_label(f.path)}: {f.err['msg']}", _CUSTOM_HINTS[f.err["type"]]


def _no_pattern(f: _Failure) -> tuple[str, str]:
    label = f.field or _entry_label(f.path)
    return f"invalid {label} {f.value!r}", f"expected {_pattern_help(f.ctx['pattern'])}"


def _empty(f: _Failure) -> tuple[str, str]:
    return f"{f.field or 'text'} is empty", "write at least one word"


def _too_long(f: _Failure) -> tuple[str, str]:
    return f"{f.field or 'text'} is longer than {f.ctx['max_length']:,} characters", "shorten it"


def _other(f: _Failure) -> tuple[str, str]:
    message = f.err["msg"].removeprefix("Value error, ")
    return message + (f" ({f.field})" if f.field else ""), ""


HANDLERS: dict[str, Handler] = {
    "extra_forbidden": _unknown_key,
    "missing": _missing_key,
    "literal_error": _not_a_choice,
    "union_tag_invalid": _unknown_kind,
    "union_tag_not_found": _no_kind,
    **dict.fromkeys(_CUSTOM_HINTS, _own_check),
    "string_pattern_mismatch": _no_pattern,
    "string_too_short": _empty,
    "string_too_long": _too_long,
}


def _diagnostic(doc: Document, model: type[BaseModel], err: ErrorDetails, missing: dict[Loc, list[str]]) -> Diagnostic:
    path, context = _data_path(doc.data, tuple(err["loc"]))
    kind = err["type"]
    handler = _wrong_type if kind.endswith("_type") else HANDLERS.get(kind, _other)
    message, hint = handler(_Failure(doc, model, err, path, context, missing))
    if kind == "extra_forbidden":
        line, col = doc.where(path, key=True)
    else:
        line, col = doc.where(path[:-1] if kind == "missing" else path)
    return Diagnostic(doc.path, line, col, "error", message, hint)


def _entry_label(path: Loc) -> str:
    """'tags entry' for an item of a list under the key 'tags'; 'value' when nothing names it."""
    keys = [p for p in path if isinstance(p, str)]
    return f"{keys[-1]} entry" if keys and path and isinstance(path[-1], int) else "value"


def _pattern_help(pattern: str) -> str:
    if pattern.startswith("^[a-z0-9]+(?:-[a-z0-9]+)*#"):
        return "article-slug#annotation-id"
    if pattern.startswith("^[a-z0-9]"):
        return "lowercase letters, digits and single hyphens, such as 'suja-sudzha'"
    if pattern.startswith("^\\d{4}"):
        return "a date as YYYY-MM-DD (or YYYY-MM, YYYY when only that is known)"
    if pattern.startswith("^https?"):
        return "an http:// or https:// address"
    return f"text matching {pattern}"
