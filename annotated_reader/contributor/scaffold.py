"""``build_site.py new FILE.txt``: an article's metadata, every field with its provenance, from a raw text.

The text is copied into articles/ when it is elsewhere (never edited); the metadata file is new (never
overwritten) and validates as it is: values the text cannot tell are null with ``how: unknown``, guesses are
``how: inferred`` with a basis that says what to check.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed, Diagnostic
from annotated_reader.read import articles, inputfiles

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/article-meta.schema.json\n"
TITLE_CHARS = 300


def new_article(root: Path, source: Path) -> list[str]:
    """Write articles/<slug>.yml (and copy the text into articles/ when needed); the paths written."""
    slug = source.stem
    text_rel, meta_rel = f"articles/{slug}.txt", f"articles/{slug}.yml"
    problems = _refusals(root, source, slug, text_rel, meta_rel)
    if problems:
        raise BuildFailed(problems)
    text = source.read_text("utf-8")
    written = []
    target = root / text_rel
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(text_rel)
    fd = os.open(root / meta_rel, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(metadata(text))
    return [*written, meta_rel]


def _refusals(root: Path, source: Path, slug: str, text_rel: str, meta_rel: str) -> list[Diagnostic]:
    shown = str(source)
    odd = inputfiles.problem(source, shown)
    if odd is not None:
        return [odd]
    if source.suffix != ".txt":
        return [file_error(shown, "not a .txt file", "give the raw text of the article, saved as <slug>.txt")]
    bad = articles._bad_name(shown, slug)
    if bad is not None:
        return [bad]
    target = root / text_rel
    if target.exists() and not _same(target, source):
        hint = "rename your file, or remove the other text first"
        return [file_error(text_rel, f"{text_rel} exists with another text", hint)]
    if (root / meta_rel).exists() or inputfiles.is_link(root / meta_rel):
        return [file_error(meta_rel, f"{meta_rel} exists already; new never overwrites", "edit it instead")]
    try:
        source.read_text("utf-8")
    except UnicodeDecodeError as exc:
        return [file_error(shown, f"not UTF-8 text (byte {exc.start})", "save the text as UTF-8")]
    return []


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve() or a.read_bytes() == b.read_bytes()


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def metadata(text: str) -> str:
    """The metadata YAML for ``text``: valid as it is, every guess labelled for the contributor to check."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")[:TITLE_CHARS]
    check = "written by `build_site.py new`: check it and say how you know"
    fields = {
        "title": ("inferred", f"The first line of the text; {check}."),
        "outlet": ("unknown", "Not yet looked for: the outlet named in the text, or one confirmed by a stored copy."),
        "url": ("unknown", "Not yet looked for."),
        "published": ("unknown", "Not yet looked for: a date in the text, or one confirmed by the outlet's page."),
        "language": ("inferred", f"Assumed English; {check}."),
        "translation": ("unknown", "Not yet looked for: 'original', 'human' or 'machine'."),
        "source_language": ("unknown", "Not yet looked for; null when the text is not a translation."),
    }
    lines = [
        SCHEMA_LINE,
        "# corpus_id: the text's id in the original corpus, if it comes from there (optional)\n",
        f"title: {_q(first)}\n",
        "outlet: null\nurl: null\npublished: null\n",
        'language: "en"\ntranslation: null\nsource_language: null\n',
        'description: ""\ntags: []\n',
        "provenance:\n",
    ]
    lines += [f"  {name}:\n    how: {how}\n    basis: {_q(basis)}\n" for name, (how, basis) in fields.items()]
    return "".join(lines)
