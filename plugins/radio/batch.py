"""Every item's radio script at once: the current ones left alone, the others from a cache or made beside the build.

A script depends only on its item's title, kind, unit, date, summary and
text, on the voice (``RADIO_*`` settings), the owner's name, the timezone and
this plugin's code; the hash of all that is its key. The cache keeps each
script in a file of its own, named by its key, in ``radio-scripts/`` under
Pelican's ``CACHE_PATH``: a rebuild after one item changed writes one file
and reads none of the others. Making scripts needs the :class:`~.speech.Speaker`'s
patterns and lxml, which a rebuild whose scripts are all current never loads.
New scripts are made by forked processes at a lower priority
(``RADIO_NICENESS``) while the build goes on (:class:`ScriptBatch`): one
process for a few, a pool (``RADIO_WORKERS``, default one per core) for a
site's first build. The cache keeps the scripts of the last build that made
one, and a file it cannot read is a script to make again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from plugins.build_speed.collector import frozen_for_fork
from plugins.build_speed.fingerprint import folder_code_digest
from plugins.build_speed.pool import ForkedCall, background_pool
from plugins.build_speed.stores import KeyedFiles

from .inputs import ScriptItem, Voice

if TYPE_CHECKING:
    from .speech import Speaker

CACHE_FOLDER = "radio-scripts"
PARALLEL_FROM_SCRIPTS = 64
CHUNK_SCRIPTS = 32

_FIELDS = tuple(field.name for field in fields(ScriptItem))

# What to do with a finished script, by the item's index: the build writes it to the output folder.
Keep = Callable[[int, str], None]
# Whether item ``index``'s script of that key is already where ``keep`` would put it.
Current = Callable[[int, str], bool]


def code_digest() -> str:
    """The hash of this plugin's Python files: a change to the wording rules invalidates every script."""
    return folder_code_digest(Path(__file__).parent)


def script_key(item: ScriptItem, context) -> str:
    """The hash of ``context`` (a hasher fed the build's settings) and the item's fields.

    Each field is fed as it is, after its length, instead of hashing the
    ``repr`` of the whole item: escaping a long text for ``repr`` cost more
    than the hash itself.
    """
    hasher = context.copy()
    for name in _FIELDS:
        value = getattr(item, name)
        # "s" or "r" keeps the text "None" apart from None.
        marker, text = (b"s", value) if isinstance(value, str) else (b"r", repr(value))
        data = text.encode("utf-8", "surrogatepass")
        hasher.update(marker + b"%d:" % len(data) + data)
    return hasher.hexdigest()


class ScriptStore:
    """The scripts of the last build, one UTF-8 file per key (``<key>.txt``); none without a cache folder."""

    def __init__(self, cache_folder: str | None):
        self.files = KeyedFiles(Path(cache_folder) / CACHE_FOLDER if cache_folder else None, ".txt")

    def get(self, key: str) -> str | None:
        data = self.files.get(key)
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:  # damaged: made again
            return None

    def put(self, key: str, text: str) -> None:
        self.files.put(key, text.encode("utf-8"))

    def keep_only(self, keys: set[str]) -> None:
        self.files.keep_only(keys)


class _Writing:
    """Everything a process needs to make scripts: inherited by forked processes."""

    def __init__(self, items: list[ScriptItem], keys: list[str], voice: Voice, owner: str, timezone: str, store: ScriptStore,
                 keep: Keep | None, speaker: Speaker | None = None):
        self.items, self.keys, self.voice, self.owner, self.timezone, self.store, self.keep = items, keys, voice, owner, timezone, store, keep
        self.speaker = speaker

    def one(self, index: int) -> str:
        from .script import radio_script  # loaded only by a build that makes a script

        if self.speaker is None:
            self.speaker = self.voice.speaker()
        text = radio_script(self.items[index], self.speaker, self.owner, self.timezone)
        if self.keep is not None:
            self.keep(index, text)
        self.store.put(self.keys[index], text)
        return text

    def all(self, indexes: list[int]) -> list[str]:
        return [self.one(index) for index in indexes]


