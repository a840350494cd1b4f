"""Load a YAML file into plain Python data plus the position of every key and value.

Only the JSON-like core of YAML is accepted: mappings with text keys, sequences, and plain
scalars. Tags, anchors, aliases and merge keys are rejected, so nothing in a file can build
objects or expand into an alias bomb; depth and size are bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from annotated_reader.diagnostics import file_error
from annotated_reader.model import Diagnostic
from annotated_reader.read.inputfiles import read

MAX_BYTES = 2_000_000
MAX_DEPTH = 32
NEAR = 2  # positions kept for paths this long (``("annotations", 3)``); deeper ones are found again when asked
Key = str | int  # a mapping's key or a list's index
Loc = tuple[Key, ...]  # where a value is in a document: the keys and indexes from the top

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
if TYPE_CHECKING:  # the C parser (yaml._yaml) may be missing at run time
    Mark = yaml.error.Mark | yaml._yaml.Mark  # where the pure-Python or the C parser stopped
_RESOLVER: Any = yaml.resolver.Resolver()  # the safe loaders' resolver: a tag from the value alone
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
    """Parsed data and where each part of it stands (1-based line and column).

    A file that loads without error keeps only the positions of paths up to NEAR long, with its text:
    a deeper position, asked for by a diagnostic, is found by parsing the text again. A corpus of
    10,000 articles would otherwise hold the position of every one of its million values.
    """

    path: str
    data: Any = None
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    text: str | None = None  # set while only the near positions are known

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Position of the deepest part of ``loc`` that exists in the file."""
        if self.text is not None and (key or len(loc) > NEAR):
            _Builder(self.text, self, None).document()
            self.text = None
        table = self.key_positions if key else self.positions
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in table:
                return table[loc[:cut]]
            if key and loc[:cut] in self.positions:
                return self.positions[loc[:cut]]
        return (1, 1)


class _Reject(Exception):
    def __init__(self, mark: Mark | None, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _pos(mark: Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def load_file(file: Path, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse the file ``file`` (shown as ``path``), reading no more than the size limit."""
    try:
        raw, size = read(file, MAX_BYTES)
    except OSError as exc:
        return Document(path), [file_error(path, f"cannot read {path}: {exc.strerror}", READ_HINT)]
    return load(path, raw, size=max(len(raw), size))


READ_HINT = "inputs are regular files in the project, readable by the build (never symbolic links)"


def load(path: str, raw: bytes, size: int | None = None) -> tuple[Document, list[Diagnostic]]:
    """Parse ``raw`` (the bytes of ``path``); never raises for bad input."""
    doc = Document(path)
    size = len(raw) if size is None else size
    if size > MAX_BYTES:
        return doc, [
            file_error(
                path,
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
        return doc, [file_error(path, "binary data (NUL bytes) in a YAML file", "annotation files are UTF-8 text")]
    try:
        doc.data = _Builder(text, doc, NEAR).document()
        doc.text = text
        return doc, []
    except (_Reject, yaml.YAMLError):
        return _located(Document(path), text)  # read again, every position kept, for the diagnostic


def _located(doc: Document, text: str) -> tuple[Document, list[Diagnostic]]:
    """Parse ``text`` keeping the position of every part; the diagnostic when it is not valid."""
    path = doc.path
    try:
        doc.data = _Builder(text, doc, None).document()
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
        return doc, [file_error(path, f"invalid YAML: {exc}", "")]
    return doc, []


class _Builder:
    """Data and the position of every part, built in one pass over the parser's events.

    Aliases, anchors, tags other than the plain ones, nesting deeper than MAX_DEPTH, keys that are
    not plain words and duplicate keys are rejected where they stand, before anything is built
    from them: no alias is ever expanded (what a composed node graph would allow).
    """

    def __init__(self, text: str, doc: Document, near: int | None) -> None:
        self.loader = _Loader(text)
        self.doc = doc
        self.near = MAX_DEPTH + 1 if near is None else near  # positions kept for paths up to this long

    def document(self) -> Any:
        try:
            self.loader.get_event()  # StreamStart
            if isinstance(self.loader.peek_event(), yaml.StreamEndEvent):
                return None
            start = self.loader.get_event()  # DocumentStart
            data = self.node(self.loader.get_event(), (), 0)
            self.loader.get_event()  # DocumentEnd
            extra = self.loader.get_event()
            if not isinstance(extra, yaml.StreamEndEvent):
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    start.start_mark,
                    "but found another document",
                    extra.start_mark,
                )
            return data
        finally:
            self.loader.dispose()

    def node(self, event: Any, loc: Loc, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            message = "YAML anchors and aliases (&name, *name) are not allowed"
            raise _Reject(event.start_mark, message, "write the value out in full")
        if len(loc) <= self.near:
            self.doc.positions[loc] = _pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(self.tag(event, yaml.ScalarNode, event.value), event.value)
        if depth + 1 > MAX_DEPTH:
            raise _Reject(
                event.start_mark, f"nesting deeper than {MAX_DEPTH} levels", "annotation files need only a few levels"
            )
        if isinstance(event, yaml.SequenceStartEvent):
            self.tag(event, yaml.SequenceNode, None)
            items: list[Any] = []
            while not isinstance(self.loader.peek_event(), yaml.SequenceEndEvent):
                items.append(self.node(self.loader.get_event(), (*loc, len(items)), depth + 1))
            self.loader.get_event()
            return items
        self.tag(event, yaml.MappingNode, None)
        return self.mapping(loc, depth + 1)

    def tag(self, event: Any, kind: type[yaml.Node], value: str | None) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            scalar = kind is yaml.ScalarNode
            tag = _scalar_tag(value, event.implicit) if scalar else self.loader.resolve(kind, value, True)
        if tag not in _PLAIN_TAGS:
            raise _Reject(
                event.start_mark,
                f"YAML tag {tag!r} is not allowed",
                "remove the tag; only plain text, numbers, lists and mappings are read",
            )
        return str(tag)

    def mapping(self, loc: Loc, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while not isinstance(self.loader.peek_event(), yaml.MappingEndEvent):
            key_event = self.loader.get_event()
            if isinstance(key_event, yaml.AliasEvent) or getattr(key_event, "anchor", None):
                self.node(key_event, loc, depth)  # rejects it
            if (
                not isinstance(key_event, yaml.ScalarEvent)
                or self.tag(key_event, yaml.ScalarNode, key_event.value) == "tag:yaml.org,2002:merge"
            ):
                raise _Reject(key_event.start_mark, "keys must be plain words", "write `key: value`")
            key = str(key_event.value)
            if key in out:
                first = self.doc.key_positions.get((*loc, key), (0, 0))  # known when every position is kept
                raise _Reject(
                    key_event.start_mark,
                    f"duplicate key {key!r}",
                    f"it is already set at line {first[0]}; keep one of them",
                )
            if len(loc) < self.near:
                self.doc.key_positions[(*loc, key)] = _pos(key_event.start_mark)
            out[key] = self.node(self.loader.get_event(), (*loc, key), depth)
        self.loader.get_event()
        return out


@lru_cache(maxsize=4096)
def _scalar_tag(value: str | None, implicit: tuple[bool, bool]) -> str:
    """The tag YAML gives an untagged scalar: the same for the same value (keys, kinds and words recur)."""
    return str(_RESOLVER.resolve(yaml.ScalarNode, value, implicit))


def _scalar(tag: str, value: str) -> Any:
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return str(value)
