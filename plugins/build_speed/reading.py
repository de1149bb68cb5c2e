"""Reading every source file before Pelican asks for it: from the cache, or on every core.

When a generator is created, the files it will read are hashed; a file whose
hash (with the code, settings and the other content files) is in the read
cache is not read again; the others are converted by the content model's
reader in forked worker processes, which start at once and go on while
Pelican makes items of the results already there (the serial part of
reading). The results go into the content model's ``CCHC_READ_RESULTS``
setting (a :class:`StreamedResults`), where its reader takes them, waiting
for a file's result if the workers are not there yet, so Pelican, the signals
and every plugin see exactly what a serial read gives.

A file with a problem is left to the reader in the build's own process, which
reports it as usual; it is never cached, so it is reported again next time.
The build's clock is not part of a read result: a cached item dated in the
future still waits, and is published by the first build on or after its date.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass

from plugins.content_model import BUILD_PROBLEMS

from .fingerprint import digest
from .output import read_bytes
from .pool import stream_jobs
from .stores import ReadCache, dumps_sharing, loads_sharing

logger = logging.getLogger(__name__)

READ_RESULTS = "CCHC_READ_RESULTS"
# Below this many files to read, forking costs more than it saves.
PARALLEL_FROM_FILES = 24


@dataclass
class ReadPlan:
    """The files one generator will read, their keys, and what is already known of them."""

    paths: list[str]
    keys: dict[str, str]
    text_hashes: dict[str, str]


def relative_to(path: str, root: str) -> str:
    """``os.path.relpath(path, root)``; for an absolute, normalised ``path`` inside ``root`` (every source file) a slice of it."""
    prefix = os.path.join(os.path.abspath(root), "")
    return path[len(prefix):] if os.path.isabs(path) and path.startswith(prefix) and path == os.path.normpath(path) else os.path.relpath(path, root)


def plan_reading(paths: list[str], content_root: str, salt: str) -> ReadPlan:
    """Hash each file: its text hash (for the page cache) and its read key (text, place, code, settings)."""
    keys, text_hashes = {}, {}
    for path in paths:
        data = read_bytes(path)
        text_hash = digest(data)
        text_hashes[path] = text_hash
        keys[path] = digest(salt, relative_to(path, content_root), text_hash)
    return ReadPlan(paths, keys, text_hashes)


class StreamedResults(dict):
    """Read results by absolute path; :meth:`pop` waits for a result the workers are still making."""

    def __init__(self) -> None:
        super().__init__()
        self.streams: list[Iterator[tuple[str, object]]] = []

    def pop(self, path: str, default=None):
        while path not in self and self.streams:
            try:
                received, result = next(self.streams[0])
            except StopIteration:
                self.streams.pop(0)
                continue
            if result is not None:
                self[received] = result
        return super().pop(path, default)

    def close(self) -> None:
        """Stop the workers of results nobody asked for (a file Pelican did not read after all)."""
        for stream in self.streams:
            stream.close()
        self.streams = []

    def __deepcopy__(self, memo) -> dict:
        return {}


def _convert_in_worker(reader, settings: dict, path: str, text_hash: str) -> bytes | None:
    """The pickled read result of ``path``, or None when it has a problem (the parent then reads it itself and reports it)
    or was saved again since it was hashed (its result would be cached under the old text's key)."""
    before = len(BUILD_PROBLEMS.problems)
    try:
        result = reader.convert(path)
        unchanged = digest(read_bytes(path)) == text_hash
    except Exception:
        return None
    if result is None or not unchanged or len(BUILD_PROBLEMS.problems) > before:
        return None
    return dumps_sharing(result, settings)


def preread(reader, settings: dict, plan: ReadPlan, cache: ReadCache, workers: int) -> int:
    """Make a read result for every problem-free file of ``plan`` ready in ``CCHC_READ_RESULTS``; return how many are read anew.

    Cached results are there at once; the others arrive as the workers make them.
    """
    content_root = settings["PATH"]
    results = settings.get(READ_RESULTS)
    if not isinstance(results, StreamedResults):
        results = settings[READ_RESULTS] = StreamedResults()
    missing = []
    for path in plan.paths:
        source = relative_to(path, content_root)
        cached = cache.get(source, plan.keys[path])
        if cached is None:
            missing.append(path)
            continue
        try:
            results[os.path.abspath(path)] = loads_sharing(cached, settings)
        except Exception as error:  # written by other code: read the file again
            logger.debug("unreadable cache entry for %s: %s", path, error)
            missing.append(path)
    use = workers if len(missing) >= PARALLEL_FROM_FILES else 1
    pickled = stream_jobs(len(missing), lambda index: _convert_in_worker(reader, settings, missing[index], plan.text_hashes[missing[index]]), use)
    results.streams.append(_received(missing, pickled, plan, cache, settings))
    return len(missing)


def _received(paths: list[str], pickled: Iterator[bytes | None], plan: ReadPlan, cache: ReadCache, settings: dict) -> Iterator[tuple[str, object]]:
    """Each path with its result as the workers send it (None for a file with a problem); results are cached."""
    content_root = settings["PATH"]
    with contextlib.closing(pickled):
        for path, data in zip(paths, pickled, strict=True):
            if data is None:
                yield os.path.abspath(path), None
                continue
            cache.put(relative_to(path, content_root), plan.keys[path], data)
            yield os.path.abspath(path), loads_sharing(data, settings)
