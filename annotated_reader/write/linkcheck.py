"""Every internal link of a built site resolves: its file exists and its ``#fragment`` is an id there.

Neither MkDocs nor Zensical checks links inside raw HTML (most of the links of this site), and
Zensical rewrites them (README, Engines): this check reads the built HTML as a browser would.
``python -m annotated_reader.write.linkcheck site [--base /annotated-reader/]`` prints each broken link
as ``page: href`` and exits 1 when there is one.
"""

from __future__ import annotations

import posixpath
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")}


@dataclass(frozen=True)
class Broken:
    page: str  # the built file, relative to the site folder
    href: str
    reason: str


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif (tag, name) in LINKING:
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8", errors="replace"))
    return page


def internal(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith(("javascript:", "data:"))


def target(site: Path, page: str, href: str, base: str) -> tuple[str, str] | None:
    """The file (relative to ``site``) and fragment a link from ``page`` reaches; None when it leaves the site."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    if path.startswith("/"):
        if not path.startswith(base):
            return None
        resolved = path[len(base) :]
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved.startswith(".."):
            return None
    if resolved in (".", "") or path.endswith("/") or (site / resolved).is_dir():
        resolved = posixpath.join("" if resolved == "." else resolved, "index.html")
    return posixpath.normpath(resolved), unquote(parts.fragment)


def check(site: Path, base: str = "/") -> tuple[int, list[Broken]]:
    """The number of internal links of every HTML file under ``site``, and those that do not resolve."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    parsed: dict[str, _Page] = {}
    broken: list[Broken] = []
    count = 0
    for rel, path in pages.items():
        page = parsed.setdefault(rel, _parse(path))
        for href in page.links:
            if not internal(href):
                continue
            count += 1
            problem = _problem(site, rel, href, base, pages, parsed)
            if problem:
                broken.append(Broken(rel, href, problem))
    return count, broken


def _problem(site: Path, rel: str, href: str, base: str, pages: dict[str, Path], parsed: dict[str, _Page]) -> str:
    found = target(site, rel, href, base)
    if found is None:
        return "outside the site"
    file, fragment = found
    if file not in pages:
        return "" if (site / file).is_file() and not fragment else f"no file {file}"
    if not fragment or fragment == "top":
        return ""
    ids = parsed.setdefault(file, _parse(pages[file])).ids
    return "" if fragment in ids else f"no id {fragment!r} in {file}"


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    base = argv[argv.index("--base") + 1] if "--base" in argv else "/"
    count, broken = check(site, base)
    for b in broken:
        print(f"{site / b.page}: {b.href}: {b.reason}")
    print(f"{count} internal link(s), {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
