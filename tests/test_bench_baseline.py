"""The benchmark's plain baseline has the same sidebar entries as the project it is compared with."""

from __future__ import annotations

from pathlib import Path

from bench.baseline import sidebar_pages


def test_sidebar_pages_are_the_listed_pages_with_their_titles(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for rel, text in {
        "index.md": "---\ntitle: Home\n---\n",
        "names.md": '---\nsearch:\n  exclude: true\ntitle: "Names"\n---\n\nbody\n',
        "about.md": "# About this corpus\n\ntext\n",
        "quotes/index.md": "---\ntitle: Quotes\n---\n",
        "quotes/some-cluster.md": "---\ntitle: A cluster\n---\n",  # not_in_nav: not in the sidebar
        "articles/index.md": "# Articles\n",
        "articles/by-outlet/index.md": "# By outlet\n",
    }.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, "utf-8")
    assert sidebar_pages(docs) == {"about.md": "About this corpus", "names.md": "Names", "quotes/index.md": "Quotes"}
