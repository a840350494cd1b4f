"""Load every annotation file: parsed with positions (in worker processes when there are many) and validated.

anchor/resolve.py then places the annotations on the articles."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from annotated_reader import parallel
from annotated_reader.diagnostics import file_error
from annotated_reader.model import Diagnostic
from annotated_reader.read import cache, inputfiles, schema, yamlsource
from annotated_reader.read.bundle import Bundle
from annotated_reader.read.validate import validate

Loaded = tuple[yamlsource.Document, schema.AnnotationFile]


FILES_PER_CALL = 50  # files read in one piece of work, in a worker or here


def load_files(
    root: Path, folder: str = "annotations", store: cache.Store | None = None
) -> tuple[list[Loaded], list[Diagnostic]]:
    """Every annotation file, parsed and validated; from ``store`` when it holds the same bytes checked by
    the same code."""
    base = root / folder
    if inputfiles.is_link(base):
        return [], [inputfiles.link(folder)]
    if not base.is_dir():
        return [], []
    loaded: list[Loaded] = []
    paths, diagnostics = inputfiles.walk(base, root, (".yml", ".yaml"))  # links refused before anything is read
    store = store or cache.Store(root, enabled=False)
    bundle = Bundle(store, f"annotation files {folder}", _fits)
    read = [cache.read_file(store, "annotations", root, p, yamlsource.MAX_BYTES) for p in paths]
    rels = [p.relative_to(root).as_posix() for p in paths]
    kept = [bundle.get(rel, r.bytes_digest if r else None) for rel, r in zip(rels, read, strict=True)]
    parsed = _read(root, [p for p, hit in zip(paths, kept, strict=True) if hit is None])
    for r, kept_one in zip(read, kept, strict=True):
        hit: tuple[Loaded | None, list[Diagnostic]] = kept_one  # type: ignore[assignment] # checked by _fits
        if kept_one is None:
            doc, found, parsed_digest = next(parsed)
            hit = checked(doc, found)
            store.inputs[doc.path] = parsed_digest  # what the annotations were read from (page_cache.py)
            if r is not None and r.bytes_digest == parsed_digest:
                bundle.put(doc.path, parsed_digest, hit)  # parsed from the bytes digested (not edited since)
        model, found = hit
        diagnostics += found
        if model is not None:
            loaded.append(model)
    parsed.close()  # the workers stop
    bundle.save()
    return loaded, diagnostics


def _fits(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and (value[0] is None or isinstance(value[0], tuple))


def checked(doc: yamlsource.Document, found: list[Diagnostic]) -> tuple[Loaded | None, list[Diagnostic]]:
    """A parsed file validated (``found``: the problems of parsing it)."""
    found = found or _not_a_mapping(doc)
    if found:
        return None, found
    model, found = validate(doc, schema.AnnotationFile)
    if model is None:
        return None, found
    doc.data = None  # the model holds it now; positions are all a diagnostic needs
    return (doc, model), found


Parsed = tuple[yamlsource.Document, list[Diagnostic], str]  # with the digest of the bytes parsed


def _read(root: Path, paths: list[Path]) -> Generator[Parsed, None, None]:
    """Each file parsed, in order; in worker processes when there are many."""
    runs = parallel.chunks(paths, FILES_PER_CALL)
    with parallel.Pool(root, parallel.workers(len(paths))) as pool:
        for parsed in pool.ordered((_parse, (run,)) for run in runs):
            yield from parsed


def _parse(root: Path, paths: list[Path]) -> list[Parsed]:
    return [_parse_one(path, path.relative_to(root).as_posix()) for path in paths]


def _parse_one(path: Path, rel: str) -> Parsed:
    """As ``yamlsource.load_file``, with the digest of the bytes read (empty when none could be)."""
    try:
        raw, size = inputfiles.read(path, yamlsource.MAX_BYTES)
    except OSError:
        return (*yamlsource.load_file(path, rel), "")
    return (*yamlsource.load(rel, raw, max(len(raw), size)), cache.bytes_digest(rel, raw, size))


def _not_a_mapping(doc: yamlsource.Document) -> list[Diagnostic]:
    if doc.data is None:
        return [
            file_error(
                doc.path, "empty annotation file", "add `article: <slug>` and `annotations:`, or remove the file"
            )
        ]
    if not isinstance(doc.data, dict):
        return [
            file_error(
                doc.path,
                f"expected a mapping at the top, found {type(doc.data).__name__}",
                "start the file with `article: <slug>` or `clusters:` / `claims:` / `corrections:`",
            )
        ]
    return []
