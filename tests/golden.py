"""Golden cases: tests/golden/<case>/ holds articles/, annotations/, mkdocs.yml and the expected
output: expected/ (every generated file but the stylesheet) or expected-errors.txt."""

from __future__ import annotations

from pathlib import Path

from annotated_reader import build
from annotated_reader.model import BuildFailed
from tests.helpers import generate

GOLDEN = Path(__file__).parent / "golden"


def cases() -> list[Path]:
    return sorted(p for p in GOLDEN.iterdir() if p.is_dir() and (p / "mkdocs.yml").exists())


def produce(case: Path) -> dict[str, str]:
    """What the generator makes of a case: files by relative path, or the diagnostics."""
    settings, corpus, diagnostics = build.gather(case)
    errors = build.failures(diagnostics, strict=False)
    if errors or settings is None:
        return {"expected-errors.txt": "".join(d.format() + "\n" for d in BuildFailed(diagnostics).diagnostics)}
    files = generate(settings, corpus)
    return {f"expected/{rel}": text for rel, text in files.items() if not rel.startswith(build.ASSETS)}


def stored(case: Path) -> dict[str, str]:
    found = {}
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case).as_posix()
        if path.is_file() and (rel.startswith("expected/") or rel == "expected-errors.txt"):
            found[rel] = path.read_text("utf-8")
    return found
