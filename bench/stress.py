"""Stress cases of the adversarial review (section 3, Resource, and M-8): each large input made in a temporary
copy of the project, the real command run on it, its wall time and peak memory printed as a table.

Run: ``.venv/bin/python -m bench.stress`` (``make stress``); ``--only R-5,R-6`` runs some cases; ``--timeout``
stops a case after that many seconds. Time and memory should grow in proportion to the input: compare the
cases given at two sizes. The limits a case runs into are in annotated_reader/read/limits.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import copy_project, meta_data

ROOT = Path(__file__).resolve().parent.parent
SLUG = "stress"
URL = "https://news.example.com/stress"


@dataclass(frozen=True)
class Case:
    name: str
    size: str  # the input, in words
    make: Callable[[Path], list[str]]  # writes the input into a project copy, returns the command's arguments


def _article(root: Path, text: str) -> None:
    (root / "articles" / f"{SLUG}.txt").write_text(text, "utf-8")
    meta = meta_data(corpus_id=SLUG, title="Stress", url=URL)
    meta["provenance"]["url"] = {"how": "stated", "basis": "stress test"}
    (root / "articles" / f"{SLUG}.yml").write_text(yaml.safe_dump(meta), "utf-8")


def _annotations(root: Path, items: list[dict[str, Any]]) -> None:
    # one flow mapping a line, as compact as a contributor could write it (the file limit is 2,000,000 bytes)
    lines = [f"article: {SLUG}", "annotations:"]
    lines += ["- {" + ",".join(f"{key}: {_plain(value)}" for key, value in item.items()) + "}" for item in items]
    (root / "annotations" / f"{SLUG}.yml").write_text("\n".join(lines) + "\n", "utf-8")


def _plain(value: Any) -> str:
    """A value as YAML: bare when it is plain letters and digits, else JSON (a YAML double-quoted scalar)."""
    text = str(value)
    return text if text.isalnum() and not text.isdigit() else json.dumps(value)


def _note(ident: str, exact: str, **more: Any) -> dict[str, Any]:
    return {"id": ident, "kind": "note", "exact": exact, "note": "n", **more}


def one_per_line(n: int, command: str) -> Callable[[Path], list[str]]:
    """R-4: an article of n lines, a note on each (its word found once)."""

    def make(root: Path) -> list[str]:
        _article(root, "".join(f"w{i}x\n" for i in range(n)))
        _annotations(root, [_note(f"n{i}", f"w{i}x") for i in range(n)])
        return [command] if command == "check" else ["build", "--docs-only"]

    return make


def repeated(n: int) -> Callable[[Path], list[str]]:
    """R-5: `exact: a` on an article of n times "a "."""

    def make(root: Path) -> list[str]:
        _article(root, "a " * n)
        _annotations(root, [_note("x", "a")])
        return ["check"]

    return make


def rule(n: int) -> Callable[[Path], list[str]]:
    """R-6: a correction rule for every "a" of n times "a ", built."""

    def make(root: Path) -> list[str]:
        _article(root, "a " * n)
        item = {"id": "r", "kind": "correction", "exact": "a", "corrected": "b", "error": "name"}
        _annotations(root, [{**item, "confidence": "high", "occurrences": "all"}])
        return ["build", "--docs-only"]

    return make


def nowhere(chars: int, article_bytes: int) -> Callable[[Path], list[str]]:
    """R-7: an `exact` of ``chars`` characters that matches nowhere in an article of ``article_bytes``."""

    def make(root: Path) -> list[str]:
        words = [f"word{i % 977} " for i in range(article_bytes // 8)]
        _article(root, "".join(words)[:article_bytes])
        _annotations(root, [_note("x", ("zq" * chars)[:chars])])
        return ["check"]

    return make


def many_nowhere(count: int, chars: int, article_bytes: int) -> Callable[[Path], list[str]]:
    """R-7, many times: ``count`` selectors of ``chars`` characters that match nowhere (a fuzzy hint each)."""

    def make(root: Path) -> list[str]:
        _article(root, "".join(f"word{i % 977} " for i in range(article_bytes // 8))[:article_bytes])
        exact = " ".join(f"word{i % 977}" for i in range(chars // 8))[:chars]
        _annotations(root, [_note(f"n{i}", f"{exact} q{i}") for i in range(count)])
        return ["check"]

    return make


def many_lines(lines: int, notes: int) -> Callable[[Path], list[str]]:
    """R-9: an article of many short lines, some with a note."""

    def make(root: Path) -> list[str]:
        _article(root, "".join(f"x{i:x}.\n" for i in range(lines)))  # 4.8 MB at 600,000 lines
        step = lines // notes
        _annotations(root, [_note(f"n{i}", f"x{i * step:x}.") for i in range(notes)])
        return ["build", "--docs-only"]

    return make


def records(n: int, body: int = 1) -> Callable[[Path], list[str]]:
    """M-8 / R-11: an import of n W3C records on one quote, each with a comment of ``body`` characters."""

    def make(root: Path) -> list[str]:
        _article(root, "The troops left the town on Monday.\n")
        item = {
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": "c" * body, "purpose": "commenting"},
            "target": {"source": URL, "selector": {"type": "TextQuoteSelector", "exact": "left the town"}},
        }
        items = [{"id": f"https://hypothes.is/a/r{i}", **item} for i in range(n)]
        (root / "in.jsonld").write_text(json.dumps(items), "utf-8")
        return ["import", "in.jsonld", "--out", "imported"]

    return make


CASES = [
    Case("R-4", "2,500 lines, 2,500 notes", one_per_line(2_500, "build")),
    Case("R-4", "5,000 lines, 5,000 notes (the most)", one_per_line(5_000, "build")),
    Case("R-4", "40,000 lines, 40,000 notes", one_per_line(40_000, "check")),
    Case("R-5", 'exact "a" on 8 KB of "a "', repeated(4_000)),
    Case("R-5", 'exact "a" on 32 KB of "a "', repeated(16_000)),
    Case("R-5", 'exact "a" on 4.9 MB of "a "', repeated(2_450_000)),
    Case("R-6", 'rule "a" on 4 KB of "a " (2,000 marks)', rule(2_000)),
    Case("R-6", 'rule "a" on 16 KB of "a "', rule(8_000)),
    Case("R-7", "5,000-char exact, nowhere in 4.9 MB", nowhere(5_000, 4_900_000)),
    Case("R-7", "20,000-char exact, nowhere in 4.9 MB", nowhere(20_000, 4_900_000)),
    Case("R-7", "4,000 selectors of 390 chars, nowhere in 50 KB", many_nowhere(4_000, 390, 50_000)),
    Case("R-9", "600,000 lines, 1,000 notes", many_lines(600_000, 1_000)),
    Case("R-9", "600,000 lines, 5,000 notes (the most)", many_lines(600_000, 5_000)),
    Case("M-8", "10,000 import records", records(10_000)),
    Case("M-8", "50,000 import records", records(50_000)),
    Case("R-11", "import, one 100 MB comment", records(1, 100_000_000)),
]


@dataclass(frozen=True)
class Result:
    command: str
    seconds: float
    peak_mb: float
    outcome: str


def run(case: Case, timeout: float) -> Result:
    """The case's command in a fresh copy of the project: wall time, peak RSS (``wait4``), first diagnostic."""
    with tempfile.TemporaryDirectory(prefix="stress-") as folder:
        root = copy_project(Path(folder) / "project")
        shutil.copy(ROOT / "build_site.py", root / "build_site.py")
        args = case.make(root)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
        log = Path(folder) / "output.txt"
        started = time.monotonic()
        with log.open("wb") as out:
            argv = [sys.executable, "build_site.py", *args]  # our own arguments
            child = subprocess.Popen(argv, cwd=root, env=env, stdout=out, stderr=out)  # noqa: S603
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        while pid == 0 and time.monotonic() - started < timeout:
            time.sleep(0.05)
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        seconds = time.monotonic() - started
        command = " ".join(args[:2] if args[0] != "build" else args)
        if pid == 0:
            child.kill()
            os.wait4(child.pid, 0)
            return Result(command, seconds, float("nan"), f"killed after {timeout:.0f} s")
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
        output = log.read_text("utf-8", "replace")
        return Result(command, seconds, usage.ru_maxrss / 1024, _outcome(child.returncode, output))


def _outcome(code: int, output: str) -> str:
    """``ok``, or the first error line about the stress input (else the last line), shortened."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if ": error:" in line or "Traceback" in line]
    mine = [line for line in errors if SLUG in line or "in.jsonld" in line] or errors
    if code == 0:
        return "ok"
    shown = mine[0] if mine else (lines[-1] if lines else f"exit {code}")
    return shown if len(shown) <= 160 else shown[:159] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description="The adversarial review's large cases: wall time and peak memory.")
    parser.add_argument("--only", default="", help="comma-separated case names (R-4,R-5,...)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a case is killed")
    options = parser.parse_args()
    chosen = [c for c in CASES if not options.only or c.name in options.only.split(",")]
    print("| Case | Input | Command | Wall (s) | Peak RSS (MB) | Result |\n|---|---|---|---:|---:|---|", flush=True)
    for case in chosen:
        result = run(case, options.timeout)
        cells = [case.name, case.size, result.command, f"{result.seconds:.1f}", f"{result.peak_mb:.0f}", result.outcome]
        print("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |", flush=True)


if __name__ == "__main__":
    main()
