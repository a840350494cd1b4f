"""Load a YAML file into plain Python data plus the position of every key and value.

Only the JSON-like core of YAML is accepted: mappings with text keys, sequences, and plain
scalars. Tags, anchors, aliases and merge keys are rejected, so nothing in a file can build
objects or expand into an alias bomb; depth and size are bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import Diagnostic

MAX_BYTES = 2_000_000
MAX_DEPTH = 32
Path_ = tuple[Any, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """Parsed data and where each part of it stands (1-based line and column)."""

    path: str
    data: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the deepest part of ``loc`` that exists in the file."""
        table = self.key_positions if key else self.positions
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in table:
                return table[loc[:cut]]
            if key and loc[:cut] in self.positions:
                return self.positions[loc[:cut]]
        return (1, 1)


class _Reject(Exception):
    def __init__(self, mark: Any, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def load_file(file: Path, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse the file ``file`` (shown as ``path``), reading no more than the size limit."""
    with file.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    return load(path, raw, size=max(len(raw), file.stat().st_size))


def load(path: str, raw: bytes, size: int | None = None) -> tuple[Document, list[Diagnostic]]:
    """Parse ``raw`` (the bytes of ``path``); never raises for bad input."""
    doc = Document(path)
    size = len(raw) if size is None else size
    if size > MAX_BYTES:
        return doc, [
            Diagnostic(
                path,
                1,
                1,
                "error",
                f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                "split it into several files, one per article",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return doc, [
            Diagnostic(
                path, line, col, "error", f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8"
            )
        ]
    if "\x00" in text:
        return doc, [
            Diagnostic(path, 1, 1, "error", "binary data (NUL bytes) in a YAML file", "annotation files are UTF-8 text")
        ]
    try:
        _prescan(text)
        node = yaml.compose(text, Loader=_Loader)
        doc.data = None if node is None else _construct(node, (), doc)
    except _Reject as exc:
        line, col = _pos(exc.mark)
        return doc, [Diagnostic(path, line, col, "error", exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        line, col = _pos(exc.problem_mark or exc.context_mark)
        message = f"invalid YAML: {exc.problem or exc.context}"
        lines = text.splitlines()
        bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
        hint = (
            "indent with spaces, never tabs"
            if "\t" in bad_line[:col]
            else "check the indentation and quoting on this line or the one above"
        )
        return doc, [Diagnostic(path, line, col, "error", message, hint)]
    except yaml.YAMLError as exc:
        return doc, [Diagnostic(path, 1, 1, "error", f"invalid YAML: {exc}", "")]
    return doc, []


def _prescan(text: str) -> None:
    """Reject aliases, anchors and deep nesting from the event stream, before building nodes."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Reject(
                event.start_mark,
                "YAML anchors and aliases (&name, *name) are not allowed",
                "write the value out in full",
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Reject(
                    event.start_mark,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    "annotation files need only a few levels",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _construct(node: yaml.Node, loc: Path_, doc: Document) -> Any:
    doc.positions[loc] = _pos(node.start_mark)
    if node.tag not in _PLAIN_TAGS:
        raise _Reject(
            node.start_mark,
            f"YAML tag {node.tag!r} is not allowed",
            "remove the tag; only plain text, numbers, lists and mappings are read",
        )
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, loc, doc)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*loc, i), doc) for i, item in enumerate(node.value)]
    return _scalar(node) if isinstance(node, yaml.ScalarNode) else None


def _mapping(node: yaml.MappingNode, loc: Path_, doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            raise _Reject(key_node.start_mark, "keys must be plain words", "write `key: value`")
        key = str(key_node.value)
        if key in out:
            first = doc.key_positions[(*loc, key)]
            raise _Reject(
                key_node.start_mark, f"duplicate key {key!r}", f"it is already set at line {first[0]}; keep one of them"
            )
        doc.key_positions[(*loc, key)] = _pos(key_node.start_mark)
        out[key] = _construct(value_node, (*loc, key), doc)
    return out


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if node.tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return str(value)
