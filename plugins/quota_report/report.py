"""The quota report of one period: every quota of the plan judged window by window, and the breakdowns.

A quota of "N bài / tháng" is judged on each month, "N bài / quý" on each
quarter, and so on: a surplus in one month does not cover a missing one. A
window is judged once it has ended; the window that holds today is "in
progress" (met already, or still missing items with days left). Quotas over a
window longer than the report's period are shown, not judged, unless that
window ends within the period.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime

from plugins.content_model.schema import REFORM_AREAS
from plugins.vntext.text import short_date, short_datetime

from .period import MONTH, Period, month_period
from .plan import Plan, Quota
from .tally import CountedItem, Tally

MET = "dat"
MISSED = "khong-dat"
SHORT = "con-thieu"
NOT_DUE = "chua-danh-gia"
NOT_STARTED = "chua-den"
BEFORE_PLAN = "truoc-ke-hoach"
STATE_LABELS = {
    MET: "Đạt",
    MISSED: "Không đạt",
    SHORT: "Đang thực hiện, còn thiếu",
    NOT_DUE: "Chưa đến kỳ đánh giá",
    NOT_STARTED: "Chưa đến kỳ",
    BEFORE_PLAN: "Trước kỳ kế hoạch",
}
ALL_MET, SOME_MISSED, STILL_SHORT = 0, 1, 3
EXIT_LABELS = {
    ALL_MET: "ĐẠT: mọi chỉ tiêu của kỳ báo cáo đã đạt.",
    SOME_MISSED: "KHÔNG ĐẠT: có chỉ tiêu không đạt trong kỳ báo cáo.",
    STILL_SHORT: "CHƯA ĐẠT: kỳ đang thực hiện, còn chỉ tiêu chưa đủ.",
}


class ReportError(ValueError):
    """A report that cannot be made (no plan for the year, a period not begun); the message is Vietnamese."""


@dataclass(frozen=True)
class WindowResult:
    """One quota window: how many items it has and how it stands on ``today``."""

    window: Period
    count: int
    required: int
    state: str
    days_left: int | None = None

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.count) if self.state in (MISSED, SHORT) else 0

    @property
    def surplus(self) -> int:
        return max(0, self.count - self.required) if self.state in (MET, SHORT) else 0

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class QuotaCheck:
    """One quota of the plan (for the owning body or a unit, all counted kinds or one kind) over the period."""

    scope: str | None
    scope_name: str
    kind: str | None
    kind_label: str
    quota: Quota
    windows: list[WindowResult]

    def _judged(self) -> list[WindowResult]:
        return [w for w in self.windows if w.state in (MET, MISSED, SHORT)]

    @property
    def judged(self) -> bool:
        """Whether any window of this quota is judged in the period (ended, or in progress)."""
        return bool(self._judged())

    @property
    def count(self) -> int:
        return sum(w.count for w in self.windows)

    def judged_figures(self, dash: str = "—") -> list:
        """Required, short and over; dashes for a quota not judged in this period."""
        return [self.required, self.shortfall, self.surplus] if self.judged else [dash] * 3

    @property
    def required(self) -> int:
        return sum(w.required for w in self._judged())

    @property
    def shortfall(self) -> int:
        return sum(w.shortfall for w in self.windows)

    @property
    def surplus(self) -> int:
        return sum(w.surplus for w in self.windows)

    @property
    def state(self) -> str:
        states = {w.state for w in self.windows}
        for state in (MISSED, SHORT, MET, NOT_DUE, BEFORE_PLAN):
            if state in states:
                return state
        return NOT_STARTED

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def missed_windows(self) -> list[WindowResult]:
        return [w for w in self.windows if w.state == MISSED]

    @property
    def short_windows(self) -> list[WindowResult]:
        return [w for w in self.windows if w.state == SHORT]

    @property
    def name(self) -> str:
        return f"{self.scope_name} – {self.kind_label}"


@dataclass(frozen=True)
class MonthRow:
    """One month of the chart and the monthly table."""

    month: Period
    started: bool
    total: int
    by_kind: dict[str, int]
    by_unit: dict[str, int]
    by_unit_and_kind: dict[tuple[str, str], int]
    quota: int | None
    state: str | None


@dataclass(frozen=True)
class UnitRow:
    slug: str
    name: str
    in_plan: bool
    quota_label: str
    total: int
    by_kind: dict[str, int]
    state: str | None


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    counted: bool
    count: int
    quota_label: str
    state: str | None


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    count: int


@dataclass
class QuotaReport:
    """Everything any output (terminal, HTML, CSV, JSON, .docx) shows for one period."""

    period: Period
    plan: Plan
    now: datetime
    owner: dict
    kind_labels: dict[str, str]
    checks: list[QuotaCheck]
    months: list[MonthRow]
    units: list[UnitRow]
    kinds: list[KindRow]
    areas: list[AreaRow]
    items: list[CountedItem]
    total: int
    monthly_quota: int | None = None
    document: dict = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def as_of(self) -> str:
        return short_datetime(self.now)

    @property
    def in_progress(self) -> bool:
        return self.period.contains(self.today)

    @property
    def exit_status(self) -> int:
        states = {check.state for check in self.checks}
        if MISSED in states:
            return SOME_MISSED
        if SHORT in states:
            return STILL_SHORT
        return ALL_MET

    @property
    def verdict(self) -> str:
        return EXIT_LABELS[self.exit_status]

    @property
    def units_not_in_plan(self) -> list[UnitRow]:
        return [row for row in self.units if not row.in_plan]

    @property
    def counted_kind_labels(self) -> str:
        return ", ".join(self.kind_labels.get(kind, kind).lower() for kind in self.plan.counted_kinds)

    def missing_lines(self) -> list[str]:
        """One sentence per quota window that ended short."""
        return [
            f"{check.name} ({check.quota.label}): {window.window.short_label} có {window.count}/{window.required} bài, thiếu {window.shortfall} bài."
            for check in self.checks
            for window in check.missed_windows
        ]

    def still_missing_lines(self) -> list[str]:
        """One sentence per window in progress that still misses items, with the days left."""
        return [
            f"{check.name} ({check.quota.label}): {window.window.short_label} mới có {window.count}/{window.required} bài, còn thiếu {window.shortfall} bài; còn {window.days_left} ngày (kể cả hôm nay, đến hết {short_date(window.window.end)})."
            for check in self.checks
            for window in check.short_windows
        ]


def judge_window(tally: Tally, window: Period, quota: Quota, kinds, unit: str | None, today: date, start_month: int = 1) -> WindowResult:
    if window.start > today:
        return WindowResult(window, 0, quota.count, NOT_STARTED)
    count = tally.count(window.months, kinds, unit)
    if window.last_month < start_month:
        return WindowResult(window, count, quota.count, BEFORE_PLAN)
    if today <= window.end:
        state = MET if count >= quota.count else SHORT
        return WindowResult(window, count, quota.count, state, (window.end - today).days + 1)
    return WindowResult(window, count, quota.count, MET if count >= quota.count else MISSED)


def judge_quota(tally: Tally, period: Period, quota: Quota, kinds, unit: str | None, today: date, start_month: int) -> list[WindowResult]:
    """The windows of ``quota`` to judge in ``period``; a longer window not ending in it is shown to date, not judged."""
    windows = period.windows(quota.length)
    if windows:
        return [judge_window(tally, window, quota, kinds, unit, today, start_month) for window in windows]
    window = period.enclosing(quota.length)
    months = [month for month in window.months if month[1] <= period.last_month]
    return [WindowResult(window, tally.count(months, kinds, unit), quota.count, NOT_DUE)]


def quota_checks(plan: Plan, tally: Tally, period: Period, owner_name: str, kind_labels: dict[str, str], today: date) -> list[QuotaCheck]:
    everything = "Tất cả tin, bài"
    checks = []

    def add(scope: str | None, scope_name: str, kind: str | None, quota: Quota) -> None:
        kinds = plan.counted_kinds if kind is None else (kind,)
        label = everything if kind is None else kind_labels.get(kind, kind)
        checks.append(QuotaCheck(scope, scope_name, kind, label, quota, judge_quota(tally, period, quota, kinds, scope, today, plan.start_month)))

    if plan.total:
        add(None, owner_name, None, plan.total)
    for kind, quota in plan.kinds.items():
        add(None, owner_name, kind, quota)
    for unit in plan.units.values():
        if unit.total:
            add(unit.slug, unit.name, None, unit.total)
        for kind, quota in unit.kinds.items():
            add(unit.slug, unit.name, kind, quota)
    return checks


def chart_months(period: Period) -> list[Period]:
    """The months charted: the period's, or for a month report the year up to that month."""
    if period.length == MONTH:
        return [month_period(period.year, month) for month in range(1, period.first_month + 1)]
    return [month_period(year, month) for year, month in period.months]


