"""Hostile input to every command: a `path...: error:` line, a non-zero exit, and never a traceback.

Each case builds a small project (tests/test_hostile.py's `project`) in a temporary folder, breaks it one
way, and runs the real command line, `python build_site.py ...`, as a subprocess: a traceback can come from
outside ``cli.main`` (build_site.py reads mkdocs.yml and the inputs before importing the CLI). A secret that
a symbolic link points at must never appear in the output. ``serve`` is started on a free port, broken
while it runs, and must print a diagnostic and keep answering HTTP.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from annotated_reader import cli
from annotated_reader.preview import server, state

from .test_hostile import GOLDEN, project

ROOT = Path(__file__).resolve().parent.parent
SECRET = "ghp-s3cr3t-t0ken-value"  # noqa: S105 - what a leak would print
META = (GOLDEN / "articles" / "base.yml").read_text("utf-8")


def command(root: Path, *args: str, timeout: float = 120) -> tuple[int, str]:
    """Run ``build_site.py --root ROOT ARGS`` as a contributor would; return the exit code and all output."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--root", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def fresh(tmp: Path) -> Path:
    """A small valid project in ``tmp/p`` (``tmp`` keeps the files outside it)."""
    (tmp / "p").mkdir()
    return project(tmp / "p", {})


def assert_refused(code: int, output: str, expected: str) -> None:
    assert "Traceback" not in output, output
    assert code != 0, output
    assert expected in output, output
    assert SECRET not in output, output


# ---- ways to break a project: each returns the fragment its diagnostic must hold ----------------------


def _outside(root: Path, name: str, content: str) -> Path:
    """A file outside the project (beside it), holding a secret."""
    path = root.parent / f"outside-{root.name}" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, "utf-8")
    return path


def article_links_outside(root: Path) -> str:
    (root / "articles" / "leak.txt").symlink_to(_outside(root, "passwd", f"root:x:0:0:{SECRET}\n"))
    (root / "articles" / "leak.yml").write_text(META, "utf-8")
    return "articles/leak.txt:1:1: error: articles/leak.txt is a symbolic link"


def article_links_to_git_config(root: Path) -> str:
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n", "utf-8")
    (root / "articles" / "leak.txt").symlink_to(Path("..") / ".git" / "config")
    (root / "articles" / "leak.yml").write_text(META, "utf-8")
    return "articles/leak.txt:1:1: error: articles/leak.txt is a symbolic link"


def metadata_links_outside(root: Path) -> str:
    (root / "articles" / "leak.txt").write_text("Some text.\n", "utf-8")
    (root / "articles" / "leak.yml").symlink_to(_outside(root, "meta.yml", f"title: {SECRET}\n"))
    return "articles/leak.yml:1:1: error: articles/leak.yml is a symbolic link"


def annotation_links_outside(root: Path) -> str:
    (root / "annotations" / "leak.yml").symlink_to(_outside(root, "secret.yml", f"article: {SECRET}\n"))
    return "annotations/leak.yml:1:1: error: annotations/leak.yml is a symbolic link"


def annotation_folder_links_outside(root: Path) -> str:
    folder = _outside(root, "secret.yml", f"article: {SECRET}\n").parent
    (root / "annotations" / "more").symlink_to(folder, target_is_directory=True)
    return "annotations/more:1:1: error: annotations/more is a symbolic link"


def annotations_folder_is_a_link(root: Path) -> str:
    folder = _outside(root, "secret.yml", f"article: {SECRET}\n").parent
    shutil.rmtree(root / "annotations")
    (root / "annotations").symlink_to(folder, target_is_directory=True)
    return "annotations:1:1: error: annotations is a symbolic link"


def yml_and_yaml(root: Path) -> str:
    (root / "articles" / "base.yaml").write_text(META, "utf-8")
    return "articles/base.yaml:1:1: error: both articles/base.yml and articles/base.yaml"


def text_is_a_folder(root: Path) -> str:
    (root / "articles" / "foo.txt").mkdir()
    (root / "articles" / "foo.yml").write_text(META, "utf-8")
    return "articles/foo.txt:1:1: error: articles/foo.txt is a folder"


