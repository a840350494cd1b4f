"""Skip a build when nothing changed since the last successful one.

A fingerprint of every input (the path, size and modification time of each file in articles/,
annotations/ and docs/, mkdocs.yml, the code and static files of this package, the versions of
mkdocs, Material and Pagefind, the build options, and the git commit, which dates the notes) is
stored in docs/ after a build succeeds. ``build_site.py build`` compares it before importing anything
heavy: equal means docs/ and site/ are what a build would make, so it says so and stops; any difference
runs the full build, which still rewrites only the generated files whose content changed. Uses the
standard library only.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from annotated_reader import arguments, versions

STORE = ".build-fingerprint.json"  # in docs/, beside the manifest of generated files; mkdocs skips dotfiles
PACKAGE = Path(__file__).resolve().parents[1]  # annotated_reader/, code and static files
TOOLS = ("mkdocs", "mkdocs-material", "pagefind", "properdocs", "zensical")


def files(folder: Path) -> list[str]:
    found = []
    stack = [folder]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:  # unreadable: the build says so; here it only makes the fingerprint differ
            found.append(f"{folder}\0{exc.errno}")
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in ("__pycache__",):
                    stack.append(Path(entry.path))
            elif entry.name != STORE and not entry.name.endswith(".tmp"):
                found.append(_entry(entry))
    return found


def _entry(entry: os.DirEntry[str]) -> str:
    """A file's path, kind, size and time, from lstat: a link (even a dangling one) is never followed."""
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError as exc:
        return f"{entry.path}\0{exc.errno}"
    return f"{entry.path}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}"


_taken: dict[tuple[Path, str], str] = {}  # what ``main`` took, for the build it then runs (once)


def taken(root: Path, options: str) -> str:
    """``inputs``, as ``main`` took it before deciding to build (the build then takes it as it starts)."""
    return _taken.pop((root, options), None) or inputs(root, options)


def inputs(root: Path, options: str) -> str:
    """A hash of what a build reads, taken before it starts: an edit made during a build shows next time."""
    lines = [options, *_tools()]
    for folder in (root / "articles", root / "annotations", PACKAGE):
        lines += sorted(files(folder)) if folder.is_dir() else [f"{folder} missing"]
    lines.append(_config(root).decode("utf-8", "surrogateescape"))
    lines.append(f"git {git_head(root)}")  # a new commit changes the dates of notes, not the files
    return _hash(lines)


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", "replace").strip()
    except OSError:
        return ""


def git_head(root: Path) -> str:
    """The commit the checkout is on, read from .git without running git (a worktree's .git is a file
    naming its folder); empty outside a checkout."""
    dot = root / ".git"
    folder = root / _read(dot).removeprefix("gitdir: ") if dot.is_file() else dot
    head = _read(folder / "HEAD")
    if not head.startswith("ref: "):
        return head
    common = folder / (_read(folder / "commondir") or ".")
    ref = head.removeprefix("ref: ")
    packed = [line.split(" ", 1) for line in _read(common / "packed-refs").splitlines() if not line.startswith("#")]
    return _read(common / ref) or next((sha for sha, *name in packed if name == [ref]), ref)


def _config(root: Path) -> bytes:
    """mkdocs.yml's bytes, or a note of why it cannot be read (config.read reports that as a diagnostic)."""
    try:
        return (root / "mkdocs.yml").read_bytes()
    except OSError as exc:
        return f"mkdocs.yml unreadable: {exc.errno}".encode()


def fingerprint(before: str, docs_dir: Path) -> str:
    """The inputs' hash with the state of docs/ (generated and hand-written pages)."""
    return _hash([before, *sorted(files(docs_dir))] if docs_dir.is_dir() else [before, "no docs"])


