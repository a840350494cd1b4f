"""`build_site.py import`: W3C Web Annotations (our export, a Hypothesis export) in, annotation YAML out.

The round trip is the contract: export the shipped corpus (the collection and its pages), import it into an
empty annotations/ (as the collection, as the folder of pages, and in the old single-file form), export
again, and get the same annotations. "The same" means the same multiset of (target source, selectors,
motivation, bodies with their ar: fields); ids may differ in general (a Hypothesis id is not one of ours),
but our own export's ids are its permalinks' fragments, which the importer keeps, so here the ids are
checked to be equal too. A correction rule comes back as one correction per place: ``ar:rule`` is the one
field not carried back.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from annotated_reader import build, cli
from tests.helpers import generate, w3c_items

from .helpers import copy_project

GOLDEN = Path(__file__).parent / "golden" / "errors"
TEXT = "Troops in Suja\nTroops left Suja. Suja is near the border.\nThe front held.\n"


def _generated(root: Path) -> dict[str, str]:
    settings, corpus, diagnostics = build.gather(root)
    assert settings is not None and not build.failures(diagnostics, strict=False), diagnostics
    return generate(settings, corpus)


def _export(root: Path) -> dict[str, Any]:
    """The export as one collection with its first page embedded (the single-file form of earlier versions)."""
    site = _generated(root)
    collection: dict[str, Any] = json.loads(site["annotations.jsonld"])
    items = w3c_items(site)
    return {**collection, "first": {"id": collection["id"] + "#page-1", "type": "AnnotationPage", "items": items}}


def _write_export(root: Path, folder: Path) -> None:
    """The W3C files of the export as the site publishes them: annotations.jsonld beside annotations/."""
    for rel, text in _generated(root).items():
        if rel == "annotations.jsonld" or rel.startswith("annotations/"):
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text, "utf-8")


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(root), *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def _same(item: dict[str, Any]) -> str:
    """An annotation without its id, as a canonical string: what "the same annotation" compares."""
    return json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True, ensure_ascii=False)


FORMS = {  # what is given to import: the paged collection, the folder of pages, the old single file
    "collection": "export/annotations.jsonld",
    "pages": "export/annotations",
    "single-file": "single.jsonld",
}


@pytest.fixture(scope="module", params=list(FORMS))
def round_trip(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any], dict[str, Any], str]:
    base = tmp_path_factory.mktemp("round-trip")
    root = copy_project(base / "project")
    first = _export(root)
    _write_export(root, base / "export")
    (base / "single.jsonld").write_text(json.dumps(first, ensure_ascii=False), "utf-8")
    shutil.rmtree(root / "annotations")
    (root / "annotations").mkdir()
    code = cli.main(["--root", str(root), "import", str(base / FORMS[request.param])])
    assert code == 0
    return root, first, _export(root), base.as_posix()


def _without_rule(item: dict[str, Any]) -> dict[str, Any]:
    bodies = [{k: v for k, v in b.items() if k != "ar:rule"} for b in item["body"]]
    return {**item, "body": bodies}


def test_round_trip_gives_the_same_annotations(round_trip: tuple[Path, dict[str, Any], dict[str, Any], str]) -> None:
    _, first, second, _ = round_trip
    before, after = first["first"]["items"], second["first"]["items"]
    assert len(before) == len(after) == first["total"] > 100
    assert any("ar:rule" in b for i in before for b in i["body"])
    assert sorted(_same(_without_rule(i)) for i in before) == sorted(map(_same, after))
    assert sorted(i["id"] for i in before) == sorted(i["id"] for i in after)
    origins = {b.get("ar:origin") for i in after for b in i["body"]}
    assert {"source", "translation"} <= origins, "a correction's origin comes back"


def test_round_trip_covers_every_kind_and_passes_the_check(
    round_trip: tuple[Path, dict[str, Any], dict[str, Any], str],
) -> None:
    root, first, _, _ = round_trip
    assert {i["motivation"] for i in first["first"]["items"]} == {
        "editing",
        "linking",
        "assessing",
        "commenting",
        "tagging",
    }
    result = build.check(root)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    stubs = yaml.safe_load((root / "annotations" / "imported-definitions.yml").read_text("utf-8"))
    assert stubs["clusters"] and stubs["claims"]
    assert all(c["status"] in ("supported", "disputed", "false", "misleading", "unverified") for c in stubs["claims"])


def test_reimporting_our_export_finds_every_annotation_already_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(tmp_path / "project")
    exported = tmp_path / "annotations.jsonld"
    data = _export(root)
    exported.write_text(json.dumps(data), "utf-8")
    code, out, err = _run(root, capsys, "import", str(exported))
    assert code == 0 and "imported 0 annotation(s) into 0 file(s)" in out
    assert err.count("is already annotated as") == data["total"]


def test_a_new_annotation_for_an_annotated_article_goes_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(tmp_path / "project")
    slug = "us-talks-with-putin-very-good-productive"
    longest = max((root / "articles" / f"{slug}.txt").read_text("utf-8").splitlines(), key=len)
    exact = " ".join(longest.split()[:9])
    item = _hypothesis_w3c(exact, text="A reader's question.")
    item["target"][0]["source"] = f"https://example.org/annotated-reader/articles/{slug}/#L3"  # its page here
    before = {p.name: p.read_bytes() for p in (root / "annotations").iterdir()}
    code, _, err = _import(root, capsys, item)
    assert code == 1
    assert f"annotations/{slug}.yml:1:1: error: article {slug!r} already has this annotation file" in err
    assert {p.name: p.read_bytes() for p in (root / "annotations").iterdir() if p.name != "in.jsonld"} == before
    code, _, err = _import(root, capsys, item, "--out", str(tmp_path / "merge"))
    assert (code, err) == (0, "")
    (entry,) = yaml.safe_load((tmp_path / "merge" / f"{slug}.yml").read_text("utf-8"))["annotations"]
    assert entry["kind"] == "note" and entry["note"] == "A reader's question."
    text = (root / "articles" / f"{slug}.txt").read_text("utf-8")
    assert entry["exact"] in text


def _project(tmp: Path, annotations: dict[str, str] | None = None) -> Path:
    (tmp / "articles").mkdir(parents=True)
    (tmp / "annotations").mkdir()
    shutil.copy(GOLDEN / "mkdocs.yml", tmp / "mkdocs.yml")
    (tmp / "articles" / "base.txt").write_text(TEXT, "utf-8")
    shutil.copy(GOLDEN / "articles" / "base.yml", tmp / "articles" / "base.yml")
    for name, text in (annotations or {}).items():
        (tmp / "annotations" / name).write_text(text, "utf-8")
    return tmp


def _hypothesis_w3c(exact: str, prefix: str = "", suffix: str = "", text: str = "", tags: tuple[str, ...] = ()) -> Any:
    """An annotation as the Hypothesis API gives it in W3C form: several selectors, bodies without purpose."""
    bodies: list[Any] = [{"type": "TextualBody", "value": text, "format": "text/markdown"}] if text else []
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in tags]
    selectors = [
        {"type": "RangeSelector", "startContainer": "/main[1]/p[2]", "startOffset": 0},
        {"type": "TextPositionSelector", "start": 10, "end": 20},
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
    ]
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/Xy_3kLm9",
        "creator": "acct:reader@hypothes.is",
        "body": bodies,
        "target": [{"source": "https://news.example.com/kursk-story", "selector": selectors}],
    }


def _import(root: Path, capsys: pytest.CaptureFixture[str], data: Any, *more: str) -> tuple[int, str, str]:
    source = root / "in.jsonld"
    source.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return _run(root, capsys, "import", str(source), *more)


def test_a_hypothesis_comment_with_tags_becomes_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    item = _hypothesis_w3c("near the border", prefix="Suja is ", text="Which *border*?", tags=("geography", "kursk"))
    code, _, err = _import(root, capsys, [item])
    assert (code, err) == (0, "")
    data = yaml.safe_load((root / "annotations" / "base.yml").read_text("utf-8"))
    assert data == {
        "article": "base",
        "annotations": [
            {
                "id": "note-near-the-border",
                "kind": "note",
                "exact": "near the border",
                "note": "Which *border*?\n\nTags: geography, kursk",
            }
        ],
    }
    assert build.check(root).corpus.placed["base"][0].id == "note-near-the-border"


def test_the_hypothesis_export_format_and_tag_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hypothesis' own export: `text`, `tags`, `uri`, and a target whose selectors include a TextQuoteSelector."""
    root = _project(tmp_path)
    quote = [{"type": "TextPositionSelector", "start": 0, "end": 1}, {"type": "TextQuoteSelector", "exact": "Suja"}]
    rows = [
        {
            "id": "a1",
            "uri": "https://x.example/",
            "text": "",
            "tags": ["boilerplate"],
            "target": [
                {
                    "source": "https://x.example/",
                    "selector": [{"type": "TextQuoteSelector", "exact": "The front held."}],
                }
            ],
        },
        {
            "id": "a2",
            "uri": "https://x.example/",
            "text": "Spelling.",
            "tags": ["names"],
            "target": [{"selector": [*quote, {"type": "TextQuoteSelector", "exact": "second, ignored"}]}],
        },
    ]
    rows[1]["target"][0]["selector"][1]["prefix"] = "in "
    code, out, err = _import(root, capsys, {"total": 2, "annotations": rows})
    assert (code, err) == (0, "")
    assert "imported 2 annotation(s) into 1 file(s)" in out
    entries = yaml.safe_load((root / "annotations" / "base.yml").read_text("utf-8"))["annotations"]
    assert entries == [
        {"id": "boilerplate-the-front-held", "kind": "boilerplate", "exact": "The front held."},
        {"id": "note-suja", "kind": "note", "exact": "Suja", "prefix": "in ", "note": "Spelling.\n\nTags: names"},
    ]


