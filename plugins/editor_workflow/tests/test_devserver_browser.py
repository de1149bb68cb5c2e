"""In a real browser, the preview reloads by itself: a broken save shows the Vietnamese error, a fix brings the page back."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browsers import CHROMIUM, CHROMIUM_ARGS
from tests.sitebuild import PROJECT_ROOT, write_content

from .workflow import Preview

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "strict"
GOOD = FIXTURES / "good-item.md"
PAGE = "/tin/xa-tan-hoa-to-chuc-hoi-nghi-trien-khai-cong-tac-cai-cach-hanh-chinh/"


def follow_saves_in_a_browser(preview: Preview, content: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(preview.url + PAGE)
        assert "Xã Tân Hòa tổ chức hội nghị" in tab.inner_text("body")

        (content / "tin" / "good-item.md").write_text(
            GOOD.read_text(encoding="utf-8").replace("2025-03-10 08:30", "2025-02-30 08:30"), encoding="utf-8"
        )
        tab.wait_for_selector("text=Chưa dựng được trang", timeout=30_000)
        shown = tab.inner_text("body")
        assert "content/tin/good-item.md:2" in shown and "ngày 30 không có trong tháng 2" in shown

        (content / "tin" / "good-item.md").write_bytes(GOOD.read_bytes())
        tab.wait_for_selector("text=Xã Tân Hòa tổ chức hội nghị", timeout=30_000)
        assert "Chưa dựng được trang" not in tab.inner_text("body")
        browser.close()


@pytest.mark.browser
def test_the_open_page_follows_each_save_without_a_manual_reload(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD.read_bytes()})
    preview = Preview(content, tmp_path / "preview")
    try:
        # Its own thread: Playwright's sync API refuses to start where another session's browser is still open.
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(follow_saves_in_a_browser, preview, content).result()
    finally:
        code, _printed = preview.stop()
    assert code == 0
