"""The build cache: what a build made from given inputs, kept in ``.cache/build/`` for the next build.

Every entry is found by a key that hashes everything it was made from: the bytes of the input files, the
code of this package and the versions of the libraries it runs on (``code_version``), and the settings.
A changed input gives another key, so an entry is never out of date; entries no build asks for any more are
removed at the end of each build that succeeds (``prune``). ``rm -rf .cache/build`` empties the cache; a build
without it makes everything again.

An entry is a check sum (a CRC-32), then its key and value pickled. It is written to a temporary file and
moved into place, so a reader sees a whole entry or none; one that is cut short, altered or unreadable is a
miss, never an error.
Values are unpickled with only the classes of this package and a few plain types allowed (a cache restored
in CI is not trusted to run code); anything else is a miss too.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from annotated_reader import versions
from annotated_reader.read import inputfiles

FOLDER = Path(".cache") / "build"
PACKAGE = Path(__file__).resolve().parents[1]  # annotated_reader/: code and static files
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "rapidfuzz", "Markdown", "mkdocs", "mkdocs-material")
SUM = 4  # bytes of the check sum before the pickled value (check_sum)
ALLOWED = {
    "builtins": {"set", "frozenset", "slice", "complex", "bytearray", "range"},
    "copyreg": {"_reconstructor", "__newobj__"},
    "datetime": {"date", "datetime", "timedelta", "timezone"},
    "collections": {"OrderedDict", "defaultdict", "deque"},
    "pathlib": {"Path", "PosixPath", "PurePosixPath"},
    "array": {"array", "_array_reconstructor"},
}


def check_sum(payload: bytes | memoryview) -> bytes:
    """What tells an entry cut short or altered on disk: a CRC-32 (``zlib``), some tens of megabytes a build
    (blake2b, as this Python builds it, took a tenth of a one-file rebuild). It guards against damage, not
    against a forger: a forged entry can only hold what the restricted unpickler (``_Allowed``) admits."""
    return zlib.crc32(payload).to_bytes(SUM, "little")


def digest(*parts: bytes | str) -> str:
    """A key made of ``parts`` (each length-prefixed, so no two lists of parts give the same bytes)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@dataclass(frozen=True)
class Read:
    """A file's key, and the digest of the bytes it was made from: a value made from a later read of the
    file is kept only if that read's digest is the same (no edit made meanwhile slips in under this key)."""

    kind: str
    rel: str
    bytes_digest: str

    @property
    def key(self) -> str:
        """Made when asked for (a build reads thousands of files, and keys most values by their digest alone)."""
        return digest(self.kind, code_version(), self.rel, self.bytes_digest)


def bytes_digest(rel: str, raw: bytes, size: int) -> str:
    return digest(rel, str(size), raw)


def read_file(store: Store, kind: str, root: Path, path: Path, limit: int) -> Read | None:
    """The key of what is made from ``path`` (read up to ``limit`` bytes, unless the last build read the same
    file: ``Seen``); None when the store is off or the file cannot be read (then it is read as usual, and the
    problem said as usual)."""
    if not store.enabled:
        return None
    rel = _rel(path, root)
    known, mark = store.seen.digest(rel, path)
    if known is None:
        try:
            raw, size = inputfiles.read(path, limit)
        except OSError:
            return None
        known = bytes_digest(rel, raw, size)
        store.seen.read(rel, mark, known)
    store.inputs[rel] = known
    return Read(kind, rel, known)


def _rel(path: Path, root: Path) -> str:
    whole, base = str(path), str(root)
    if whole.startswith(base + os.sep) and os.sep == "/":  # the usual case, without pathlib's slower steps
        return whole[len(base) + 1 :]
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


_version: list[str] = []


def code_version() -> str:
    """A hash of this package's files (code, static files, schemas) and of the Python and library versions."""
    if not _version:
        parts: list[bytes | str] = [sys.version]
        for library in LIBRARIES:
            parts.append(f"{library} {versions.version(library) or 'missing'}")
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith((".pyc", ".tmp")):
                parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
        _version.append(digest(*parts))
    return _version[0]


