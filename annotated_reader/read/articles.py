"""Load the raw articles and their metadata. Raw text is read as bytes and never changed."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Generator
from pathlib import Path

from annotated_reader import parallel, urls
from annotated_reader.anchor.selectors import Folded
from annotated_reader.diagnostics import file_error
from annotated_reader.model import Article, Diagnostic
from annotated_reader.read import cache, inputfiles, schema, yamlsource
from annotated_reader.read.bundle import Bundle
from annotated_reader.read.validate import validate

MAX_BYTES = 5_000_000
PER_CALL = 50  # articles read in one piece of work, in a worker or here
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_articles(
    root: Path, folder: str = "articles", store: cache.Store | None = None
) -> tuple[dict[str, Article], list[Diagnostic]]:
    """Every ``<slug>.txt`` in ``root/folder`` with its ``<slug>.yml`` metadata; from ``store`` when it holds
    an article read from the same bytes of both files by the same code."""
    wanted, diagnostics = plan(root, folder)
    store = store or cache.Store(root, enabled=False)
    kept = Bundle(store, f"articles {folder}", _fits)
    digests = [_digests(store, root, one) for one in wanted]
    hits = [kept.get(slug, _made_from(d)) for (slug, _, _), d in zip(wanted, digests, strict=True)]
    made = _load_all(root, [one for one, hit in zip(wanted, hits, strict=True) if hit is None], folder)
    articles: dict[str, Article] = {}
    for d, hit in zip(digests, hits, strict=True):
        article = hit if isinstance(hit, Article) else None
        if hit is None:
            article, found, read = next(made)
            diagnostics += found
            if article is not None and not found and read == d:  # made from the bytes digested (not edited since)
                kept.put(article.slug, _made_from(read) or "", _kept(article))
            elif article is not None and store.enabled:  # edited meanwhile: what the article was made from
                store.inputs[article.text_path], store.inputs[article.meta_path] = read
        if article is not None:
            articles[article.slug] = article
    made.close()  # the workers stop
    kept.save()
    return articles, diagnostics


def _digests(store: cache.Store, root: Path, wanted: Wanted) -> tuple[str, str] | None:
    """The digests of an article's text and metadata, as read now (None: not kept, or not readable)."""
    _, path, meta_path = wanted
    if meta_path is None or not store.enabled:
        return None
    text = cache.read_file(store, "article text", root, path, MAX_BYTES)
    meta = cache.read_file(store, "article metadata", root, meta_path, yamlsource.MAX_BYTES)
    return (text.bytes_digest, meta.bytes_digest) if text is not None and meta is not None else None


def _made_from(digests: tuple[str, str] | None) -> str | None:
    return cache.digest(*digests) if digests else None


def _kept(article: Article) -> Article:
    """An article as the build cache keeps it: its folded form is made again when a build places a selector on
    it (anchor/selectors.py, ``Folded.unfolded``), not read from the cache at every build."""
    return dataclasses.replace(article, folded=Folded.unfolded(article.text))


def _fits(value: object) -> bool:
    return isinstance(value, Article) and isinstance(value.folded, Folded)


Loaded = tuple[Article | None, list[Diagnostic], tuple[str, str]]  # with the digests of the bytes read


def _load_all(root: Path, wanted: list[Wanted], folder: str) -> Generator[Loaded, None, None]:
    """Each article loaded, in order; in worker processes when there are many."""
    with parallel.Pool(root, parallel.workers(len(wanted))) as pool:
        for loaded in pool.ordered((_load_some, (run, folder)) for run in parallel.chunks(wanted, PER_CALL)):
            yield from loaded


Wanted = tuple[str, Path, Path | None]  # slug, text, metadata (None when it has none)


def plan(root: Path, folder: str = "articles") -> tuple[list[Wanted], list[Diagnostic]]:
    """The articles to load (by slug, in order) and the problems of the folder's entries; nothing is read."""
    base = root / folder
    if inputfiles.is_link(base):
        return [], [inputfiles.link(folder)]
    if not base.is_dir():
        return [], [file_error(folder, f"no {folder}/ folder", "create it and add <slug>.txt files")]
    texts, metas, diagnostics = _entries(root, base)
    for stem in sorted(set(metas) - set(texts)):
        diagnostics.append(
            file_error(
                _rel(metas[stem], root),
                f"metadata for {stem!r} has no text",
                f"add {folder}/{stem}.txt or remove this file",
            )
        )
    return [(slug, path, metas.get(slug)) for slug, path in texts.items()], diagnostics


def _entries(root: Path, base: Path) -> tuple[dict[str, Path], dict[str, Path], list[Diagnostic]]:
    """The article texts and metadata files of ``base`` by slug. A link, folder or other odd entry with
    one of their names is refused before anything is read (and its slug left out, with no second error);
    so is a slug with both a .yml and a .yaml."""
    texts: dict[str, Path] = {}
    metas: dict[str, Path] = {}
    diagnostics: list[Diagnostic] = []
    odd: set[str] = set()
    for entry in sorted(os.scandir(base), key=_order):
        stem, suffix = os.path.splitext(entry.name)
        if suffix not in SUFFIXES:
            continue
        path = base / entry.name
        # a regular file as the folder lists it (no lstat); anything else is looked at, and refused
        problem = None if entry.is_file(follow_symlinks=False) else inputfiles.problem(path, _rel(path, root))
        if problem is not None:
            diagnostics.append(problem)
            odd.add(stem)
        elif suffix == ".txt":
            texts[stem] = path
        elif stem in metas:
            diagnostics.append(_both(metas[stem], path, root))
        else:
            metas[stem] = path
    return _without(texts, odd), _without(metas, odd), diagnostics


