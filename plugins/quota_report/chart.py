"""Geometry of the report's bar chart: items per month against the monthly quota line.

Only numbers are computed here; ``theme/templates/quota/_chart.html`` draws
the SVG. A month's result is told by the bar's pattern (solid, hatched,
dotted), by a mark under the month (✓ ✗ …) and by its value written above the
bar, never by colour alone; the same numbers are in the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .period import MONTH
from .report import BEFORE_PLAN, MET, MISSED, SHORT, STATE_LABELS, QuotaReport

WIDTH, HEIGHT = 640, 310
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 28, 70
LEGEND = ((MET, "Đạt"), (MISSED, "Không đạt"), (SHORT, "Còn thiếu"), (BEFORE_PLAN, "Trước kế hoạch"))
MARKS = {MET: "✓", MISSED: "✗", SHORT: "…", BEFORE_PLAN: "·"}
FILLS = {MET: "url(#qr-dat)", MISSED: "url(#qr-khong-dat)", SHORT: "url(#qr-con-thieu)", BEFORE_PLAN: "url(#qr-ngoai)", None: "url(#qr-dat)"}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    value: int | None
    month_label: str
    mark: str
    fill: str
    spoken: str


@dataclass(frozen=True)
class LegendKey:
    x: int
    fill: str
    mark: str
    label: str


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    bars: list[Bar]
    ticks: list[Tick]
    quota_y: float | None
    quota: int | None
    title: str
    description: str
    legend: list[LegendKey]


def tick_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100):
        if top / step <= 6:
            return step
    return max(1, top // 5)


def spoken_month(report: QuotaReport, row) -> str:
    label = f"tháng {row.month.short_label}"
    if not row.started:
        return f"{label}: chưa đến"
    text = f"{label}: {row.total} bài"
    if row.state:
        text += f", {STATE_LABELS[row.state].lower()}"
        if row.state != BEFORE_PLAN and row.quota is not None and row.total < row.quota:
            text += f" (thiếu {row.quota - row.total})"
    return text


def build_chart(report: QuotaReport) -> Chart:
    rows = report.months
    quota = report.monthly_quota
    highest = max([row.total for row in rows if row.started] + [quota or 0, 1])
    step = tick_step(highest)
    top = -(-(highest + 1) // step) * step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    baseline = TOP + plot_height

    def y_of(value: float) -> float:
        return round(baseline - value / top * plot_height, 1)

    slot = plot_width / max(1, len(rows))
    bar_width = round(min(40.0, slot * 0.6), 1)
    bars = []
    for index, row in enumerate(rows):
        centre = round(LEFT + slot * index + slot / 2, 1)
        value = row.total if row.started else None
        y = y_of(value or 0)
        bars.append(
            Bar(
                x=round(centre - bar_width / 2, 1),
                y=y,
                width=bar_width,
                height=round(baseline - y, 1),
                centre=centre,
                value=value,
                month_label=f"{row.month.first_month:02d}",
                mark=MARKS.get(row.state, "") if row.started else "–",
                fill=FILLS.get(row.state, FILLS[None]),
                spoken=spoken_month(report, row),
            )
        )
    ticks = [Tick(y_of(value), value) for value in range(0, top + 1, step)]
    months_text = "; ".join(bar.spoken for bar in bars)
    quota_text = f" Đường nét đứt là chỉ tiêu {quota} bài mỗi tháng." if quota is not None else " Kế hoạch không đặt chỉ tiêu chung theo tháng."
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        baseline=baseline,
        bars=bars,
        ticks=ticks,
        quota_y=y_of(quota) if quota is not None else None,
        quota=quota,
        title=chart_title(report),
        description=f"Biểu đồ cột, mỗi cột là một tháng. {months_text}.{quota_text}",
        legend=[LegendKey(LEFT + index * 148, FILLS[state], MARKS[state], label) for index, (state, label) in enumerate(LEGEND)],
    )


def chart_title(report: QuotaReport) -> str:
    period = report.period
    if period.length == MONTH:
        return f"Số tin, bài tính vào chỉ tiêu mỗi tháng, từ đầu năm {period.year} đến {period.label}"
    return f"Số tin, bài tính vào chỉ tiêu mỗi tháng, {period.label}"
