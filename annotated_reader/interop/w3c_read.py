"""Read W3C Web Annotations (or a Hypothesis export) into plain records for the importer. Pure.

Accepted shapes: one ``Annotation``; an ``AnnotationPage`` (``items``); an ``AnnotationCollection``
with its first page embedded (one that links its pages is followed page by page by w3c_pages); a JSON
list of annotations; a Hypothesis export (``annotations``) or API search result (``rows``), whose
annotations carry ``text``, ``tags`` and ``target`` / ``uri`` instead of W3C bodies. Anything else is a
diagnostic at the place it was found.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

from annotated_reader.diagnostics import file_error
from annotated_reader.model import Diagnostic, Origin

QUOTE_SELECTOR = "TextQuoteSelector"
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')  # a JSON string as written, escapes included
MAX_BYTES = 20_000_000  # an import file (a Hypothesis export of about 50,000 annotations)
MAX_DEPTH = 64  # JSON nesting (an annotation page nests about 6 deep)
MAX_DIGITS = 100  # a number in the JSON (none is used; Python refuses to read those above 4,300 digits)
MAX_TEXT = 20_000  # characters of a quote, note or other text of one annotation (vocabulary.Text allows as many)


@dataclass(frozen=True)
class Incoming:
    """One annotation as read: where it came from, what it points at, and what it says."""

    origin: Origin
    ident: str  # its id (a URL), or "" when it has none
    source: str  # the target's source URL, or ""
    exact: str
    prefix: str
    suffix: str
    motivations: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # commenting / describing / unlabelled textual bodies
    tags: tuple[str, ...] = ()  # tagging bodies (and Hypothesis tags)
    edits: tuple[str, ...] = ()  # editing bodies: the corrected wording
    links: tuple[str, ...] = ()  # sources of SpecificResource / linking bodies
    assessments: tuple[str, ...] = ()  # assessing bodies (a claim's status)
    extension: dict[str, object] = field(default_factory=dict)  # ar: properties of the editing body (our export)


@dataclass
class Reading:
    """The records read from one file, and the problems met on the way."""

    path: str
    text: str
    records: list[Incoming] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def origin(self, ident: str, n: int) -> Origin:
        """Where annotation ``n`` is: the line of its id in the file when it has one."""
        at = -1
        if ident:
            first = self._first_strings
            at = first.get(json.dumps(ident, ensure_ascii=False), first.get(json.dumps(ident), -1))
        return self.at(at)

    def at(self, offset: int) -> Origin:
        """The line and column of character ``offset`` of the file (1:1 for a negative one)."""
        if offset < 0:
            return Origin(self.path, 1, 1)
        line = bisect.bisect_right(self._line_starts, offset)
        return Origin(self.path, line, offset - self._line_starts[line - 1] + 1)

    @cached_property
    def _first_strings(self) -> dict[str, int]:
        """Each JSON string of the file (as written, quotes included) at its first offset: one pass for all
        records, instead of a search of the whole file per record (50,000 records took over 900 s)."""
        first: dict[str, int] = {}
        for match in JSON_STRING.finditer(self.text):
            first.setdefault(match.group(), match.start())
        return first

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in re.finditer("\n", self.text))]

    def error(self, origin: Origin, message: str, hint: str) -> None:
        self.diagnostics.append(origin.error(message, hint))


def read(path: str, text: str) -> Reading:
    reading = Reading(path, text)
    problem = _too_large(path, len(text.encode("utf-8", "surrogatepass"))) or _too_deep(reading)
    try:
        data = None if problem else json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        problem = Diagnostic(path, exc.lineno, exc.colno, "error", f"not JSON: {exc.msg}", JSON_HINT)
    except _TooLong as exc:
        at = reading.at(text.find(exc.digits))
        problem = at.error(f"a number of {len(exc.digits):,} digits; the limit is {MAX_DIGITS}", JSON_HINT)
    except RecursionError:  # not reached below MAX_DEPTH; a last resort
        problem = file_error(path, f"JSON nested deeper than {MAX_DEPTH}", JSON_HINT)
    if problem is not None:
        reading.diagnostics.append(problem)
        return reading
    items = _items(data, reading)
    for n, item in enumerate(items, 1):
        _record(item, n, reading)
    return reading


JSON_HINT = "give the annotations as JSON-LD"
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKETS = re.compile(_STRING.pattern + r"|[\[\]{}]")  # a string (skipped whole) or a bracket
_DEPTH = {"[": 1, "{": 1, "]": -1, "}": -1}


class _TooLong(ValueError):
    def __init__(self, digits: str) -> None:
        super().__init__(digits[:20])
        self.digits = digits


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(digits)
    return int(digits)


def too_large(path: str, size: int) -> Diagnostic | None:
    """The size limit of an import file, checked before it is read (and again on its text)."""
    return _too_large(path, size)


def _too_large(path: str, size: int) -> Diagnostic | None:
    if size <= MAX_BYTES:
        return None
    hint = "split the export into several files (one per article, or by date) and import each"
    return file_error(path, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}", hint)


def _too_deep(reading: Reading) -> Diagnostic | None:
    """Where the JSON first nests deeper than MAX_DEPTH, if it does (strings are skipped, brackets counted)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", reading.text))
    if max(accumulate(map(_DEPTH.__getitem__, brackets)), default=0) <= MAX_DEPTH:  # all in C: 20 MB in ~1 s
        return None
    depth = 0
    for match in _BRACKETS.finditer(reading.text):  # only for a file that is refused: stops at the place
        token = match.group()
        if token[0] != '"':
            depth += _DEPTH[token]
            if depth > MAX_DEPTH:
                return reading.at(match.start()).error(f"JSON nested deeper than {MAX_DEPTH}", JSON_HINT)
    return None


