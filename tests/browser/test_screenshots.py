"""Screenshots of the home page and an item page at 360 px and 1280 px.

They are always taken (and checked); with ``SCREENSHOTS=1`` in the environment
they are written to docs/screenshots/ for the README (``make screenshots``).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOTS = [("trang-chu", "home"), ("tin", "news item")]
WIDTHS = (360, 1280)


def png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "kind"), SHOTS)
def test_screenshot(browser, site_url, page_urls, tmp_path, name, kind, width):
    target_dir = DOCS_SCREENSHOTS if os.environ.get("SCREENSHOTS") == "1" else tmp_path
    target_dir.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + page_urls[kind])
    data = page.screenshot(path=str(target_dir / f"{name}-{width}.png"), full_page=width > 400)
    context.close()
    assert png_width(data) == width
