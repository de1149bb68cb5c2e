"""The report as text for a terminal or a scheduled job's e-mail: aligned tables with Vietnamese headings.

Columns are padded by display width, not by ``len``: a Vietnamese letter typed
in decomposed form (NFD) is two code points but one column, and a wide
(East Asian) character takes two columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .report import STATE_LABELS, QuotaReport


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def format_table(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = ()) -> list[str]:
    """Lines of a plain-text table; ``numeric`` columns are right-aligned."""
    cells = [[str(value) for value in row] for row in [header, *rows]]
    widths = [max(display_width(row[column]) for row in cells) for column in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(pad(value, widths[i], i in numeric) for i, value in enumerate(row)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return [line(cells[0]), rule, *(line(row) for row in cells[1:])]


def shown_path(path: str | Path) -> str:
    """``path`` relative to the working folder when it is inside it, else as given."""
    absolute = Path(path).resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def state_text(state: str | None) -> str:
    return STATE_LABELS[state] if state else "—"


def render_text(report: QuotaReport) -> str:
    """The whole report as the ``make report`` command prints it."""
    owner = report.owner.get("name", "")
    lines = [
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU TIN, BÀI CẢI CÁCH HÀNH CHÍNH",
        f"{report.period.title} – {owner}",
        f"Kế hoạch: {report.plan.title}",
        f"Số liệu tính đến {report.as_of}. Tính vào chỉ tiêu: {report.counted_kind_labels}.",
        "",
        "CHỈ TIÊU",
    ]
    lines += format_table(
        ["Phạm vi", "Loại tin, bài", "Chỉ tiêu", "Đã đăng", "Phải đạt", "Thiếu", "Vượt", "Kết quả"],
        [[c.scope_name, c.kind_label, c.quota.label, c.count, *c.judged_figures(), c.state_label] for c in report.checks],
        numeric=(3, 4, 5, 6),
    ) if report.checks else ["(Kế hoạch chưa đặt chỉ tiêu nào.)"]
    lines += ["", "THEO THÁNG"]
    lines += format_table(
        ["Tháng", "Số bài", "Chỉ tiêu", "Kết quả"],
        [[m.month.short_label, m.total if m.started else "—", m.quota if m.quota is not None else "—", state_text(m.state) if m.started else STATE_LABELS["chua-den"]] for m in report.months],
        numeric=(1, 2),
    )
    lines += ["", "THEO ĐƠN VỊ"]
    lines += format_table(
        ["Đơn vị", "Trong kế hoạch", "Chỉ tiêu", "Số bài", "Kết quả"],
        [[u.name, "có" if u.in_plan else "KHÔNG", u.quota_label or "—", u.total, state_text(u.state)] for u in report.units],
        numeric=(3,),
    )
    lines += ["", "THEO LOẠI TIN, BÀI"]
    lines += format_table(
        ["Loại", "Tính vào chỉ tiêu", "Chỉ tiêu", "Số bài", "Kết quả"],
        [[k.label, "có" if k.counted else "không", k.quota_label or "—", k.count, state_text(k.state)] for k in report.kinds],
        numeric=(3,),
    )
    lines += ["", "THEO LĨNH VỰC CẢI CÁCH"]
    lines += format_table(["Lĩnh vực", "Số bài"], [[a.name, a.count] for a in report.areas], numeric=(1,))
    lines += notes(report)
    return "\n".join(lines) + "\n"


def notes(report: QuotaReport) -> list[str]:
    found: list[str] = []
    outside = [u for u in report.units_not_in_plan if u.total]
    if report.units_not_in_plan:
        listed = "; ".join(f"{u.name} ({u.total} bài)" for u in report.units_not_in_plan)
        found += ["", f"LƯU Ý – đơn vị chưa có trong kế hoạch: {listed}."]
        if outside:
            found.append(f"  Bài của các đơn vị này vẫn được tính vào tổng, nhưng không có chỉ tiêu riêng. Thêm đơn vị vào {shown_path(report.plan.path)} nếu đơn vị có chỉ tiêu.")
    if missed := report.missing_lines():
        found += ["", "KHÔNG ĐẠT:"] + [f"  - {line}" for line in missed]
    if short := report.still_missing_lines():
        found += ["", "CÒN THIẾU (kỳ đang thực hiện):"] + [f"  - {line}" for line in short]
    found += ["", report.verdict]
    return found
