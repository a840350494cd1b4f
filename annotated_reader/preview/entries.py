"""The entries of a YAML list (``annotations:``, ``clusters:``, ``claims:``) as line ranges of the file's text,
and the text of a file with one entry added or replaced: every other byte stays as it was.

Pure: text in, text out. The entry text is written with JSON strings (valid YAML double-quoted scalars), as
``locate`` writes its selectors, so every character survives.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/annotation-file.schema.json\n"
INDENT = "  "


class EntryError(ValueError):
    """The file's shape does not let an entry be added or replaced by the preview (say why)."""


@dataclass(frozen=True)
class Entry:
    """One item of a top-level list: its first line and the line after its last (0-based, end exclusive)."""

    start: int
    end: int
    column: int  # of its ``-``
    data: object


def entry_text(fields: dict[str, object], column: int = 2) -> str:
    """A list item, ``- key: value`` lines indented at ``column``; lists of mappings nest below their key."""
    lines = _mapping_lines(fields, column + 2)
    first = lines[0][column + 2 :]
    return " " * column + "- " + first + "".join(lines[1:])


def _mapping_lines(fields: dict[str, object], column: int) -> list[str]:
    lines: list[str] = []
    pad = " " * column
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{pad}{key}:\n")
            for item in value:
                lines.append(entry_text(item, column + 2) if isinstance(item, dict) else f"{pad}  - {_scalar(item)}\n")
        else:
            lines.append(f"{pad}{key}: {_scalar(value, key in NAMES)}\n")
    return lines


PLAIN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
NAMES = {"id", "kind", "cluster", "claim", "article", "error", "origin", "confidence", "status", "side"}  # bare
RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def _scalar(value: object, name: bool = False) -> str:
    """A JSON string (valid YAML), or the bare word for ids and names of choices, as written by hand."""
    if name and isinstance(value, str) and PLAIN.match(value) and value not in RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def entries(text: str, key: str) -> list[Entry]:
    """The items of the top-level list ``key``, each with its line range; [] when there is no such list."""
    node = _list_node(text, key)
    if node is None:
        return []
    lines = text.splitlines(keepends=True)
    data = yaml.safe_load(text) or {}
    values = data.get(key) or [] if isinstance(data, dict) else []
    found = []
    for item, value in zip(node.value, values, strict=False):
        start = item.start_mark.line
        found.append(Entry(start, _end_line(item, lines), _dash_column(lines[start], item.start_mark.column), value))
    return found


def _list_node(text: str, key: str) -> yaml.SequenceNode | None:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return None
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            if isinstance(v, yaml.SequenceNode):
                if v.flow_style and v.value:
                    raise EntryError(f"'{key}:' is written as a [flow] list; add this entry by hand")
                return v
            if isinstance(v, yaml.ScalarNode) and v.value in ("", "null", "~"):
                return None
            raise EntryError(f"'{key}:' is not a list")
    return None


def _last_scalar(node: yaml.Node) -> yaml.Node:
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node


def _end_line(item: yaml.Node, lines: list[str]) -> int:
    """The line after the item's last value, blank lines after a block scalar left out."""
    mark = _last_scalar(item).end_mark
    end = mark.line + (1 if mark.column > 0 else 0)
    while end > item.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _dash_column(line: str, key_column: int) -> int:
    before = line[:key_column].rstrip()
    return len(before) - 1 if before.endswith("-") else key_column


def add(text: str, key: str, fields: dict[str, object], article: str | None = None) -> tuple[str, int]:
    """``text`` with ``fields`` appended to the list ``key`` (the list, and the file, made when missing);
    and the 1-based line where the new entry starts."""
    if not text.strip():
        head = SCHEMA_LINE + (f"article: {article}\n" if article else "")
        return _append_list(head, key, fields)
    found = entries(text, key)
    if not found:
        return _append_list(text, key, fields)
    last = found[-1]
    lines = text.splitlines(keepends=True)
    if not lines[last.end - 1].endswith("\n"):
        lines[last.end - 1] += "\n"
    lines.insert(last.end, entry_text(fields, last.column))
    return "".join(lines), last.end + 1


def _append_list(text: str, key: str, fields: dict[str, object]) -> tuple[str, int]:
    if text and not text.endswith("\n"):
        text += "\n"
    if _list_node(text, key) is None and any(line.startswith(f"{key}:") for line in text.splitlines()):
        raise EntryError(f"'{key}:' is empty; remove it or add the first entry by hand")
    start = text.count("\n") + 2
    return text + f"{key}:\n" + entry_text(fields, 2), start


def replace(text: str, key: str, line: int, fields: dict[str, object]) -> str:
    """``text`` with the entry of ``key`` that starts on 1-based ``line`` replaced by ``fields``."""
    for entry in entries(text, key):
        if entry.start + 1 == line:
            lines = text.splitlines(keepends=True)
            lines[entry.start : entry.end] = [entry_text(fields, entry.column)]
            return "".join(lines)
    raise EntryError(f"no entry of '{key}:' starts on line {line}; the file changed: reload the page")