def _entries(folder: str | Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:
        return []


class _Allowed(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module == "annotated_reader" or module.startswith("annotated_reader.") or name in ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the build cache")


class Store:
    """Entries under ``root/.cache/build``; ``enabled`` False makes every ``get`` a miss and ``put`` a no-op."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.folder = root / FOLDER
        # never through a link (a checkout could hold one pointing anywhere): then no cache at all
        self.enabled = enabled and not any(inputfiles.is_link(root / part) for part in (".cache", FOLDER))
        self.hits = self.misses = 0
        self.folders: set[Path] = set()  # made already
        self.inputs: dict[str, str] = {}  # input file (relative to root) -> the key of its bytes, as read
        self.kept: set[str] = set()  # entries used without being read (by file name): kept by ``prune``
        self.seen = Seen(self)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def get(self, key: str) -> object | None:
        if not self.enabled:
            return None
        try:
            data = self.path(key).read_bytes()
            if len(data) > SUM and check_sum(memoryview(data)[SUM:]) == data[:SUM]:
                stream = io.BytesIO(data)  # shares the bytes read (given a memoryview, it would copy them)
                stream.seek(SUM)
                entry: object = _Allowed(stream).load()
                if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key:  # not another key's entry
                    self.hits += 1
                    os.utime(self.path(key))  # used: kept by ``prune``
                    value: object = entry[1]
                    return value
        except Exception:  # noqa: S110 - a missing, cut, altered or unloadable entry is only a miss
            pass
        self.misses += 1
        return None

    def keep(self, key: str) -> None:
        """Mark an entry as used without reading it (kept by ``prune``)."""
        self.kept.add(key[2:])

    def prune(self, since: float) -> int:
        """Remove the entries no build used since ``since`` (a time.time()): a build calls it once it
        succeeded, so the cache holds what the last build used and no more. Returns how many went."""
        removed = 0
        if not self.enabled:
            return removed
        for folder in _entries(self.folder):
            for entry in _entries(folder.path):
                with contextlib.suppress(OSError):
                    if entry.name not in self.kept and entry.stat(follow_symlinks=False).st_mtime < since:
                        os.unlink(entry.path)
                        removed += 1
        return removed

    def put(self, key: str, value: object) -> None:
        """Kept for the next build; a cache that cannot be written (full disk, read-only) is no error."""
        if not self.enabled:
            return
        path = self.path(key)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            payload = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
            if path.parent not in self.folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(path.parent)
            with open(temporary, "wb") as handle:  # plain calls, apart from docs/'s writes (as tests count those)
                handle.write(check_sum(payload) + payload)
            os.rename(temporary, path)  # replaces an entry there in one step (POSIX)
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


SETTLED_NS = 2_000_000_000  # a file changed this long before a build began is not being written any more


class Seen:
    """The digests of the input files a build read, by path, with their size, times and inode: a file whose
    ``lstat`` gives the same is not read again (as git's index and make do). Only a file changed well before
    the build began is kept (``SETTLED_NS``): an edit in the same tick of the clock as the read could keep
    its times; the change time (``st_ctime``, which no tool sets back) covers a copy that keeps the
    modification time. One entry, written again when a file was read."""

    def __init__(self, store: Store) -> None:
        self.store, self.began = store, time.time_ns()
        self.old: dict[str, tuple[int, int, int, int, str]] | None = None
        self.new: dict[str, tuple[int, int, int, int, str]] = {}

    def key(self) -> str:
        return digest("input files seen", str(self.store.folder))

    def digest(self, rel: str, path: Path) -> tuple[str | None, tuple[int, int, int, int] | None]:
        """The digest of the file's bytes when it is as the last build read it; and its marks now."""
        try:
            st = os.lstat(path)
        except OSError:
            return None, None
        mark = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        if self.old is None:
            value = self.store.get(self.key())
            self.old = value if isinstance(value, dict) else {}
        was = self.old.get(rel)
        if isinstance(was, tuple) and len(was) == 5 and was[:4] == mark and isinstance(was[4], str):
            self.new[rel] = was
            return was[4], mark
        return None, mark

    def read(self, rel: str, mark: tuple[int, int, int, int] | None, known: str) -> None:
        """The file was read (its marks taken before): kept when it was changed well before this build."""
        if mark is not None and mark[2] < self.began - SETTLED_NS:
            self.new[rel] = (*mark, known)

    def save(self) -> None:
        if self.old is None:
            return
        if self.new != self.old:
            self.store.put(self.key(), self.new)
        else:
            self.store.keep(self.key())