def month_rows(plan: Plan, tally: Tally, months: list[Period], units: dict[str, str], kind_labels: dict[str, str], today: date) -> list[MonthRow]:
    monthly = plan.total if plan.total and plan.total.length == MONTH else None
    rows = []
    for month in months:
        started = month.start <= today
        state = judge_window(tally, month, monthly, plan.counted_kinds, None, today, plan.start_month).state if monthly and started else None
        rows.append(
            MonthRow(
                month=month,
                started=started,
                total=tally.count(month.months, plan.counted_kinds),
                by_kind={kind: tally.count(month.months, (kind,)) for kind in kind_labels},
                by_unit={slug: tally.count(month.months, plan.counted_kinds, slug) for slug in units},
                by_unit_and_kind=dict(tally.by_unit_and_kind(month.months)),
                quota=monthly.count if monthly else None,
                state=state,
            )
        )
    return rows


def unit_rows(plan: Plan, tally: Tally, period: Period, units: dict[str, str], kind_labels: dict[str, str], checks: list[QuotaCheck]) -> list[UnitRow]:
    judged = {check.scope: check for check in checks if check.scope and check.kind is None}
    rows = []
    for slug, name in units.items():
        unit_plan = plan.units.get(slug)
        check = judged.get(slug)
        rows.append(
            UnitRow(
                slug=slug,
                name=name,
                in_plan=unit_plan is not None,
                quota_label=unit_plan.total.label if unit_plan and unit_plan.total else "",
                total=tally.count(period.months, plan.counted_kinds, slug),
                by_kind={kind: tally.count(period.months, (kind,), slug) for kind in kind_labels},
                state=check.state if check else None,
            )
        )
    return rows


