"""A bad content file fails `make html` with a Vietnamese message naming the file and line.

Each case builds a small site (one good item plus the bad file) with the real
``pelican`` command and ``-q``, which on its own would hide Pelican's messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import run_pelican, write_content

FIXTURES = Path(__file__).parent / "fixtures" / "strict"
GOOD = "tin/good-item.md"


def build_with(tmp_path: Path, files: dict[str, str]):
    content = write_content(tmp_path / "content", {GOOD: (FIXTURES / "good-item.md").read_bytes()})
    for target, fixture in files.items():
        write_content(content, {target: (FIXTURES / fixture).read_bytes()})
    output = tmp_path / "output"
    return run_pelican(content, output), output


def assert_failed_with(result, output: Path, *expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert not (output / "index.html").exists(), "a failed build must not write the site"


def test_good_item_alone_builds(tmp_path):
    result, output = build_with(tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert (output / "tin" / "xa-tan-hoa-to-chuc-hoi-nghi-trien-khai-cong-tac-cai-cach-hanh-chinh" / "index.html").exists()


def test_impossible_date(tmp_path):
    result, output = build_with(tmp_path, {"tin/impossible-date.md": "impossible-date.md"})
    assert_failed_with(result, output, "content/tin/impossible-date.md:2:", "tháng 13 không tồn tại", "Viết theo mẫu")


def test_missing_date(tmp_path):
    result, output = build_with(tmp_path, {"tin/missing-date.md": "missing-date.md"})
    assert_failed_with(result, output, "content/tin/missing-date.md:", "thiếu trường bắt buộc «Date»")


def test_title_broken_over_two_lines(tmp_path):
    result, output = build_with(tmp_path, {"tin/title-two-lines.md": "title-two-lines.md"})
    assert_failed_with(
        result, output, "content/tin/title-two-lines.md:2:", "của Trung tâm Phục vụ", "bị xuống dòng", "vì 1 lỗi"
    )


def test_file_not_utf8(tmp_path):
    result, output = build_with(tmp_path, {"tin/not-utf8.md": "not-utf8.md"})
    assert_failed_with(result, output, "content/tin/not-utf8.md:6:", "UTF-8")


def test_two_items_with_the_same_slug(tmp_path):
    result, output = build_with(tmp_path, {"tin/same-slug-a.md": "same-slug-a.md", "tin/same-slug-b.md": "same-slug-b.md"})
    assert_failed_with(
        result,
        output,
        "content/tin/same-slug-a.md: trùng đường dẫn",
        "content/tin/same-slug-b.md: trùng đường dẫn",
        "tuyen-truyen-cai-cach-hanh-chinh-tren-loa-truyen-thanh",
    )


def test_reform_area_not_one_of_the_six(tmp_path):
    result, output = build_with(tmp_path, {"tin/unknown-area.md": "unknown-area.md"})
    assert_failed_with(
        result, output, "content/tin/unknown-area.md:3:", "Cải cách hành chính nói chung", "Cải cách tài chính công"
    )


def test_unknown_key_that_is_a_typo(tmp_path):
    result, output = build_with(tmp_path, {"tin/typo-key.md": "typo-key.md"})
    assert_failed_with(
        result,
        output,
        "content/tin/typo-key.md:3: trường «Catgory» không được hỗ trợ. Có phải ý bạn là «Category»?",
    )
    assert "thiếu trường bắt buộc «Category»" not in result.stderr, "one message for one typo"


def test_unit_not_in_settings(tmp_path):
    result, output = build_with(tmp_path, {"tin/unknown-unit.md": "unknown-unit.md"})
    assert_failed_with(result, output, "content/tin/unknown-unit.md:4:", "Ban Văn hóa xã", "Phòng Kinh tế")


def test_file_outside_the_content_folders_is_not_dropped_silently(tmp_path):
    result, output = build_with(tmp_path, {"tin-tuc/misplaced.md": "misplaced.md"})
    assert_failed_with(result, output, "content/tin-tuc/misplaced.md: tệp này không được đưa vào trang", "tin/")


def test_every_problem_is_listed_in_one_run(tmp_path):
    result, output = build_with(
        tmp_path,
        {"tin/impossible-date.md": "impossible-date.md", "tin/typo-key.md": "typo-key.md", "tin/not-utf8.md": "not-utf8.md"},
    )
    assert_failed_with(result, output, "impossible-date.md:2:", "typo-key.md:3:", "not-utf8.md:6:", "bản dựng dừng lại vì 3 lỗi")


def test_draft_is_left_out_deliberately_and_never_published(tmp_path):
    result, output = build_with(tmp_path, {"tin/draft.md": "draft.md"})
    assert result.returncode == 0, result.stderr
    assert not list(output.rglob("*ban-nhap-chua-cong-bo*"))
    assert "Bản nháp chưa công bố" not in "".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))


@pytest.mark.parametrize("header_date", ["2099-01-01 08:00 +07:00"])
def test_future_item_waits_and_does_not_fail(tmp_path, header_date):
    future = (FIXTURES / "good-item.md").read_text(encoding="utf-8").replace("2025-03-10 08:30 +07:00", header_date)
    future = future.replace("Xã Tân Hòa tổ chức hội nghị", "Hội nghị tương lai")
    content = write_content(tmp_path / "content", {GOOD: (FIXTURES / "good-item.md").read_text(encoding="utf-8"), "tin/future.md": future})
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "output").rglob("*hoi-nghi-tuong-lai*"))


def test_scheduled_item_is_published_by_the_first_build_on_its_date(tmp_path):
    scheduled = (FIXTURES / "good-item.md").read_text(encoding="utf-8")
    scheduled = scheduled.replace("2025-03-10 08:30 +07:00", "2026-12-01 07:00 +07:00").replace(
        "Xã Tân Hòa tổ chức hội nghị", "Hội nghị tháng mười hai"
    )
    content = write_content(tmp_path / "content", {GOOD: (FIXTURES / "good-item.md").read_bytes(), "tin/scheduled.md": scheduled})
    before = run_pelican(content, tmp_path / "before", env={"CCHC_NOW": "2026-12-01T06:59:00+07:00", "TZ": "UTC"})
    on_the_day = run_pelican(content, tmp_path / "after", env={"CCHC_NOW": "2026-12-01T07:00:00+07:00", "TZ": "UTC"})
    assert before.returncode == 0 and on_the_day.returncode == 0, before.stderr + on_the_day.stderr
    assert not list((tmp_path / "before").rglob("*hoi-nghi-thang-muoi-hai*"))
    assert list((tmp_path / "after").rglob("*hoi-nghi-thang-muoi-hai*"))
