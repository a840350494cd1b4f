"""Results of several benchmark runs side by side, as the Markdown table of the README's Performance section.

python -m bench.report bench/results-1000.json bench/results-10000.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.run import ROWS, shown


def cell(results: dict[str, Any], key: str, cpu: str, unit: str) -> str:
    wall = shown(results.get(key), unit)
    return f"{wall} ({shown(results.get(cpu), unit)} CPU)" if cpu and results.get(cpu) is not None else wall


def table(runs: list[dict[str, Any]]) -> str:
    head = "| | " + " | ".join(f"N = {r['n']:,} ({r.get('commit', '?')})" for r in runs) + " |"
    lines = [head, "|---|" + "---:|" * len(runs)]
    for label, key, cpu, unit in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(r, key, cpu, unit) for r in runs) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    runs = [json.loads(Path(name).read_text("utf-8")) for name in argv]
    print(table(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
