"""The images' step of the build: make what the cache lacks in a pool of processes, then publish the files.

``generate_context`` runs before Pelican's whole-build checks, so a source
that fails to decode stops the build before anything is written, like any
other content problem. ``generate_output`` copies the files from the cache.
"""

from __future__ import annotations

import json
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context

from pelican.generators import Generator

from plugins.build_speed.output import publish_link
from plugins.content_model import report

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
    seconds: float = 0.0


def worker_count(settings: dict, jobs: int) -> int:
    """``IMAGE_WORKERS``, else one process per core; never more than there are jobs."""
    wanted = settings.get("IMAGE_WORKERS") or os.cpu_count() or 1
    return max(1, min(int(wanted), jobs))


def run_jobs(jobs: list, workers: int) -> list[tuple[object, JobResult | None, str | None]]:
    """Each job with its result, or with the reason its worker failed (a crash inside a decoder, a lost process)."""
    done = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        futures = [(job, pool.submit(perform, job)) for job in jobs]
        for job, future in futures:
            try:
                done.append((job, future.result(), None))
            except BrokenProcessPool:
                done.append((job, None, "tiến trình xử lý ảnh bị dừng đột ngột"))
            except Exception as error:  # reported to the editor, never a traceback
                done.append((job, None, type(error).__name__))
    return done


class ImageGenerator(Generator):
    """Makes the images every item registered while it was read, and publishes them."""

    build: ImageBuild | None = None  # set by the plugin at ``initialized``

    def generate_context(self) -> None:
        build = ImageGenerator.build
        if build is None:
            return
        started = time.perf_counter()
        build.cache_dir.mkdir(parents=True, exist_ok=True)
        source_jobs = build.jobs()
        default_jobs = self._default_jobs(build)
        stats = ImageStats(sources=len(build.sources()), reused=len(build.sources()) - len(source_jobs))
        if source_jobs or default_jobs:
            stats.workers = worker_count(self.settings, len(source_jobs) + len(default_jobs))
            self._record(build, run_jobs(source_jobs + default_jobs, stats.workers), stats)
        stats.seconds = round(time.perf_counter() - started, 3)
        self.context["image_stats"] = stats
        if build.default is not None:
            self.context["site_og_image"] = build.default.og_url
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
        folder = os.path.join(self.output_path, build.folder)
        os.makedirs(folder, exist_ok=True)
        renditions = build.renditions() + (list(build.default.renditions) if build.default else [])
        for rendition in renditions:
            publish_link(build.cached(rendition), os.path.join(folder, rendition.name))
        if "image_stats" in self.context:
            self.context["image_stats"].files_published = len(renditions)
