"""Small builders for tests: an article and annotations in memory, rendered without files."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotated_reader import build
from annotated_reader.anchor.resolve import resolve
from annotated_reader.interop import w3c_export
from annotated_reader.kinds import Context
from annotated_reader.model import Article, Corpus, Diagnostic
from annotated_reader.read import schema
from annotated_reader.read.mkdocs_config import Settings
from annotated_reader.read.yamlsource import Document
from annotated_reader.render.article import render_article

ROOT = Path(__file__).resolve().parent.parent


def meta_data(**more: Any) -> dict[str, Any]:
    """Article metadata as it would be written in YAML: everything unknown but the title and language."""
    provenance = {name: {"how": "unknown", "basis": "test"} for name in schema.PROVENANCE_FIELDS}
    provenance["title"] = {"how": "stated", "basis": "test"}
    provenance["language"] = {"how": "inferred", "basis": "test"}
    meta = {
        "corpus_id": "a",
        "title": "Title",
        "outlet": None,
        "url": None,
        "published": None,
        "language": "en",
        "translation": None,
        "source_language": None,
        "provenance": provenance,
    }
    return {**meta, **more}


def article(text: str, slug: str = "a", title: str = "Title") -> Article:
    meta = schema.ArticleMeta.model_validate(meta_data(corpus_id=slug, title=title))
    return Article(slug, text, meta, f"articles/{slug}.txt", f"articles/{slug}.yml")


def corpus_of(articles: list[Article], data: dict[str, Any] | list[dict[str, Any]]) -> tuple[Corpus, list[Diagnostic]]:
    """Resolve annotation file contents (one mapping or several) against the articles."""
    files = []
    for i, item in enumerate(data if isinstance(data, list) else [data]):
        doc = Document(f"annotations/f{i}.yml", item)
        files.append((doc, schema.AnnotationFile.model_validate(item)))
    return resolve({a.slug: a for a in articles}, files)


def page(a: Article, corpus: Corpus) -> str:
    return render_article(a, corpus.placed[a.slug], Context(corpus, f"articles/{a.slug}.md"))


def correction(exact: str, corrected: str, ident: str = "r", **more: Any) -> dict[str, Any]:
    """A correction annotation as it would be written in YAML (a name fix, high confidence)."""
    return {
        "id": ident,
        "kind": "correction",
        "exact": exact,
        "corrected": corrected,
        "error": "name",
        "confidence": "high",
        **more,
    }


def copy_project(target: Path) -> Path:
    """A copy of the project in ``target``: its inputs and hand-written pages, without anything a build generated."""
    for name in ("articles", "annotations"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    manifest = ROOT / "docs" / ".generated-files.json"
    generated = set(json.loads(manifest.read_text("utf-8"))) if manifest.exists() else set()
    (target / "docs").mkdir()
    for path in (ROOT / "docs").rglob("*"):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if path.is_file() and rel not in generated and rel != manifest.name:
            (target / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target / "docs" / rel)
    return target


def generate(settings: Settings, corpus: Corpus, pagefind: bool = False) -> dict[str, str]:
    """Every generated file of docs/ as text, by path relative to docs/."""
    return {
        rel: text if isinstance(text, str) else text.decode("utf-8")
        for rel, text in build.generate_files(settings, corpus, pagefind)
    }


def w3c_pages(site: dict[str, str]) -> list[dict[str, Any]]:
    """The AnnotationPages of a generated export (docs/ path -> text), in order: the collection's
    ``first``, then each page's ``next``; checks the links as it goes."""
    collection = json.loads(site[w3c_export.COLLECTION])
    base = collection["id"].removesuffix(w3c_export.COLLECTION)
    pages: list[dict[str, Any]] = []
    address = collection.get("first")
    while address:
        page = json.loads(site[address.removeprefix(base)])
        assert page["id"] == address and page["partOf"]["id"] == collection["id"]
        assert page.get("prev") == (pages[-1]["id"] if pages else None)
        pages.append(page)
        address = page.get("next")
    assert collection.get("last") == (pages[-1]["id"] if pages else None)
    return pages


def w3c_items(site: dict[str, str]) -> list[dict[str, Any]]:
    """Every annotation of a generated export, page after page."""
    return [item for page in w3c_pages(site) for item in page["items"]]


def tree_digest(folder: Path, leave_out: Callable[[str], bool] = lambda rel: False) -> dict[str, str]:
    """Every file under ``folder`` (path relative to it -> sha256), but those ``leave_out`` names."""
    return {
        rel: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not leave_out(rel := p.relative_to(folder).as_posix())
    }


def built_from_scratch(root: Path, where: Path, with_site: bool = False) -> Path:
    """A fresh project at ``where`` with ``root``'s articles and annotations, built (no cache, no session)."""
    fresh = copy_project(where)
    for name in ("articles", "annotations"):
        shutil.rmtree(fresh / name)
        shutil.copytree(root / name, fresh / name)
    build.build(fresh, with_site=with_site)
    return fresh


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file (which must hold it) with ``new``."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
