"""The content model: kinds of item, their header fields, and a build that fails rather than drops a file.

- Every Markdown file is read by :class:`~.reader.StrictMarkdownReader`, which
  validates its header for the item's kind (from its folder: ``tin/``,
  ``dien-hinh/``, ``phe-binh/``, ``thu-tuc/``, ``pages/``).
- After all items are read, :mod:`.checks` makes sure every source file became
  an item, a page or a reported problem, and that no two share an address.
- Any problem ends the build with exit status 2 and one Vietnamese line per
  problem (``path:line: what to fix``) before anything is written, with or
  without ``pelican -q``.

The build's "now" (:func:`~.clock.build_now`, ``CCHC_NOW`` to fix it) decides
which future-dated items wait as drafts; reports read the same clock.

Other plugins add their fields with :func:`extend_fields` and their own
checks with :func:`add_validator`, parse more of an item while it is read
with :func:`add_reading_step` (cached with the read), and report problems
with :func:`~.problems.report`.
"""

from __future__ import annotations

import copy
import logging
import os

from pelican import signals

from .checks import PelicanErrorCollector, report_dropped_files, report_shared_addresses
from .clock import build_now
from .problems import BUILD_PROBLEMS, ContentBuildFailed, Problem, before_report, fail_if_problems, report
from .reader import READ_EXTRAS, READ_STEPS, ReadingStep, StrictMarkdownReader, take_read_extra
from .schema import DEFAULT_FIELDS, KIND_LABELS, PAGE_KIND, area_slug
from .validate import Validator

__all__ = [
    "READ_ONLY", "ContentBuildFailed", "Problem", "add_reading_step", "add_validator", "before_report", "build_now", "extend_fields",
    "fail_if_reported", "register", "report", "take_read_extra",
]

# Set to True in the settings by runs that read and check without writing (``make check``, the quota report):
# plugins that finish work while the site is written (the images' pool) finish it in the context step instead.
READ_ONLY = "CCHC_READ_ONLY"

DEFAULT_KIND_FOLDERS = {
    "tin": "tin",
    "dien-hinh": "dien-hinh",
    "phe-binh": "phe-binh",
    "thu-tuc": "thu-tuc",
    "pages": PAGE_KIND,
}

_collector = PelicanErrorCollector()


def _ensure_defaults(settings: dict) -> None:
    if "CCHC_FIELDS" not in settings:
        settings["CCHC_FIELDS"] = copy.deepcopy(DEFAULT_FIELDS)
    settings.setdefault("CCHC_VALIDATORS", {})
    settings.setdefault("CCHC_KIND_FOLDERS", dict(DEFAULT_KIND_FOLDERS))
    settings.setdefault("CCHC_KIND_LABELS", dict(KIND_LABELS))


def extend_fields(settings: dict, kind: str, fields: dict[str, bool]) -> None:
    """Allow ``fields`` (lower-case key → required?) in the header of ``kind``."""
    _ensure_defaults(settings)
    settings["CCHC_FIELDS"].setdefault(kind, {}).update(fields)


def add_validator(settings: dict, kind: str, validator: Validator) -> None:
    """Run ``validator(header, settings)`` on every item of ``kind``; it yields ``(line, message)``."""
    _ensure_defaults(settings)
    settings["CCHC_VALIDATORS"].setdefault(kind, []).append(validator)


def add_reading_step(settings: dict, kind: str, name: str, step: ReadingStep) -> None:
    """Run ``step(lines)`` on every item of ``kind`` as it is read; :func:`take_read_extra` gives the result for the item.

    The step runs where the file is converted (a worker process) and its result
    is cached with the read, so it must depend only on the lines, and must be
    picklable. It does not run for a file with problems in its header.
    """
    steps = settings.setdefault(READ_STEPS, {}).setdefault(kind, [])
    if all(existing != name for existing, _ in steps):
        steps.append((name, step))


def start_build(pelican) -> None:
    BUILD_PROBLEMS.clear()
    READ_EXTRAS.clear()
    _ensure_defaults(pelican.settings)
    pelican_logger = logging.getLogger("pelican")
    if _collector not in pelican_logger.handlers:
        pelican_logger.addHandler(_collector)


def use_strict_reader(readers) -> None:
    for extension in StrictMarkdownReader.file_extensions:
        readers.reader_classes[extension] = StrictMarkdownReader


def add_derived_fields(content) -> None:
    """Attributes templates and other plugins read: kind label, unit and area slugs."""
    metadata = content.metadata
    kind = metadata.get("kind", PAGE_KIND)
    content.kind = kind
    content.kind_label = content.settings.get("CCHC_KIND_LABELS", KIND_LABELS).get(kind, kind)
    unit_name = metadata.get("unit")
    if unit_name:
        content.unit_slug = next(
            (slug for slug, name in content.settings.get("UNITS", {}).items() if name == unit_name), None
        )
    category = getattr(content, "category", None)
    if category is not None and kind != PAGE_KIND:
        content.area_code = area_slug(str(category))


def _project_root(settings: dict) -> str:
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def fail_if_reported(settings: dict) -> None:
    """End the build with the usual report when problems were reported since the whole-build checks (work finished later)."""
    fail_if_problems(_project_root(settings))


def check_whole_build(generators) -> None:
    settings = generators[0].settings
    report_dropped_files(settings, generators)
    report_shared_addresses(generators)
    fail_if_problems(_project_root(settings))


def finish_build(pelican) -> None:
    logging.getLogger("pelican").removeHandler(_collector)
    fail_if_problems(_project_root(pelican.settings))


def register() -> None:
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_strict_reader)
    signals.content_object_init.connect(add_derived_fields)
    signals.all_generators_finalized.connect(check_whole_build)
    signals.finalized.connect(finish_build)
