"""Reading every source file before Pelican asks for it: from the cache, or on every core.

When a generator is created, the files it will read are hashed; a file whose
hash (with the code, settings and the other content files) is in the read
cache is not read again; the others are converted by the content model's
reader in forked worker processes. The results go into the content model's
``CCHC_READ_RESULTS`` setting, where its reader takes them, so Pelican, the
signals and every plugin see exactly what a serial read gives.

A file with a problem is left to the reader in the build's own process, which
reports it as usual; it is never cached, so it is reported again next time.
The build's clock is not part of a read result: a cached item dated in the
future still waits, and is published by the first build on or after its date.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from plugins.content_model import BUILD_PROBLEMS

from .fingerprint import digest
from .pool import run_jobs
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


def plan_reading(paths: list[str], content_root: str, salt: str) -> ReadPlan:
    """Hash each file: its text hash (for the page cache) and its read key (text, place, code, settings)."""
    keys, text_hashes = {}, {}
    for path in paths:
        data = Path(path).read_bytes()
        text_hash = digest(data)
        text_hashes[path] = text_hash
        keys[path] = digest(salt, os.path.relpath(path, content_root), text_hash)
    return ReadPlan(paths, keys, text_hashes)


def _convert_in_worker(reader, settings: dict, path: str) -> bytes | None:
    """The pickled read result of ``path``, or None when it has a problem (the parent then reads it itself)."""
    before = len(BUILD_PROBLEMS.problems)
    result = reader.convert(path)
    if result is None or len(BUILD_PROBLEMS.problems) > before:
        return None
    return dumps_sharing(result, settings)


def preread(reader, settings: dict, plan: ReadPlan, cache: ReadCache, workers: int) -> int:
    """Put a read result for every problem-free file of ``plan`` into ``CCHC_READ_RESULTS``; return how many were read."""
    content_root = settings["PATH"]
    results = settings.setdefault(READ_RESULTS, {})
    missing = []
    for path in plan.paths:
        source = os.path.relpath(path, content_root)
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
    pickled = run_jobs(len(missing), lambda index: _convert_in_worker(reader, settings, missing[index]), use)
    for path, data in zip(missing, pickled, strict=True):
        if data is None:
            continue
        results[os.path.abspath(path)] = loads_sharing(data, settings)
        cache.put(os.path.relpath(path, content_root), plan.keys[path], data)
    return len(missing)
