"""QR codes as inline SVG (segno, pure Python): printed on posting sheets, pointing to a procedure's page.

Drawing a QR code still takes about half a millisecond (pure Python, even
drawn by :mod:`.qr_symbol` with the fast choice of mask of :mod:`.qr_mask`),
so the SVG of each address is kept in a small cache file under Pelican's
``CACHE_PATH`` and reused by the next builds: only new or renamed procedures
cost anything.
:meth:`QrCache.start` begins drawing the missing ones on every core when a
writing build asks for its writer (``get_writer``), and :meth:`QrCache.fill`
collects them (drawing whatever is still missing) before any page is written,
so pages rendered in other processes find them and the cache file gets them.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from plugins.build_speed.collector import frozen_for_fork
from plugins.build_speed.pool import background_pool, run_jobs

from .qr_symbol import qr_svg_inline

# Part of every cache key: change it when the drawing parameters change.
DRAWING = "m-4-2-v1"
# Several sites (or test builds) may share one cache; old entries are dropped only past this size.
PRUNE_AT = 20000
# Below this many missing drawings, starting processes costs more than it saves.
PARALLEL_FROM = 16
# The caches drawing in other processes right now (see cancel_started_drawings).
_STARTED: weakref.WeakSet[QrCache] = weakref.WeakSet()


def cancel_started_drawings() -> None:
    """Stop every drawing begun by :meth:`QrCache.start` (``content_model.before_report``: the build is failing).

    At the end of the program it would be too late: ``concurrent.futures``
    waits for its workers' jobs before ``atexit`` functions run.
    """
    for cache in list(_STARTED):
        cache.cancel_started()


def qr_drawing(url: str) -> str:
    """The inline ``<svg>`` of ``url`` (error correction M, 4 units a module, quiet zone 2), scalable by CSS."""
    # segno.make(url, error="m", micro=False).svg_inline(scale=4, dark="#000", light="#fff", border=2, omitsize=True)
    return qr_svg_inline(url, error="m")


def labelled(svg: str, label: str) -> str:
    """``svg`` as an image with ``label`` as its text alternative."""
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


class QrCache:
    """Drawings by address, loaded from and saved to one JSON file (a damaged file is ignored)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.drawings: dict[str, str] = {}
        self.changed = False
        self._started: tuple[list[str], ProcessPoolExecutor, Iterator[str]] | None = None
        if path and path.is_file():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if isinstance(stored, dict):
                self.drawings = {key: value for key, value in stored.items() if isinstance(value, str)}

    def svg(self, url: str, label: str) -> str:
        key = f"{DRAWING} {url}"
        if key not in self.drawings:
            self.drawings[key] = qr_drawing(url)
            self.changed = True
        return labelled(self.drawings[key], label)

    def start(self, urls: Iterable[str], workers: int | None = None) -> None:
        """Begin drawing the addresses not in the cache yet in other processes, while the build goes on.

        Started when a writing build asks for its writer, the drawings are made
        while the build's own process queues its pages (one core is idle then);
        :meth:`fill` collects them.
        """
        missing = self._missing(urls)
        workers = workers or os.cpu_count() or 1
        if workers < 2 or len(missing) < PARALLEL_FROM or self._started is not None:
            return
        with frozen_for_fork():  # the workers are forked by map() (see build_speed.collector)
            executor = background_pool(workers, niceness=0)
            self._started = (missing, executor, executor.map(qr_drawing, missing, chunksize=8))
        _STARTED.add(self)

    def cancel_started(self) -> None:
        """Stop drawing what :meth:`start` began (a failing build does not wait for drawings it will not use)."""
        _STARTED.discard(self)
        if self._started is not None:
            self._started[1].shutdown(wait=False, cancel_futures=True)
            self._started = None

    def fill(self, urls: Iterable[str], workers: int | None = None) -> None:
        """Draw every address not in the cache yet (collecting what :meth:`start` began), in several processes when there are many."""
        self._collect_started()
        missing = self._missing(urls)
        if not missing:
            return
        workers = workers or os.cpu_count() or 1
        use = workers if len(missing) >= PARALLEL_FROM else 1
        self._keep(missing, list(run_jobs(len(missing), lambda index: qr_drawing(missing[index]), use)))

    def _missing(self, urls: Iterable[str]) -> list[str]:
        return sorted({url for url in urls if f"{DRAWING} {url}" not in self.drawings})

    def _keep(self, urls: list[str], drawings: list[str]) -> None:
        self.drawings.update((f"{DRAWING} {url}", drawing) for url, drawing in zip(urls, drawings, strict=True))
        self.changed = True

    def _collect_started(self) -> None:
        if self._started is None:
            return
        urls, executor, results = self._started
        self._started = None
        _STARTED.discard(self)
        try:
            self._keep(urls, list(results))
        except BrokenProcessPool:
            pass  # a worker died (out of memory?): fill() draws what is missing here
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def save(self, current: set[str]) -> None:
        """Write the cache atomically (parallel builds may share it); forget old addresses once it grows large."""
        if not self.path or not self.changed:
            return
        drawings = self.drawings
        if len(drawings) > max(PRUNE_AT, 3 * len(current)):
            drawings = {key: value for key, value in drawings.items() if key.split(" ", 1)[1] in current}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".qr-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(drawings, stream, ensure_ascii=False)
        os.chmod(temporary, 0o644)
        os.replace(temporary, self.path)


_NO_CACHE = QrCache(None)


def qr_svg(url: str, label: str, cache: QrCache = _NO_CACHE) -> str:
    """An accessible inline ``<svg>`` QR code of ``url``, with ``label`` as its text alternative."""
    return cache.svg(url, label)
