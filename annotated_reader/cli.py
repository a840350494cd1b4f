"""Command line: parse arguments, call the package, print diagnostics, map failure to exit 1."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from . import articles, build, importing, json_schema, locate, progress, site, uptodate
from .model import BuildFailed, Diagnostic
from .validate import did_you_mean


def _print(diagnostics: list[Diagnostic]) -> None:
    for d in sorted(diagnostics):
        print(d.format(), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    progress.enable()
    before = uptodate.inputs(args.root, uptodate.options(args.strict, not args.docs_only))
    started = time.perf_counter()
    result = build.build(args.root, strict=args.strict, with_site=not args.docs_only)
    _print(result.diagnostics)
    print(build.summary(result.corpus))
    uptodate.record(args.root, before, not args.docs_only, len(result.diagnostics))
    print(build.finished(result, time.perf_counter() - started, not args.docs_only))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    result = build.check(args.root, strict=args.strict)
    _print(result.diagnostics)
    print(f"ok: {len(result.corpus.articles)} articles, {len(result.corpus.all_placed())} annotations")
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    """Print a ready-to-paste selector for some words of an article, or the closest passages."""
    found, diagnostics = articles.load_articles(args.root)
    article = found.get(args.article)
    if article is None:
        choices = sorted(found)
        hint = did_you_mean(args.article, choices) if choices else "add articles/<slug>.txt first"
        _print([*diagnostics, Diagnostic("articles", 1, 1, "error", f"unknown article {args.article!r}", hint)])
        return 1
    result = locate.locate(article, " ".join(args.words))
    print(result.text, end="")
    return 0 if result.found else 1


def cmd_import(args: argparse.Namespace) -> int:
    """Write annotation YAML from a W3C JSON(-LD) file; exit 1 when an annotation could not be imported."""
    outcome = importing.import_file(args.root, args.file, args.out)
    _print(outcome.diagnostics)
    for rel in outcome.written:
        print(f"wrote {rel}")
    print(f"imported {outcome.imported} annotation(s) into {len(outcome.written)} file(s)")
    return 1 if any(d.severity == "error" for d in outcome.diagnostics) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Write schema/*.schema.json, the JSON Schemas editors use, from the models of schema.py."""
    written = site.write_changed(args.root, json_schema.files())
    for rel in written:
        print(f"wrote {rel}")
    print(f"schema/: {len(written)} file(s) changed")
    return 0


def _snapshot(root: Path) -> dict[str, float]:
    watched = [root / "articles", root / "annotations", Path(__file__).parent / "static"]
    return {
        str(p): p.stat().st_mtime for folder in watched if folder.is_dir() for p in folder.rglob("*") if p.is_file()
    }


def cmd_serve(args: argparse.Namespace) -> int:
    """Generate docs/, run ``mkdocs serve``, and regenerate whenever an input file changes."""
    _regenerate(args.root)
    env = site.tool_env()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.addr], cwd=args.root, env=env
    )
    seen = _snapshot(args.root)
    try:
        while server.poll() is None:
            time.sleep(0.5)
            now = _snapshot(args.root)
            if now != seen:
                seen = now
                _regenerate(args.root)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def _regenerate(root: Path) -> None:
    try:
        result = build.build(root, with_site=False)
        _print(result.diagnostics)
        print(f"regenerated docs/: {len(result.written)} file(s) changed", file=sys.stderr)
    except BuildFailed as failed:
        _print(failed.diagnostics)
        print("docs/ left as it was; fix the errors above", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="build_site.py", description=__doc__)
    top.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    sub = top.add_subparsers(dest="command")
    b = sub.add_parser("build", help="validate, generate docs/ and build site/ (the default)")
    b.add_argument("--docs-only", action="store_true", help="generate docs/ without running mkdocs")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--force", action="store_true", help="build even when nothing changed since the last build")
    b.set_defaults(run=cmd_build)
    c = sub.add_parser("check", help="validate articles and annotations; write nothing")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.set_defaults(run=cmd_check)
    loc = sub.add_parser("locate", help="print a ready-to-paste selector for some words of an article")
    loc.add_argument("article", help="the article's slug (its file name without .txt)")
    loc.add_argument("words", nargs="+", help="the words to find, copied from the article")
    loc.set_defaults(run=cmd_locate)
    j = sub.add_parser("schema", help="write schema/*.schema.json (JSON Schema for editors) from the models")
    j.set_defaults(run=cmd_schema)
    i = sub.add_parser("import", help="write annotation YAML from W3C Web Annotations (e.g. a Hypothesis export)")
    i.add_argument("file", type=Path, help="a JSON(-LD) file: an annotation, page, collection or Hypothesis export")
    i.add_argument("--out", type=Path, help="folder for the new YAML files (default: annotations/); never overwrites")
    i.set_defaults(run=cmd_import)
    s = sub.add_parser("serve", help="preview on http://127.0.0.1:8000, regenerating on changes")
    s.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")
    s.set_defaults(run=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args(["build", *(argv or sys.argv[1:])])
    try:
        return int(args.run(args))
    except BuildFailed as failed:
        _print(failed.diagnostics)
        return 1
