"""The site engine that turns docs/ into site/: MkDocs (the default), properdocs or Zensical.

Chosen with ``ANNOTATED_READER_ENGINE`` (``make site ENGINE=zensical``; README, Engines). Each runs as
this interpreter's ``-m <engine>``, so nothing of one is imported where another runs. MkDocs and
properdocs (its maintained fork) take ``--site-dir``; Zensical has none, so it reads a generated copy of
mkdocs.yml (``INHERIT``) whose ``site_dir`` is the temporary folder the build swaps in (engine.py), and
whose own search is off: Zensical turns it on even under ``plugins: []``, and every reader would then
download its whole index on the first page, beside the site's Pagefind box.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from annotated_reader.diagnostics import file_error
from annotated_reader.model import BuildFailed
from annotated_reader.render.escape import GENERATED

VARIABLE = "ANNOTATED_READER_ENGINE"
ENGINES = ("mkdocs", "properdocs", "zensical")
ZENSICAL_CONFIG = ".zensical-build.yml"  # next to mkdocs.yml, git-ignored; removed after each build


def name() -> str:
    """The engine asked for, or a failure naming the choices."""
    chosen = os.environ.get(VARIABLE) or "mkdocs"
    if chosen not in ENGINES:
        hint = f"one of {', '.join(ENGINES)}, e.g. make site ENGINE=zensical"
        raise BuildFailed([file_error(VARIABLE, f"unknown site engine {chosen!r}", hint)])
    return chosen


def command(engine: str, root: Path, site_dir: Path, config: str | None, python: str) -> list[str]:
    """The command that builds ``site_dir`` from docs/ (``config``: another mkdocs config than mkdocs.yml)."""
    if engine == "zensical":
        path = zensical_config(root, site_dir, config or "mkdocs.yml")
        return [python, "-m", "zensical", "build", "--strict", "--config-file", str(path)]
    chosen = ["--config-file", config] if config else []
    return [python, "-m", engine, "build", "--strict", *chosen, "--site-dir", str(site_dir)]


def zensical_config(root: Path, site_dir: Path, base: str) -> Path:
    """The config ``base`` with ``site_dir`` set to ``site_dir`` (Zensical has no ``--site-dir``) and
    Zensical's search off, in the shape of the plugins ``base`` has (Zensical merges a list into a list
    and a mapping into a mapping; a list would replace a mapping)."""
    path = root / ZENSICAL_CONFIG
    off = {"search": {"enabled": False}}
    plugins = off if isinstance(_plugins(root, base), dict) else [off]
    header = f"# {GENERATED}: {base} with the folder this build writes, without Zensical's search (README, Engines)\n"
    body = f"INHERIT: {json.dumps(base)}\nsite_dir: {json.dumps(site_dir.as_posix())}\nplugins: {json.dumps(plugins)}\n"
    path.write_text(header + body, "utf-8")
    return path


def _plugins(root: Path, base: str) -> object:
    """The ``plugins`` of the config ``base``, through its ``INHERIT`` chain; None when unreadable (the
    engine then reports the config itself)."""
    seen: set[Path] = set()
    path = root / base
    while path not in seen:
        seen.add(path)
        try:
            data = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - strings only, any tag
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None
        if not isinstance(data, dict):
            return None
        if "plugins" in data or "INHERIT" not in data:
            return data.get("plugins")
        path = path.parent / str(data["INHERIT"])
    return None
