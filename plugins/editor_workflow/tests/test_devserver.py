"""``make devserver``: rebuilds on save, shows content errors in Vietnamese instead of a stale page, recovers, stops cleanly."""

from __future__ import annotations

import pytest

from plugins.editor_workflow.devserver import STATUS_URL, is_page_address, with_preview_additions
from tests.sitebuild import PROJECT_ROOT, write_content

from .workflow import Preview

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "strict"
GOOD_SLUG = "xa-tan-hoa-to-chuc-hoi-nghi-trien-khai-cong-tac-cai-cach-hanh-chinh"
NEW_ITEM = "Title: Bài viết trong lúc xem trước\nDate: {date}\nCategory: the-che\nUnit: van-phong\n\nNội dung mới.\n"


@pytest.fixture
def preview(tmp_path):
    content = write_content(
        tmp_path / "content",
        {"tin/good-item.md": (FIXTURES / "good-item.md").read_bytes(), "tin/draft.md": (FIXTURES / "draft.md").read_bytes()},
    )
    running = Preview(content, tmp_path / "preview")
    yield running, content, tmp_path / "preview"
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def test_preview_rebuilds_on_save_shows_the_error_with_file_and_line_then_recovers(preview):
    running, content, output = preview
    status, page = running.get(f"/tin/{GOOD_SLUG}/")
    assert status == 200 and "Xã Tân Hòa tổ chức hội nghị" in page
    assert STATUS_URL in page, "the page reloads itself when a build is done"
    first = running.status()["build"]

    (content / "tin" / "moi.md").write_text(NEW_ITEM.format(date="2024-13-45"), encoding="utf-8")
    broken = running.wait_for_build(first + 1)
    assert broken["ok"] is False
    status, page = running.get(f"/tin/{GOOD_SLUG}/")
    assert status == 500, "never a stale page"
    assert "content/tin/moi.md:2" in page and "tháng 13 không tồn tại" in page and STATUS_URL in page

    (content / "tin" / "moi.md").write_text(NEW_ITEM.format(date="2026-11-20 08:00 +07:00"), encoding="utf-8")
    fixed = running.wait_for_build(first + 2)
    assert fixed["ok"] is True
    status, page = running.get("/tin/bai-viet-trong-luc-xem-truoc/")
    assert status == 200 and "Nội dung mới." in page

    code, printed = running.stop()
    assert code == 0
    assert "Đã dừng xem trước." in printed
    assert "lần dựng 2: 1 lỗi" in printed


def test_drafts_are_previewed_and_the_built_files_carry_no_preview_script(preview):
    running, _content, output = preview
    status, listing = running.get("/ban-nhap/")
    assert status == 200 and "Bản nháp chưa công bố" in listing
    status, draft = running.get("/ban-nhap/tin/ban-nhap-chua-cong-bo/")
    assert status == 200 and "BẢN NHÁP" in draft and "Nội dung nháp." in draft
    written = (output / "tin" / GOOD_SLUG / "index.html").read_text(encoding="utf-8")
    assert STATUS_URL not in written and "XEM TRƯỚC" not in written
    assert running.get("/khong-co-trang-nay/")[0] == 404
    assert running.stop()[0] == 0


def test_preview_additions_go_before_the_end_of_body():
    assert with_preview_additions("<html><body><p>x</p></BODY></html>", "<script></script>") == (
        "<html><body><p>x</p><script></script></BODY></html>"
    )
    assert with_preview_additions("<p>x</p>", "<i></i>") == "<p>x</p><i></i>"


@pytest.mark.parametrize(
    ("path", "is_page"),
    [("/", True), ("/tin/a/", True), ("/tin/a", True), ("/404.html", True), ("/theme/css/site.css", False), ("/images/a.jpg", False)],
)
def test_pages_are_told_from_assets(path, is_page):
    assert is_page_address(path) is is_page