def test_editing_bodies_become_corrections_with_tagged_error_and_confidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    item = _hypothesis_w3c("Suja", prefix="Troops in ", tags=("error:name", "confidence:high", "kursk"))
    item["body"].append({"type": "TextualBody", "purpose": "editing", "value": "Sudzha"})
    code, _, err = _import(root, capsys, item)
    assert (code, err) == (0, "")
    (entry,) = yaml.safe_load((root / "annotations" / "base.yml").read_text("utf-8"))["annotations"]
    assert entry == {
        "id": "correction-suja",
        "kind": "correction",
        "exact": "Suja",
        "prefix": "in ",
        "corrected": "Sudzha",
        "error": "name",
        "confidence": "high",
        "note": "Tags: kursk",
    }
    build.check(root)


# (what is wrong, the input file, a fragment of the diagnostic it must produce)
REJECTED: list[tuple[str, str, str]] = [
    ("not JSON", '{"type": "Annotation",\n  "id": }', "in.jsonld:2:9: error: not JSON"),
    (
        "a wrong top level",
        '{"type": "Squirrel"}',
        "in.jsonld:1:1: error: no annotations found (top-level type: Squirrel)",
    ),
    ("a collection without its page", '{"type": "AnnotationCollection", "first": "https://x/p1"}', "not embedded"),
    ("an item that is no object", "[1]", "annotation 1 is a int, not an object"),
    ("a target without a quote", json.dumps([{"id": "https://x/#a", "target": "https://x/"}]), "no TextQuoteSelector"),
    (
        "a quote found nowhere",
        json.dumps([_hypothesis_w3c("Troops in Sudja", text="x")]),
        "matches nowhere in any article",
    ),
    ("a quote found twice", json.dumps([_hypothesis_w3c("Suja", text="x")]), "quote matches 3 places"),
    ("a bare highlight", json.dumps([_hypothesis_w3c("The front held.")]), "has nothing to import"),
]


