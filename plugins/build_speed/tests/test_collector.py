"""The garbage collector's pause during reading, the freeze once items are made, and the release at the end."""

from __future__ import annotations

import gc
import os

import pytest

from plugins.build_speed import collector
from plugins.build_speed.pool import run_jobs


@pytest.fixture(autouse=True)
def collector_released():
    collector.release()
    gc.enable()
    yield
    collector.release()
    gc.enable()
    gc.unfreeze()


def _collector_enabled_in_worker(_: int) -> tuple[bool, int]:
    return gc.isenabled(), os.getpid()


def test_reading_runs_without_automatic_collection_and_the_rest_of_the_build_with_it():
    collector.pause()
    assert not gc.isenabled()
    items = [[index] for index in range(1000)]
    collector.settle()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(items)
    collector.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_build_that_stopped_before_settling_leaves_nothing_paused_for_the_next():
    collector.pause()
    collector.pause()  # the next build of a preview server, after one that failed while reading
    collector.settle()
    collector.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_without_a_build_settle_changes_nothing():
    collector.settle()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_workers_forked_while_reading_collect_and_the_build_stays_paused():
    collector.pause()
    answers = run_jobs(4, _collector_enabled_in_worker, 2, chunk=1)
    assert {pid for _, pid in answers} != {os.getpid()}
    assert all(enabled for enabled, _ in answers)
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_fork_after_settling_keeps_the_build_frozen():
    collector.pause()
    items = [[index] for index in range(1000)]  # the build's objects, alive until the end
    collector.settle()
    run_jobs(4, _collector_enabled_in_worker, 2, chunk=1)
    assert gc.get_freeze_count() >= len(items), "the fork did not unfreeze what the build froze"
    collector.release()
    assert gc.get_freeze_count() == 0


class _Node:
    pass


def test_the_next_build_after_a_failed_one_collects_what_it_left():
    import weakref

    collector.pause()  # a build that stops on an error: never settled nor released
    node = _Node()
    node.itself = node  # a cycle: only the collector frees it
    left = weakref.ref(node)
    del node
    assert left() is not None
    collector.pause()  # the preview server's next build
    assert left() is None


def test_a_cache_loads_without_collections_and_collection_resumes_after():
    import pickle

    records = pickle.dumps([(str(number), (number, number + 1), [number]) for number in range(200_000)])
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        loaded = collector.loads_uncollected(records)
        assert collections == []
        assert gc.isenabled()
        assert len(loaded) == 200_000
        pickle.loads(records)
        assert collections, "the same load with the collector on starts collections (the test means something)"
    finally:
        gc.callbacks.remove(count)
