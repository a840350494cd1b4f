"""A runner for the W3C Web Annotation test suite (`../shared/w3c-web-annotation-tests/`).

The suite is declarative: a ``.test`` file lists *assertions*, each a JSON Schema (draft-04) with a few
extra keywords, and the suite's own browser runner (web-platform-tests' ``JSONtest.js``) checks one
JSON document against them in order. This module does the same in Python, reading the suite where it
lies (nothing of it is copied here). What each keyword means, as ``JSONtest.js`` and the suite's
CONTRIBUTING define it:

- An assertion is a file reference (``annotations/x.json``: relative to the suite's top folder when it
  has a slash, else to the ``.test`` file's folder), an inline schema, an object with ``assertionFile``
  (that file, with the object's other keys overriding its own), a nested list (a group), or a
  *condition object*: one with ``assertions`` (its children) and ``compareWith`` (``and``, the
  default, or ``or``).
- ``expectedResult`` (default ``valid``): whether validating the document against the schema should
  succeed. An assertion is *met* when the outcome is the expected one.
- ``onUnexpectedResult`` (default ``failAndContinue``): what an unmet assertion does. ``…Continue`` goes
  on, ``…Skip`` skips the rest of its list, ``…Abort`` skips everything after it. ``fail…`` counts it as
  a failure; ``pass…`` records it without failing, as the suite's CONTRIBUTING describes (JSONtest.js
  itself only reads the action half and relies on ``skipFailures`` below). Every assertion of
  annotationMusts.test and collectionMusts.test is ``must`` with ``failAndContinue``, so the two
  readings agree there; they differ only for the optional tests' ``passAndContinue``.
- ``assertionType`` (``must``, the default, ``should`` or ``may``; anything else reads as ``must``)
  and the test's ``skipFailures`` (a list of those types): an unmet assertion whose type is listed is
  recorded without failing, as ``JSONtest.js`` does (``annotationOptionals.test`` skips ``should``
  and ``may``).
- A condition object is met when all (``and``) or any (``or``) of its children are met; its children
  are recorded but only the condition counts, so one unmet alternative of an ``or`` fails nothing.
- A document that is not JSON fails one assertion, "Parsing submitted input", and nothing else runs.

Schemas resolve ``$ref`` through a ``referencing`` registry holding every file of ``definitions/``,
keyed by its own ``id``; formats (``uri`` via rfc3986-validator, ``date-time`` via rfc3339-validator)
are checked, as ajv does in the browser.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

ROOT = Path(__file__).resolve().parent.parent
SUITE_NAME = "w3c-web-annotation-tests"
Status = Literal["met", "failed", "unmet-allowed", "skipped"]
PARSE = "Parsing submitted input"


def suite_root() -> Path:
    """``$SHARED_DIR``, ``../shared`` or ``/work/shared``, whichever holds the suite (as tests/test_site.py)."""
    candidates = [Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")), ROOT.parent / "shared"]
    candidates.append(Path("/work/shared"))
    return next((p / SUITE_NAME for p in candidates if (p / SUITE_NAME).is_dir()), candidates[0] / SUITE_NAME)


@dataclass(frozen=True)
class Outcome:
    """What one assertion made of one document."""

    assertion: str  # the file reference, or "inline N" for an inline schema
    title: str
    assertion_type: str
    status: Status
    message: str = ""
    children: tuple[Outcome, ...] = ()

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class Report:
    """Every outcome of one run, in order (children of condition objects nested)."""

    outcomes: list[Outcome] = field(default_factory=list)

    def walk(self) -> Iterator[Outcome]:
        stack = list(reversed(self.outcomes))
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed(item.children))

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failed]

    def by_assertion(self) -> dict[str, Outcome]:
        return {o.assertion: o for o in self.walk()}


class Suite:
    """The suite on disk: definitions in a registry, assertions loaded (and cached) by reference."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, dict[str, Any]] = {}
        if not (root / "definitions").is_dir():
            raise FileNotFoundError(f"{root} is not the W3C Web Annotation test suite (no definitions/)")

    @cached_property
    def registry(self) -> Registry[Any]:
        resources = []
        for path in sorted((self.root / "definitions").glob("*.json")):
            contents = json.loads(path.read_text("utf-8"))
            resources.append((contents["id"], Resource.from_contents(contents, default_specification=DRAFT4)))
        return Registry().with_resources(resources)

    def load(self, reference: str, here: str = "") -> dict[str, Any]:
        """An assertion file: relative to the suite's top when the reference has a slash, else to ``here``."""
        rel = reference if "/" in reference else posixpath.join(here, reference)
        if rel not in self._files:
            self._files[rel] = json.loads((self.root / rel).read_text("utf-8"))
        return dict(self._files[rel])

    def validator(self, schema: dict[str, Any]) -> Draft4Validator:
        """A draft-04 validator with the definitions registry and format checking (ajv checks formats too)."""
        return Draft4Validator(schema, registry=self.registry, format_checker=Draft4Validator.FORMAT_CHECKER)

    def test(self, rel: str) -> TestCase:
        data = json.loads((self.root / rel).read_text("utf-8"))
        return TestCase(self, rel, data)

    def references(self, rel: str) -> list[str]:
        """Every assertion file a .test names (flattening groups and condition objects)."""
        return list(_file_references(self.test(rel).data["assertions"]))


