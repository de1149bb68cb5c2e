"""The Pelican generator of the quota report: it reads the plans and counts published items once per build.

Its context step runs after Pelican's article generator, so it counts exactly
the items Pelican publishes (its status and future-date decisions), and plan
problems fail the build like any content problem. Its output step writes the
report pages only when ``QUOTA_REPORT_PUBLISH`` is on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from plugins.content_model import build_now
from plugins.content_model import report as report_problem

from .chart import build_chart
from .period import MONTH, month_period, periods_started
from .plan import Plan, item_kind_labels, load_plans
from .report import STATE_LABELS, QuotaReport, build_report
from .tally import Tally, tally_articles


@dataclass(frozen=True)
class ReportLink:
    url: str
    title: str
    label: str
    verdict: str


def plan_folder(settings: dict) -> Path:
    return Path(settings["PATH"]) / settings["QUOTA_PLAN_PATH"]


def page_url(settings: dict, key: str, report: QuotaReport) -> str:
    return settings[key].format(period=report.period.slug)


def template_values(report: QuotaReport, item_base: str | None, month_links: list[ReportLink] | None = None) -> dict:
    """What the report templates need besides the site's settings.

    With ``month_links`` the list of items is replaced by links to the month
    reports, so a year's page stays light on a phone however many items there are.
    """
    return {
        "report": report,
        "chart": build_chart(report),
        "state_labels": STATE_LABELS,
        "item_base": item_base,
        "month_links": month_links,
    }


class QuotaReportGenerator(Generator):
    """Counts published items against the plans; publishes the report pages if the site owner wants them."""

    plans: dict[int, Plan]
    tally: Tally

    def generate_context(self) -> None:
        plans, problems = load_plans(plan_folder(self.settings), self.settings)
        for problem in problems:
            report_problem(problem.path, problem.message, problem.line)
        self.plans = plans
        self.tally = tally_articles(self.context.get("articles", []), self.settings["TIMEZONE"], build_now(self.settings))
        self.context["QUOTA_PLANS"] = plans
        self.context["QUOTA_TALLY"] = self.tally

    def report_for(self, period) -> QuotaReport:
        return build_report(period, self.plans, self.tally, self.settings, item_kind_labels(self.settings))

    def published_reports(self) -> list[QuotaReport]:
        """Every month, quarter, half and year of every plan that has begun."""
        today = self.tally.now.date()
        return [
            self.report_for(period)
            for year, plan in sorted(self.plans.items())
            for period in periods_started(year, today)
            if period.last_month >= plan.start_month
        ]

    def generate_output(self, writer) -> None:
        if not self.settings.get("QUOTA_REPORT_PUBLISH"):
            return
        page = self.get_template("quota/quota_report")
        links: dict[int, list[ReportLink]] = {}
        reports = self.published_reports()
        month_urls = {r.period: page_url(self.settings, "QUOTA_REPORT_URL", r) for r in reports if r.period.length == MONTH}
        for report in reports:
            url = page_url(self.settings, "QUOTA_REPORT_URL", report)
            months = [month_period(*month) for month in report.period.months]
            month_links = [ReportLink(month_urls[m], m.title, m.label, "") for m in months if m in month_urls]
            writer.write_file(
                page_url(self.settings, "QUOTA_REPORT_SAVE_AS", report),
                page,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=url,
                **template_values(report, self.settings["SITEURL"], month_links if report.period.length > MONTH else None),
            )
            link = ReportLink(url, report.period.title, report.period.label, report.verdict)
            links.setdefault(report.period.year, []).append(link)
        writer.write_file(
            self.settings["QUOTA_REPORT_INDEX_SAVE_AS"],
            self.get_template("quota/quota_index"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["QUOTA_REPORT_INDEX_URL"],
            report_links=sorted(links.items(), reverse=True),
        )
