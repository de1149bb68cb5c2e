"""``make check``: read and validate every file as a build would, write nothing, list every problem at once.

It runs the real readers, generators and whole-build checks of every plugin
(:class:`~.site.ReadOnlyPelican`), plus the quick checks other plugins
register in ``CCHC_CHECKERS`` for work a full build only does while writing
(images, for example). Problems are printed by the content model, one
Vietnamese line each with file and line.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from plugins.content_model import ContentBuildFailed, Problem
from plugins.content_model.checks import contents_of
from plugins.vntext.text import short_datetime

from .site import ReadOnlyPelican, load_settings


@dataclass
class CheckResult:
    """What ``make check`` found: the problems, or what would be published."""

    problems: list[Problem] = field(default_factory=list)
    published: int = 0
    drafts: int = 0
    scheduled: list = field(default_factory=list)
    timezone: str = "Asia/Ho_Chi_Minh"
    base: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def check_site(settings_file: str | Path, content: str | Path) -> CheckResult:
    """Read and validate everything under ``content`` with the site's settings and plugins."""
    with tempfile.TemporaryDirectory(prefix="cchc-check-") as unused_output:
        settings = load_settings(settings_file, PATH=str(content), OUTPUT_PATH=unused_output)
        try:
            generators = ReadOnlyPelican(settings).read_everything()
        except ContentBuildFailed as failure:
            return CheckResult(problems=failure.problems)
    return summarised(generators, settings["TIMEZONE"], str(Path(settings["PATH"]).parent))


def summarised(generators: list, timezone: str, base: str) -> CheckResult:
    published = contents_of(generators, ("articles", "hidden_articles", "pages", "hidden_pages"))
    drafts = contents_of(generators, ("drafts", "draft_pages"))
    scheduled = sorted((d for d in drafts if d.metadata.get("scheduled")), key=lambda d: d.date)
    return CheckResult(
        published=len(published), drafts=len(drafts) - len(scheduled), scheduled=scheduled, timezone=timezone, base=base
    )


def success_report(result: CheckResult) -> str:
    """The Vietnamese lines printed when nothing is wrong; files are shown from the folder holding ``content/``."""
    lines = [
        f"KIỂM TRA XONG: không có lỗi. {result.published} bài và trang sẽ được đăng, "
        f"{result.drafts} bản nháp, {len(result.scheduled)} bài hẹn giờ đăng."
    ]
    for item in result.scheduled:
        shown = os.path.relpath(item.source_path, result.base)
        lines.append(f"  - hẹn đăng từ {short_datetime(item.date, result.timezone)}: {item.title} ({shown})")
    return "\n".join(lines)
