"""The images' step of the build: make what the cache lacks in a pool of processes, then publish the files.

``generate_context`` hands the missing files to a pool of processes and goes
on: while they are made, the build's own process checks the whole build,
sets up its writer and queues the articles' pages, work it does alone. The
files are collected when the articles' pages are queued
(``article_writer_finalized``), before anything is written to the output, so
a source that fails to decode stops the build before anything is written,
like any other content problem (:func:`collect_images`). The pool's workers
run at a lower priority (``IMAGE_NICENESS``), so they take the processor the
build's process leaves idle instead of slowing it. When other problems stop
the build first, the images are collected before the report is printed
(``content_model.before_report``), so it lists them all; ``make check`` and
the quota report (``content_model.READ_ONLY``) wait for them at once.
``generate_output`` links the files from the cache.
"""

from __future__ import annotations

import json
import logging
import os
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field

from pelican.generators import Generator

from plugins.build_speed.collector import frozen_for_fork
from plugins.build_speed.output import publish_link
from plugins.build_speed.pool import background_pool
from plugins.content_model import READ_ONLY, fail_if_reported, report
from plugins.content_model.problems import BUILD_PROBLEMS

from . import messages
from .build import ImageBuild
from .processing import JobResult, perform

logger = logging.getLogger("pelican.plugins.images")
STATS_FILE = "last-build.json"


@dataclass
class ImageStats:
    """What one build did with its images; also written to ``last-build.json`` in the image cache."""

    sources: int = 0
    processed: int = 0
    reused: int = 0
    files_made: int = 0
    files_published: int = 0
    workers: int = 0
    worker_pids: list[int] = field(default_factory=list)
    seconds: float = 0.0  # from the start of the images' step to their collection (the build went on meanwhile)


def worker_count(settings: dict, jobs: int) -> int:
    """``IMAGE_WORKERS``, else one process per core; never more than there are jobs."""
    wanted = settings.get("IMAGE_WORKERS") or os.cpu_count() or 1
    return max(1, min(int(wanted), jobs))