def metadata_is_a_folder(root: Path) -> str:
    (root / "articles" / "foo.txt").write_text("Some text.\n", "utf-8")
    (root / "articles" / "foo.yml").mkdir()
    return "articles/foo.yml:1:1: error: articles/foo.yml is a folder"


def dangling_text(root: Path) -> str:
    (root / "articles" / "foo.txt").symlink_to(root / "nowhere.txt")
    (root / "articles" / "foo.yml").write_text(META, "utf-8")
    return "articles/foo.txt:1:1: error: articles/foo.txt is a symbolic link"


def dangling_metadata(root: Path) -> str:
    (root / "articles" / "foo.txt").write_text("Some text.\n", "utf-8")
    (root / "articles" / "foo.yml").symlink_to(root / "nowhere.yml")
    return "articles/foo.yml:1:1: error: articles/foo.yml is a symbolic link"


def dangling_annotation(root: Path) -> str:
    (root / "annotations" / "gone.yml").symlink_to(root / "nowhere.yml")
    return "annotations/gone.yml:1:1: error: annotations/gone.yml is a symbolic link"


def text_is_a_fifo(root: Path) -> str:
    os.mkfifo(root / "articles" / "foo.txt")  # opening it would wait for a writer for ever
    (root / "articles" / "foo.yml").write_text(META, "utf-8")
    return "articles/foo.txt:1:1: error: articles/foo.txt is not a regular file"


def annotation_is_a_fifo(root: Path) -> str:
    os.mkfifo(root / "annotations" / "pipe.yml")
    return "annotations/pipe.yml:1:1: error: annotations/pipe.yml is not a regular file"


def empty_metadata(root: Path) -> str:
    (root / "articles" / "foo.txt").write_text("Some text.\n", "utf-8")
    (root / "articles" / "foo.yml").write_text("", "utf-8")
    return "articles/foo.yml:1:1: error:"