def _file_references(items: list[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            yield item
        elif isinstance(item, list):
            yield from _file_references(item)
        elif isinstance(item, dict) and isinstance(item.get("assertions"), list):
            yield from _file_references(item["assertions"])


@dataclass
class TestCase:
    """One .test file, ready to run against documents."""

    __test__ = False  # not a pytest class

    suite: Suite
    rel: str
    data: dict[str, Any]

    @property
    def here(self) -> str:
        return posixpath.dirname(self.rel)

    @property
    def skip_failures(self) -> set[str]:
        return {str(t).lower() for t in self.data.get("skipFailures", [])}

    def run_text(self, text: str) -> Report:
        """Run on a document as text; text that is not JSON fails "Parsing submitted input"."""
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            return Report([Outcome(PARSE, PARSE, "must", "failed", f"Parse of JSON failed: {exc}")])
        return self.run(document)

    def run(self, document: Any) -> Report:
        outcomes, _ = self._run_list(self.data["assertions"], document, "continue")
        return Report(outcomes)

    def _run_list(self, items: list[Any], document: Any, action: str) -> tuple[list[Outcome], str]:
        """Run a list in order; returns its outcomes and 'abort' when an assertion aborted the run."""
        outcomes: list[Outcome] = []
        for n, item in enumerate(items, 1):
            if isinstance(item, list):
                nested, nested_action = self._run_list(item, document, action)
                outcomes += nested
                action = "abort" if nested_action == "abort" else action
                continue
            name, assertion = self._resolve(item, n)
            if action != "continue":
                outcomes.append(self._skipped(name, assertion))
                continue
            outcome, action = self._run_one(name, assertion, document)
            outcomes.append(outcome)
        return outcomes, "abort" if action == "abort" else "continue"

    def _resolve(self, item: Any, n: int) -> tuple[str, dict[str, Any]]:
        if isinstance(item, str):
            return item, self.suite.load(item, self.here)
        if not isinstance(item, dict):
            raise TypeError(f"{self.rel}: assertion {n} is neither a reference, an object nor a list: {item!r}")
        if "assertionFile" in item:
            merged = {**self.suite.load(item["assertionFile"], self.here)}
            merged.update({k: v for k, v in item.items() if k != "assertionFile"})
            return str(item["assertionFile"]), merged
        return f"inline {n}", item

    def _skipped(self, name: str, assertion: dict[str, Any]) -> Outcome:
        return Outcome(name, _title(assertion), _type(assertion), "skipped", "skipped by an earlier assertion")

    def _run_one(self, name: str, assertion: dict[str, Any], document: Any) -> tuple[Outcome, str]:
        children: tuple[Outcome, ...] = ()
        if isinstance(assertion.get("assertions"), list):
            outcomes, _ = self._run_list(assertion["assertions"], document, "continue")
            children = tuple(_as_child(o) for o in outcomes)
            ran = [o.status == "met" for o in outcomes if o.status != "skipped"]
            either = assertion.get("compareWith") == "or"
            met = any(ran) if either else all(ran)
            message = "" if met else "no alternative was met" if either else "a condition was not met"
        else:
            errors = self._errors(assertion, document)
            valid = not errors
            met = valid == (assertion.get("expectedResult", "valid") == "valid")
            message = "" if met else "; ".join(errors[:3]) or "the document is valid but was expected not to be"
        return self._judge(name, assertion, met, message, children)

    def _errors(self, assertion: dict[str, Any], document: Any) -> list[str]:
        validator = self.suite.validator({k: v for k, v in assertion.items() if k != "assertionFile"})
        if validator.is_valid(document):
            return []
        errors = validator.iter_errors(document)
        return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]

    def _judge(
        self, name: str, assertion: dict[str, Any], met: bool, detail: str, children: tuple[Outcome, ...]
    ) -> tuple[Outcome, str]:
        kind = _type(assertion)
        if met:
            return Outcome(name, _title(assertion), kind, "met", "", children), "continue"
        on_unexpected = str(assertion.get("onUnexpectedResult", "failAndContinue"))
        counts = on_unexpected.startswith("fail") and kind not in self.skip_failures
        message = str(assertion.get("errorMessage") or f"Result was not {assertion.get('expectedResult', 'valid')}")
        status: Status = "failed" if counts else "unmet-allowed"
        text = f"{message} ({detail})" if detail else message
        return Outcome(name, _title(assertion), kind, status, text, children), _action(on_unexpected)


def _as_child(outcome: Outcome) -> Outcome:
    """A child of a condition object: recorded, but only the condition itself can fail."""
    if outcome.status != "failed":
        return outcome
    return Outcome(outcome.assertion, outcome.title, outcome.assertion_type, "unmet-allowed", outcome.message)


def _action(on_unexpected: str) -> str:
    for suffix, action in (("Skip", "skip"), ("Abort", "abort")):
        if on_unexpected.endswith(suffix):
            return action
    return "continue"


def _title(assertion: dict[str, Any]) -> str:
    return str(assertion.get("title", ""))


def _type(assertion: dict[str, Any]) -> str:
    kind = str(assertion.get("assertionType", "must")).lower()
    return kind if kind in ("must", "should", "may") else "must"
