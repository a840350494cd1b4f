"""Who may talk to the preview: requests to this address by its own name (Host), from its own pages (Origin,
Sec-Fetch-Site), carrying the token of this serve run, of bounded size. A page elsewhere in the contributor's
browser cannot read the token (another origin) nor reach the preview under another name (DNS rebinding)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping

MAX_BODY = 256 * 1024  # bytes of one request: a long note with evidence is a few KB
TOKEN_HEADER = "X-Preview-Token"  # noqa: S105 (a header name, not a secret)


class Denied(Exception):
    """Refused: an HTTP status and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hosts(port: int) -> set[str]:
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


def lowered(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The request's headers by lower-case name (header names are not case-sensitive)."""
    return {name.lower(): value for name, value in headers}


def check_host(headers: Mapping[str, str], port: int) -> str:
    """The Host the page was asked by, when it is this preview's own; every request is checked."""
    host = headers.get("host", "")
    if host not in hosts(port):
        raise Denied(403, f"unknown host {host[:80]!r}: open the preview at http://127.0.0.1:{port}/")
    return host


def check_api(headers: Mapping[str, str], port: int, token: str, writes: bool) -> None:
    """An endpoint call: own host, own origin (required for writes), same-site fetch, the run's token."""
    host = check_host(headers, port)
    origin = headers.get("origin")
    if origin is not None and origin != f"http://{host}":
        raise Denied(403, "request from another origin refused")
    if writes and origin is None:
        raise Denied(403, "a write needs the Origin of the preview page")
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise Denied(403, "request from another site refused")
    given = headers.get(TOKEN_HEADER.lower(), "")
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise Denied(403, "missing or wrong preview token: reload the page")


def body_size(headers: Mapping[str, str]) -> int:
    try:
        size = int(headers.get("content-length", ""))
    except ValueError:
        raise Denied(411, "Content-Length needed") from None
    if size < 0 or size > MAX_BODY:
        raise Denied(413, f"request larger than {MAX_BODY} bytes")
    return size
