"""``make report PERIOD=2026-Q1``: print the quota report of a period and write its files to ``reports/``.

It runs Pelican's readers and generators in-process, exactly as a build does
but without writing the site, so "published" means what the build publishes.
The exit status tells a scheduled job whether to alert:

- 0: every quota of the period is met;
- 1: a quota of a month, quarter, half or year that has ended was missed;
- 3: nothing missed yet, but the period in progress still lacks items;
- 2: no report: a malformed period, no plan for the year, a period not begun,
  or a content or plan problem (the build would fail too).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from pelican import Pelican, signals
from pelican.settings import read_settings

from plugins.content_model import READ_ONLY
from plugins.content_model.clock import NOW_SETTING
from plugins.vntext.text import short_date

from .docx_report import write_docx
from .exports import write_counts_csv, write_items_csv, write_json, write_quota_csv
from .generator import QuotaReportGenerator, template_values
from .period import month_period, parse_period
from .report import QuotaReport, ReportError
from .terminal import render_text, shown_path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NO_REPORT = 2


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make report",
        description="Báo cáo kết quả thực hiện chỉ tiêu tin, bài theo kế hoạch (tháng, quý, 6 tháng, năm).",
    )
    parser.add_argument("period", nargs="?", default="", help="kỳ báo cáo: 2026-03, 2026-Q1, 2026-H1 hoặc 2026 (mặc định: tháng hiện tại)")
    parser.add_argument("--settings", default=str(PROJECT_ROOT / "pelicanconf.py"), help="tệp cấu hình (mặc định: pelicanconf.py)")
    parser.add_argument("--content", help="thư mục nội dung (mặc định: PATH trong tệp cấu hình)")
    parser.add_argument("--reports", help="thư mục ghi báo cáo (mặc định: reports/)")
    parser.add_argument("--now", help="coi thời điểm hiện tại là lúc này, như CCHC_NOW: 2026-11-25 hoặc 2026-11-25T08:30 (mặc định: đồng hồ thật)")
    parser.add_argument("--number", help="số văn bản của báo cáo, ví dụ 15 (mặc định: để trống để văn thư điền)")
    return parser.parse_args(argv)


def fail(message: str) -> int:
    print(f"LỖI: {message}", file=sys.stderr, flush=True)
    return NO_REPORT


def quota_generator(settings: dict) -> QuotaReportGenerator:
    """Read every item and run every generator's context step (and the whole-build checks); write nothing."""
    pelican = Pelican(settings)
    pelican.settings[READ_ONLY] = True
    context = pelican.settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl=pelican.settings["SITEURL"])
    # Pelican.run() without its output steps; the generator classes include every plugin's.
    generators = [
        cls(context=context, settings=pelican.settings, path=pelican.path, theme=pelican.theme, output_path=pelican.output_path)
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
    signals.all_generators_finalized.send(generators)
    return next(g for g in generators if isinstance(g, QuotaReportGenerator))


def report_files(report: QuotaReport, generator: QuotaReportGenerator, folder: Path) -> list[Path]:
    """Write the report's HTML, JSON, CSV and .docx files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    code = report.period.code
    settings = generator.settings
    css = Path(settings["THEME"]) / "static" / "quota" / "quota.css"
    site_url = settings.get("SITEURL", "")
    html = generator.get_template("quota/quota_report_file").render(
        **settings, inline_css=css.read_text(encoding="utf-8"), **template_values(report, site_url if site_url.startswith("http") else None)
    )
    page = folder / f"bao-cao-chi-tieu-{code}.html"
    page.write_text(html, encoding="utf-8")
    return [
        page,
        write_json(report, folder / f"bao-cao-chi-tieu-{code}.json"),
        write_docx(report, folder / f"bao-cao-chi-tieu-{code}.docx"),
        write_quota_csv(report, folder / f"chi-tieu-{code}.csv"),
        write_counts_csv(report, folder / f"so-lieu-{code}.csv"),
        write_items_csv(report, folder / f"danh-sach-bai-{code}.csv"),
    ]


def reports_folder(args: argparse.Namespace, settings: dict) -> Path:
    if args.reports:
        return Path(args.reports)
    return Path(args.settings).resolve().parent / settings.get("QUOTA_REPORT_DIR", "reports")


def settings_for(args: argparse.Namespace) -> dict:
    """The site's settings with the command's content folder and now; ``ValueError`` (Vietnamese) for a bad ``--now``."""
    override: dict = {}
    if args.content:
        override["PATH"] = str(Path(args.content).resolve())
    if args.now:
        try:
            datetime.fromisoformat(args.now)
        except ValueError:
            raise ValueError(f"thời điểm «{args.now}» không đọc được. Viết theo mẫu 2026-11-25 hoặc 2026-11-25T08:30.") from None
        override[NOW_SETTING] = args.now
    return read_settings(args.settings, override=override)


def print_report(report: QuotaReport, files: list[Path]) -> None:
    sys.stdout.write(render_text(report))
    print(f"\nĐã ghi {len(files)} tệp vào {shown_path(files[0].parent)}/ (ngày {short_date(report.today)}):")
    for path in files:
        print(f"  - {path.name}")


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    try:
        period = parse_period(args.period) if args.period else None
        settings = settings_for(args)
    except ValueError as error:
        return fail(str(error))
    try:
        generator = quota_generator(settings)
    except SystemExit as stopped:  # content or plan problems, already listed by the content model
        return stopped.code if isinstance(stopped.code, int) and stopped.code else NO_REPORT
    now = generator.tally.now
    try:
        report = generator.report_for(period or month_period(now.year, now.month))
    except ReportError as error:
        return fail(str(error))
    if args.number:
        report.document["number"] = args.number
    print_report(report, report_files(report, generator, reports_folder(args, settings) / report.period.code))
    return report.exit_status
