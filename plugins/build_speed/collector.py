"""Python's garbage collector during a build: no full collections over the items while they are made.

Reading makes every item, and the items live until the build ends. Python
starts a full collection each time the objects that survived earlier ones
grow by a quarter, so while thousands of items are made it walks the growing
heap again and again, and finds nothing: the items are all still used. A
rebuild that takes every item from the read cache spent about a tenth of its
time there. So automatic collection is paused while the generators read
(``pause``), and once every item is made the objects that exist then are frozen
(``gc.freeze``: the collector no longer walks them) and collection resumes
for what the rest of the build makes (``settle``). ``release`` gives the
build's objects back to the collector when the build ends, or when the next
build of the same process (the preview server) starts after a build that
stopped on an error.

The pools fork their workers inside :func:`frozen_for_fork`, which freezes
the build's objects for the workers' collectors and, in this process, leaves
frozen what the build froze.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterator
from contextlib import contextmanager


class _Collector:
    paused = False
    settled = False
    was_enabled = True


def pause() -> None:
    """No automatic collection until :func:`settle` (the start of a build)."""
    unfinished = _Collector.paused
    release()
    if unfinished:  # the last build of this process stopped on an error: its objects, cycles included, go now
        gc.collect()
    _Collector.was_enabled = gc.isenabled()
    gc.disable()
    _Collector.paused = True


def settle() -> None:
    """Every item is made: freeze what exists now, collect automatically again."""
    if not _Collector.paused:
        return
    gc.freeze()
    _Collector.settled = True
    if _Collector.was_enabled:
        gc.enable()


def release() -> None:
    """The build's objects are the collector's again; collection as it was before the build."""
    if _Collector.settled:
        gc.unfreeze()
    if _Collector.paused and _Collector.was_enabled:
        gc.enable()
    _Collector.paused = _Collector.settled = False


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Fork workers inside this: their collectors leave the build's objects alone (``gc.freeze``'s documented use).

    This process unfreezes them afterwards unless the build had frozen them
    itself (:func:`settle`), which then keeps them frozen until :func:`release`.
    Workers forked while collection is paused collect as usual: what they make
    is theirs, and they make a lot of it.
    """
    paused = _Collector.paused and not _Collector.settled and _Collector.was_enabled
    gc.freeze()
    if paused:
        gc.enable()
    try:
        yield
    finally:
        if paused:
            gc.disable()
        if not _Collector.settled:
            gc.unfreeze()


def loads_uncollected(data: bytes) -> object:
    """``pickle.loads`` with no automatic collection meanwhile.

    A cache of thousands of records makes as many objects at once, which
    starts full collections over the heap; they find nothing, since every
    object loaded is kept. One such collection cost a rebuild 0.1 s.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()
