"""Post-build checks of the written site: what an editor or the theme broke that no header check can see.

After Pelican has written every page (signal ``finalized``) the plugin reads
the output folder and fails the build (exit status 2, one Vietnamese line per
problem, through content_model's ``report``) when:

- a link, image, stylesheet or script of the site leads to no file of the
  site, or a link's ``#anchor`` to no element of its page (also ``url()`` in
  the site's CSS);
- a page loads anything (image, script, font, frame) from another site;
- an image has no ``alt``, or an image in an item's text has an empty one;
- a page with everything it loads weighs more than ``SITE_CHECKS_PAGE_BUDGET_KB``
  (gzip size for text, as the server sends it).

Settings: ``SITE_CHECKS`` (default ``True``), ``SITE_CHECKS_PAGE_BUDGET_KB``
(default 500), ``SITE_CHECKS_IGNORE`` (``fnmatch`` patterns of addresses not
to check, e.g. a file the web server provides), ``SITE_CHECKS_WORKERS``
(processes used to scan a big site; default: one per CPU).

These checks need only Python and, for a site of 2,000 items (3,500 pages),
take about 3 s of CPU on a first build on a busy machine, split over the CPUs
(half of it lxml parsing the pages; see :mod:`.onepass`), and about 0.15 s on
a rebuild that changed nothing, so they run in every build (``make html``, ``make devserver``, ``make publish``).
``make check`` writes no page, so it runs the part that needs none
(:mod:`.bodies`, through ``CCHC_CHECKERS``): undescribed images, third-party
loads and missing static files in the items' text. The
slower checks that need Java or the finished release (valid HTML with the Nu
Html Checker, valid feeds) run in the publish pipeline (``deploy`` package).
Keep this plugin last in ``PLUGINS`` so it sees files other plugins write.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from pelican import signals

from plugins.build_speed.output import FileStat, take_swept_files
from plugins.content_model import ContentBuildFailed, Problem, report

from .addresses import External, Internal, Outside, SiteAddress
from .bodies import check_item_bodies
from .checks import SiteFiles
from .incremental import check_site_incrementally
from .messages import Located, undescribed_images, word_findings
from .sources import BuildItems, SourceItem

__all__ = ["External", "Internal", "Outside", "SiteAddress", "SiteFiles", "check_output", "register"]

DEFAULT_SETTINGS = {
    "SITE_CHECKS": True,
    "SITE_CHECKS_PAGE_BUDGET_KB": 500,
    "SITE_CHECKS_IGNORE": [],
    "SITE_CHECKS_WORKERS": None,
}

logger = logging.getLogger("pelican.plugins.site_checks")


class _BuildState:
    """What this build's generators told us about the items, for the checks after writing."""

    items: BuildItems | None = None


def check_output(
    output: Path, settings: dict, sources: dict[str, SourceItem] | BuildItems | None = None, files: dict[str, FileStat] | None = None
) -> list[Located]:
    """Every problem of the site built in ``output``, worded and placed, sorted by file and line.

    ``files``: every file of ``output`` with its inode, size and modification
    time, when the caller knows them (the build's sweep just listed them).
    """
    address = SiteAddress.from_siteurl(settings.get("SITEURL", ""))
    site = SiteFiles(output, address, files)
    budget_kb = int(settings.get("SITE_CHECKS_PAGE_BUDGET_KB", DEFAULT_SETTINGS["SITE_CHECKS_PAGE_BUDGET_KB"]))
    ignore = list(settings.get("SITE_CHECKS_IGNORE", []))
    # Only pages that may have changed are checked again; the others' findings are kept (incremental.py).
    settings_key = repr((settings.get("SITEURL", ""), budget_kb, ignore))
    findings = check_site_incrementally(output, site, budget_kb * 1024, ignore, settings.get("SITE_CHECKS_WORKERS"), settings.get("CACHE_PATH"), settings_key)
    if isinstance(sources, BuildItems):
        sources = sources.sources() if findings or sources.show_images else {}
    sources = sources or {}
    located = set(word_findings(findings, sources, output, budget_kb)) | set(undescribed_images(sources))
    return sorted(located, key=lambda problem: (problem.path, problem.line or 0, problem.message))


def summary(problems: list[Problem], base: str) -> str:
    """The report printed when the built site has problems."""
    lines = [f"LỖI KIỂM TRA TRANG: bản dựng dừng lại vì {len(problems)} lỗi trong trang đã dựng. Không có gì được xuất bản.", ""]
    lines += [f"  - {problem.located(base)}" for problem in problems]
    lines += ["", "Sửa các lỗi trên rồi chạy lại (xem docs/huong-dan-bien-tap.md, mục «Thông báo lỗi»)."]
    return "\n".join(lines)


def set_defaults(pelican) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        pelican.settings.setdefault(key, value)
    checkers = pelican.settings.setdefault("CCHC_CHECKERS", [])
    if check_item_bodies not in checkers:
        checkers.append(check_item_bodies)
    _BuildState.items = None


def remember_sources(generators) -> None:
    _BuildState.items = BuildItems(generators)


def check_built_site(pelican) -> None:
    settings = pelican.settings
    if not settings.get("SITE_CHECKS", True):
        return
    started = time.perf_counter()
    located = check_output(Path(pelican.output_path), settings, _BuildState.items, take_swept_files(pelican.output_path))
    logger.info("Kiểm tra trang đã dựng: %d lỗi (%.1f giây).", len(located), time.perf_counter() - started)
    if not located:
        return
    problems = [Problem(problem.path, problem.line, problem.message) for problem in located]
    for problem in problems:
        report(problem.path, problem.message, problem.line)
    print(summary(problems, os.path.dirname(os.path.abspath(settings["PATH"]))), file=sys.stderr, flush=True)
    raise ContentBuildFailed(problems)


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(remember_sources)
    signals.finalized.connect(check_built_site)