# The pool's workers find the batch here (forked with it; only job numbers are sent).
_pooled: _Writing | None = None
_pooled_indexes: list[int] = []


def _pooled_one(position: int) -> str:
    assert _pooled is not None
    return _pooled.one(_pooled_indexes[position])


class ScriptBatch:
    """Every item's script: current ones left alone, cached ones kept now, new ones made beside the build; :meth:`finish` collects them.

    ``keep(index, text)`` is called once for every item whose script is not
    ``current``: for a new script in the process that made it, so a first
    build also saves its files on every core; for the others in this
    process.
    """

    def __init__(
        self, items: list[ScriptItem], voice: Voice, owner: str, timezone: str, cache_folder: str | None, workers: int | None,
        keep: Keep | None = None, niceness: int = 0, current: Current | None = None,
    ):
        context = hashlib.sha256(repr((voice.settings_text(), owner, timezone, code_digest())).encode("utf-8", "surrogatepass"))
        self.keys = [script_key(item, context) for item in items]
        self.store = ScriptStore(cache_folder)
        self.keep = keep
        self.pool: ProcessPoolExecutor | None = None
        self.forked: ForkedCall | None = None
        self.written: list[str] = []
        self.duplicates: list[tuple[int, int]] = []  # (index, index of the item whose script it shares)
        self.new = self._take_cached(current)
        self._start(_Writing(items, self.keys, voice, owner, timezone, self.store, keep), workers or os.cpu_count() or 1, niceness)

    def _take_cached(self, current: Current | None) -> list[int]:
        """Keep every needed script the cache has; return the items whose script must be made (one per key)."""
        made_by: dict[str, int] = {}
        new = []
        for index, key in enumerate(self.keys):
            if current is not None and current(index, key):
                continue
            if key in made_by:
                self.duplicates.append((index, made_by[key]))
                continue
            text = self.store.get(key)
            if text is None:
                made_by[key] = index
                new.append(index)
            elif self.keep is not None:
                self.keep(index, text)
        return new

    def _start(self, writing: _Writing, workers: int, niceness: int) -> None:
        global _pooled, _pooled_indexes
        new = self.new
        if not new:
            return
        if workers < 2:
            self.written = writing.all(new)
        elif len(new) < PARALLEL_FROM_SCRIPTS:
            self.forked = ForkedCall(lambda: writing.all(new), niceness)
        else:
            writing.speaker = writing.voice.speaker()  # compiled once, here, for every worker
            _pooled, _pooled_indexes = writing, new
            try:
                with frozen_for_fork():  # the workers fork on map()'s first submit and keep their own copy of the items
                    self.pool = background_pool(workers, niceness)
                    self.written = self.pool.map(_pooled_one, range(len(new)), chunksize=CHUNK_SCRIPTS)
            finally:
                _pooled, _pooled_indexes = None, []

    def finish(self) -> None:
        """Wait for the new scripts, keep the items that share one, and let the cache follow the site."""
        self.written = self.forked.result() if self.forked is not None else list(self.written)
        written = dict(zip(self.new, self.written, strict=True))
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        if self.keep is not None:
            for index, source in self.duplicates:
                text = written.get(source)
                self.keep(index, text if text is not None else self.store.get(self.keys[source]) or "")
        if self.new:
            self.store.keep_only(set(self.keys))

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        if self.forked is not None:
            self.forked.abandon()


def scripts_for(
    items: list[ScriptItem], voice: Voice, owner: str, timezone: str, cache_folder: str | None, workers: int | None,
    keep: Keep | None = None,
) -> list[str]:
    """The script of each item, in order (see :class:`ScriptBatch`); ``keep`` is called for each too."""
    texts: list[str | None] = [None] * len(items)

    def kept(index: int, text: str) -> None:
        texts[index] = text
        if keep is not None:
            keep(index, text)

    batch = ScriptBatch(items, voice, owner, timezone, cache_folder, workers, kept)
    batch.finish()
    for index, text in zip(batch.new, batch.written, strict=True):
        texts[index] = text  # kept in the process that made it
    return [text if text is not None else "" for text in texts]
