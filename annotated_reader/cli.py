"""Command line: parse arguments, call the package, print diagnostics, map failure to exit 1."""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from annotated_reader import arguments, build, progress, summary
from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed, Diagnostic
from annotated_reader.write import uptodate

# Each command imports what only it needs, when it runs: a build does not pay for import's or locate's modules.


def _print(diagnostics: list[Diagnostic], log: tuple[str, ...] = ()) -> None:
    """The diagnostics sorted by file and line, then a failed tool's output as the tool wrote it."""
    for d in sorted(diagnostics):
        print(d.format(), file=sys.stderr)
    for line in log:
        print(f"    | {line}", file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    progress.enable()
    before = uptodate.taken(args.root, uptodate.options(args.strict, not args.docs_only))
    started = time.perf_counter()
    result = build.build(args.root, strict=args.strict, with_site=not args.docs_only)
    _print(result.diagnostics)
    print(summary.summary(result.corpus))
    uptodate.record(args.root, before, not args.docs_only, len(result.diagnostics))
    print(summary.finished(result, time.perf_counter() - started, not args.docs_only))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    result = build.check(args.root, strict=args.strict)
    _print(result.diagnostics)
    print(f"ok: {len(result.corpus.articles)} articles, {len(result.corpus.all_placed())} annotations")
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    """Print a ready-to-paste selector for some words of an article, or the closest passages."""
    from annotated_reader.anchor import locate
    from annotated_reader.read import articles
    from annotated_reader.read.validate import did_you_mean

    found, diagnostics = articles.load_articles(args.root)
    article = found.get(args.article)
    if article is None:
        choices = sorted(found)
        hint = did_you_mean(args.article, choices) if choices else "add articles/<slug>.txt first"
        _print([*diagnostics, file_error("articles", f"unknown article {args.article!r}", hint)])
        return 1
    result = locate.locate(article, " ".join(args.words))
    print(result.text, end="")
    return 0 if result.found else 1


def cmd_import(args: argparse.Namespace) -> int:
    """Write annotation YAML from a W3C JSON(-LD) file; exit 1 when an annotation could not be imported."""
    from annotated_reader.interop import import_command

    problems = _import_problems(args.root, args.file, args.out)
    if problems:
        raise BuildFailed(problems)
    outcome = import_command.import_file(args.root, args.file, args.out)
    _print(outcome.diagnostics)
    for rel in outcome.written:
        print(f"wrote {rel}")
    print(f"imported {outcome.imported} annotation(s) into {len(outcome.written)} file(s)")
    return 1 if any(d.severity == "error" for d in outcome.diagnostics) else 0


def _import_problems(root: Path, source: Path, out: Path | None) -> list[Diagnostic]:
    """What import can tell before reading anything: the file is a regular file within the size limit,
    ``--out`` is a folder (or will be one), and that folder holds no link or odd entry a new file could go
    through. Nothing is written when any of these fails."""
    from annotated_reader.interop import w3c_read
    from annotated_reader.read import inputfiles

    shown = _shown(source, root)
    try:
        found = source.stat()
    except OSError as exc:
        return [file_error(shown, f"cannot read the file: {exc.strerror}", w3c_read.JSON_HINT)]
    if not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode):  # a folder: its files (w3c_pages)
        return [inputfiles.problem(source.resolve(), shown) or file_error(shown, "not a file")]
    too_large = w3c_read.too_large(shown, found.st_size)
    if too_large is not None or out is None:
        return [too_large] if too_large else []
    if out.exists() and not out.is_dir():
        where = _shown(out, root)
        return [file_error(where, f"--out {where} is a file, not a folder", OUT_HINT)]
    entries = sorted(out.iterdir()) if out.is_dir() else []
    return [odd for path in entries if (odd := _odd_output(path, root)) is not None]


def _odd_output(path: Path, root: Path) -> Diagnostic | None:
    from annotated_reader.read import inputfiles

    if path.suffix not in (".yml", ".yaml") or (path.is_dir() and not path.is_symlink()):
        return None
    odd = inputfiles.problem(path, _shown(path, root))
    if odd is None:
        return None
    return file_error(odd.path, odd.message.split(";")[0] + "; import writes nothing there", OUT_HINT)