@pytest.mark.parametrize(("case", "text", "expected"), REJECTED, ids=[c[0] for c in REJECTED])
def test_bad_input_is_a_diagnostic_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, text: str, expected: str
) -> None:
    root = _project(tmp_path)
    code, out, err = _import(root, capsys, text)
    assert code == 1, case
    assert expected in err
    assert "imported 0 annotation(s)" in out
    assert list((root / "annotations").iterdir()) == []


def test_a_quote_found_nowhere_names_the_closest_passage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    _, _, err = _import(root, capsys, [_hypothesis_w3c("Troops left Sudja", text="x")])
    assert "hint: closest passage is at articles/base.txt:2:1 (97% similar): 'Troops left Suja.'" in err


def test_an_existing_file_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    out = tmp_path / "elsewhere"
    out.mkdir()
    (out / "base.yml").write_text("mine\n", "utf-8")
    code, _, err = _import(root, capsys, [_hypothesis_w3c("The front held.", text="x")], "--out", str(out))
    assert code == 1 and "base.yml:1:1: error: exists; not overwritten" in err
    assert (out / "base.yml").read_text("utf-8") == "mine\n"


def test_ids_do_not_clash_with_the_articles_existing_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = "article: base\nannotations:\n  - id: note-the-front-held\n    kind: note\n"
    existing += "    exact: Troops left\n    note: x\n"
    root = _project(tmp_path, {"base.yml": existing})
    out = tmp_path / "merge"
    code, _, err = _import(root, capsys, [_hypothesis_w3c("The front held.", text="x")], "--out", str(out))
    assert (code, err) == (0, "")
    (entry,) = yaml.safe_load((out / "base.yml").read_text("utf-8"))["annotations"]
    assert entry["id"] == "note-the-front-held-2"