def _hash(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def _tools() -> list[str]:
    """The versions of the tools a build runs."""
    return [f"{tool} {versions.version(tool) or 'absent'}" for tool in TOOLS]


def options(strict: bool, with_site: bool) -> str:
    engine = os.environ.get("ANNOTATED_READER_ENGINE") or "mkdocs"  # docs/ and site/ differ per engine
    return f"strict={strict} site={with_site} engine={engine}"


def record(root: Path, before: str, with_site: bool, warnings: int) -> None:
    """Remember a successful build (after it wrote docs/ and, when asked, site/); ``before`` is
    ``inputs()`` as the build started."""
    docs_dir, site_dir = folders(root)
    site = str(site_dir) if with_site else None
    state = {"inputs": before, "fingerprint": fingerprint(before, docs_dir), "site": site, "setup": setup(root)}
    (docs_dir / STORE).write_text(json.dumps({**state, "warnings": warnings}) + "\n", "utf-8")


def setup(root: Path) -> str:
    """What makes site/ from docs/ beside docs/ itself: the engine and the tools' versions, mkdocs.yml, and
    this package (its theme overrides, its minifier). Not the articles, annotations or commit: they reach
    site/ only through docs/."""
    lines = [options(False, True), *_tools(), *sorted(files(PACKAGE))]
    lines.append(_config(root).decode("utf-8", "surrogateescape"))
    return _hash(lines)


def site_of_docs(root: Path) -> bool:
    """Whether site/ is what the engine made of docs/ as it is now: the last build wrote both, nothing has
    touched docs/ since (its files' sizes and times), and the engine, tools, mkdocs.yml and this package are
    as they were. serve then updates that site/ page by page instead of building it again whole."""
    docs_dir, site_dir = folders(root)
    state = _stored(docs_dir) or {}
    site = state.get("site")
    if not isinstance(site, str) or not site_dir.is_dir() or Path(site).resolve() != site_dir.resolve():
        return False
    inputs_then = state.get("inputs")
    if not isinstance(inputs_then, str) or state.get("fingerprint") != fingerprint(inputs_then, docs_dir):
        return False
    return bool(state.get("setup") == setup(root))


def unchanged(root: Path, strict: bool, with_site: bool) -> dict[str, object] | None:
    """The stored state when the last build saw exactly these inputs (and its site/ is still there)."""
    docs_dir, _ = folders(root)
    state = _stored(docs_dir)
    if state is None:
        return None
    site = state.get("site")
    if with_site and not (isinstance(site, str) and Path(site).is_dir()):
        return None
    wanted = options(strict, with_site)
    _taken[root, wanted] = inputs(root, wanted)
    if state.get("inputs") != _taken[root, wanted]:  # an input changed: docs/ need not be looked at
        return None
    if state.get("fingerprint") != fingerprint(_taken[root, wanted], docs_dir):
        return None
    return state


def _stored(docs_dir: Path) -> dict[str, object] | None:
    """What ``record`` stored of the last successful build, or None."""
    try:
        state = json.loads((docs_dir / STORE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def folders(root: Path) -> tuple[Path, Path]:
    """docs_dir and site_dir as mkdocs.yml sets them (read with a plain scan: yaml is not imported)."""
    found = {"docs_dir": "docs", "site_dir": "site"}
    text = _config(root).decode("utf-8", "replace")
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key in found and value.strip():
            found[key] = value.split("#")[0].strip().strip("'\"")
    return root / found["docs_dir"], root / found["site_dir"]


def main(argv: list[str]) -> int | None:
    """``build_site.py [build] [--strict] [--docs-only]`` with nothing changed: say so, return 0.
    Anything else (another command, --force, wrong arguments, a change): None, run the real build."""
    args = arguments.parse_quietly(argv)
    if args is None or args.command != "build" or args.force or not (args.root / "mkdocs.yml").is_file():
        return None
    state = unchanged(args.root, args.strict, not args.docs_only)
    if state is None:
        return None
    where = "docs/" if args.docs_only else "docs/ and site/"
    warned = f" ({state.get('warnings')} warning(s) then)" if state.get("warnings") else ""
    print(f"nothing changed since the last build{warned}: {where} up to date (--force rebuilds)")
    return 0


if __name__ == "__main__":  # pragma: no cover - build_site.py calls main()
    sys.exit(main(sys.argv[1:]) or 0)