def binary_text(root: Path) -> str:
    (root / "articles" / "foo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "articles" / "foo.yml").write_text(META, "utf-8")
    return "articles/foo.txt:3:1: error: article text holds binary data"


def huge_integer(root: Path) -> str:
    (root / "annotations" / "big.yml").write_text("article: base\nannotations: " + "7" * 5000 + "\n", "utf-8")
    return "annotations/big.yml:2:14: error: annotations must be a list"


def deep_nesting(root: Path) -> str:
    (root / "annotations" / "deep.yml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    # PyYAML 6.0.4's scanner refuses it first (at 1,000 levels, while it looks ahead for a key), before the
    # reader's own limit of 32 levels (yamlsource.MAX_DEPTH), which test_hostile.py checks at a shallower depth
    return "annotations/deep.yml:1:1003: error: invalid YAML: exceeded maximum nesting depth"


def mkdocs_not_utf8(root: Path) -> str:
    (root / "mkdocs.yml").write_bytes(b"site_name: caf\xe9\nsite_url: https://example.org/\n")
    return "mkdocs.yml:1:1: error: cannot read mkdocs.yml"


def mkdocs_is_a_folder(root: Path) -> str:
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml").mkdir()
    return "mkdocs.yml:1:1: error: mkdocs.yml is a folder, not a file"


def mkdocs_links_outside(root: Path) -> str:
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml").symlink_to(_outside(root, "secret.yml", f"site_url: [{SECRET}\n"))
    return "mkdocs.yml:1:1: error: mkdocs.yml is a symbolic link"


BROKEN: list[Callable[[Path], str]] = [
    article_links_outside,
    article_links_to_git_config,
    metadata_links_outside,
    annotation_links_outside,
    annotation_folder_links_outside,
    annotations_folder_is_a_link,
    yml_and_yaml,
    text_is_a_folder,
    metadata_is_a_folder,
    dangling_text,
    dangling_metadata,
    dangling_annotation,
    text_is_a_fifo,
    annotation_is_a_fifo,
    empty_metadata,
    binary_text,
    huge_integer,
    deep_nesting,
    mkdocs_not_utf8,
    mkdocs_is_a_folder,
    mkdocs_links_outside,
]
READING = ["check", "build --docs-only", "build", "locate"]


@pytest.mark.parametrize("args", READING)
@pytest.mark.parametrize("broken", BROKEN, ids=[b.__name__ for b in BROKEN])
def test_every_reading_command_refuses_hostile_input(tmp_path: Path, broken: Callable[[Path], str], args: str) -> None:
    root = fresh(tmp_path)
    expected = broken(root)
    if args == "locate":  # the broken article's words: its closest passages would show a linked file's lines
        slug = min({p.stem for p in (root / "articles").iterdir()} - {"base"}, default="base")
        args = f"locate {slug} root x" if slug != "base" else "locate nothing x"
        expected = expected if slug != "base" else "error: unknown article 'nothing'"
    code, output = command(root, *args.split(), timeout=60)
    assert_refused(code, output, expected)
    if args.startswith("build"):
        assert not (root / "site").exists(), "nothing is built from a project with errors"


def test_a_refused_symlink_is_never_read(tmp_path: Path) -> None:
    """The target of a link in articles/ is not opened: a FIFO behind it would block the build for ever."""
    root = fresh(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (root / "articles" / "pipe.txt").symlink_to(fifo)
    (root / "articles" / "pipe.yml").write_text(META, "utf-8")
    (root / "annotations" / "pipe.yml").symlink_to(fifo)
    code, output = command(root, "check", timeout=60)
    assert_refused(code, output, "articles/pipe.txt:1:1: error: articles/pipe.txt is a symbolic link")
    assert "annotations/pipe.yml:1:1: error: annotations/pipe.yml is a symbolic link" in output


# ---- build: outputs that cannot be written ----------------------------------------------------------------


def test_build_when_docs_is_a_file(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    (root / "docs").write_text("not a folder\n", "utf-8")
    code, output = command(root, "build", "--docs-only")
    assert_refused(code, output, "docs")
    assert ": error: " in output
    assert (root / "docs").read_text("utf-8") == "not a folder\n"


@pytest.mark.parametrize(
    ("err", "expected"),
    [
        (errno.ENOSPC, "docs/index.md: error: No space left on device"),
        (errno.EACCES, "docs/index.md: error: Permission denied"),
        (errno.EROFS, "docs/index.md: error: Read-only file system"),
    ],
)
def test_build_maps_an_os_error_to_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], err: int, expected: str
) -> None:
    """Disk full, read-only folders (root ignores permissions, so the failure is simulated where it arises)."""
    root = fresh(tmp_path)

    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(err, os.strerror(err), str(root / "docs" / "index.md"))

    monkeypatch.setattr("annotated_reader.build.build", fail)
    code = cli.main(["--root", str(root), "build", "--docs-only", "--force"])
    captured = capsys.readouterr()
    assert code == 1
    assert expected in captured.err
    assert "hint: " in captured.err
    assert "Traceback" not in captured.out + captured.err


@pytest.mark.parametrize("exc", [RecursionError("maximum recursion depth exceeded"), ValueError("odd"), MemoryError()])
def test_the_command_line_catches_what_slips_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], exc: BaseException
) -> None:
    root = fresh(tmp_path)

    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    monkeypatch.setattr("annotated_reader.build.check", fail)
    code = cli.main(["--root", str(root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert ": error: " in err
    assert "Traceback" not in err


# ---- import -----------------------------------------------------------------------------------------------


def _record(exact: str = "Troops left Suja") -> dict[str, object]:
    return {
        "type": "Annotation",
        "id": "https://example.org/a/1",
        "body": {"type": "TextualBody", "value": "a note"},
        "target": {
            "source": "https://example.org/base",
            "selector": {"type": "TextQuoteSelector", "exact": exact},
        },
    }


def deep_json(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    return path, [], "deep.json:1:65: error: JSON nested deeper than 64"


def huge_number_json(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "number.json"
    path.write_text(json.dumps([{**_record(), "n": 0}]).replace("0}", "9" * 5000 + "}"), "utf-8")
    return path, [], "number.json:1:"


def huge_json(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(25_000_000)  # sparse: never written, never read
    return path, [], "huge.json:1:1: error: file is 25,000,000 bytes; the limit is 20,000,000"


def empty_json(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "empty.json"
    path.write_text("", "utf-8")
    return path, [], "empty.json:1:1: error: not JSON"


def binary_json(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "binary.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    return path, [], "binary.json:1:1: error: cannot read the file"


def folder_json(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "folder.json"
    path.mkdir()
    return path, [], "folder.json:1:1: error:"


def dangling_json(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "gone.json"
    path.symlink_to(tmp / "nowhere.json")
    return path, [], "gone.json:1:1: error:"


def out_is_a_file(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "good.json"
    path.write_text(json.dumps([_record()]), "utf-8")
    (tmp / "out").write_text("a file\n", "utf-8")
    return path, ["--out", str(tmp / "out")], "out:1:1: error: --out out is a file, not a folder"


def out_holds_a_dangling_link(tmp: Path) -> tuple[Path, list[str], str]:
    path = tmp / "good.json"
    path.write_text(json.dumps([_record()]), "utf-8")
    (tmp / "out").mkdir()
    (tmp / "out" / "imported-definitions.yml").symlink_to(tmp / "elsewhere.yml")
    return path, ["--out", str(tmp / "out")], "imported-definitions.yml:1:1: error:"


IMPORTS = [
    deep_json,
    huge_number_json,
    huge_json,
    empty_json,
    binary_json,
    folder_json,
    dangling_json,
    out_is_a_file,
    out_holds_a_dangling_link,
]


@pytest.mark.parametrize("case", IMPORTS, ids=[c.__name__ for c in IMPORTS])
def test_import_refuses_hostile_input(tmp_path: Path, case: Callable[[Path], tuple[Path, list[str], str]]) -> None:
    root = project(tmp_path, {})
    path, more, expected = case(tmp_path)
    code, output = command(root, "import", str(path), *more)
    assert_refused(code, output, expected)
    out = tmp_path / "out"
    if out.is_dir():  # nothing half-written: the dangling link is still dangling, and no other file appeared
        assert sorted(p.name for p in out.iterdir()) == ["imported-definitions.yml"]
        assert not (tmp_path / "elsewhere.yml").exists()


def test_import_into_a_project_with_a_linked_annotation(tmp_path: Path) -> None:
    root = fresh(tmp_path)
    expected = annotation_links_outside(root)
    path = tmp_path / "good.json"
    path.write_text(json.dumps([_record()]), "utf-8")
    code, output = command(root, "import", str(path))
    assert_refused(code, output, expected)


# ---- serve ------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local test server
            return bool(response.status == 200)
    except OSError:
        return False


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.parametrize("broken", [text_is_a_folder, dangling_text, article_links_outside, annotation_links_outside])
def test_serve_reports_hostile_input_and_keeps_serving(tmp_path: Path, broken: Callable[[Path], str]) -> None:
    root = fresh(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build_site.py"), "--root", str(root), "serve", "--port", str(port)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        assert _wait(lambda: _answers(url), 60), log.read_text("utf-8", "replace")
        expected = broken(root)
        assert _wait(lambda: expected in log.read_text("utf-8", "replace"), 30), log.read_text("utf-8", "replace")
        time.sleep(1)
        assert server.poll() is None, log.read_text("utf-8", "replace")
        assert _answers(url)
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text("utf-8", "replace")
    assert "Traceback" not in output, output
    assert SECRET not in output, output


def test_serve_survives_any_failure_of_a_regeneration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever a regeneration raises (S-4 raised IsADirectoryError), serve prints it and goes on."""
    root = fresh(tmp_path)

    def fail(*args: object, **kwargs: object) -> object:
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(root / "articles" / "foo.txt"))

    monkeypatch.setattr("annotated_reader.session.Session.update", fail)  # what serve's rebuild runs first
    preview = state.Preview(root)
    preview.rebuild(set())
    server._report(preview)
    err = capsys.readouterr().err
    assert "articles/foo.txt:0:0: error: Is a directory" in err
    assert "preview failed: the browser shows why" in err
    assert preview.status.failed and preview.status.generation == 1
