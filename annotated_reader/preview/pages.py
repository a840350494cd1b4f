"""The site engine kept loaded between edits, in the preview only (``make site`` is a full build, always).

After a full build of site/, MkDocs' config, file list, navigation and theme stay in the serve process; an
edit then re-renders only the pages whose Markdown the session changed in docs/, with MkDocs' own steps in
the order its build runs them (``_populate_page``, then ``_build_page``), and copies the other changed
files (data, JSON-LD, assets) as its build copies them. The pages come out as a full build makes them
(tests/test_preview_pages.py). A full build is asked for instead when a page is added or removed, a title
in the navigation (shown on every page) changes, MkDocs warns (``--strict`` would fail), or the engine is
not MkDocs-compatible (Zensical).
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotated_reader.write import engines, minify

COMPATIBLE = ("mkdocs", "properdocs")  # engines whose build steps this module calls in-process


class Pages:
    """MkDocs loaded for one site: ``update`` re-renders the changed pages into site/."""

    def __init__(self, root: Path, config_file: Path, site_dir: Path, engine: str) -> None:
        self.engine = engine
        self.steps: Any = importlib.import_module(f"{engine}.commands.build")
        config_module: Any = importlib.import_module(f"{engine}.config")
        files_module: Any = importlib.import_module(f"{engine}.structure.files")
        nav_module: Any = importlib.import_module(f"{engine}.structure.nav")
        self.page_class: Any = importlib.import_module(f"{engine}.structure.pages").Page
        self.logger = logging.getLogger(engine)
        config = config_module.load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = files_module.get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        files_module.set_exclusions(files, config)
        nav = nav_module.get_navigation(files, config)
        self.nav = config.plugins.on_nav(nav, config=config, files=files)
        self.config, self.files = config, files
        self.doc_files = files.documentation_pages(inclusion=files_module.InclusionLevel.is_included)
        self.in_nav = {file.src_uri for file in self.doc_files if file.page is not None}
        for file in self.doc_files:  # their titles are on every page (the navigation): read once here
            if file.page is not None:
                self._title_only(file.page)
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.env.get_template("main.html")  # compiled now, not on the first edit
        self.minifying = minify.enabled(root)  # as the full build that made site/ did

    def _title_only(self, page: Any) -> None:
        """What the navigation shows of a page: its title (front matter), without the rest (at 10,000 articles
        the listings run to megabytes); a page with no title in its front matter is read whole, as MkDocs does."""
        page.read_source(self.config)
        if "title" in page.meta:
            page.markdown, page.content, page.toc = "", None, []
        else:
            self.steps._populate_page(page, self.config, self.files)

    def titles(self) -> dict[str, str | None]:
        return {file.src_uri: file.page.title for file in self.doc_files if file.src_uri in self.in_nav}

    def update(self, written: Iterable[str], removed: Iterable[str]) -> bool:
        """site/ after the session wrote ``written`` and removed ``removed`` (paths in docs/); False when
        only a full build can make the site (nothing reported is wrong then: the full build says why)."""
        if any(True for _ in removed):
            return False
        changed = [self.files.get_file_from_path(rel) for rel in written]
        if any(file is None or not file.inclusion.is_included() for file in changed):
            return False  # a new file: the navigation, sitemap and links may change
        counter = self.steps.utils.CountHandler()
        counter.setLevel(logging.WARNING)
        self.logger.addHandler(counter)
        try:
            return self._update(changed) and not counter.get_counts()
        except Exception:  # MkDocs' failure is reported by the full build that follows
            return False
        finally:
            self.logger.removeHandler(counter)

    def _update(self, changed: list[Any]) -> bool:
        titles = self.titles()
        pages = [file for file in changed if file.is_documentation_page()]
        for file in changed:
            if not file.is_documentation_page():
                _copy(Path(file.abs_src_path), Path(file.abs_dest_path))
        for file in pages:
            if file.src_uri not in self.in_nav:
                self.page_class(None, file, self.config)  # a fresh page, as a build makes it
            self.steps._populate_page(file.page, self.config, self.files)
        if self.titles() != titles:
            return False
        for file in pages:
            self.steps._build_page(file.page, self.config, self.doc_files, self.nav, self.env)
            if self.minifying:
                minify.in_place(Path(file.abs_dest_path))
            if file.src_uri not in self.in_nav:
                file.page = None  # its HTML is on disk: let go of it
            else:
                self._title_only(file.page)
        return True


def _copy(source: Path, target: Path) -> None:
    """``source`` over ``target`` in one step (the server may be reading ``target``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".preview-", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(root: Path, config_file: Path, site_dir: Path) -> Pages | None:
    """The engine loaded for incremental updates, or None where only full builds are possible."""
    engine = engines.name()
    if engine not in COMPATIBLE:
        return None
    try:
        return Pages(root, config_file, site_dir, engine)
    except Exception:  # the full builds go on, as before
        return None
