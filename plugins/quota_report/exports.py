"""The report as data: a JSON document and CSV tables that open in a spreadsheet.

CSV files are UTF-8 with a byte-order mark, which is what makes Excel show
Vietnamese correctly when an office double-clicks the file.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from plugins.vntext.text import iso_datetime, short_datetime

from .report import QuotaCheck, QuotaReport, WindowResult


def window_data(window: WindowResult) -> dict:
    return {
        "window": window.window.code,
        "label": window.window.short_label,
        "start": window.window.start.isoformat(),
        "end": window.window.end.isoformat(),
        "count": window.count,
        "required": window.required,
        "shortfall": window.shortfall,
        "surplus": window.surplus,
        "state": window.state,
        "state_label": window.state_label,
        "days_left": window.days_left,
    }


def check_data(check: QuotaCheck) -> dict:
    return {
        "scope": check.scope,
        "scope_name": check.scope_name,
        "kind": check.kind,
        "kind_label": check.kind_label,
        "quota": {"count": check.quota.count, "months": check.quota.length, "label": check.quota.label},
        "count": check.count,
        "required": check.required,
        "shortfall": check.shortfall,
        "surplus": check.surplus,
        "state": check.state,
        "state_label": check.state_label,
        "windows": [window_data(window) for window in check.windows],
    }


def report_data(report: QuotaReport) -> dict:
    """Everything the report shows, with English keys and Vietnamese labels."""
    plan = report.plan
    return {
        "period": {
            "code": report.period.code,
            "label": report.period.label,
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
        },
        "as_of": iso_datetime(report.now),
        "owner": report.owner.get("name", ""),
        "plan": {
            "year": plan.year,
            "title": plan.title,
            "reference": plan.reference,
            "counted_kinds": list(plan.counted_kinds),
            "activities": [
                {"activity": a.activity, "lead": a.lead, "partners": list(a.partners), "time": a.time} for a in plan.activities
            ],
        },
        "total": report.total,
        "exit_status": report.exit_status,
        "verdict": report.verdict,
        "checks": [check_data(check) for check in report.checks],
        "months": [
            {
                "month": row.month.code,
                "started": row.started,
                "total": row.total,
                "quota": row.quota,
                "state": row.state,
                "by_kind": row.by_kind,
                "by_unit": row.by_unit,
            }
            for row in report.months
        ],
        "units": [
            {"unit": row.slug, "name": row.name, "in_plan": row.in_plan, "quota": row.quota_label, "total": row.total, "by_kind": row.by_kind, "state": row.state}
            for row in report.units
        ],
        "units_not_in_plan": [{"unit": row.slug, "name": row.name, "total": row.total} for row in report.units_not_in_plan],
        "kinds": [
            {"kind": row.kind, "label": row.label, "counted": row.counted, "count": row.count, "quota": row.quota_label, "state": row.state}
            for row in report.kinds
        ],
        "areas": [{"area": row.code, "name": row.name, "count": row.count} for row in report.areas],
        "items": [
            {
                "date": iso_datetime(item.date),
                "title": item.title,
                "kind": item.kind,
                "unit": item.unit_slug,
                "unit_name": item.unit_name,
                "area": item.area_code,
                "area_name": item.area_name,
                "url": item.url,
            }
            for item in report.items
        ],
    }


def write_json(report: QuotaReport, path: Path) -> Path:
    path.write_text(json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _write_rows(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_quota_csv(report: QuotaReport, path: Path) -> Path:
    """One row per quota window: scope, kind, quota, window, counts, result."""
    header = ["Phạm vi", "Loại tin, bài", "Chỉ tiêu", "Kỳ", "Đã đăng", "Phải đạt", "Thiếu", "Vượt", "Kết quả", "Số ngày còn lại"]
    rows = [
        [check.scope_name, check.kind_label, check.quota.label, window.window.short_label, window.count, window.required, window.shortfall, window.surplus, window.state_label, window.days_left if window.days_left is not None else ""]
        for check in report.checks
        for window in check.windows
    ]
    return _write_rows(path, header, rows)


def write_counts_csv(report: QuotaReport, path: Path) -> Path:
    """One row per month of the period and unit: items of each kind, and whether the unit is in the plan."""
    kinds = list(report.kind_labels)
    header = ["Tháng", "Đơn vị", "Trong kế hoạch", *[report.kind_labels[kind] for kind in kinds], "Tính vào chỉ tiêu"]
    period_months = set(report.period.months)
    rows = [
        [
            month.month.short_label,
            unit.name,
            "có" if unit.in_plan else "không",
            *[month.by_unit_and_kind.get((unit.slug, kind), 0) for kind in kinds],
            month.by_unit.get(unit.slug, 0),
        ]
        for month in report.months
        if month.started and (month.month.year, month.month.first_month) in period_months
        for unit in report.units
    ]
    return _write_rows(path, header, rows)


def write_items_csv(report: QuotaReport, path: Path) -> Path:
    header = ["Ngày đăng", "Tiêu đề", "Loại tin, bài", "Đơn vị", "Lĩnh vực", "Tính vào chỉ tiêu", "Địa chỉ"]
    rows = [
        [short_datetime(item.date), item.title, report.kind_labels.get(item.kind, item.kind), item.unit_name, item.area_name, "có" if item.kind in report.plan.counted_kinds else "không", item.url]
        for item in report.items
    ]
    return _write_rows(path, header, rows)
