"""The one argument parser of build_site.py: the CLI runs what it parses, and the up-to-date shortcut
reads it before the package is imported (standard library only)."""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

DESCRIPTION = "Command line: parse arguments, call the package, print diagnostics, map failure to exit 1."


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="build_site.py", description=DESCRIPTION)
    top.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    sub = top.add_subparsers(dest="command")
    b = sub.add_parser("build", help="validate, generate docs/ and build site/ (the default)")
    b.add_argument("--docs-only", action="store_true", help="generate docs/ without running mkdocs")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--force", action="store_true", help="build even when nothing changed since the last build")
    c = sub.add_parser("check", help="validate articles and annotations; write nothing")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    loc = sub.add_parser("locate", help="print a ready-to-paste selector for some words of an article")
    loc.add_argument("article", help="the article's slug (its file name without .txt)")
    loc.add_argument("words", nargs="+", help="the words to find, copied from the article")
    sub.add_parser("schema", help="write schema/*.schema.json (JSON Schema for editors) from the models")
    i = sub.add_parser("import", help="write annotation YAML from W3C Web Annotations (e.g. a Hypothesis export)")
    i.add_argument(
        "file", type=Path, help="a JSON(-LD) file (annotation, page, collection, Hypothesis export) or a folder of them"
    )
    i.add_argument("--out", type=Path, help="folder for the new YAML files (default: annotations/); never overwrites")
    n = sub.add_parser("new", help="FILE.txt: scaffold an article's metadata; DIR: a new corpus project")
    n.add_argument("target", type=Path, help="a raw text (<slug>.txt) or a folder for a new project")
    lst = sub.add_parser("list", help="print the ids of clusters, claims or names with their titles")
    lst.add_argument("table", choices=("clusters", "claims", "names"), help="what to list")
    s = sub.add_parser("serve", help="preview on http://127.0.0.1:8000, rebuilt on changes; annotate by selecting text")
    s.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 to serve on (default: 8000)")
    return top


def parse(argv: list[str]) -> argparse.Namespace:
    """The arguments; no command means ``build``."""
    args = parser().parse_args(argv)
    return args if args.command is not None else parser().parse_args(["build", *argv])


def parse_quietly(argv: list[str]) -> argparse.Namespace | None:
    """The arguments, or None (nothing printed) when they are wrong or ask for help: the CLI says so."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return parse(argv)
        except SystemExit:
            return None