def _items(data: object, reading: Reading) -> list[object]:
    if isinstance(data, list):
        return data
    kind = data.get("type") if isinstance(data, dict) else None
    if isinstance(data, dict):
        if isinstance(data.get("annotations") or data.get("rows"), list):
            return [_from_hypothesis(row) for row in data.get("annotations") or data.get("rows") or []]
        if kind == "Annotation":
            return [data]
        if kind == "AnnotationPage" and isinstance(data.get("items"), list):
            return list(data["items"])
        if kind == "AnnotationCollection" and isinstance(data.get("first"), dict):
            return _items(data["first"], reading)
    hint = "give a W3C Annotation, AnnotationPage, AnnotationCollection (first page embedded), or a Hypothesis export"
    if kind == "AnnotationCollection" or kind == "AnnotationPage":
        hint = "its pages are not embedded: give the collection with its pages where it links them, or a page"
    reading.error(Origin(reading.path), f"no annotations found (top-level type: {kind or type(data).__name__})", hint)
    return []


def _from_hypothesis(row: object) -> object:
    """A Hypothesis annotation (``text``, ``tags``, ``target``) in W3C form; W3C ones pass through."""
    if not isinstance(row, dict) or row.get("type") == "Annotation" or not ({"text", "tags", "uri"} & set(row)):
        return row
    bodies: list[object] = [{"type": "TextualBody", "value": row["text"]}] if row.get("text") else []
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in row.get("tags") or []]
    targets = row.get("target") or [{"source": row.get("uri", "")}]
    targets = [{"source": row.get("uri", ""), **t} if isinstance(t, dict) else t for t in targets]
    ident = str(row.get("id", ""))
    link = (row.get("links") or {}).get("html") if isinstance(row.get("links"), dict) else None
    return {"type": "Annotation", "id": link or ident, "body": bodies, "target": targets}


def _record(item: object, n: int, reading: Reading) -> None:
    if not isinstance(item, dict):
        where = Origin(reading.path)
        reading.error(where, f"annotation {n} is a {type(item).__name__}, not an object", "each item is an annotation")
        return
    ident = str(item["id"]) if isinstance(item.get("id"), str) else ""
    origin = reading.origin(ident, n)
    label = f"annotation {n}" + (f" ({ident})" if ident else "")
    target = _quote_target(item.get("target"))
    if target is None:
        reading.error(
            origin,
            f"{label} has no TextQuoteSelector to anchor",
            "only text quotes can be anchored: give a target with a TextQuoteSelector (exact, prefix, suffix)",
        )
        return
    source, selector = target
    fields = _bodies(item)
    extension = _extension(item)
    if isinstance(item.get("bodyValue"), str):
        fields["comments"].append(item["bodyValue"])
    texts = [_text(selector.get(key)) for key in ("exact", "prefix", "suffix")]
    texts += [t for values in fields.values() for t in values]
    longest = max(len(t) for t in texts)
    if longest > MAX_TEXT:
        message = f"{label} holds a text of {longest:,} characters; the limit is {MAX_TEXT:,}"
        reading.error(origin, message, "shorten the quote or note; long notes belong on a page of their own")
        return
    reading.records.append(
        Incoming(
            origin,
            ident,
            source,
            _text(selector.get("exact")),
            _text(selector.get("prefix")),
            _text(selector.get("suffix")),
            tuple(_strings(item.get("motivation"))),
            **{key: tuple(values) for key, values in fields.items()},
            extension=extension,
        )
    )


def _quote_target(target: object) -> tuple[str, dict[str, object]] | None:
    """The first target with a TextQuoteSelector (with a non-empty ``exact``): its source and selector."""
    for one in target if isinstance(target, list) else [target]:
        if not isinstance(one, dict):
            continue
        selectors = one.get("selector")
        for selector in selectors if isinstance(selectors, list) else [selectors]:
            if isinstance(selector, dict) and selector.get("type") == QUOTE_SELECTOR and _text(selector.get("exact")):
                source = one.get("source") if isinstance(one.get("source"), str) else one.get("id", "")
                return str(source or ""), selector
    return None


def _bodies(item: dict[str, object]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {key: [] for key in ("comments", "tags", "edits", "links", "assessments")}
    bodies = item.get("body")
    for body in bodies if isinstance(bodies, list) else [bodies] if bodies is not None else []:
        if isinstance(body, str):
            fields["links"].append(body)
            continue
        if not isinstance(body, dict):
            continue
        purposes = _strings(body.get("purpose"))
        if isinstance(body.get("value"), str):
            value = body["value"]
            key = next((FOR_PURPOSE[p] for p in purposes if p in FOR_PURPOSE), "comments")
            fields[key].append(value)
        elif isinstance(body.get("source") or body.get("id"), str):
            fields["links"].append(str(body.get("source") or body.get("id")))
    return fields


def _extension(item: dict[str, object]) -> dict[str, object]:
    """The ``ar:`` properties (this site's export: a correction's error kind, confidence, origin, evidence)
    of the first editing body, by name without the prefix."""
    bodies = item.get("body")
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, dict) and "editing" in _strings(body.get("purpose")):
            return {key.removeprefix("ar:"): value for key, value in body.items() if key.startswith("ar:")}
    return {}


FOR_PURPOSE = {"tagging": "tags", "editing": "edits", "assessing": "assessments", "classifying": "tags"}


def _strings(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
