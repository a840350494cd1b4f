"""A built copy of the project served over http on 127.0.0.1: for the browser tests, the audit and the screenshots.

The working tree's ``site/`` is never touched: the project is copied (``tests.helpers.copy_project``) and the
copy is built. Nothing but the loopback address is ever listened on or requested.
"""

from __future__ import annotations

import gzip
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from annotated_reader import build
from tests.helpers import copy_project

ARTICLE = "putin-trump-surrender-zelensky-gamble"  # the machine translation with the Suja -> Sudzha rule
SLUGS = (
    ARTICLE,
    "putin-urges-kursk-troops-surrender",
    "trump-asked-putin-spare-troops",
    "us-talks-with-putin-very-good-productive",
    "ukraine-losing-final-fort-kursk",
)


def build_copy(target: Path, site_url: str | None = None) -> Path:
    """Copy the project into ``target``, optionally with another ``site_url``, build it; return its ``site/``."""
    root = copy_project(target)
    if site_url is not None:
        config = root / "mkdocs.yml"
        text, count = re.subn(r"(?m)^site_url:.*$", f"site_url: {site_url}", config.read_text("utf-8"))
        assert count == 1, "mkdocs.yml has one site_url line"
        config.write_text(text, "utf-8")
    build.build(root)  # raises BuildFailed (with every diagnostic) when the project does not build
    return root / "site"


COMPRESSED = {".html", ".css", ".js", ".json", ".jsonld", ".xml", ".svg", ".txt", ".map"}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class GzipHandler(QuietHandler):
    """Text files gzip-compressed when the browser accepts it, as static hosts (GitHub Pages, Netlify) serve them."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class Server:
    """Serves ``folder`` on 127.0.0.1 (a free port) in a thread; ``url`` is known before the folder exists.

    ``gzip``: compress text files for browsers that accept it, as a static host does (the audit measures bytes).
    """

    def __init__(self, folder: Path, gzip: bool = False) -> None:
        handler = GzipHandler if gzip else QuietHandler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