def test_a_quote_of_an_undefined_cluster_gets_a_stub_and_a_refused_stub_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    item = _hypothesis_w3c("The front held.")
    item["body"] = [
        {"type": "SpecificResource", "purpose": "linking", "source": "https://example.org/golden/quotes/held/"}
    ]
    code, _, err = _import(root, capsys, item)
    assert code == 0 and "cluster 'held' is not defined; a stub goes in imported-definitions.yml" in err
    stubs = yaml.safe_load((root / "annotations" / "imported-definitions.yml").read_text("utf-8"))
    assert stubs == {"clusters": [{"id": "held", "title": "(imported) held", "speaker": "unknown (imported)"}]}
    (entry,) = yaml.safe_load((root / "annotations" / "base.yml").read_text("utf-8"))["annotations"]
    assert (entry["kind"], entry["cluster"]) == ("quote", "held")
    build.check(root)
    fresh = _project(tmp_path / "fresh")
    out = tmp_path / "again"
    out.mkdir()
    (out / "imported-definitions.yml").write_text("mine\n", "utf-8")
    code, _, err = _import(fresh, capsys, item, "--out", str(out))
    assert code == 1 and "imported-definitions.yml:1:1: error: exists; not overwritten" in err
    assert "unknown quote cluster 'held'" in err
    assert sorted(p.name for p in out.iterdir()) == ["imported-definitions.yml"]


