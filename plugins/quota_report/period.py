"""Reporting periods: a month, a quarter, a half-year or a year, and the windows quotas are set over.

A period is written as the command takes it: ``2026-03`` (month), ``2026-Q1``
(quarter), ``2026-H1`` (half-year) or ``2026`` (year). Quotas are set per month,
quarter, half-year or year ("02 bài / tháng", "01 bài / quý"); every such
window is a :class:`Period` too, so evaluating a quota is comparing periods.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from plugins.vntext.text import month_name

MONTH, QUARTER, HALF, YEAR = 1, 3, 6, 12
_PERIOD_FORMS = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>\d)|[Hh](?P<half>\d)))?$")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
PERIOD_EXAMPLES = "2026-03 (tháng), 2026-Q1 (quý), 2026-H1 (6 tháng), 2026 (năm)"


class PeriodError(ValueError):
    """A period the command cannot read; the message is Vietnamese and says what to write."""


@dataclass(frozen=True, order=True)
class Period:
    """``length`` months starting at ``first_month`` of ``year`` (aligned: a calendar month, quarter, half or year)."""

    year: int
    first_month: int
    length: int

    @property
    def months(self) -> list[tuple[int, int]]:
        return [(self.year, month) for month in range(self.first_month, self.first_month + self.length)]

    @property
    def last_month(self) -> int:
        return self.first_month + self.length - 1

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

    @property
    def index(self) -> int:
        """Which month, quarter or half of the year this is (1-based)."""
        return (self.first_month - 1) // self.length + 1

    @property
    def code(self) -> str:
        """How the command writes it: 2026-03, 2026-Q1, 2026-H1, 2026."""
        if self.length == MONTH:
            return f"{self.year}-{self.first_month:02d}"
        if self.length == QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.length == HALF:
            return f"{self.year}-H{self.index}"
        return str(self.year)

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def label(self) -> str:
        """As a heading says it: "tháng 3 năm 2026", "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026"."""
        if self.length == MONTH:
            return f"{month_name(self.first_month)} năm {self.year}"
        if self.length == QUARTER:
            return f"quý {ROMAN[self.index]} năm {self.year}"
        if self.length == HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    @property
    def title(self) -> str:
        """The label starting with a capital: "Quý I năm 2026"."""
        return self.label[:1].upper() + self.label[1:]

    @property
    def short_label(self) -> str:
        """As a table cell says it: "03/2026", "quý I/2026", "6 tháng đầu/2026", "năm 2026"."""
        if self.length == MONTH:
            return f"{self.first_month:02d}/{self.year}"
        if self.length == QUARTER:
            return f"quý {ROMAN[self.index]}/{self.year}"
        if self.length == HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'}/{self.year}"
        return f"năm {self.year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def windows(self, length: int) -> list[Period]:
        """The aligned periods of ``length`` months that end within this period (quota windows to judge here)."""
        first = (self.first_month - 1) // length * length + 1
        found = []
        while first <= self.last_month:
            window = Period(self.year, first, length)
            if window.last_month >= self.first_month and window.last_month <= self.last_month:
                found.append(window)
            first += length
        return found

    def enclosing(self, length: int) -> Period:
        """The aligned period of ``length`` months that holds this period's last month."""
        return Period(self.year, (self.last_month - 1) // length * length + 1, length)


def month_period(year: int, month: int) -> Period:
    return Period(year, month, MONTH)


def year_period(year: int) -> Period:
    return Period(year, 1, YEAR)


def parse_period(text: str) -> Period:
    """Read ``2026-03``, ``2026-Q1``, ``2026-H1`` or ``2026``; raise :class:`PeriodError` otherwise."""
    match = _PERIOD_FORMS.match(text.strip())
    if not match:
        raise PeriodError(f"kỳ báo cáo «{text}» không đúng mẫu. Viết theo một trong các mẫu: {PERIOD_EXAMPLES}.")
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(f"kỳ báo cáo «{text}»: tháng {month} không tồn tại (tháng từ 01 đến 12). Ví dụ: {PERIOD_EXAMPLES}.")
        return Period(year, month, MONTH)
    if match["quarter"]:
        quarter = int(match["quarter"])
        if not 1 <= quarter <= 4:
            raise PeriodError(f"kỳ báo cáo «{text}»: quý {quarter} không tồn tại (quý từ Q1 đến Q4). Ví dụ: {PERIOD_EXAMPLES}.")
        return Period(year, (quarter - 1) * QUARTER + 1, QUARTER)
    if match["half"]:
        half = int(match["half"])
        if half not in (1, 2):
            raise PeriodError(f"kỳ báo cáo «{text}»: chỉ có H1 (6 tháng đầu năm) và H2 (6 tháng cuối năm). Ví dụ: {PERIOD_EXAMPLES}.")
        return Period(year, (half - 1) * HALF + 1, HALF)
    return year_period(year)


def periods_started(year: int, today: date) -> list[Period]:
    """Every month, quarter, half and the year of ``year`` that has begun by ``today``, shortest first."""
    found = []
    for length in (MONTH, QUARTER, HALF, YEAR):
        for first in range(1, 13, length):
            period = Period(year, first, length)
            if period.start <= today:
                found.append(period)
    return found
