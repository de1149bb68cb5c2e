"""The plan file: what an office may write, and the Vietnamese message, with its line, for what it may not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plugins.quota_report.period import HALF, MONTH, QUARTER, YEAR
from plugins.quota_report.plan import load_plans, parse_quota
from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

SETTINGS = {
    "UNITS": {
        "van-phong": "Văn phòng HĐND và UBND",
        "phong-kinh-te": "Phòng Kinh tế",
    },
}
GOOD_PLAN = """year: 2026
quota:
  total: 02 bài / tháng
units:
  Văn phòng HĐND và UBND: 1
  phong kinh te: 01 bài / quý
"""


def problems_of(tmp_path: Path, text: str, name: str = "2026.yaml") -> list[tuple[int | None, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return [(problem.line, problem.message) for problem in load_plans(tmp_path, SETTINGS)[1]]


@pytest.mark.parametrize(
    ("written", "count", "months"),
    [
        (2, 2, MONTH),
        ("02 bài / tháng", 2, MONTH),
        ("1/quý", 1, QUARTER),
        ("01 bai / quy", 1, QUARTER),
        ("3 tin, bài / 6 tháng", 3, HALF),
        ("12 bài/năm", 12, YEAR),
        ("0", 0, MONTH),
    ],
)
def test_quota_as_offices_write_it(written, count, months):
    quota = parse_quota(written)
    assert (quota.count, quota.length) == (count, months)


@pytest.mark.parametrize("written", ["hai bài / tháng", "2 bài / tuần", "2 bài", "-1 / tháng"])
def test_unreadable_quota(written):
    assert parse_quota(written) is None


def test_a_good_plan_reads_with_units_by_name_or_slug(tmp_path):
    (tmp_path / "2026.yaml").write_text(GOOD_PLAN, encoding="utf-8")
    plans, problems = load_plans(tmp_path, SETTINGS)
    assert problems == []
    plan = plans[2026]
    assert plan.total.label == "02 bài / tháng"
    assert {slug: unit.total.label for slug, unit in plan.units.items()} == {"van-phong": "01 bài / tháng", "phong-kinh-te": "01 bài / quý"}
    assert plan.title == "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2026"
    assert plan.counted_kinds == ("tin", "dien-hinh", "phe-binh")


def test_unknown_key_suggests_the_likely_one(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN.replace("quota:", "qouta:"))
    assert found == [(2, found[0][1])]
    assert "mục «qouta» không được hỗ trợ trong tệp kế hoạch. Có phải ý bạn là «quota»?" in found[0][1]


def test_unreadable_quota_names_its_line_and_the_forms_to_use(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN.replace("02 bài / tháng", "hai bài mỗi tháng"))
    assert found == [(3, "chỉ tiêu «hai bài mỗi tháng» (quota) không đọc được. Viết theo mẫu «02 bài / tháng», «01 bài / quý», «03 bài / 6 tháng» hoặc «12 bài / năm».")]


def test_unit_not_in_the_site_units(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN + "  Phòng Tài chính: 1\n")
    assert found[0][0] == 7
    assert found[0][1].startswith("đơn vị «Phòng Tài chính» không có trong danh sách đơn vị của trang (UNITS trong pelicanconf.py). Chọn một trong: Văn phòng HĐND và UBND; Phòng Kinh tế.")


def test_unit_named_twice(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN + "  van-phong: 2\n")
    assert found == [(7, "đơn vị «Văn phòng HĐND và UBND» được khai báo hai lần (lần đầu ở dòng 5): giữ một mục.")]


def test_unknown_kind_lists_the_kinds(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN.replace("  total: 02 bài / tháng", "  total: 02 bài / tháng\n  kinds:\n    phóng sự: 1"))
    assert found[0][0] == 5
    assert found[0][1].startswith("loại bài «phóng sự» không có. Chọn một trong: tin (Tin tức); dien-hinh (Điển hình tiên tiến)")


def test_year_must_match_the_file_name(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN, name="2025.yaml")
    assert found == [(1, "tệp «2025.yaml» ghi năm 2026. Đặt tên tệp theo năm của kế hoạch («2026.yaml») hoặc sửa dòng «year».")]


def test_yaml_syntax_error_names_the_line_and_the_usual_causes(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN.replace("  total: 02 bài / tháng", "  total: Tin, bài: 02 bài / tháng"))
    assert found[0][0] == 3
    assert "sai cú pháp YAML" in found[0][1] and "ngoặc kép" in found[0][1]


def test_missing_year_and_units(tmp_path):
    found = problems_of(tmp_path, "title: Kế hoạch\n")
    messages = [message for _, message in found]
    assert "thiếu mục «year» (năm của kế hoạch). Thêm dòng «year: 2026»." in messages
    assert any(message.startswith("thiếu mục «units»") for message in messages)


def test_activity_without_its_lead_unit(tmp_path):
    found = problems_of(tmp_path, GOOD_PLAN + "activities:\n  - activity: Phát loa\n    time: Hằng tuần\n")
    assert found == [(8, "hoạt động thứ 1 thiếu mục «lead» (cơ quan, đơn vị chủ trì). Thêm dòng «lead: …».")]


def test_start_month_of_a_plan_issued_mid_year(tmp_path):
    (tmp_path / "2025.yaml").write_text(GOOD_PLAN.replace("2026", "2025") + "start: 2025-07\n", encoding="utf-8")
    plans, problems = load_plans(tmp_path, SETTINGS)
    assert problems == [] and plans[2025].start_month == 7
    found = problems_of(tmp_path, GOOD_PLAN + "start: 2025-07\n")
    assert found == [(7, "tháng bắt đầu «2025-07» không hợp lệ. Viết tháng của năm 2026, ví dụ «start: 2026-07» (kế hoạch áp dụng từ tháng 7 năm 2026).")]


def test_a_bad_plan_fails_the_build_naming_file_and_line(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "tin/mot-tin.md": "Title: Một tin\nDate: 2026-01-05 09:00 +07:00\nCategory: Cải cách thể chế\nUnit: Văn phòng HĐND và UBND\n\nNội dung.\n",
            "ke-hoach/2026.yaml": GOOD_PLAN.replace("02 bài / tháng", "2 bài / tuần"),
        },
    )
    output = tmp_path / "output"
    result = run_pelican(content, output, env={"CCHC_NOW": "2026-03-20T10:00"})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "content/ke-hoach/2026.yaml:3: chỉ tiêu «2 bài / tuần» (quota) không đọc được." in result.stderr
    assert not (output / "index.html").exists()
    command = subprocess.run(
        [sys.executable, "-m", "plugins.quota_report", "2026-01", "--content", str(content), "--reports", str(tmp_path / "reports"), "--now", "2026-03-20T10:00"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert command.returncode == 2
    assert "content/ke-hoach/2026.yaml:3: chỉ tiêu «2 bài / tuần»" in command.stderr
    assert not (tmp_path / "reports").exists()
