"""Debian's Chromium driven by Playwright (never ``playwright install``), and a watch on what pages do."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Playwright, Request, Route

CHROMIUM = Path(
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
)
# Without the background-networking flags Chromium calls Google's servers, which a closed network refuses.
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: `sudo apt-get install -y chromium`, or set CHROMIUM")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(ARGS))


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


@dataclass
class Watch:
    """Every request, console error and uncaught exception of a browser context; requests off 127.0.0.1 fail."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> BrowserContext:
        context.on("request", self._request)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.errors.append(f"uncaught: {error.error}"))
        context.route(lambda url: not is_local(url), self._refuse)
        return context

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.errors.append(f"console error on {message.page.url if message.page else where}: {message.text}")

    @staticmethod
    def _refuse(route: Route) -> None:
        with contextlib.suppress(Error):  # the page went away meanwhile
            route.abort("blockedbyclient")

    def problems(self) -> list[str]:
        """What a reader's browser should never see: requests off the machine, console errors."""
        external = [f"request off the machine: {url}" for url in self.requests if not is_local(url)]
        return external + self.errors
