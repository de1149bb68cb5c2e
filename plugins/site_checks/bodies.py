"""The part of the checks that needs no written page, for ``make check`` (which writes nothing).

From the items' text alone: images without a description, anything loaded
from another site, and links or images into the static folders (``images/``,
``audio/``…) naming a file that is not there. Links to pages wait for the
build: listings and other plugins' pages exist only once written.
"""

from __future__ import annotations

import os
from pathlib import Path

from plugins.content_model import report

from .addresses import External, Internal, SiteAddress
from .checks import BROKEN_LINK, THIRD_PARTY, Finding
from .messages import Located, undescribed_images, word_findings
from .sources import SourceItem, source_items


def static_files(generators) -> set[str]:
    """Where the static generator will copy each existing file (``images/anh.png``).

    Pelican also lists a file an item links with ``{static}`` when it does not
    exist (and only warns), so existence is checked here.
    """
    found = set()
    for generator in generators:
        for static in getattr(generator, "staticfiles", None) or []:
            if os.path.isfile(static.source_path):
                found.add(static.save_as)
    return found


def body_findings(sources: dict[str, SourceItem], address: SiteAddress, statics: set[str], static_paths: list[str]):
    """Third-party loads, and missing static files, named in the items' text."""
    prefixes = tuple(path.strip("/") + "/" for path in static_paths)
    for save_as, item in sources.items():
        for reference in item.body_references:
            target = address.resolve(reference.url, save_as)
            if isinstance(target, External) and reference.loads:
                yield Finding(save_as, THIRD_PARTY, reference.url, reference.line)
            elif isinstance(target, Internal) and target.path.startswith(prefixes) and target.path not in statics:
                yield Finding(save_as, BROKEN_LINK, reference.url, reference.line, target.path)


def quick_problems(settings: dict, generators) -> list[Located]:
    """What the checks can already tell from the items' text."""
    sources = source_items(generators)
    address = SiteAddress.from_siteurl(settings.get("SITEURL", ""))
    findings = body_findings(sources, address, static_files(generators), list(settings.get("STATIC_PATHS", [])))
    budget_kb = int(settings.get("SITE_CHECKS_PAGE_BUDGET_KB", 500))
    return word_findings(findings, sources, Path(settings.get("OUTPUT_PATH", "output")), budget_kb) + undescribed_images(sources)


def check_item_bodies(settings: dict, generators) -> None:
    """A ``CCHC_CHECKERS`` entry: report what :func:`quick_problems` finds through content_model."""
    if not settings.get("SITE_CHECKS", True):
        return
    for problem in quick_problems(settings, generators):
        report(problem.path, problem.message, problem.line)
