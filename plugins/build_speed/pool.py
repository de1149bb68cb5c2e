"""Run independent jobs on every core, in processes forked from the build.

The workers are forked after the jobs are prepared, so they inherit the whole
build (settings, items, templates) through copy-on-write memory: nothing is
pickled on the way in, only each job's small result on the way back. The
build's objects are frozen out of the garbage collector's sight when the
workers are forked (``gc.freeze``'s documented use): a worker's collector
would otherwise walk the millions of objects of a finished build again and
again, and copy the memory they live in by marking them (when this was
measured, checking the pages of 2,000 items cost 5.8 s of CPU without the
freeze and 2.5 s with it). A worker that dies (the
system out of memory kills it) does not stop the build: the jobs without a
result are done in the build's own process. Jobs are
handed out in chunks as workers free up, and results come back in job order,
so what the parent does with them is the same as in a serial run.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from .collector import frozen_for_fork

Result = TypeVar("Result")

logger = logging.getLogger(__name__)

_work: Callable[[int], object] | None = None


def _run_one(index: int) -> object:
    assert _work is not None
    return _work(index)


def lower_priority(niceness: int) -> None:
    """A pool's initializer: the worker yields the processor to the build's own process (a system that refuses: as it is)."""
    with contextlib.suppress(OSError):
        os.nice(niceness)


def background_pool(workers: int, niceness: int) -> ProcessPoolExecutor:
    """Forked workers for work done beside the build, at ``niceness`` added to their priority.

    Fork them inside :func:`.collector.frozen_for_fork` (they fork on the first submit).
    """
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=lower_priority, initargs=(niceness,))


def worker_count(setting: int | None) -> int:
    """Processes to use: the setting, else one per CPU this process may run on."""
    if setting:
        return max(1, int(setting))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def run_jobs(count: int, work: Callable[[int], Result], workers: int, chunk: int = 8) -> Sequence[Result]:
    """``[work(0), …, work(count - 1)]``, computed by ``workers`` forked processes (in this one when 1)."""
    return list(stream_jobs(count, work, workers, chunk))


def stream_jobs(count: int, work: Callable[[int], Result], workers: int, chunk: int = 8) -> Iterator[Result]:
    """``work(0)``, …, ``work(count - 1)`` as they are ready, in job order, while this process goes on with other things.

    The workers are forked now and start at once; they stop when the last
    result has been taken (or the iterator is closed). With one worker, each
    job is done in this process when its result is asked for.
    """
    global _work
    if workers < 2 or count < 2:
        return (work(index) for index in range(count))
    _work = work  # the workers are forked below, each with its own copy
    try:
        with frozen_for_fork():  # the workers keep the build's objects frozen
            executor = ProcessPoolExecutor(min(workers, count), mp_context=multiprocessing.get_context("fork"))
            results = executor.map(_run_one, range(count), chunksize=max(1, min(chunk, count // (workers * 4) or 1)))
    finally:
        _work = None
    return _taken(executor, results, count, work)


def _taken(executor: ProcessPoolExecutor, results: Iterator[Result], count: int, work: Callable[[int], Result]) -> Iterator[Result]:
    done = 0
    try:
        for result in results:
            done += 1
            yield result
    except BrokenProcessPool:
        logger.warning("build_speed: một tiến trình phụ dừng đột ngột (máy thiếu bộ nhớ?); %d việc còn lại được làm trong tiến trình chính", count - done)
        for index in range(done, count):
            yield work(index)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


class ForkedCall:
    """``work()`` done by one forked process while this one goes on; :meth:`result` waits for what it returned.

    Lighter than a pool for one piece of work: no queues, no threads, the
    result pickled back through a pipe. The process starts with its garbage
    collector off (a collection would copy the build's memory into it page by
    page) and at ``niceness`` added to its priority. If it cannot be forked or
    fails, :meth:`result` does the work in this process, so ``work`` may have
    to run twice: it must be safe to repeat.
    """

    def __init__(self, work: Callable[[], Result], niceness: int = 0):
        self.work = work
        self.parent = os.getpid()
        self.pid: int | None = None
        self.pipe: int | None = None
        try:
            reading, writing = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return
        if pid == 0:
            os.close(reading)
            _work_and_exit(work, writing, niceness)
        os.close(writing)
        self.pid, self.pipe = pid, reading

    def result(self) -> Result:
        """What ``work()`` returned (done here if the process could not be forked or failed)."""
        if self.pid is None or self.pipe is None:
            return self.work()
        pipe, self.pipe = self.pipe, None
        with os.fdopen(pipe, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status == 0:
            with contextlib.suppress(Exception):
                return pickle.loads(data)
        return self.work()

    def abandon(self) -> None:
        """Stop waiting for the process (a build that failed): it is ended and its result dropped.

        The pipe is closed first, so a process blocked writing a large result
        is not waited for while it waits for us.
        """
        if self.pid is None or self.parent != os.getpid():
            return
        if self.pipe is not None:
            os.close(self.pipe)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # not SIGTERM: the preview server's handler for it is inherited
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)
        self.pid = self.pipe = None


def _work_and_exit(work: Callable[[], object], writing: int, niceness: int) -> None:
    status = 1
    try:
        gc.disable()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (the preview server's): ended when told
        lower_priority(niceness)
        data = memoryview(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(writing, data):]
        status = 0
    finally:
        os._exit(status)  # nothing of the build's: no exit handlers, no buffers flushed twice
