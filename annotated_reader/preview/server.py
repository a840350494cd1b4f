"""``build_site.py serve``: the built site on http://127.0.0.1:PORT, rebuilt when an input file changes, with
the preview's script (Annotate, Edit, the problems of the last rebuild) added to each page as it is served.
The built site itself never holds it."""

from __future__ import annotations

import errno
import json
import signal
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from annotated_reader.preview import api, gate, paths
from annotated_reader.preview.annotate import Refused
from annotated_reader.preview.entries import EntryError
from annotated_reader.preview.state import WATCHED, Preview, watch
from annotated_reader.read import mkdocs_config

API = "/__preview/"
ASSETS = {"annotate.js": "text/javascript", "annotate.css": "text/css"}
EMPTY_PAGE = "<!doctype html><html><head><title>Preview</title></head><body><h1>No page here yet</h1>{}</body></html>"
BUILDING = "The preview's first build is under way; this page reloads by itself when it is done."
BANNER = (  # over the site as last built, until the first rebuild of this serve run is done
    '<p role="status" style="margin:0;padding:.5em 1em;background:#fff3cd;color:#3d2e00;font:14px/1.4 sans-serif">'
    f"Preview: the site as last built. {BUILDING}</p>"
)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, site: Path, preview: Preview) -> None:
        self.site, self.preview, self.token = site, preview, gate.new_token()
        super().__init__(("127.0.0.1", port), partial(Handler, directory=str(site)))
        self.port = self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that stopped reading (a reload, a closed tab) is no error; anything else is shown."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Handler(SimpleHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        try:
            gate.check_host(self._headers(), self.server.port)
            url = urlsplit(self.path)
            if url.path.startswith(API):
                self._get_api(url.path[len(API) :], parse_qs(url.query))
            else:
                self._page(url.path)
        except gate.Denied as denied:
            self._json({"error": denied.reason}, denied.status)

    def _headers(self) -> dict[str, str]:
        return gate.lowered(self.headers.items())

    def do_HEAD(self) -> None:
        self._json({"error": "not allowed"}, 405)

    def do_POST(self) -> None:
        try:
            gate.check_api(self._headers(), self.server.port, self.server.token, writes=True)
            size = gate.body_size(self._headers())
            if self.path not in (API + "save", API + "yaml"):
                raise gate.Denied(404, "no such endpoint")
            form = json.loads(self.rfile.read(size).decode("utf-8"))
            if not isinstance(form, dict):
                raise gate.Denied(400, "expected a JSON object")
            self._json(api.save(self.server.preview, form, write=self.path == API + "save"))
        except gate.Denied as denied:
            self._json({"error": denied.reason}, denied.status)
        except (paths.Forbidden, Refused, EntryError, ValueError) as exc:
            status = 403 if isinstance(exc, paths.Forbidden) else 400
            self._json({"ok": False, "error": str(exc), "errors": [str(exc)]}, status)

    def _get_api(self, name: str, query: dict[str, list[str]]) -> None:
        if name in ASSETS:
            self._send(resources.files("annotated_reader").joinpath("static", name).read_bytes(), ASSETS[name])
            return
        gate.check_api(self._headers(), self.server.port, self.server.token, writes=False)
        preview = self.server.preview
        if name == "status":
            self._json(api.status(preview))
        elif name == "choices":
            self._json(api.choices(preview))
        elif name == "entries":
            self._json(api.article_entries(preview, query.get("article", [""])[0]))
        else:
            raise gate.Denied(404, "no such endpoint")

    def _page(self, path: str) -> None:
        target = Path(self.translate_path(path))
        if target.is_dir() or path.endswith("/"):  # a page's address, built or not (yet)
            target = target / "index.html"
        if target.suffix != ".html":
            super().do_GET()
            return
        found = target.is_file()
        generation = self.server.preview.status.generation
        if not found:
            page = EMPTY_PAGE.format("" if generation else f"<p>{BUILDING}</p>")
        else:
            page = target.read_text("utf-8") if generation else with_banner(target.read_text("utf-8"))
        self._send(inject(page, self.server.token, generation), "text/html", 200 if found else 404)

    def _json(self, data: object, status: int = 200) -> None:
        self._send(json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json", status)

    def _send(self, body: bytes | str, kind: str, status: int = 200) -> None:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(raw)


def inject(page: str, token: str, generation: int) -> str:
    """The page with the preview's token, stylesheet and script (before ``</head>``)."""
    head = (
        f'<meta name="ar-preview" content="{token}" data-generation="{generation}">'
        f'<link rel="stylesheet" href="{API}annotate.css"><script defer src="{API}annotate.js"></script>'
    )
    at = page.find("</head>")
    return page[:at] + head + page[at:] if at >= 0 else head + page


def with_banner(page: str) -> str:
    """The page with BANNER at the top of its body."""
    body = page.find("<body")
    at = page.find(">", body) + 1 if body >= 0 else 0
    return page[:at] + BANNER + page[at:]


def serve(root: Path, port: int) -> int:
    """Serve until interrupted; 1 with a one-line error when the port is busy."""
    preview = Preview(root)
    settings, _ = mkdocs_config.read(root)
    site = settings.site_dir if settings is not None else root / "site"
    try:
        server = Server(port, site, preview)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(f"error: port {port} is busy (another serve?); try another: make serve PORT={port + 1}", file=sys.stderr)
        return 1
    observer = watch(preview, [root / folder for folder in WATCHED])  # before the first rebuild: no edit missed
    threading.Thread(target=_rebuilds, args=(preview,), daemon=True).start()
    signal.signal(signal.SIGTERM, _interrupt)
    shown = "the site as last built" if site.is_dir() else "a page saying so"
    print(
        f"serving http://127.0.0.1:{server.port}/ (Ctrl-C to stop); until the first rebuild is done, {shown}",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0


def _rebuilds(preview: Preview) -> None:
    """The first rebuild (pages are served meanwhile: the site as last built, reloaded when it is done),
    then one per change."""
    preview.rebuild(set())
    _report(preview)
    last = preview.status.generation
    waiting = threading.Thread(target=preview.run_forever, daemon=True)
    waiting.start()
    while waiting.is_alive():
        waiting.join(0.2)
        if preview.status.generation != last:
            last = preview.status.generation
            _report(preview)


def _report(preview: Preview) -> None:
    """The rebuild's problems in the terminal too, as ``check`` prints them (and, after the first rebuild,
    how the preview's search is kept)."""
    note = preview.rebuilder.search_note() if preview.status.generation == 1 else None
    if note:
        print(f"note: {note}", file=sys.stderr)
    for problem in sorted(preview.status.problems):
        print(problem.format(), file=sys.stderr)
    state = "failed: the browser shows why" if preview.status.failed else "rebuilt"
    print(f"preview {state} (rebuild {preview.status.generation})", file=sys.stderr, flush=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
