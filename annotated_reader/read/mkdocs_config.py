"""The few mkdocs.yml settings the generator needs (site_url for permalinks, names, folders)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from annotated_reader.diagnostics import file_error
from annotated_reader.model import Diagnostic
from annotated_reader.read import inputfiles
from annotated_reader.read.repository import Repository
from annotated_reader.read.repository import read as read_repository
from annotated_reader.write.search import PAGEFIND_ABOVE


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving tags such as !ENV or !!python/name as plain values."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    root: Path
    site_url: str
    site_name: str
    docs_dir: Path
    site_dir: Path
    repository: Repository | None = None  # for the edit links of article pages
    pagefind_above: int = PAGEFIND_ABOVE  # more articles than this: Pagefind search (see search.py)
    polyfills: tuple[object, ...] = ()  # Material's extra.polyfills: scripts in the page head
    language: str = "en"  # theme.language: the <html lang> of every page


def read(root: Path) -> tuple[Settings | None, list[Diagnostic]]:
    path = root / "mkdocs.yml"
    odd = inputfiles.problem(path, "mkdocs.yml")  # a link could print another file's lines in a YAML error
    if odd is not None:
        return None, [odd]
    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient)  # noqa: S506 - SafeLoader subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [file_error("mkdocs.yml", f"cannot read mkdocs.yml: {exc}", "")]
    if not isinstance(data, dict) or not str(data.get("site_url") or "").startswith(("http://", "https://")):
        return None, [
            file_error(
                "mkdocs.yml",
                "mkdocs.yml needs site_url (an http(s) address)",
                "permalinks in the export are built from it, e.g. site_url: https://example.org/reader/",
            )
        ]
    url = str(data["site_url"])
    repository, problems = read_repository(data.get("extra"))
    above, problem = _pagefind_above(data.get("extra"))
    return Settings(
        root,
        url if url.endswith("/") else url + "/",
        str(data.get("site_name") or "Annotated reader"),
        root / str(data.get("docs_dir") or "docs"),
        root / str(data.get("site_dir") or "site"),
        repository,
        above,
        tuple(extra.get("polyfills") or ()) if isinstance(extra := data.get("extra"), dict) else (),
        str(theme.get("language") or "en") if isinstance(theme := data.get("theme"), dict) else "en",
    ), problems + problem


def _pagefind_above(extra: Any) -> tuple[int, list[Diagnostic]]:
    value = extra.get("pagefind_above", PAGEFIND_ABOVE) if isinstance(extra, dict) else PAGEFIND_ABOVE
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value, []
    hint = f"a number of articles, e.g. pagefind_above: {PAGEFIND_ABOVE}"
    message = "extra.pagefind_above must be a whole number"
    return PAGEFIND_ABOVE, [file_error("mkdocs.yml", message, hint)]
