"""sitemap.xml and robots.txt text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from types import SimpleNamespace

from plugins.site_sections.sitemap_xml import SitemapEntry, robots_txt, sitemap_xml, written_page_entry

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_locations_are_absolute_escaped_sorted_and_once():
    text = sitemap_xml(
        [SitemapEntry("tin/b/"), SitemapEntry("tin/a&b/", datetime(2025, 12, 31, 20, 0, tzinfo=UTC)), SitemapEntry("tin/b/")],
        "https://xa.example.gov.vn/cchc",
        "Asia/Ho_Chi_Minh",
    )
    urls = ET.fromstring(text).findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        "https://xa.example.gov.vn/cchc/tin/a&b/",
        "https://xa.example.gov.vn/cchc/tin/b/",
    ]
    assert urls[0].findtext("s:lastmod", namespaces=NS) == "2026-01-01T03:00:00+07:00"
    assert urls[1].find("s:lastmod", NS) is None


def test_robots_names_the_sitemap_only_with_an_absolute_address():
    assert "Sitemap: https://xa.example.gov.vn/cchc/sitemap.xml" in robots_txt("https://xa.example.gov.vn/cchc")
    assert "Sitemap" not in robots_txt("")


def test_written_pages_skip_404_continuation_pages_and_non_html():
    base = {"NOT_FOUND_SAVE_AS": "404.html"}
    item = SimpleNamespace(date=datetime(2026, 1, 2, tzinfo=UTC), modified=None)
    assert written_page_entry({**base, "output_file": "tin/a/index.html", "article": item}) == SitemapEntry("tin/a/", item.date)
    assert written_page_entry({**base, "output_file": "404.html"}) is None
    assert written_page_entry({**base, "output_file": "feeds/tat-ca.xml"}) is None
    second = SimpleNamespace(number=2)
    assert written_page_entry({**base, "output_file": "tin/trang-2/index.html", "articles_page": second}) is None
    assert written_page_entry({**base, "output_file": "tin/index.html", "articles_page": SimpleNamespace(number=1)}) == SitemapEntry("tin/")