class StartedJobs:
    """Jobs handed to a pool of processes now, their results asked for later."""

    def __init__(self, jobs: list, workers: int, niceness: int = 0):
        self.jobs = jobs
        with frozen_for_fork():  # the workers fork on the first submit
            self.pool = background_pool(workers, niceness)
            self.futures: list[Future] = [self.pool.submit(perform, job) for job in jobs]

    def results(self) -> list[tuple[object, JobResult | None, str | None]]:
        """Each job with its result, or with the reason its worker failed (a crash inside a decoder, a lost process)."""
        done = []
        for job, future in zip(self.jobs, self.futures, strict=True):
            try:
                done.append((job, future.result(), None))
            except BrokenProcessPool:
                done.append((job, None, "tiến trình xử lý ảnh bị dừng đột ngột"))
            except Exception as error:  # reported to the editor, never a traceback
                done.append((job, None, type(error).__name__))
        self.pool.shutdown(wait=True)
        return done

    def cancel(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


@dataclass
class _Pending:
    generator: ImageGenerator
    started_jobs: StartedJobs | None  # None: nothing to make
    stats: ImageStats
    started: float


class ImageGenerator(Generator):
    """Makes the images every item registered while it was read, and publishes them."""

    build: ImageBuild | None = None  # set by the plugin at ``initialized``
    pending: _Pending | None = None  # the files being made, until :func:`collect_images`

    def generate_context(self) -> None:
        build = ImageGenerator.build
        discard_pending()  # an earlier build of this process (the preview server) stopped before collecting
        if build is None:
            return
        started = time.perf_counter()
        build.cache_dir.mkdir(parents=True, exist_ok=True)
        source_jobs = build.jobs()
        jobs = source_jobs + self._default_jobs(build)
        stats = ImageStats(sources=len(build.sources()), reused=len(build.sources()) - len(source_jobs))
        self.context["image_stats"] = stats
        if build.default is not None:
            self.context["site_og_image"] = build.default.og_url
        read_only = bool(self.settings.get(READ_ONLY))
        if jobs:
            stats.workers = worker_count(self.settings, len(jobs))
        started_jobs = StartedJobs(jobs, stats.workers, 0 if read_only else int(self.settings["IMAGE_NICENESS"])) if jobs else None
        ImageGenerator.pending = _Pending(self, started_jobs, stats, started)
        if not jobs or read_only:
            collect_images()

    def finish(self, pending: _Pending) -> None:
        """Record what the pool made, report what it could not, write the statistics."""
        build, stats = ImageGenerator.build, pending.stats
        if pending.started_jobs is not None:
            self._record(build, pending.started_jobs.results(), stats)
        stats.seconds = round(time.perf_counter() - pending.started, 3)
        self._write_stats(build, stats)
        logger.info(
            "Ảnh: %d ảnh gốc, xử lý %d, dùng lại %d từ bộ nhớ đệm, %d tiến trình (%.1f giây).",
            stats.sources, stats.processed, stats.reused, stats.workers, stats.seconds,
        )

    @staticmethod
    def _default_jobs(build: ImageBuild) -> list:
        """The site's default picture, when one of its files is not in the cache."""
        if build.default is None or all(build.cached(r).is_file() for r in build.default.renditions):
            return []
        return [build.default.job]

    def _record(self, build: ImageBuild, results, stats: ImageStats) -> None:
        """Count what was made; report what could not be, at every place that shows it."""
        pids = set()
        for job, result, crash in results:
            if result is not None:
                pids.add(result.worker)
            problem = result.problem if result is not None else messages.failed(job.shown, crash)
            is_default = build.default is not None and job is build.default.job
            if problem and is_default:
                report(job.source or str(self.settings.get("THEME", "")), problem)
            elif problem:
                build.report_failure(job.source, problem)
            else:
                stats.files_made += result.made
                stats.processed += 0 if is_default else 1
        stats.worker_pids = sorted(pids)

    @staticmethod
    def _write_stats(build: ImageBuild, stats: ImageStats) -> None:
        path = build.cache_dir / STATS_FILE
        temporary = path.with_name(f".{STATS_FILE}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(asdict(stats), indent=2), encoding="utf-8")
        os.replace(temporary, path)

    def generate_output(self, writer) -> None:
        build = ImageGenerator.build
        if build is None:
            return
        fail_if_collection_reports(self.settings)
        folder = os.path.join(self.output_path, build.folder)
        os.makedirs(folder, exist_ok=True)
        renditions = build.renditions() + (list(build.default.renditions) if build.default else [])
        for rendition in renditions:
            publish_link(build.cached(rendition), os.path.join(folder, rendition.name))
        if "image_stats" in self.context:
            self.context["image_stats"].files_published = len(renditions)


def collect_images() -> None:
    """Wait for the files being made, record them and report the sources that failed."""
    pending, ImageGenerator.pending = ImageGenerator.pending, None
    if pending is not None:
        pending.generator.finish(pending)


def discard_pending() -> None:
    """Stop the pool of a build that ended without collecting it (a content error, an interrupted preview build)."""
    pending, ImageGenerator.pending = ImageGenerator.pending, None
    if pending is not None and pending.started_jobs is not None:
        pending.started_jobs.cancel()


def collect_before_writing(generator, writer) -> None:
    """The last moment before anything is written to the output (``article_writer_finalized``): the pictures' problems stop the build here."""
    fail_if_collection_reports(generator.settings)


def fail_if_collection_reports(settings: dict) -> None:
    """Collect the pictures; end the build if they brought problems (others, reported later, are for the build's own checks)."""
    reported = len(BUILD_PROBLEMS.problems)
    collect_images()
    if len(BUILD_PROBLEMS.problems) > reported:
        fail_if_reported(settings)
