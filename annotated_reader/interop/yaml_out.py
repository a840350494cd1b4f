"""Annotation YAML as the import command writes it: laid out like the hand-written files."""

from __future__ import annotations

from collections.abc import Iterable

import yaml


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as in the hand-written files; text with line breaks or edge spaces
    double-quoted, so every character shows (``\n``) and survives."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    quoted = "\n" in value or value != value.strip()
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if quoted else None)


_Dumper.add_representer(str, _string)


def to_yaml(data: dict[str, object], header: Iterable[str] = ()) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return "".join(f"# {line}\n" for line in header) + body
