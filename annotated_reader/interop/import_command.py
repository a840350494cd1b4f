"""The import command: read W3C JSON(-LD) (a file, a folder of them, or a paged collection), plan the YAML
(importer), refuse what would overwrite a file or give an article a second annotation file, check the rest
with the validator, then write it.

Files are only ever created (docs_writer.write_new): an existing file is never overwritten. An article that
already has an annotation file in annotations/ is refused; import it with ``--out FOLDER`` elsewhere and
merge by hand (the ids chosen do not clash with the existing file's).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotated_reader.diagnostics import file_error
from annotated_reader.interop import import_plan, w3c_pages, w3c_read, yaml_out
from annotated_reader.model import BuildFailed, Corpus, Diagnostic
from annotated_reader.read import schema, yamlsource
from annotated_reader.write import docs_writer


@dataclass(frozen=True)
class Outcome:
    written: list[str]
    diagnostics: list[Diagnostic]
    imported: int  # annotations in the files written


def import_file(root: Path, source: Path, out: Path | None = None) -> Outcome:
    """Import a JSON(-LD) file, a folder of them, or a collection and its pages into ``out`` (default:
    annotations/); nothing existing is overwritten."""
    from annotated_reader import build

    settings, corpus, diagnostics = build.gather(root)
    if settings is None or build.failures(diagnostics, strict=False):
        raise BuildFailed([*diagnostics, file_error(_shown(source, root), "not imported", FIX_FIRST)])
    name = _shown(source, root)
    read = w3c_pages.find(source, name)
    if not read.texts:
        raise BuildFailed(read.diagnostics)
    found = import_plan.plan(corpus, settings, *(w3c_read.read(shown, text) for shown, text in read.texts))
    found.diagnostics[:0] = read.diagnostics
    folder = out or root / "annotations"
    documents, refused = _keep(found, corpus, root, folder)
    files = {rel: yaml_out.to_yaml(data, _header(root, folder, name)) for rel, data in documents.items()}
    _check(root, corpus, folder, files, refused)
    written, existing = docs_writer.write_new(folder, files)
    refused += [_exists(root, folder, rel) for rel in existing]
    count = sum(len(documents[rel].get("annotations", [])) for rel in written)
    return Outcome([_shown(folder / rel, root) for rel in written], found.diagnostics + refused, count)


def _keep(found: import_plan.Plan, corpus: Corpus, root: Path, folder: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The documents that may be written; an article that has an annotation file in annotations/ is refused."""
    inside = _is_within(folder, root / "annotations")
    kept, refused = {}, []
    for rel, data in found.documents.items():
        slug = data.get("article")
        if inside and slug in corpus.annotation_files:
            n = len(data["annotations"])
            refused.append(
                file_error(
                    corpus.annotation_files[slug],
                    f"article {slug!r} already has this annotation file; {n} imported annotation(s) not written",
                    "import with --out FOLDER (outside annotations/) and merge that file here by hand; "
                    "its ids do not clash with this file's",
                )
            )
        elif (folder / rel).exists():
            refused.append(_exists(root, folder, rel))
        else:
            kept[rel] = data
    return kept, refused


def _check(root: Path, corpus: Corpus, folder: Path, files: dict[str, str], refused: list[Diagnostic]) -> None:
    """The files to write must pass the validator with the existing ones (they do unless a file they need,
    such as the stub definitions, was refused): otherwise write nothing and say why."""
    from annotated_reader.anchor.resolve import resolve
    from annotated_reader.read.annotation_files import load_files
    from annotated_reader.read.validate import validate

    existing, _ = load_files(root)
    mine = {data.article for _, data in existing if data.article} if _is_within(folder, root / "annotations") else set()
    new_slugs = {rel.removesuffix(".yml") for rel in files}
    loaded = [(doc, model) for doc, model in existing if model.article is None or model.article in mine - new_slugs]
    problems: list[Diagnostic] = []
    for rel, text in files.items():
        doc, found = yamlsource.load(f"(imported) {rel}", text.encode("utf-8"))
        model, invalid = validate(doc, schema.AnnotationFile) if not found else (None, found)
        problems += invalid
        if model is not None:
            loaded.append((doc, model))
    _, resolved = resolve(corpus.articles, loaded)
    problems += [d for d in resolved if d.severity == "error" and d.path.startswith("(imported)")]
    if problems:
        raise BuildFailed(refused + problems)


def _header(root: Path, folder: Path, source: str) -> list[str]:
    lines = []
    schema_file = root / "schema" / "annotation-file.schema.json"
    if schema_file.exists():
        lines.append(f"yaml-language-server: $schema={os.path.relpath(schema_file, folder).replace(os.sep, '/')}")
    lines.append(f"Imported from {source} by `build_site.py import`: review it, then `make check`.")
    default = f"{import_plan.DEFAULT_ERROR} / {import_plan.DEFAULT_CONFIDENCE}"
    lines.append(f"W3C has no error kind or confidence: corrections say {default} unless tagged or given as ar:.")
    return lines


def _exists(root: Path, folder: Path, rel: str) -> Diagnostic:
    hint = "move it away, or import with --out FOLDER"
    return file_error(_shown(folder / rel, root), "exists; not overwritten", hint)


def _is_within(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


FIX_FIRST = "the articles and annotations have errors (above): fix them first (`make check`)"