def kind_rows(plan: Plan, tally: Tally, period: Period, kind_labels: dict[str, str], checks: list[QuotaCheck]) -> list[KindRow]:
    judged = {check.kind: check for check in checks if check.scope is None and check.kind}
    return [
        KindRow(
            kind=kind,
            label=label,
            counted=kind in plan.counted_kinds,
            count=tally.count(period.months, (kind,)),
            quota_label=plan.kinds[kind].label if kind in plan.kinds else "",
            state=judged[kind].state if kind in judged else None,
        )
        for kind, label in kind_labels.items()
    ]


def area_rows(plan: Plan, tally: Tally, period: Period) -> list[AreaRow]:
    return [AreaRow(code, name, tally.count(period.months, plan.counted_kinds, area=code)) for code, name in REFORM_AREAS.items()]


def units_of_site(settings: dict, tally: Tally, period: Period) -> dict[str, str]:
    """The site's units (``UNITS``), and any other unit an item of the period names."""
    units = dict(settings.get("UNITS", {}))
    for slug in sorted(tally.units_in(period.months) - set(units)):
        units[slug] = slug or "(không rõ đơn vị)"
    return units


def build_report(period: Period, plans: dict[int, Plan], tally: Tally, settings: dict, kind_labels: dict[str, str]) -> QuotaReport:
    """The report of ``period`` as of the tally's now; :class:`ReportError` when it cannot be made."""
    today = tally.now.date()
    plan = plans.get(period.year)
    if plan is None:
        folder = settings.get("QUOTA_PLAN_PATH", "ke-hoach")
        raise ReportError(
            f"chưa có kế hoạch năm {period.year}: không thấy tệp {folder}/{period.year}.yaml trong thư mục nội dung. Tạo tệp kế hoạch năm {period.year} (xem docs/huong-dan-bien-tap.md, mục «Kế hoạch tuyên truyền và báo cáo chỉ tiêu»)."
        )
    if period.last_month < plan.start_month:
        raise ReportError(
            f"kỳ báo cáo {period.label} nằm trước thời gian áp dụng của kế hoạch năm {period.year} (từ {month_period(period.year, plan.start_month).label}, mục «start» trong {os.path.basename(plan.path)}). Chọn một kỳ từ tháng bắt đầu trở đi."
        )
    if period.start > today:
        raise ReportError(f"kỳ báo cáo {period.label} chưa bắt đầu (hôm nay là {short_date(today)}). Chọn một kỳ đã bắt đầu.")
    owner = dict(settings.get("SITE_OWNER", {}))
    units = units_of_site(settings, tally, period)
    checks = quota_checks(plan, tally, period, owner.get("short_name") or owner.get("name", ""), kind_labels, today)
    return QuotaReport(
        period=period,
        plan=plan,
        now=tally.now,
        owner=owner,
        kind_labels=kind_labels,
        checks=checks,
        months=month_rows(plan, tally, chart_months(period), units, kind_labels, today),
        units=unit_rows(plan, tally, period, units, kind_labels, checks),
        kinds=kind_rows(plan, tally, period, kind_labels, checks),
        areas=area_rows(plan, tally, period),
        items=tally.items_in(period),
        total=tally.count(period.months, plan.counted_kinds),
        monthly_quota=plan.total.count if plan.total and plan.total.length == MONTH else None,
        document=dict(settings.get("QUOTA_REPORT_DOCUMENT", {})),
    )
