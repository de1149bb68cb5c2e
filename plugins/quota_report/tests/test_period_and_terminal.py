"""Reporting periods as the command reads them, and terminal tables aligned for Vietnamese text."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from plugins.quota_report.period import Period, PeriodError, parse_period, periods_started
from plugins.quota_report.terminal import display_width, format_table


@pytest.mark.parametrize(
    ("written", "months", "code", "label"),
    [
        ("2024-03", [(2024, 3)], "2024-03", "tháng 3 năm 2024"),
        ("2024-02", [(2024, 2)], "2024-02", "tháng 02 năm 2024"),
        ("2024-Q1", [(2024, 1), (2024, 2), (2024, 3)], "2024-Q1", "quý I năm 2024"),
        ("2024-q4", [(2024, 10), (2024, 11), (2024, 12)], "2024-Q4", "quý IV năm 2024"),
        ("2024-H2", [(2024, m) for m in range(7, 13)], "2024-H2", "6 tháng cuối năm 2024"),
        ("2024", [(2024, m) for m in range(1, 13)], "2024", "năm 2024"),
    ],
)
def test_periods(written, months, code, label):
    period = parse_period(written)
    assert (period.months, period.code, period.label) == (months, code, label)


@pytest.mark.parametrize(
    ("written", "reason"),
    [("2024-13", "tháng 13 không tồn tại"), ("2024-Q5", "quý 5 không tồn tại"), ("2024-H3", "chỉ có H1"), ("03/2024", "không đúng mẫu"), ("", "không đúng mẫu")],
)
def test_malformed_periods(written, reason):
    with pytest.raises(PeriodError, match=reason):
        parse_period(written)


def test_quota_windows_judged_in_a_period():
    quarter = parse_period("2026-Q1")
    assert [w.code for w in quarter.windows(1)] == ["2026-01", "2026-02", "2026-03"]
    assert [w.code for w in quarter.windows(6)] == []
    assert quarter.enclosing(6).code == "2026-H1"
    assert [w.code for w in parse_period("2026-03").windows(3)] == ["2026-Q1"]
    assert [w.code for w in parse_period("2026-02").windows(3)] == []
    assert Period(2026, 1, 12).end == date(2026, 12, 31)


def test_periods_begun_by_a_day():
    codes = [p.code for p in periods_started(2026, date(2026, 4, 1))]
    assert codes == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-Q1", "2026-Q2", "2026-H1", "2026"]


def test_display_width_counts_columns_not_code_points():
    decomposed = unicodedata.normalize("NFD", "Phòng Văn hóa - Xã hội")
    assert len(decomposed) > display_width(decomposed) == len("Phòng Văn hóa - Xã hội")
    assert display_width("越南") == 4


def test_table_aligns_decomposed_and_composed_text():
    rows = [[unicodedata.normalize("NFD", "Điển hình tiên tiến"), 1], ["Tin tức", 12]]
    header, rule, *lines = format_table(["Loại", "Số bài"], rows, numeric=(1,))
    assert [display_width(line) for line in lines] == [display_width(rule)] * 2
    assert lines[1].endswith("12") and lines[0].endswith(" 1")
