"""``annotated-reader new DIR``: a new corpus project, ready to build, for annotating your own articles.

It holds mkdocs.yml, articles/ with one sample article and its metadata, annotations/ with a few
annotations of it, docs/ with an About page, and a Makefile whose targets run this installation
(``make site``, ``make check``, ``make serve``). Nothing that exists is overwritten: the folder must be
new or empty.
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed

MKDOCS_YML = """\
# Settings for MkDocs + Material for MkDocs (Zensical and properdocs read the same file).
# `make site` writes the generated pages into docs/ first, then builds site/.
site_name: {name}
site_url: https://example.org/{name}/   # where the site will live: permalinks and exports are built from it

theme:
  name: material
  variant: classic   # Zensical: keep Material's look (MkDocs ignores it)
  language: en
  font: false        # no Google Fonts: no page fetches anything from the internet
  features:
    - navigation.indexes
    - navigation.top
    - search.highlight
  palette:           # one scheme, as a mapping: a list makes Material add a hidden, focusable toggle
    scheme: default
    primary: indigo
    accent: deep orange

# No theme search: Pagefind's, loaded only when a reader starts typing in the header's box.
plugins: []

markdown_extensions:
  - annotated_reader.rawblock
  - attr_list
  - footnotes
  - tables
  - toc:
      permalink: true

extra_css:
  - assets/annotated-reader/reader.css

extra_javascript:
  - path: assets/annotated-reader/reader.js
    defer: true  # run once the page is parsed: the text paints without waiting for it

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn

not_in_nav: |
  /articles/*.md
  !/articles/index.md
  /articles/by-*/*.md
  !/articles/by-*/index.md
  /quotes/*.md
  !/quotes/index.md
  /claims/*.md
  !/claims/index.md
"""

MAKEFILE = """\
# A corpus of annotated articles. `make help` lists the targets. ENGINE=mkdocs|properdocs|zensical
PYTHON ?= {python}
ENGINE ?= mkdocs
RUN := ANNOTATED_READER_ENGINE=$(ENGINE) NO_MKDOCS_2_WARNING=1 $(PYTHON) -m annotated_reader

.PHONY: help site check serve clean
help:  ## list the targets
\t@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{{printf "  make %-6s %s\\n", $$1, $$2}}'

site:  ## build site/ from articles/ and annotations/
\t$(RUN) build

check:  ## validate articles and annotations; write nothing
\t$(RUN) check

serve:  ## preview on http://127.0.0.1:8000, rebuilding on changes
\t$(RUN) serve

clean:  ## remove the built site
\trm -rf site
"""

ARTICLE = """\
A sample article: replace it with your own

The town of Suja lies near the border. Officials said on Monday that "the roads are open again".
Suja had been cut off for a week, the mayor told reporters.
"""

META = """\
corpus_id: sample-01
title: "A sample article: replace it with your own"
outlet: Sample Daily
url: null
published: 2025-03-14
language: en
translation: original
source_language: null
provenance:
  title: {how: stated, basis: the first line of the text}
  outlet: {how: inferred, basis: a sample}
  url: {how: unknown, basis: not recorded}
  published: {how: inferred, basis: a sample}
  language: {how: inferred, basis: the text is English}
  translation: {how: inferred, basis: a sample}
  source_language: {how: unknown, basis: not a translation}
"""

ANNOTATIONS = """\
# Annotations of articles/sample.txt; README "How to annotate" lists every kind and field.
article: sample
annotations:
  - id: suja
    kind: correction
    exact: Suja
    corrected: Sudzha
    error: name
    confidence: high
    occurrences: all
    note: The town's name is Sudzha; "Suja" is a machine translation's spelling.
"""

ABOUT = """\
# About

Articles annotated with [annotated-reader](https://pypi.org/project/annotated-reader/). Each article's text
belongs to its outlet; it is reproduced here for research and teaching commentary.

| Article | Outlet | Published |
|---|---|---|
| [A sample article](articles/sample.md) | replace it with your own | |
"""

IGNORED = ("site/", ".cache/", ".build.lock", ".docs-backup/", ".site-*/", ".search-*/", ".mkdocs-pagefind.yml")
GITIGNORE = "".join(f"{line}\n" for line in (*IGNORED, ".zensical-build.yml"))


def files(name: str, python: str) -> dict[str, str]:
    """The files of a new project, by path."""
    return {
        "mkdocs.yml": MKDOCS_YML.format(name=name),
        "Makefile": MAKEFILE.format(python=python),
        "articles/sample.txt": ARTICLE,
        "articles/sample.yml": META,
        "annotations/sample.yml": ANNOTATIONS,
        "docs/about.md": ABOUT,
        ".gitignore": GITIGNORE,
    }


def create(folder: Path, python: str = sys.executable) -> list[str]:
    """Write a new project into ``folder`` (new or empty); the paths written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        hint = "give a new folder: annotated-reader new my-corpus"
        raise BuildFailed([file_error(str(folder), "a project goes into a new or empty folder", hint)])
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in folder.resolve().name) or "corpus"
    written = []
    for rel, text in files(name, python).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(rel)
    return written
