"""The caches on disk: read results by file, and rendered pages by address.

Both are keyed by content hashes, so a stale entry is never used, only
replaced; both are written atomically (a temporary file, then a rename), and
a missing or unreadable cache is an empty one, so two builds sharing a cache
folder can only slow each other down. Each set of settings (a "variant":
``make html``, ``make publish``, the preview server) has its own read cache
and page manifest, so they do not evict each other; the last
:data:`KEPT_VARIANTS` are kept.

Rendered pages live as read-only files named by the hash of their bytes
(``pages/ab/abcdef…``); a reused page is hard-linked into the output (copied
when the output is on another file system), and pages are always written as
new files, never over an existing one, so the stored copy cannot change.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import logging
import os
import pickle
import struct
from dataclasses import dataclass, field
from pathlib import Path

from .collector import loads_uncollected
from .fingerprint import Fingerprint
from .output import Identity, identity_of, kept_as_it_was, publish_link, read_bytes, write_and_close

logger = logging.getLogger(__name__)

BLOB_FOLDER = "pages"
KEPT_VARIANTS = 4
BLOB_MODE = 0o444
# Pickles written by another version of this module are ignored, not misread.
FORMAT = 2


def write_atomically(path: Path | str, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` as a new file at ``path`` (never into the file already there, which may be a stored page).

    A first build writes thousands of these (stored pages, radio scripts):
    the temporary file is named for this process instead of by ``mkstemp``'s
    random names, made with its mode, and its folder made only when missing.
    """
    path = os.fspath(path)
    folder, name = os.path.split(path)
    temporary, handle = _new_temporary(folder, name, mode)
    try:
        write_and_close(handle, data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


_temporary_numbers = itertools.count()


def _new_temporary(folder: str, name: str, mode: int) -> tuple[str, int]:
    """A new empty file beside ``name`` in ``folder`` (made if missing), named for this process, with ``mode``."""
    for _ in range(1000):
        temporary = os.path.join(folder, f".{name}.{os.getpid()}.{next(_temporary_numbers)}")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except FileExistsError:  # left by a stopped process that had this one's number
            continue
        except FileNotFoundError:
            os.makedirs(folder or ".", exist_ok=True)
            continue
        os.fchmod(handle, mode)
        return temporary, handle
    raise FileExistsError(f"no free temporary name beside {os.path.join(folder, name)}")


def write_new_file(path: str, data: bytes) -> None:
    """Write ``data`` at ``path`` as a new file: directly when nothing is there, else beside it and renamed over it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path, "xb") as stream:
            stream.write(data)
    except FileExistsError:
        write_atomically(path, data)


def _load(path: Path) -> object:
    try:
        stored = loads_uncollected(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception as error:  # a cache from another version, or cut short: start again
        logger.debug("ignoring cache %s: %s", path, error)
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != FORMAT:
        return None
    return stored[1]


class SharedPickler(pickle.Pickler):
    """Pickles objects that point at the build's settings without copying the settings."""

    def __init__(self, stream, shared: dict[int, str]):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj):
        return self.shared.get(id(obj))


class SharedUnpickler(pickle.Unpickler):
    def __init__(self, stream, shared: dict[str, object]):
        super().__init__(stream)
        self.shared = shared

    def persistent_load(self, pid):
        return self.shared[pid]


def dumps_sharing(value: object, settings: dict) -> bytes:
    stream = io.BytesIO()
    SharedPickler(stream, {id(settings): "settings"}).dump(value)
    return stream.getvalue()


def loads_sharing(data: bytes, settings: dict) -> object:
    return SharedUnpickler(io.BytesIO(data), {"settings": settings}).load()