def test_an_overlong_note_is_refused_at_its_record_and_the_others_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Texts are bounded before any YAML is made: the error points into the JSON, not into YAML never written."""
    root = _project(tmp_path)
    long = {**_hypothesis_w3c("The front held.", text="x" * 30_000), "id": "https://hypothes.is/a/long"}
    text = json.dumps([_hypothesis_w3c("near the border", prefix="Suja is ", text="ok"), long], indent=1)
    code, out, err = _import(root, capsys, text)
    line = text[: text.index('"https://hypothes.is/a/long"')].count("\n") + 1
    assert code == 1
    assert f"in.jsonld:{line}:" in err
    assert "error: annotation 2 (https://hypothes.is/a/long) holds a text of 30,000 characters" in err
    assert "(imported)" not in err
    assert "imported 1 annotation(s) into 1 file(s)" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 65 + "]" * 65, "in.jsonld:1:65: error: JSON nested deeper than 64"),
        ('[{"a": "' + "[" * 100 + '"}]', "annotation 1 has no TextQuoteSelector"),  # brackets in a string
        ('{"type": "Annotation",\n "n": ' + "9" * 5000 + "}", "in.jsonld:2:7: error: a number of 5,000 digits"),
    ],
)
def test_json_depth_and_number_size_are_bounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    root = _project(tmp_path)
    code, _, err = _import(root, capsys, text)
    assert code == 1
    assert expected in err


def _paged(folder: Path, pages: dict[str, Any], first: str = "annotations/a.jsonld") -> Path:
    """A collection at folder/annotations.jsonld whose pages are given by path relative to it."""
    base = "https://example.org/annotated-reader/"
    collection = {"id": base + "annotations.jsonld", "type": "AnnotationCollection", "first": base + first}
    (folder / "annotations").mkdir(parents=True, exist_ok=True)
    (folder / "annotations.jsonld").write_text(json.dumps(collection), "utf-8")
    for rel, page in pages.items():
        (folder / rel).write_text(json.dumps({"type": "AnnotationPage", **page}), "utf-8")
    return folder / "annotations.jsonld"


def test_a_paged_collection_is_followed_page_by_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path / "project")
    base = "https://example.org/annotated-reader/annotations/"
    one = _hypothesis_w3c("near the border", prefix="Suja is ", text="Which border?")
    two = _hypothesis_w3c("The front held.", text="Did it?")
    source = _paged(
        tmp_path / "export",
        {"annotations/a.jsonld": {"items": [one], "next": base + "b.jsonld"}, "annotations/b.jsonld": {"items": [two]}},
    )
    code, out, err = _run(root, capsys, "import", str(source))
    assert (code, err) == (0, "") and "imported 2 annotation(s)" in out
    notes = [a["note"] for a in yaml.safe_load((root / "annotations" / "base.yml").read_text("utf-8"))["annotations"]]
    assert notes == ["Which border?", "Did it?"]


def test_a_page_linked_from_outside_the_collection_or_twice_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path / "project")
    item = _hypothesis_w3c("near the border", prefix="Suja is ", text="Which border?")
    outside = _paged(
        tmp_path / "outside", {"annotations/a.jsonld": {"items": [item], "next": "https://evil.example/x"}}
    )
    code, _, err = _run(root, capsys, "import", str(outside), "--out", str(tmp_path / "o1"))
    assert code == 1 and "page https://evil.example/x is not beside the collection" in err
    looped = _paged(
        tmp_path / "loop",
        {
            "annotations/a.jsonld": {
                "items": [item],
                "next": "https://example.org/annotated-reader/annotations/a.jsonld",
            }
        },
    )
    code, _, err = _run(root, capsys, "import", str(looped), "--out", str(tmp_path / "o2"))
    assert code == 1 and "is linked twice (a loop)" in err and "Traceback" not in err
    escaping = _paged(tmp_path / "up", {}, first="../../etc/passwd")
    code, _, err = _run(root, capsys, "import", str(escaping), "--out", str(tmp_path / "o3"))
    assert code == 1 and "is not beside the collection" in err


def test_a_folder_without_json_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path / "project")
    (tmp_path / "empty").mkdir()
    code, _, err = _run(root, capsys, "import", str(tmp_path / "empty"))
    assert code == 1 and "no .jsonld or .json file in this folder" in err
