"""When each annotation was added and last changed, from the repository's history (no dates kept by hand).

One ``git ls-files`` for the whole project says which annotation files git tracks; then at most one
``git log -p`` per file, with the whole file as context, gives every version of it: each commit's patch
holds the file before and after, so the entries added or changed by each commit are found without a
call per version. The answer for a file is cached by its path and blob hash (``Cache``). Outside a git
checkout, or without git, there is no history: the build goes on without dates."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Protocol

import yaml

SECTIONS = ("clusters", "claims", "names", "corrections")  # corpus-wide definitions, keyed "section:id"
FOLDER = "annotations"
WHOLE_FILE = "-U100000000"  # the whole file as context: each patch then holds both versions whole


@dataclass(frozen=True, slots=True)
class Event:
    """One entry added or changed by one commit; ``before`` and ``after`` are its fields (before: empty
    when it was added)."""

    key: str  # "article-slug#annotation-id", or "claims:id", "clusters:id", ...
    commit: str
    when: str  # ISO 8601 in UTC, "2026-11-29T10:00:00Z"
    subject: str  # the commit message's first line
    path: str
    before: dict[str, object]
    after: dict[str, object]

    @property
    def added(self) -> bool:
        return not self.before


@dataclass(frozen=True, slots=True)
class Dates:
    created: str
    modified: str


@dataclass(frozen=True)
class History:
    """Every event of every tracked annotation file, and each entry's dates."""

    events: tuple[Event, ...] = ()

    @cached_property
    def dates(self) -> dict[str, Dates]:
        found: dict[str, Dates] = {}
        for e in sorted(self.events, key=lambda e: e.when):
            first = found.get(e.key)
            found[e.key] = Dates(first.created if first else e.when, e.when)
        return found

    def changes(self) -> list[Event]:
        """The changes to entries that already existed, newest first."""
        return sorted((e for e in self.events if not e.added), key=lambda e: (e.when, e.key), reverse=True)


class Cache(Protocol):
    def get(self, key: str) -> list[dict[str, object]] | None: ...
    def put(self, key: str, events: list[dict[str, object]]) -> None: ...


def read_history(root: Path, cache: Cache | None = None) -> History:
    """The history of every tracked file under annotations/; empty outside a git checkout."""
    tracked = _tracked(root)
    events: list[Event] = []
    for path, blob in tracked.items():
        key = hashlib.sha1(f"{path}\0{blob}".encode(), usedforsecurity=False).hexdigest()
        stored = cache.get(key) if cache else None
        if stored is None:
            stored = [_to_json(e) for e in file_events(root, path)]
            if cache:
                cache.put(key, stored)
        events += [_from_json(item) for item in stored]
    return History(tuple(events))


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments
            [git, "-C", str(root), "-c", "core.quotepath=off", *args],
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def _tracked(root: Path) -> dict[str, str]:
    """Tracked YAML files under annotations/ by path (relative to root), with their blob hash."""
    listed = _git(root, "ls-files", "-s", "-z", "--", FOLDER)
    if not listed:
        return {}
    found = {}
    for record in listed.split("\0"):
        info, _, path = record.partition("\t")
        if path.endswith(".yml") and len(info.split()) == 3:
            found[path] = info.split()[1]
    return found


COMMIT = "\x01"


def file_events(root: Path, path: str) -> Iterator[Event]:
    """Each entry added or changed by each commit that touched the file (one git call)."""
    log = _git(root, "log", "--no-color", "--no-ext-diff", "--no-renames", WHOLE_FILE, "-p",
               f"--format={COMMIT}%H %ct %s", "--", path)  # fmt: skip
    for block in (log or "").split(COMMIT)[1:]:
        head, _, patch = block.partition("\n")
        commit, stamp, subject = ([*head.split(" ", 2), "", ""])[:3]
        when = datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        old, new = _versions(patch)
        before, after = entries(old), entries(new)
        for key, fields in after.items():
            if before.get(key) != fields:
                yield Event(key, commit, when, subject, path, before.get(key, {}), fields)


def _versions(patch: str) -> tuple[str, str]:
    """The file before and after one commit, from its whole-file patch."""
    old: list[str] = []
    new: list[str] = []
    lines = patch.split("\n")
    start = next((i + 1 for i, line in enumerate(lines) if line.startswith("@@")), len(lines))
    for line in lines[start:]:
        sign, text = line[:1], line[1:]
        if sign in (" ", "-"):
            old.append(text)
        if sign in (" ", "+"):
            new.append(text)
    return "\n".join(old), "\n".join(new)


def entries(text: str) -> dict[str, dict[str, object]]:
    """Each identified entry of one version of an annotation file, by key; nothing if it does not parse."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    found: dict[str, dict[str, object]] = {}
    slug = data.get("article")
    for section in ("annotations", *SECTIONS):
        items = data.get(section)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                key = f"{slug}#{item['id']}" if section == "annotations" else f"{section}:{item['id']}"
                found[key] = json.loads(json.dumps(item, default=str))
    return found


def _to_json(e: Event) -> dict[str, object]:
    return {
        "key": e.key, "commit": e.commit, "when": e.when, "subject": e.subject,
        "path": e.path, "before": e.before, "after": e.after,
    }  # fmt: skip


def _from_json(item: dict[str, object]) -> Event:
    def text(name: str) -> str:
        return str(item.get(name, ""))

    def fields(name: str) -> dict[str, object]:
        value = item.get(name)
        return value if isinstance(value, dict) else {}

    return Event(text("key"), text("commit"), text("when"), text("subject"), text("path"),
                 fields("before"), fields("after"))  # fmt: skip


def key_of(slug: str, spec_id: str, corpus_rule: bool) -> str:
    """The history key of a placed annotation: its article's entry, or the corpus rule it comes from."""
    return f"corrections:{spec_id}" if corpus_rule else f"{slug}#{spec_id}"
