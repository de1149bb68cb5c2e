"""The checks after the build, on real Pelican builds: the sample site passes; each fault fails the build
with a Vietnamese line at the Markdown file and line that caused it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from plugins.site_checks import check_output
from plugins.site_checks.scan import scan_pages
from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

GOOD_ITEM = (PROJECT_ROOT / "tests" / "fixtures" / "strict" / "good-item.md").read_text(encoding="utf-8")
GOOD_SLUG = "xa-tan-hoa-to-chuc-hoi-nghi-trien-khai-cong-tac-cai-cach-hanh-chinh"
SITEURL = "https://example.gov.vn/cchc"
HEADER = """Title: Tuyên truyền cải cách hành chính trên loa truyền thanh
Date: 2025-04-02 07:00 +07:00
Category: Cải cách thủ tục hành chính
Unit: Văn phòng HĐND và UBND

"""
# Line numbers below count the five header lines above.
BAD_BODY = f"""Xem [bài đã xóa]({SITEURL}/tin/khong-co-bai-nay/) và [hộp thư](mailto:ubnd@example.gov.vn).
Xem [mục không có]({SITEURL}/tin/{GOOD_SLUG}/#khong-co-muc), [mục có]({SITEURL}/tin/{GOOD_SLUG}/#noi-dung).
Xem [bài viết thiếu phần đầu](/tin/{GOOD_SLUG}/).

![](https://cdn.example.com/anh-hoi-nghi.jpg)

![Quang cảnh hội nghị]({{static}}/images/hoi-nghi.png)

![]({{static}}/images/hoi-nghi.png)
"""
BAD_PATH = "content/tin/loa-truyen-thanh.md"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-links")
    content = write_content(
        root / "content",
        {"tin/good-item.md": GOOD_ITEM, "tin/loa-truyen-thanh.md": HEADER + BAD_BODY, "images/hoi-nghi.png": png_bytes()},
    )
    return run_pelican(content, root / "output", extra_settings={"SITEURL": SITEURL})


def lines_about(stderr: str, location: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip().startswith(f"- {location}")]


def test_the_sample_site_has_no_problem_and_was_really_scanned(sample_site):
    assert check_output(sample_site.output, {"SITEURL": ""}) == []
    pages = scan_pages(sample_site.output, ["index.html"])
    assert "noi-dung" in pages["index.html"].ids
    assert any(reference.url.endswith(".css") and reference.weighed for reference in pages["index.html"].references)


def test_a_bad_item_fails_the_build_with_exit_status_2(bad_build):
    assert bad_build.returncode == 2, bad_build.stdout + bad_build.stderr
    assert "LỖI KIỂM TRA TRANG" in bad_build.stderr
    assert "Lỗi này do giao diện" not in bad_build.stderr, "the theme itself should pass the checks"


def test_a_link_to_a_missing_page_is_reported_at_its_line(bad_build):
    (line,) = lines_about(bad_build.stderr, f"{BAD_PATH}:6:")
    assert "tin/khong-co-bai-nay/" in line and "không dẫn tới trang hay tệp nào" in line


def test_a_link_to_a_missing_anchor_is_reported_and_an_existing_anchor_is_not(bad_build):
    (line,) = lines_about(bad_build.stderr, f"{BAD_PATH}:7:")
    assert "#khong-co-muc" in line and "không có mục này" in line


def test_a_root_relative_link_missing_the_site_prefix_is_reported(bad_build):
    (line,) = lines_about(bad_build.stderr, f"{BAD_PATH}:8:")
    assert f"/tin/{GOOD_SLUG}/" in line and "thiếu phần đầu «/cchc»" in line


def test_an_image_from_another_site_and_without_description_is_reported_twice(bad_build):
    lines = lines_about(bad_build.stderr, f"{BAD_PATH}:10:")
    assert len(lines) == 2
    assert any("từ một trang web khác" in line for line in lines)
    assert any("chưa có lời mô tả" in line and "![Mô tả nội dung ảnh](https://cdn.example.com/anh-hoi-nghi.jpg)" in line for line in lines)


def test_an_image_without_description_is_shown_as_the_editor_wrote_it(bad_build):
    (line,) = lines_about(bad_build.stderr, f"{BAD_PATH}:14:")
    assert "![Mô tả nội dung ảnh]({static}/images/hoi-nghi.png)" in line
    assert not lines_about(bad_build.stderr, f"{BAD_PATH}:12:"), "an image with a description is fine"


def test_nothing_else_is_reported(bad_build):
    assert "vì 6 lỗi" in bad_build.stderr


def test_checks_can_be_switched_off(tmp_path):
    content = write_content(tmp_path / "content", {"tin/loa-truyen-thanh.md": HEADER + "[x](/khong-co/)\n"})
    result = run_pelican(content, tmp_path / "output", extra_settings={"SITE_CHECKS": False})
    assert result.returncode == 0, result.stderr


def test_pages_over_the_weight_budget_are_reported(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD_ITEM})
    result = run_pelican(content, tmp_path / "output", extra_settings={"SITE_CHECKS_PAGE_BUDGET_KB": 2})
    assert result.returncode == 2
    (item_line,) = lines_about(result.stderr, "content/tin/good-item.md:")
    assert "trang của bài nặng" in item_line and "quá ngưỡng 2 KB" in item_line and "site." in item_line
    template_lines = [line for line in result.stderr.splitlines() if "trang nặng quá ngưỡng 2 KB" in line]
    assert len(template_lines) == 1 and "Lỗi này do giao diện" in template_lines[0]


def test_the_check_reads_the_files_written_by_the_build(tmp_path: Path):
    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD_ITEM})
    output = tmp_path / "output"
    assert run_pelican(content, output).returncode == 0
    (output / "theme" / "css").mkdir(parents=True, exist_ok=True)
    (output / "theme" / "css" / "extra.css").write_text("body { background: url(../images/khong-co.png) }", encoding="utf-8")
    problems = check_output(output, {"SITEURL": ""})
    assert len(problems) == 1
    assert problems[0].path.endswith("theme/css/extra.css") and "«../images/khong-co.png»" in problems[0].message


def test_the_file_list_from_the_sweep_gives_the_same_findings_as_a_walk(tmp_path: Path):
    from plugins.build_speed import output as swept_output

    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD_ITEM})
    output = tmp_path / "output"
    assert run_pelican(content, output).returncode == 0
    (output / "theme" / "css" / "extra.css").write_text("body { background: url(../images/khong-co.png) }", encoding="utf-8")
    page = (output / "index.html").read_text(encoding="utf-8")
    (output / "edited.html").write_text(page.replace("</main>", '<a href="/khong-co/">x</a></main>', 1), encoding="utf-8")
    os.replace(output / "edited.html", output / "index.html")  # not written through: the page is a stored one's link
    swept_output.clean_output_dir(str(output), [])
    for path in output.rglob("*"):
        swept_output.note_written(str(path))
    assert swept_output.sweep() == []
    files = swept_output.take_swept_files(output)
    assert files is not None and "index.html" in files
    walked = check_output(output, {"SITEURL": ""})
    assert "«/khong-co/»" in walked[0].message and "khong-co.png" in walked[0].message, "both broken addresses are found"
    assert check_output(output, {"SITEURL": ""}, files=files) == walked


def test_make_check_reports_what_the_text_alone_shows_without_writing(tmp_path):
    missing_image = "\n![Sơ đồ]({static}/images/khong-co.png)\n"
    content = write_content(
        tmp_path / "content",
        {"tin/good-item.md": GOOD_ITEM, "tin/loa-truyen-thanh.md": HEADER + BAD_BODY + missing_image,
         "images/hoi-nghi.png": png_bytes()},
    )
    process = subprocess.run(
        [sys.executable, "-m", "plugins.editor_workflow", "--settings", "pelicanconf.py", "--content", str(content), "check"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert process.returncode == 2
    assert len(lines_about(process.stderr, f"{BAD_PATH}:10:")) == 2, "third-party image without description"
    assert lines_about(process.stderr, f"{BAD_PATH}:14:"), "image without description"
    (missing,) = lines_about(process.stderr, f"{BAD_PATH}:16:")
    assert "images/khong-co.png" in missing and "không dẫn tới trang hay tệp nào" in missing
    assert not lines_about(process.stderr, f"{BAD_PATH}:6:"), "links to pages wait for the real build"