OUT_HINT = "give --out a folder (it is created when missing) that holds no links; new files never overwrite"


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to the project when inside it, as given otherwise; links are not resolved."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(path)


def cmd_schema(args: argparse.Namespace) -> int:
    """Write schema/*.schema.json, the JSON Schemas editors use, from the models of schema.py."""
    from annotated_reader.interop import json_schema
    from annotated_reader.write import docs_writer

    written = docs_writer.write_changed(args.root, json_schema.files())
    for rel in written:
        print(f"wrote {rel}")
    print(f"schema/: {len(written)} file(s) changed")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview on 127.0.0.1, rebuilt when an input changes; select words in an article to annotate them."""
    from annotated_reader.preview import server

    return server.serve(args.root, args.port)


def cmd_new(args: argparse.Namespace) -> int:
    """``new FILE.txt`` scaffolds an article's metadata; ``new DIR`` makes a corpus project (issue 19)."""
    if args.target.suffix == ".txt":
        from annotated_reader.contributor import scaffold

        for rel in scaffold.new_article(args.root, args.target):
            print(f"wrote {rel}")
        print("next: check each field of the metadata and its provenance, then `build_site.py check`")
        return 0
    return _new_project(args)


def _new_project(args: argparse.Namespace) -> int:
    """``new FOLDER``: a new corpus project (newproject.py)."""
    from annotated_reader import newproject

    written = newproject.create(args.target)
    print(f"created {args.target}: {', '.join(written)}\nnext: cd {args.target} && make site")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Print the ids of clusters, claims or names with their titles."""
    from annotated_reader.contributor import listing

    text, errors = listing.listing(args.root, args.table)
    print(text, end="")
    _print(errors)
    return 1 if errors else 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": cmd_build,
    "check": cmd_check,
    "locate": cmd_locate,
    "schema": cmd_schema,
    "import": cmd_import,
    "serve": cmd_serve,
    "new": cmd_new,
    "list": cmd_list,
}


def main(argv: list[str] | None = None) -> int:
    args = arguments.parse(sys.argv[1:] if argv is None else argv)
    try:
        return COMMANDS[args.command](args)
    except BuildFailed as failed:
        _print(failed.diagnostics, failed.log)
        return 1
    except (OSError, RecursionError, ValueError, UnicodeError, MemoryError) as exc:  # the last resort: no traceback
        _fail(exc, args.root)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: the build has put docs/ back already (docs_writer.Changes.rollback)
        print("interrupted; docs/ and site/ are as they were before this command", file=sys.stderr)
        return 130


def _fail(exc: BaseException, root: Path) -> None:
    """Print a failure no stage turned into a diagnostic as ``path: error: message`` and a hint."""
    if isinstance(exc, OSError):
        path = _shown(Path(os.fsdecode(exc.filename)), root) if exc.filename else _shown(root, root)
        message = exc.strerror or str(exc)
        hint = OS_HINTS.get(exc.errno or 0, "check this path, then run the command again")
    else:
        path, message = _shown(root, root), f"{type(exc).__name__}: {str(exc)[:300]}"
        hint = OTHER_HINTS.get(type(exc), "an input is beyond what the build can read; please report it as a bug")
    print(f"{path}: error: {message}\n    hint: {hint}", file=sys.stderr)


OS_HINTS = {
    errno.ENOSPC: "the disk is full: free some space, then run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run the command again",
    errno.EACCES: "the build may not read or write here: check the permissions of this path",
    errno.EPERM: "the build may not read or write here: check the permissions and owner of this path",
    errno.EROFS: "the file system is read-only: build in a writable checkout",
    errno.EEXIST: "a file stands where a folder goes: move it away",
    errno.ENOTDIR: "a file stands where a folder goes: move it away",
    errno.EISDIR: "a folder stands where a file goes: move it away",
    errno.ENOENT: "it disappeared while the command ran (another build at the same time?): run it again",
}
OTHER_HINTS: dict[type, str] = {
    RecursionError: "an input is nested too deeply; look at the files changed last, and please report it as a bug",
    MemoryError: "out of memory: an input is too large; look at the files changed last",
}
