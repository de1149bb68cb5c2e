"""``make check``: every problem of content and plan in one run, with file and line, and nothing written."""

from __future__ import annotations

import time

from tests.sitebuild import PROJECT_ROOT, write_content

from .workflow import run_workflow

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "strict"
BAD_PLAN = "year: 2026\ntitle: Kế hoạch\nunits:\n  Văn phòng HĐND và UBND: 01 bài / quý\nquota:\n  total: hai bài mỗi tháng\n"
EXPECTED = [
    "content/tin/impossible-date.md:2: Date: tháng 13 không tồn tại",
    "content/tin/missing-date.md: thiếu trường bắt buộc «Date»",
    "content/tin/title-two-lines.md:2: dòng này không có dạng «Khóa: giá trị»",
    "content/tin/not-utf8.md:6: tệp không được lưu bằng bảng mã UTF-8",
    "content/tin/same-slug-a.md: trùng đường dẫn",
    "content/tin/same-slug-b.md: trùng đường dẫn",
    "content/tin/unknown-area.md:3: lĩnh vực cải cách «Cải cách hành chính nói chung»",
    "content/tin/typo-key.md:3: trường «Catgory» không được hỗ trợ. Có phải ý bạn là «Category»?",
    "content/tin/unknown-unit.md:4: đơn vị «Ban Văn hóa xã» không có",
    "content/tin-tuc/misplaced.md: tệp này không được đưa vào trang",
    "content/ke-hoach/2026.yaml:6: chỉ tiêu «hai bài mỗi tháng» (quota) không đọc được",
]


def strict_cases(root):
    files = {f"tin/{path.name}": path.read_bytes() for path in FIXTURES.glob("*.md") if path.name != "misplaced.md"}
    files["tin-tuc/misplaced.md"] = (FIXTURES / "misplaced.md").read_bytes()
    files["ke-hoach/2026.yaml"] = BAD_PLAN
    return write_content(root / "content", files)


def test_every_problem_is_listed_at_once_with_its_line_and_nothing_is_written(tmp_path):
    content = strict_cases(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = run_workflow("check", content=content)
    assert result.returncode == 2, result.stdout + result.stderr
    for expected in EXPECTED:
        assert f"  - {expected}" in result.stderr, f"{expected!r} not in:\n{result.stderr}"
    assert f"vì {len(EXPECTED)} lỗi" in result.stderr, "the draft is no problem; every other file is"
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before, "check writes nothing"


def test_the_sample_site_checks_clean_in_a_few_seconds():
    started = time.monotonic()
    result = run_workflow("check")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert "KIỂM TRA XONG: không có lỗi." in result.stdout
    assert "1 bản nháp" in result.stdout
    assert elapsed < 15, f"make check took {elapsed:.1f} s"


def test_scheduled_items_are_listed_with_the_date_they_will_be_published(tmp_path):
    good = (FIXTURES / "good-item.md").read_text(encoding="utf-8")
    future = good.replace("2025-03-10 08:30 +07:00", "2026-12-01 07:00 +07:00").replace("Xã Tân Hòa tổ chức", "Sắp tới, xã tổ chức")
    content = write_content(tmp_path / "content", {"tin/good.md": good, "tin/future.md": future})
    result = run_workflow("check", content=content)
    assert result.returncode == 0, result.stderr
    assert "1 bài và trang sẽ được đăng, 0 bản nháp, 1 bài hẹn giờ đăng" in result.stdout
    assert "hẹn đăng từ 01/12/2026 07:00: Sắp tới, xã tổ chức" in result.stdout
    assert "(content/tin/future.md)" in result.stdout


def test_checkers_other_plugins_register_run_with_the_content_checks(tmp_path):
    settings = tmp_path / "with_checker.py"
    settings.write_text(
        "from pelicanconf import *  # noqa: F403\n"
        "from plugins.content_model import report\n\n\n"
        "def images_are_readable(settings, generators):\n"
        "    report(settings['PATH'] + '/images/hong.jpg', 'ảnh không đọc được.')\n\n\n"
        "CCHC_CHECKERS = [images_are_readable]\n",
        encoding="utf-8",
    )
    content = write_content(tmp_path / "content", {"tin/typo-key.md": (FIXTURES / "typo-key.md").read_bytes()})
    result = run_workflow("check", content=content, settings=settings)
    assert result.returncode == 2
    assert "content/images/hong.jpg: ảnh không đọc được." in result.stderr
    assert "content/tin/typo-key.md:3: trường «Catgory»" in result.stderr
    assert "vì 2 lỗi" in result.stderr

