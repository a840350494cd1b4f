"""The cache of annotation files' histories: one JSON file per file version under .cache/history/."""

from __future__ import annotations

import json
import os
from pathlib import Path

FOLDER = Path(".cache") / "history"


class HistoryCache:
    """``read.history.Cache`` on disk; a file that cannot be read or written is only a miss."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER

    def get(self, key: str) -> list[dict[str, object]] | None:
        try:
            data = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, list) else None

    def put(self, key: str, events: list[dict[str, object]]) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps(events, ensure_ascii=False), "utf-8")
            temporary.replace(self.folder / f"{key}.json")
        except OSError:
            return
