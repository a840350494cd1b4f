"""The docs cover the formats: every kind, every field, every status and error kind (Datasette's test_docs)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from annotated_reader import arguments, build
from annotated_reader.anchor import locate
from annotated_reader.interop import json_schema
from annotated_reader.kinds import KINDS
from annotated_reader.read import articles, schema, vocabulary, yamlsource
from annotated_reader.read.validate import validate

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
MODELS = [
    schema.ArticleMeta,
    schema.Provenance,
    schema.AnnotationFile,
    schema.Cluster,
    schema.ClaimDef,
    schema.PassageEvidence,
    schema.SourceEvidence,
    schema.Exclusion,
    schema.CorpusCorrection,
    *schema.KIND_MODELS.values(),
]


def test_registry_and_schema_name_the_same_kinds() -> None:
    assert list(KINDS) == list(schema.KIND_MODELS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_documented_with_an_example(kind: str) -> None:
    assert f"**{kind}**" in README
    assert re.search(rf"kind: {kind}\b", README), f"README has no example of kind {kind!r}"


@pytest.mark.parametrize("field", sorted({f.alias or name for m in MODELS for name, f in m.model_fields.items()}))
def test_every_field_is_documented(field: str) -> None:
    assert re.search(rf"(^|[\s`{{(\[]){re.escape(field)}:", README, re.M) or f"`{field}`" in README, field


def _status_scale() -> str:
    """The README's paragraph that explains the claim statuses."""
    found = re.search(r"^\*\*Status scale\*\*.*?(?=\n\n)", README, re.M | re.S)
    assert found, "README has a **Status scale** paragraph"
    return found[0]


@pytest.mark.parametrize("status", list(vocabulary.STATUSES))
def test_every_status_is_explained_in_the_status_scale(status: str) -> None:
    """Each status, in backticks, followed by its explanation in parentheses: removing one fails."""
    assert re.search(rf"`{re.escape(status)}` \([^)]+\)", _status_scale()), status


def test_the_error_kinds_listed_in_the_readme_are_the_schema_s() -> None:
    """The comment of the example's ``error:`` line lists exactly the error kinds of the schema, in order."""
    found = re.search(r"^\s+error: [\w-]+\s+# (.+)$", README, re.M)
    assert found, "README's correction example comments its error: line with the choices"
    assert [kind.strip() for kind in found[1].split("|")] == list(vocabulary.ERROR_KINDS)


# --- docs/how-to-annotate.md: its examples are real files, checked against the shipped articles ---

ROOT = Path(__file__).resolve().parent.parent
HOWTO = (ROOT / "docs" / "how-to-annotate.md").read_text("utf-8")
EXAMPLES = re.findall(r"^```yaml\n(.*?)^```", HOWTO, re.M | re.S)


def _examples_for(folder: str) -> list[str]:
    line = json_schema.modeline(f"{folder}/example.yml")
    return [block for block in EXAMPLES if block.split("\n", 1)[0] == line]


def test_every_example_starts_with_its_schema_line() -> None:
    assert len(EXAMPLES) >= 8
    assert len(_examples_for("annotations")) + len(_examples_for("articles")) == len(EXAMPLES)


def test_annotation_examples_are_valid_together_on_the_shipped_articles(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "annotations").mkdir()
    for n, block in enumerate(_examples_for("annotations")):
        (tmp_path / "annotations" / f"example-{n}.yml").write_text(block, "utf-8")
    _, corpus, diagnostics = build.gather(tmp_path)
    assert [d.format() for d in diagnostics] == [], "every example is valid, with no warning"
    assert {p.kind for p in corpus.all_placed()} == set(KINDS)


def test_article_example_is_valid_metadata() -> None:
    (block,) = _examples_for("articles")
    doc, problems = yamlsource.load("articles/example.yml", block.encode("utf-8"))
    assert problems == []
    meta, problems = validate(doc, schema.ArticleMeta)
    assert problems == [] and meta is not None


@pytest.mark.parametrize("kind", list(KINDS))
def test_how_to_shows_every_kind(kind: str) -> None:
    assert any(re.search(rf"^\s+kind: {kind}$", block, re.M) for block in EXAMPLES), kind
    assert f"**{kind}**" in HOWTO.lower() or f"## {KINDS[kind].plural}" in HOWTO


FEATURES = "occurrences: all|except:|corrections:|articles: [|clusters:|primary:|claims:|status:|disputed_by:"
FEATURES += "|- article:|- source:|confidence:|note:|prefix:"


@pytest.mark.parametrize("feature", FEATURES.split("|"))
def test_how_to_examples_show_every_feature(feature: str) -> None:
    assert any(feature in block for block in EXAMPLES), feature


@pytest.mark.parametrize("value", [*vocabulary.STATUSES, *vocabulary.ERROR_KINDS])
def test_how_to_explains_every_status_and_error_kind(value: str) -> None:
    meaning = vocabulary.STATUSES[value][1] if value in vocabulary.STATUSES else vocabulary.ERROR_KINDS[value]
    assert re.search(rf"^\|[^|\n]*`{re.escape(value)}` \| {re.escape(meaning)} \|$", HOWTO, re.M), value


def test_how_to_commands_exist() -> None:
    targets = set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text("utf-8"), re.M))
    made = set(re.findall(r"`make ([a-z]+)`", HOWTO))
    assert {"check", "serve", "test"} <= made <= targets
    commands = set(re.findall(r"\{([a-z,]+)\}", arguments.parser().format_usage())[0].split(","))
    used = set(re.findall(r"build_site\.py ([a-z]+)", HOWTO))
    assert "locate" in used and used <= commands


def test_how_to_shows_the_real_output_of_locate() -> None:
    found = re.search(r'build_site\.py locate ([a-z0-9-]+) "([^"]+)"\n```\n.*?```text\n(.*?)```', HOWTO, re.S)
    assert found is not None, "the page shows a `locate` command and, in a text block after it, its output"
    slug, words, shown = found.groups()
    texts, _ = articles.load_articles(ROOT)
    assert locate.locate(texts[slug], words).text == shown
