"""The images' pool started while the build goes on: lower priority, results collected later, cancelled when not asked for."""

from __future__ import annotations

import os

from plugins.build_speed.pool import lower_priority
from plugins.images import generator
from plugins.images.generator import ImageGenerator, StartedJobs, collect_images, discard_pending


def _niceness_of_worker(_: object) -> int:
    return os.nice(0)


def test_workers_run_at_the_configured_lower_priority(monkeypatch):
    monkeypatch.setattr(generator, "perform", _niceness_of_worker)
    started = StartedJobs(["a", "b", "c"], workers=2, niceness=7)
    results = started.results()
    assert [job for job, _, _ in results] == ["a", "b", "c"]
    assert {niceness for _, niceness, _ in results} == {os.nice(0) + 7}
    assert all(crash is None for _, _, crash in results)


def test_a_refused_priority_change_leaves_the_worker_as_it_is(monkeypatch):
    def refuse(_: int) -> int:
        raise PermissionError

    monkeypatch.setattr(os, "nice", refuse)
    lower_priority(5)  # no error


def _broken(job: object) -> None:
    raise ValueError(job)


def test_a_job_that_raises_is_reported_with_its_error_name(monkeypatch):
    monkeypatch.setattr(generator, "perform", _broken)
    assert StartedJobs(["x"], workers=1).results() == [("x", None, "ValueError")]


def test_collect_without_pending_work_and_discard_of_an_unasked_pool(monkeypatch):
    monkeypatch.setattr(generator, "perform", _niceness_of_worker)
    collect_images()  # nothing pending: nothing to do
    started = StartedJobs(list(range(20)), workers=2)
    monkeypatch.setattr(ImageGenerator, "pending", generator._Pending(None, started, None, 0.0))
    discard_pending()
    assert ImageGenerator.pending is None
    assert started.pool._shutdown_thread
