"""Every item's radio script at once: the unchanged ones from a cache, the others on every core.

A script depends only on its item's title, kind, unit, date, summary and
text, on the speaker's settings, the owner's name, the timezone and this
plugin's code; the hash of all that is its key in ``radio-scripts.pickle``
under Pelican's ``CACHE_PATH``. A rebuild after one item changed writes one
new script; a site's first build spreads its scripts over forked processes
(``RADIO_WORKERS``, default one per core), which write them while the build
goes on (:class:`ScriptBatch`), at a lower priority (``RADIO_NICENESS``).
The cache keeps the scripts of the last build only, and a damaged cache is
an empty one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path

from plugins.build_speed.collector import frozen_for_fork
from plugins.build_speed.fingerprint import folder_code_digest
from plugins.build_speed.pool import background_pool
from plugins.build_speed.stores import load_dict, save_dict

from .script import ScriptItem, radio_script
from .speech import Speaker

CACHE_FILE = "radio-scripts.pickle"
PARALLEL_FROM_SCRIPTS = 64
CHUNK_SCRIPTS = 32

_FIELDS = tuple(field.name for field in fields(ScriptItem))

# What to do with a finished script, by the item's index: the build writes it to the output folder.
Keep = Callable[[int, str], None]

_pending: list[ScriptItem] = []
_writing: tuple[Speaker, str, str, Keep | None] | None = None


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


def _write_one(index: int) -> str:
    speaker, owner, timezone, keep = _writing
    text = radio_script(_pending[index], speaker, owner, timezone)
    if keep is not None:
        keep(index, text)
    return text


class ScriptBatch:
    """Every item's script: the cached ones now, the new ones in a pool of processes started now; :meth:`finish` collects them.

    ``keep(index, text)`` is called once for every item: for a new script in
    the process that wrote it, so a first build also saves its files on every
    core; for the others in this process, by :meth:`finish`.
    """

    def __init__(
        self, items: list[ScriptItem], speaker: Speaker, owner: str, timezone: str, cache_folder: str | None, workers: int | None,
        keep: Keep | None = None, niceness: int = 0,
    ):
        self.path = Path(cache_folder) / CACHE_FILE if cache_folder else None
        settings = repr((sorted(speaker.abbreviations.items()), sorted(speaker.issuers.items()), speaker.style, owner, timezone, code_digest()))
        context = hashlib.sha256(settings.encode("utf-8", "surrogatepass"))
        self.keys = [script_key(item, context) for item in items]
        self.known = load_dict(self.path)
        self.missing = sorted({key: index for index, key in enumerate(self.keys) if key not in self.known}.values())
        self.keep = keep
        self.pool: ProcessPoolExecutor | None = None
        self._start(items, (speaker, owner, timezone, keep), workers or os.cpu_count() or 1, niceness)

    def _start(self, items: list[ScriptItem], writing: tuple, workers: int, niceness: int) -> None:
        global _pending, _writing
        _pending, _writing = items, writing
        try:
            if workers < 2 or len(self.missing) < PARALLEL_FROM_SCRIPTS:
                self.written = [_write_one(index) for index in self.missing]
                return
            with frozen_for_fork():  # the workers fork on map()'s first submit and keep their own copy of the items
                self.pool = background_pool(workers, niceness)
                self.written = self.pool.map(_write_one, self.missing, chunksize=CHUNK_SCRIPTS)
        finally:
            _pending, _writing = [], None

    def finish(self, current: Callable[[int, str], bool] | None = None) -> list[str]:
        """The script of each item, in order, once every new one is written; the cache saved.

        ``current(index, key)`` says that the item's script, of that key, is
        already where ``keep`` would put it: ``keep`` is then not called.
        """
        written = list(self.written)
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        self.known.update((self.keys[index], text) for index, text in zip(self.missing, written, strict=True))
        if self.path is not None and (self.missing or len(self.known) != len(set(self.keys))):
            save_dict(self.path, {key: self.known[key] for key in self.keys})
        texts = [self.known[key] for key in self.keys]
        if self.keep is not None:
            kept = set(self.missing)
            for index, text in enumerate(texts):
                if index not in kept and not (current is not None and current(index, self.keys[index])):
                    self.keep(index, text)
        return texts

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


def scripts_for(
    items: list[ScriptItem], speaker: Speaker, owner: str, timezone: str, cache_folder: str | None, workers: int | None,
    keep: Keep | None = None,
) -> list[str]:
    """The script of each item, in order (see :class:`ScriptBatch`)."""
    return ScriptBatch(items, speaker, owner, timezone, cache_folder, workers, keep).finish()
