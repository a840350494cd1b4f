"""``build_site.py serve`` (the command ``make serve`` runs) as a subprocess on a free port of 127.0.0.1, on a
copy of the project: for the preview's tests. The token is read from a served page, as the page's script does."""

from __future__ import annotations

import hashlib
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from tests.helpers import ROOT, copy_project

START_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_command(root: Path, port: int) -> list[str]:
    """What ``make serve PORT=<port>`` runs (tests/test_preview.py checks the Makefile says so)."""
    return [sys.executable, str(ROOT / "build_site.py"), "--root", str(root), "serve", "--port", str(port)]


def fingerprint(root: Path) -> dict[str, str]:
    """Each input file's hash: what must not change when a request is refused."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("articles", "annotations")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    } | {"mkdocs.yml": hashlib.sha256((root / "mkdocs.yml").read_bytes()).hexdigest()}


class Serve:
    """A running serve on a copy of the project at ``target``."""

    def __init__(self, target: Path) -> None:
        self.root = copy_project(target)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = target / "serve.log"

    def __enter__(self) -> Serve:
        with self.log.open("w") as out:
            self.process = subprocess.Popen(serve_command(self.root, self.port), stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while "serving http://" not in self.output() or "(rebuild 1)" not in self.output():  # the first rebuild done
            assert self.process.poll() is None and time.monotonic() < deadline, self.output()
            time.sleep(0.2)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def token(self, page: str = "/articles/trump-asked-putin-spare-troops/") -> str:
        with urllib.request.urlopen(self.url + page, timeout=10) as response:  # noqa: S310 - the local preview
            html = response.read().decode("utf-8")
        found = re.search(r'<meta name="ar-preview" content="([^"]+)"', html)
        assert found, "the served page holds the token"
        return found.group(1)

    def request(
        self, path: str, body: object | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, object]]:
        """Status and JSON answer of a GET (``body`` None) or POST to the preview."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=60) as response:  # noqa: S310 - the local preview
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())
