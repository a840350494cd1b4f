"""Links into the project's repository on GitHub: edit an article's annotation file, or start one.

Set in mkdocs.yml under ``extra:`` (``repo_url``, ``repo_branch``), not as MkDocs' own ``repo_url``:
with that, Material would show the repository in the header and fetch its star count from GitHub's
API on every page, and its edit button would open the generated page in docs/, not the YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from annotated_reader.diagnostics import file_error
from annotated_reader.interop.json_schema import modeline
from annotated_reader.model import Diagnostic

URL = re.compile(r"^https?://[^\s<>\"'?#]+$")
BRANCH = re.compile(r"^[A-Za-z0-9._/-]+$")


@dataclass(frozen=True)
class Repository:
    url: str  # e.g. https://github.com/owner/name, without a trailing slash
    branch: str = "main"

    def edit(self, path: str) -> str:
        """GitHub's editor for one file of the branch."""
        return f"{self.url}/edit/{quote(self.branch)}/{quote(path)}"

    def new(self, folder: str, filename: str, content: str) -> str:
        """GitHub's page for a new file in ``folder``, named and filled in already."""
        query = urlencode({"filename": filename, "value": content})
        return f"{self.url}/new/{quote(self.branch)}/{quote(folder)}?{query}"


@dataclass(frozen=True)
class EditLink:
    url: str
    text: str


def annotations_link(repository: Repository, slug: str, path: str | None) -> EditLink:
    """The article's annotation file (the one with ``article: <slug>``), or a new one named after the slug."""
    if path is not None:
        return EditLink(repository.edit(path), "Edit the annotations of this article")
    new = f"annotations/{slug}.yml"
    start = f"{modeline(new)}\narticle: {slug}\nannotations:\n"
    return EditLink(repository.new("annotations", f"{slug}.yml", start), "Annotate this article")


def _error(message: str, hint: str) -> list[Diagnostic]:
    return [file_error("mkdocs.yml", message, hint)]


def read(extra: Any) -> tuple[Repository | None, list[Diagnostic]]:
    """The repository named by mkdocs.yml's ``extra: {repo_url, repo_branch}``; None when not set."""
    if not isinstance(extra, dict) or not extra.get("repo_url"):
        return None, []
    url, branch = str(extra["repo_url"]).rstrip("/"), str(extra.get("repo_branch") or "main")
    if not URL.match(url):
        return None, _error(
            f"extra.repo_url must be an http(s) address, found {url!r}",
            "e.g. repo_url: https://github.com/owner/annotated-reader (or remove it: no edit links)",
        )
    if not BRANCH.match(branch):
        return None, _error(f"extra.repo_branch is not a branch name: {branch!r}", "e.g. repo_branch: main")
    return Repository(url, branch), []
