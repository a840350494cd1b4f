"""The export against the W3C Web Annotation test suite, and the runner against the suite's own samples.

One test per assertion of ``annotationMusts.test`` (run on every annotation of the export), of
``collectionMusts.test`` (run on the collection) and of ``pageMusts.test`` (run on every page), so a failure
names the assertion and the annotations or pages.
The suite is read from ``../shared/w3c-web-annotation-tests/`` (see tests/w3c_suite.py); when it is
missing the tests fail, they do not skip.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from annotated_reader import build
from annotated_reader.interop import w3c_export, w3c_read
from tests.helpers import generate, w3c_pages

from .w3c_suite import PARSE, ROOT, Outcome, Report, Suite, TestCase, suite_root

ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"
SAMPLES = "tools/samples"
# The suite's own "correct" samples that its current schemas reject: Composite, List and Independents
# were dropped from the Web Annotation model before it became a Recommendation, and the suite's
# definitions/choiceSet.json recognises only Choice. They must fail exactly this assertion.
OUTDATED_SAMPLES = {
    "anno11.json": "annotations/3.2-targetObjectsRecognized.json",  # target type Composite
    "anno12.json": "annotations/3.2-targetObjectsRecognized.json",  # target type List
    "anno13.json": "annotations/3.2-targetObjectsRecognized.json",  # target type Independents
}
# Standalone AnnotationPages, which _test_for does not send to pageMusts.test: it rejects these samples'
# `partOf` given as a URI string, which the model allows (our pages give it as an object with its id).
PAGE_SAMPLES = {"example42.json", "example43.json"}
# For "incorrect" samples that are valid JSON, the assertion their label ("bad created", "No context", ...)
# names. Most of them also carry a two-item id, which 3.1-annotationIdValidated fails on its own.
EXPECTED_FAILURE = {
    "anno2.json": "annotations/3.1-annotationContextValidated.json",  # {}
    "anno3.json": "annotations/3.1-annotationContextValidated.json",  # No context
    "anno4.json": "annotations/3.1-annotationContextValidated.json",  # Bad context
    "anno5.json": "annotations/3.1-annotationContextValidated.json",  # Bad context
    "anno6.json": "annotations/3.1-annotationIdValidated.json",  # bad id
    "anno7.json": "annotations/3.1-annotationIdValidated.json",  # multiple identifiers
    "anno8.json": "annotations/3.1-annotationTypeValidated.json",  # no type
    "anno9.json": "annotations/3.1-annotationTypeValidated.json",  # bad type
    "anno11.json": "annotations/3.2-targetObjectsRecognized.json",  # bad target
    "anno26.json": "annotations/3.1-annotationIdValidated.json",  # bad creator: not a must (agent tests are
    "anno27.json": "annotations/3.1-annotationIdValidated.json",  # bad generator: optional), so the id fails
    "anno28.json": "annotations/3.3.1-annotationCreatedValidated.json",  # bad created
    "anno29.json": "annotations/3.3.1-annotationModifiedValidated.json",  # bad created (modified)
    "anno30.json": "annotations/3.3.1-annotationGeneratedValidated.json",  # bad created (generated)
    "anno31.json": "annotations/3.3.1-annotationModifiedValidated.json",
    "anno32.json": "annotations/3.3.1-annotationCreatedValidated.json",
    "anno33.json": "annotations/3.3.1-annotationGeneratedValidated.json",
    "anno34.json": "annotations/3.3.6-annotationRightsValidated.json",  # bad rights
    "anno35.json": "annotations/3.3.7-annotationViaValidated.json",  # bad via
    "anno36.json": "annotations/3.3.7-annotationCanonicalValidated.json",  # bad canonical
    "anno38.json": "annotations/specificResource/4.2-fragmentCssXPathSelectorValid.json",  # no value
    "anno39.json": "annotations/specificResource/4.2-fragmentCssXPathSelectorValid.json",  # two values
}


@cache
def suite() -> Suite:
    root = suite_root()
    if not root.is_dir():
        pytest.fail(f"the W3C Web Annotation test suite is missing: {root} (set SHARED_DIR)")
    return Suite(root)


@cache
def generated() -> dict[str, str]:
    settings, corpus, diagnostics = build.gather(ROOT)
    assert settings is not None and not build.failures(diagnostics, strict=False)
    return generate(settings, corpus)


def exported() -> dict[str, Any]:
    """The generated annotations.jsonld of the shipped corpus, exactly as written to docs/ and site/."""
    data: dict[str, Any] = json.loads(generated()["annotations.jsonld"])
    return data


def pages() -> list[dict[str, Any]]:
    """Its AnnotationPages, one per article, from ``first`` by ``next``."""
    return w3c_pages(generated())


def standalone(page: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """An annotation of a page as a document of its own: with the page's ``@context``, which applies to it
    in the page (the items carry none: the model's Example 43 of a page does the same)."""
    assert "@context" not in item, item["id"]
    return {"@context": page["@context"], **item}


def _references(test: str) -> list[str]:
    root = suite_root()
    return Suite(root).references(test) if root.is_dir() else [f"(suite missing: {root})"]


@cache
def annotation_reports() -> list[tuple[str, dict[str, Outcome]]]:
    """annotationMusts.test run once on each exported annotation: (id, outcome by assertion)."""
    test = suite().test(ANNOTATION_MUSTS)
    return [(item["id"], test.run(standalone(page, item)).by_assertion()) for page in pages() for item in page["items"]]


@pytest.mark.parametrize("assertion", _references(ANNOTATION_MUSTS))
def test_every_exported_annotation_meets(assertion: str) -> None:
    reports = annotation_reports()
    assert len(reports) == exported()["total"] > 0
    failing = []
    for ident, outcomes in reports:
        outcome = outcomes[assertion]
        assert outcome.status != "skipped", f"{assertion} was skipped for {ident}"
        if outcome.failed:
            failing.append(f"{ident}: {outcome.message}")
    assert failing == []


def test_a_broken_export_would_fail() -> None:
    item = json.loads(json.dumps(standalone(pages()[0], pages()[0]["items"][0])))
    item["target"]["selector"][0]["exact"] = 42
    item["id"] = "not a uri"
    failed = {o.assertion for o in suite().test(ANNOTATION_MUSTS).run(item).failures}
    assert {
        "annotations/3.1-annotationIdValidated.json",
        "annotations/specificResource/4.2.4-textQuoteSelectorValid.json",
    } <= failed


@pytest.mark.parametrize("assertion", _references(COLLECTION_MUSTS))
def test_the_exported_collection_meets(assertion: str) -> None:
    outcome = suite().test(COLLECTION_MUSTS).run(exported()).by_assertion()[assertion]
    assert outcome.status == "met", outcome.message


@pytest.mark.parametrize("assertion", _references(PAGE_MUSTS))
def test_every_exported_page_meets(assertion: str) -> None:
    test = suite().test(PAGE_MUSTS)
    assert len(pages()) == len(build.gather(ROOT)[1].articles) > 1
    failing = []
    for page in pages():
        outcome = test.run(page).by_assertion()[assertion]
        assert outcome.status != "skipped", f"{assertion} was skipped for {page['id']}"
        if outcome.failed:
            failing.append(f"{page['id']}: {outcome.message}")
    assert failing == []


def test_a_broken_page_would_fail() -> None:
    page = {**pages()[1], "partOf": "not a uri", "next": ["a", "b"]}
    failed = {o.assertion for o in suite().test(PAGE_MUSTS).run(page).failures}
    assert {"collections/pages/5.2-pagePartOfValidated.json", "collections/pages/5.2-pageNextValidated.json"} <= failed


def test_each_annotation_gives_its_code_point_offsets_into_the_raw_text() -> None:
    corpus = build.gather(ROOT)[1]
    for page, slug in zip(pages(), corpus.articles, strict=True):
        text = corpus.articles[slug].text
        for item in page["items"]:
            quote, position = item["target"]["selector"]
            assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
            assert text[position["start"] : position["end"]] == quote["exact"], item["id"]


def _samples(kind: str) -> list[str]:
    folder = suite_root() / SAMPLES / kind
    return sorted(p.name for p in folder.glob("*.json")) if folder.is_dir() else [f"(missing: {folder})"]


def _test_for(text: str) -> str:
    try:
        kind = json.loads(text).get("type")
    except (json.JSONDecodeError, AttributeError):
        kind = None
    return COLLECTION_MUSTS if kind == "AnnotationCollection" else ANNOTATION_MUSTS


def _run_sample(kind: str, name: str) -> Report:
    text = (suite().root / SAMPLES / kind / name).read_text("utf-8")
    return suite().test(_test_for(text)).run_text(text)


@pytest.mark.parametrize("name", [n for n in _samples("correct") if n not in PAGE_SAMPLES])
def test_correct_samples_pass(name: str) -> None:
    report = _run_sample("correct", name)
    assert report.outcomes and all(o.status != "skipped" for o in report.outcomes)
    failed = [o.assertion for o in report.failures]
    assert failed == ([OUTDATED_SAMPLES[name]] if name in OUTDATED_SAMPLES else [])


@pytest.mark.parametrize("name", _samples("incorrect"))
def test_incorrect_samples_fail(name: str) -> None:
    report = _run_sample("incorrect", name)
    failed = [o.assertion for o in report.failures]
    assert failed, f"{name} passed every assertion"
    if name in EXPECTED_FAILURE:
        assert EXPECTED_FAILURE[name] in failed
    else:
        assert failed == [PARSE], f"{name}: expected a parse failure (the sample is not JSON), got {failed}"


# The runner's own semantics, on small inline tests (JSONtest.js: condition objects, skip, abort, types).


def _inline(tmp_path: Path, assertions: list[Any], **extra: Any) -> TestCase:
    (tmp_path / "definitions").mkdir(exist_ok=True)
    (tmp_path / "definitions" / "d.json").write_text(
        json.dumps({"id": "d.json", "definitions": {"str": {"type": "string"}}}), "utf-8"
    )
    return TestCase(Suite(tmp_path), "t.test", {"assertions": assertions, **extra})


def _has(key: str, **more: Any) -> dict[str, Any]:
    return {"title": f"has {key}", "type": "object", "required": [key], **more}


def test_runner_or_condition_passes_when_one_alternative_is_met(tmp_path: Path) -> None:
    test = _inline(tmp_path, [{"title": "a or b", "compareWith": "or", "assertions": [_has("a"), _has("b")]}])
    assert [o.status for o in test.run({"b": 1}).outcomes] == ["met"]
    assert [o.status for o in test.run({"c": 1}).outcomes] == ["failed"]
    anded = _inline(tmp_path, [{"title": "a and b", "assertions": [_has("a"), _has("b")]}])
    assert [o.status for o in anded.run({"b": 1}).outcomes] == ["failed"]


def test_runner_expected_invalid_skip_abort_and_optional_types(tmp_path: Path) -> None:
    test = _inline(
        tmp_path,
        [
            _has("a", expectedResult="invalid"),
            [_has("b", onUnexpectedResult="failAndSkip"), _has("c")],
            _has("d", assertionType="should"),
            _has("e", onUnexpectedResult="passAndContinue"),
            _has("f", onUnexpectedResult="failAndAbort"),
            _has("g"),
        ],
        skipFailures=["should"],
    )
    statuses = [o.status for o in test.run({"x": 1}).outcomes]
    assert statuses == ["met", "failed", "skipped", "unmet-allowed", "unmet-allowed", "failed", "skipped"]


def test_runner_resolves_refs_by_id_and_checks_formats(tmp_path: Path) -> None:
    test = _inline(
        tmp_path,
        [
            {"title": "ref", "properties": {"a": {"$ref": "d.json#/definitions/str"}}},
            {"title": "uri", "properties": {"u": {"type": "string", "format": "uri"}}},
            {"title": "date", "properties": {"t": {"type": "string", "format": "date-time"}}},
        ],
    )
    good = {"a": "x", "u": "https://example.org/a#b", "t": "2025-03-14T12:00:00Z"}
    assert [o.status for o in test.run(good).outcomes] == ["met"] * 3
    bad = {"a": 1, "u": "not a uri", "t": "2025-03-14"}
    assert [o.status for o in test.run(bad).outcomes] == ["failed"] * 3
    assert test.run_text("{,}").outcomes[0].assertion == PARSE


def test_an_empty_corpus_gives_a_collection_without_pages_that_meets_the_suite() -> None:
    from annotated_reader.interop import w3c_export

    empty = w3c_export.collection([], 0, "https://example.org/x/", "X")
    assert "first" not in empty and "last" not in empty and empty["total"] == 0
    assert suite().test(COLLECTION_MUSTS).run(empty).failures == []


@pytest.mark.parametrize(
    ("motivation", "bodies", "lean"),
    [
        (
            "commenting",
            [{"type": "TextualBody", "value": "n", "format": "text/markdown", "purpose": "commenting"}],
            [{"type": "TextualBody", "value": "n", "format": "text/markdown"}],
        ),
        (
            "linking",
            [{"type": "SpecificResource", "source": "https://x/q/", "purpose": "linking"}],
            [{"type": "SpecificResource", "source": "https://x/q/"}],
        ),
        (
            "tagging",
            [{"type": "TextualBody", "value": "boilerplate", "format": "text/plain", "purpose": "tagging"}],
            [{"type": "TextualBody", "value": "boilerplate", "purpose": "tagging"}],
        ),
        (
            "editing",
            [
                {"type": "TextualBody", "value": "a", "format": "text/plain", "purpose": "editing"},
                {"type": "TextualBody", "value": "b", "format": "text/markdown", "purpose": "commenting"},
            ],
            [
                {"type": "TextualBody", "value": "a", "purpose": "editing"},
                {"type": "TextualBody", "value": "b", "format": "text/markdown", "purpose": "commenting"},
            ],
        ),
    ],
)
def test_bodies_leave_out_only_what_a_reader_infers(
    motivation: str, bodies: list[dict[str, object]], lean: list[dict[str, object]]
) -> None:
    """No plain-text ``format``; no ``purpose`` on a lone body repeating a commenting or linking motivation
    (read so without it, by the import too: tests/test_import.py's round trips); a tag keeps its purpose."""
    assert w3c_export.lean_bodies(bodies, motivation) == lean
    item = {"type": "Annotation", "motivation": motivation, "body": lean}
    fields = w3c_read._bodies(item)
    expected = {"commenting": "comments", "linking": "links", "tagging": "tags", "editing": "edits"}[motivation]
    assert fields[expected], fields


def test_exported_bodies_are_lean() -> None:
    for page in pages():
        for item in page["items"]:
            bodies = item["body"]
            assert all(b.get("format") != "text/plain" for b in bodies), item["id"]
            if item["motivation"] in ("commenting", "linking") and len(bodies) == 1:
                assert "purpose" not in bodies[0], item["id"]