@dataclass
class ReadCache:
    """Pickled read results by source path, each with the key (hash) of what it was read from.

    The whole cache (9 MB for 2,000 items) is one pickle; the results read
    since it was last written whole are appended to a second file (each with a
    checksum), which a rebuild after an edit adds a few kilobytes to instead of
    writing the whole cache again. Written whole again when a source is gone
    (the cache follows the content) or the appended results grow past a
    sixteenth of it.
    """

    path: Path | None
    entries: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    kept: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    changed: bool = False
    put_since: list[str] = field(default_factory=list)  # sources read anew by this build
    appended: int = 0  # results in the appended file
    whole: bool = False  # whether the whole cache's file is there (the appended one is read only over it)

    @classmethod
    def open(cls, folder: Path | None, variant: str) -> ReadCache:
        if folder is None:
            return cls(None)
        path = folder / f"read-{variant[:16]}.pickle"
        stored = _load(path)
        cache = cls(path, stored if isinstance(stored, dict) else {}, whole=isinstance(stored, dict))
        if cache.whole:
            cache.appended = cache._apply_appended()
        return cache

    @property
    def appended_path(self) -> Path:
        assert self.path is not None
        return self.path.with_suffix(".added")

    def get(self, source: str, key: str) -> bytes | None:
        entry = self.entries.get(source)
        if entry is None or entry[0] != key:
            return None
        self.kept[source] = entry
        return entry[1]

    def put(self, source: str, key: str, data: bytes) -> None:
        self.kept[source] = (key, data)
        self.put_since.append(source)
        self.changed = True

    def save(self) -> None:
        """Keep the entries of this build's files only, so the cache follows the content."""
        if self.path is None or (not self.changed and self.kept.keys() == self.entries.keys()):
            return
        added = self.put_since
        if self.whole and self.kept.keys() >= self.entries.keys() and (self.appended + len(added)) * 16 <= max(len(self.kept), 256):
            self._append([(source, *self.kept[source]) for source in added])
            self.appended += len(added)
        else:
            write_atomically(self.path, pickle.dumps((FORMAT, self.kept), protocol=pickle.HIGHEST_PROTOCOL))
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.appended_path)
            self.appended, self.whole = 0, True
        self.entries, self.changed, self.put_since = dict(self.kept), False, []

    def _append(self, records: list[tuple[str, str, bytes]]) -> None:
        """Every record appended at once (``O_APPEND``); a record cut short is found by its checksum when read."""
        data = b"".join(_framed(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)) for record in records)
        handle = os.open(self.appended_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
        write_and_close(handle, data)

    def _apply_appended(self) -> int:
        """Lay the appended results over the whole cache; a record cut short or damaged ends the reading (a miss, not an error)."""
        try:
            data = read_bytes(str(self.appended_path))
        except OSError:
            return 0
        count, position = 0, 0
        while position + _FRAME.size <= len(data):
            length, checksum = _FRAME.unpack_from(data, position)
            body = data[position + _FRAME.size : position + _FRAME.size + length]
            if len(body) != length or hashlib.blake2b(body, digest_size=8).digest() != checksum:
                break
            try:
                source, key, result = pickle.loads(body)
            except Exception:
                break
            self.entries[source] = (key, result)
            position += _FRAME.size + length
            count += 1
        if position != len(data):
            self.whole = False  # a damaged record: what follows it is lost to every later build, so write it all again
        return count


# An appended record: its length and the first 8 bytes of its BLAKE2b, then its pickle.
_FRAME = struct.Struct("<Q8s")


def _framed(body: bytes) -> bytes:
    return _FRAME.pack(len(body), hashlib.blake2b(body, digest_size=8).digest()) + body


@dataclass(frozen=True)
class PageRecord:
    """A rendered page: the hash of its bytes, of its own template variables, and the text hashes of the items it read."""

    digest: str
    variables: str
    depends_on: tuple[tuple[str, str], ...]


@dataclass
class PageStore:
    """Rendered pages of the last builds, reusable while the site's fingerprint and their items are unchanged."""

    folder: Path | None
    variant: str
    fingerprint: Fingerprint
    records: dict[str, PageRecord] = field(default_factory=dict)
    written: dict[str, PageRecord] = field(default_factory=dict)
    why_not: str = ""
    # Whether stored pages may have been there before this build (a first build's store starts empty).
    held_pages: bool = True

    @classmethod
    def open(cls, folder: Path | None, variant: str, fingerprint: Fingerprint) -> PageStore:
        if folder is None:
            return cls(None, variant, fingerprint, why_not="no cache")
        if not (folder / BLOB_FOLDER).is_dir():
            return cls(folder, variant, fingerprint, why_not=fingerprint.changes(None), held_pages=False)
        stored = _load(folder / f"pages-{variant[:16]}.pickle")
        earlier = stored[0] if isinstance(stored, tuple) and isinstance(stored[0], Fingerprint) else None
        if earlier is None or earlier.total != fingerprint.total:
            return cls(folder, variant, fingerprint, why_not=fingerprint.changes(earlier))
        return cls(folder, variant, fingerprint, dict(stored[1]))

    def reusable(self, name: str, variables: str, text_hashes: dict[str, str]) -> PageRecord | None:
        """The stored page for ``name`` if its variables are the same and every item it read still has the same text."""
        record = self.records.get(name)
        if record is None or self.folder is None or record.variables != variables:
            return None
        if all(text_hashes.get(source) == text_hash for source, text_hash in record.depends_on):
            return record
        return None

    def blob(self, digest: str) -> Path:
        return Path(self._blob_path(digest))

    def _blob_path(self, digest: str) -> str:
        # A text, not a Path: a rebuild asks for thousands, and pathlib's joins cost more than the link itself.
        assert self.folder is not None
        return f"{self.folder}/{BLOB_FOLDER}/{digest[:2]}/{digest}"

    def keep_blob(self, digest: str, data: bytes) -> None:
        if self.folder is None:
            return
        target = self.blob(digest)
        if not target.exists():
            write_atomically(target, data, BLOB_MODE)

    def publish_rendered(self, digest: str, data: bytes, destination: str) -> None:
        """Write a page just rendered at ``destination`` and keep that same file as the stored page ``digest``.

        One new file, linked into the store once it is whole, costs a third of
        a stored copy made beside it and linked out (a temporary file, a rename,
        more look-ups): a cold build writes thousands. A page with bytes already
        stored is linked from the store instead (a store that was empty when the
        build began is not searched: a page stored since is found by the link).
        """
        assert self.folder is not None
        blob = self._blob_path(digest)
        if self.held_pages and os.path.exists(blob):
            self.copy_to(digest, destination)
            return
        write_new_file(destination, data)
        os.chmod(destination, BLOB_MODE)  # shared with the store, which must not change
        try:
            _link_making_folder(destination, blob)
        except FileExistsError:  # stored meanwhile by another worker: same bytes, keep one file
            self.copy_to(digest, destination)
        except OSError:  # the store on another file system
            write_atomically(blob, data, BLOB_MODE)

    def copy_to(self, digest: str, destination: str) -> None:
        """Put the stored page ``digest`` at ``destination``; ``FileNotFoundError`` when it is gone."""
        publish_link(self._blob_path(digest), destination)

    def record(self, name: str, record: PageRecord) -> None:
        self.written[name] = record

    def _manifest(self) -> Path:
        assert self.folder is not None
        return self.folder / f"pages-{self.variant[:16]}.pickle"

    def save(self) -> None:
        """Remember this build's pages (stored pages are deleted later, by :meth:`prune`)."""
        if self.folder is not None:
            write_atomically(self._manifest(), pickle.dumps((FORMAT, (self.fingerprint, self.written)), protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> None:
        """Forget old variants; delete stored pages no kept manifest uses (after the output's sweep: see ``output``)."""
        if self.folder is None:
            return
        manifest = self._manifest()
        used = {record.digest for record in self.written.values()}
        for other in self._kept_manifests(manifest):
            stored = _load(other)
            if isinstance(stored, tuple) and isinstance(stored[1], dict):
                used.update(record.digest for record in stored[1].values() if isinstance(record, PageRecord))
        self._prune(used)

    def _kept_manifests(self, current: Path) -> list[Path]:
        """The other variants' manifests, newest first; older variants beyond the kept ones are deleted."""
        others = sorted((path for path in self.folder.glob("pages-*.pickle") if path != current), key=modified_time, reverse=True)
        for old in others[KEPT_VARIANTS - 1 :]:
            old.unlink(missing_ok=True)
            read = self.folder / old.name.replace("pages-", "read-", 1)
            read.unlink(missing_ok=True)
            read.with_suffix(".added").unlink(missing_ok=True)
        return others[: KEPT_VARIANTS - 1]

    def _prune(self, used: set[str]) -> None:
        root = self.folder / BLOB_FOLDER
        if not root.is_dir():
            return
        for bucket in os.scandir(root):
            if not bucket.is_dir():
                continue
            for entry in os.scandir(bucket.path):
                if entry.name not in used and not entry.name.startswith("."):
                    Path(entry.path).unlink(missing_ok=True)


def _link_making_folder(source: str, target: str) -> None:
    # The store has 256 folders for thousands of pages: linking first and making the folder
    # only when it is missing saves every other page makedirs' three system calls.
    try:
        os.link(source, target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)


def modified_time(path: Path) -> float:
    """``path``'s modification time, 0 when it is gone (another build may have just deleted it)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def load_dict(path: Path | None) -> dict:
    """The dictionary pickled at ``path``; empty when there is none, or it is cut short or from other code (start again)."""
    if path is None:
        return {}
    try:
        stored = loads_uncollected(path.read_bytes())
    except Exception:
        return {}
    return stored if isinstance(stored, dict) else {}


def save_dict(path: Path, stored: dict) -> None:
    write_atomically(path, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))


class KeptFiles:
    """Output files a plugin makes from a key (a hash of what they say): one the last build wrote for the same key,
    and nobody touched since, is left alone and unread.

    Comparing a made file with the one in the output folder means making it
    and reading the old one; the key, and the file's inode and change time as
    the sweep recorded them when the build began
    (:func:`~.output.kept_as_it_was`), tell the same. The record (path → key,
    inode and change time) is pickled at ``CACHE_PATH/<name>``.
    """

    def __init__(self, cache_folder: str | None, name: str):
        self.record_path = Path(cache_folder) / name if cache_folder else None
        self.last: dict[str, tuple[str, Identity]] = load_dict(self.record_path)
        self.now: dict[str, tuple[str, Identity | None]] = {}

    def current(self, path: str, key: str) -> bool:
        """Whether the file at ``path`` (absolute) is the one the last build wrote for ``key``, unchanged since (it is then noted as this build's)."""
        recorded = self.last.get(path)
        if recorded is None or recorded[0] != key or not kept_as_it_was(path, recorded[1]):
            return False
        self.now[path] = recorded
        return True

    def made(self, path: str, key: str) -> None:
        """``path`` (absolute) is written by this build for ``key`` (its inode and change time are asked by :meth:`save`)."""
        self.now[path] = (key, None)

    def save(self) -> None:
        """Remember each file as this build leaves it (once every file is written)."""
        if self.record_path is None:
            return
        record = {}
        for path, (key, identity) in self.now.items():
            identity = identity if identity is not None else identity_of(path)
            if identity is not None:
                record[path] = (key, identity)
        if record != self.last:
            save_dict(self.record_path, record)
        self.last, self.now = record, {}


class KeyedFiles:
    """A plugin's cached files, one per key (``<key><suffix>`` in ``folder``), the key a hash of what made the bytes.

    A rebuild after one edit writes the few files whose key is new and reads
    none of the others, where one pickle of them all is read and written whole.
    Without a folder (no cache) nothing is kept.
    """

    def __init__(self, folder: Path | None, suffix: str):
        self.folder, self.suffix = folder, suffix

    def get(self, key: str) -> bytes | None:
        """The bytes kept for ``key``; None when there are none, or they cannot be read, or the file is empty
        (what a file written just before a power cut can be left as): made again."""
        if self.folder is None:
            return None
        try:
            return read_bytes(os.path.join(self.folder, key + self.suffix)) or None
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        if self.folder is not None:
            write_atomically(self.folder / f"{key}{self.suffix}", data)

    def keep_only(self, keys: set[str]) -> None:
        """Delete every other file (those of things since changed or gone), except the temporary ones being written."""
        if self.folder is None:
            return
        wanted = {key + self.suffix for key in keys}
        with contextlib.suppress(FileNotFoundError):
            for entry in list(os.scandir(self.folder)):
                # A dot-name is a file being written (write_atomically), perhaps by another build sharing the cache.
                if entry.name not in wanted and not entry.name.startswith("."):
                    with contextlib.suppress(OSError):  # gone meanwhile (another build)
                        os.unlink(entry.path)
