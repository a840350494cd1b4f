"""axe-core (from node_modules, installed by `make test`) run in a page: WCAG 2.x A/AA and best practices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice")


def violations(page: Page) -> list[dict[str, Any]]:
    if not Path(AXE).exists():
        raise FileNotFoundError(f"{AXE} is missing: run `make test` (it runs `npm ci`) or `npm ci`")
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=AXE)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(TAGS),
    )
    return list(result["violations"])


def readable(found: list[dict[str, Any]]) -> str:
    """One block per violation: rule, impact, what it asks, and each offending element with axe's summary."""
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
            lines.append(f"        {node['html'][:200]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    found = violations(page)
    assert not found, f"axe on {page.url}:\n{readable(found)}"