SUFFIXES = {".txt": 0, ".yml": 1, ".yaml": 2}


def _order(entry: os.DirEntry[str]) -> tuple[str, int]:
    stem, suffix = os.path.splitext(entry.name)
    return stem, SUFFIXES.get(suffix, 9)


def _without(paths: dict[str, Path], stems: set[str]) -> dict[str, Path]:
    return {stem: path for stem, path in paths.items() if stem not in stems}


def _both(first: Path, second: Path, root: Path) -> Diagnostic:
    a, b = _rel(first, root), _rel(second, root)
    message = f"both {a} and {b} hold the metadata of {first.stem!r}"
    return file_error(b, message, f"keep one of them ({first.suffix} is the usual name) and remove {b}")


def _load_some(root: Path, wanted: list[Wanted], folder: str) -> list[Loaded]:
    return [_load_one(root, slug, path, meta_path, folder) for slug, path, meta_path in wanted]


def load_one(
    root: Path, slug: str, path: Path, meta_path: Path | None, folder: str
) -> tuple[Article | None, list[Diagnostic]]:
    article, diagnostics, _ = _load_one(root, slug, path, meta_path, folder)
    return article, diagnostics


def _load_one(root: Path, slug: str, path: Path, meta_path: Path | None, folder: str) -> Loaded:
    """An article, the problems found, and the digests of the bytes of its text and metadata read."""
    rel = _rel(path, root)
    refused = _bad_name(rel, slug) or (_no_metadata(rel, slug, folder) if meta_path is None else None)
    if refused is not None or meta_path is None:
        return None, [refused] if refused else [], ("", "")
    text, diagnostics, text_digest = _text(path, rel)
    if text is None:
        return None, diagnostics, (text_digest, "")
    meta_rel = _rel(meta_path, root)
    doc, diagnostics, meta_digest = _metadata(meta_path, meta_rel)
    meta, diagnostics = (None, diagnostics) if diagnostics else validate(doc, schema.ArticleMeta)
    if meta is None:
        return None, diagnostics, (text_digest, meta_digest)
    article = Article(slug, text, meta, rel, meta_rel, Folded(text))  # folded where it is loaded
    return article, [], (text_digest, meta_digest)


def _metadata(path: Path, rel: str) -> tuple[yamlsource.Document, list[Diagnostic], str]:
    """As ``yamlsource.load_file``, with the digest of the bytes read (empty when none could be)."""
    try:
        raw, size = inputfiles.read(path, yamlsource.MAX_BYTES)
    except OSError:
        return (*yamlsource.load_file(path, rel), "")
    return (*yamlsource.load(rel, raw, max(len(raw), size)), cache.bytes_digest(rel, raw, size))


def _bad_name(rel: str, slug: str) -> Diagnostic | None:
    """Why an article's file name cannot be its slug, if it cannot."""
    if not SLUG.match(slug):
        hint = "rename it with lowercase letters, digits and hyphens, e.g. 'kyiv-post-ceasefire.txt'"
        return file_error(rel, f"article file name {slug!r} is not a slug", hint)
    if slug in urls.RESERVED_SLUGS:
        hint = f"rename it; {', '.join(sorted(urls.RESERVED_SLUGS))} name pages of articles/"
        return file_error(rel, f"article file name {slug!r} is reserved for a listing page", hint)
    return None


def _no_metadata(rel: str, slug: str, folder: str) -> Diagnostic:
    hint = f"add {folder}/{slug}.yml with title, outlet, published, ... (see README)"
    return file_error(rel, f"article {slug!r} has no metadata", hint)


def _text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic], str]:
    """The article's raw text, or why it cannot be read as one (at the offending byte); and the digest of
    the bytes read."""
    try:
        raw, size = inputfiles.read(path, MAX_BYTES)
    except OSError as exc:
        return None, [file_error(rel, f"cannot read {rel}: {exc.strerror}", yamlsource.READ_HINT)], ""
    digest = cache.bytes_digest(rel, raw, size)
    problem = _not_text(raw, size)
    if problem is None:
        return raw.decode("utf-8"), [], digest
    at, message, hint = problem
    line = raw[:at].count(b"\n") + 1
    col = at - (raw.rfind(b"\n", 0, at) + 1) + 1
    return None, [Diagnostic(rel, line, col, "error", message, hint)], digest


def _not_text(raw: bytes, size: int) -> tuple[int, str, str] | None:
    """Where and why ``raw`` is not an article text (UTF-8, no NUL bytes, bounded size), if so."""
    if size > MAX_BYTES:
        return 0, f"article is {size:,} bytes; the limit is {MAX_BYTES:,}", "split it into several articles"
    if b"\x00" in raw:
        return raw.index(b"\x00"), "article text holds binary data (NUL bytes)", "articles are plain UTF-8 text"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start, f"article text is not UTF-8 (byte 0x{raw[exc.start]:02x})", "convert the file to UTF-8"
    return None


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
