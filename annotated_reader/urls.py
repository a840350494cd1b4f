"""Where each generated page lives, and relative links between pages (use_directory_urls)."""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache

# Folders of articles/ with the listing pages (listings.py); with "index", no article may take these names.
LISTINGS = ("by-outlet", "by-month", "by-tag")
RESERVED_SLUGS = frozenset({"index", *LISTINGS})
# Zensical rewrites every relative link in raw HTML as if it were relative to the page's source .md file
# (MkDocs and properdocs leave them alone): for it, links are written that way (README, Engines).
LINKS_FROM_SOURCE = os.environ.get("ANNOTATED_READER_ENGINE") == "zensical"


@lru_cache(maxsize=65536)
def relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own relative paths, remembered: pages link to the same few
    pages again and again. Worked out on the path parts (posixpath's asks for the working folder twice
    a call: a tenth of the time of the quote pages at 10,000 articles); anything unusual goes to posixpath."""
    here, there = _parts(start), _parts(path)
    if here is None or there is None:
        return posixpath.relpath(path, start)
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def _parts(path: str) -> list[str] | None:
    """The folders of a relative path without '..' ('' and '.' parts dropped); None for any other path."""
    if not path or path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    return None if ".." in parts else parts


def article_page(slug: str) -> str:
    return f"articles/{slug}.md"


def cluster_page(cluster_id: str) -> str:
    return f"quotes/{cluster_id}.md"


def claim_page(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def page_url(page: str) -> str:
    """The site URL path of a docs page: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one page to another (or to itself with an anchor): relative to the built page,
    or for Zensical to the page's source file, which Zensical turns into the same link."""
    target = page_url(to_page)
    here = posixpath.dirname(from_page) if LINKS_FROM_SOURCE else page_url(from_page)
    rel = relpath(target or ".", here or ".")
    rel = "./" if rel == "." else rel + "/"
    if to_page == from_page and anchor:
        return f"#{anchor}"
    return rel + (f"#{anchor}" if anchor else "")


def absolute(site_url: str, page: str, anchor: str = "") -> str:
    return site_url.rstrip("/") + "/" + page_url(page) + (f"#{anchor}" if anchor else "")
