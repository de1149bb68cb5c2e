from datetime import datetime, timedelta

import pytest

from plugins.content_model.header import parse_header
from plugins.content_model.schema import REFORM_AREAS, Unit, resolve_area, resolve_unit
from plugins.content_model.validate import parse_item_date, validate_header

SETTINGS = {
    "TIMEZONE": "Asia/Ho_Chi_Minh",
    "UNITS": {"van-phong": "Văn phòng HĐND và UBND", "phong-kinh-te": "Phòng Kinh tế"},
    "CCHC_FIELDS": {
        "tin": {"title": True, "date": True, "category": True, "unit": True, "tags": False, "status": False}
    },
}


def header_of(text: str):
    return parse_header(text.split("\n"))


def test_header_reads_fields_continuations_and_stops_at_blank_line():
    header = header_of("Title: Một\n    hai\nDate: 2025-01-02\n\nBody: not a field")
    assert header.value("title") == "Một hai"
    assert header.line_of("date") == 3
    assert "body" not in header.fields
    assert header.layout_errors == []


def test_header_reports_stray_line_and_keeps_fields_below_it():
    header = header_of("Title: Một\nhai ba\nDate: 2025-01-02\n\nBody")
    assert header.layout_errors == [(2, "hai ba")]
    assert header.value("date") == "2025-01-02"


def test_header_records_duplicate_keys():
    header = header_of("Title: A\nTags: x\nTags: y\n")
    assert [d.line for d in header.duplicates] == [3]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-02-05", datetime(2025, 2, 5, 0, 0)),
        ("2025-02-05 08:30", datetime(2025, 2, 5, 8, 30)),
        ("05/02/2025 08:30", datetime(2025, 2, 5, 8, 30)),
        ("5/2/2025", datetime(2025, 2, 5, 0, 0)),
    ],
)
def test_dates_without_offset_are_in_site_timezone_and_day_first(written, expected):
    parsed = parse_item_date(written, "Asia/Ho_Chi_Minh")
    assert parsed.replace(tzinfo=None) == expected
    assert parsed.utcoffset() == timedelta(hours=7)


def test_date_with_offset_keeps_it():
    parsed = parse_item_date("2026-01-31 23:30 +07:00", "Asia/Ho_Chi_Minh")
    assert parsed.isoformat() == "2026-01-31T23:30:00+07:00"
    assert parse_item_date("2026-01-31T16:30Z", "Asia/Ho_Chi_Minh").utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2024-13-45", "tháng 13 không tồn tại"),
        ("2023-02-29", "ngày 29 không có trong tháng 2 năm 2023"),
        ("31/04/2025", "ngày 31 không có trong tháng 4"),
        ("hôm qua", "không đọc được ngày"),
    ],
)
def test_impossible_dates_are_explained(written, reason):
    with pytest.raises(ValueError, match=reason):
        parse_item_date(written, "Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("written", ["the-che", "cải cách thể chế", "CẢI CÁCH THỂ CHẾ", "cai cach the che"])
def test_area_resolves_from_name_or_code(written):
    assert resolve_area(written) == REFORM_AREAS["the-che"]


def test_unknown_area_is_none():
    assert resolve_area("Cải cách hành chính") is None


def test_unit_resolves_from_name_in_any_accents_or_slug():
    units = [Unit("van-phong", "Văn phòng HĐND và UBND")]
    assert resolve_unit("van phong hdnd va ubnd", units) == units[0]
    assert resolve_unit("van-phong", units) == units[0]
    assert resolve_unit("Ban Văn hóa", units) is None


def test_validation_rewrites_canonical_values():
    header = header_of("Title: A\nDate: 05/02/2025 08:30\nCategory: the-che\nUnit: phong-kinh-te\nStatus: nháp\n")
    findings, rewrites = validate_header(header, "tin", SETTINGS)
    assert findings == []
    assert rewrites == {
        "date": "2025-02-05T08:30:00+07:00",
        "category": "Cải cách thể chế",
        "unit": "Phòng Kinh tế",
        "status": "draft",
    }


def test_validation_lists_each_problem_with_its_line():
    header = header_of("Title: A\nDate: 2025-02-30\nCategory: khác\nUnit: Ban X\nTagz: a\n")
    findings, _ = validate_header(header, "tin", SETTINGS)
    lines = sorted(line for line, _ in findings)
    assert lines == [2, 3, 4, 5]
    assert any("Có phải ý bạn là «Tags»" in message for _, message in findings)


def test_header_comment_lines_are_skipped_and_keep_line_numbers():
    header = header_of("Title: A\n# Category: chọn một dòng\n  # Tags:\nDate: 2025-01-02\nUnit: x\n\nBody")
    assert header.comment_lines == [2, 3]
    assert header.layout_errors == []
    assert header.line_of("date") == 4
    assert "category" not in header.fields and "tags" not in header.fields


def test_reader_text_has_no_header_comments_so_markdown_reads_every_field():
    from markdown import Markdown

    from plugins.content_model.reader import with_canonical_values

    lines = ["Title: A", "# một lời nhắc", "Date: 05/02/2025", "# Summary:", "Unit: x", "", "# Tiêu đề trong bài"]
    header = parse_header(lines)
    text = with_canonical_values(lines, header, {"date": "2025-02-05T00:00:00+07:00"})
    converter = Markdown(extensions=["meta"])
    html = converter.convert(text)
    assert converter.Meta == {"title": ["A"], "date": ["2025-02-05T00:00:00+07:00"], "unit": ["x"]}
    assert "<h1>Tiêu đề trong bài</h1>" in html
