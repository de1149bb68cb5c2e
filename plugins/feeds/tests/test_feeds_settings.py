"""Feeds of small sites of their own: an item image as enclosure, the published SITEURL, settings, bad settings."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from plugins.feeds.render import absolute_html
from plugins.feeds.tests.feedcheck import ATOM, NS, check_atom, check_rss, parsed, tree
from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

SITEURL = "https://xa-tanhoa.example.gov.vn/cchc"
ITEM = """Title: Xã Tân Hòa khánh thành quầy một cửa mới
Date: 2026-02-05 08:30 +07:00
Category: Cải cách thủ tục hành chính
Unit: Trung tâm Phục vụ hành chính công
Tags: một cửa
Summary: Quầy mới tiếp nhận hồ sơ từ ngày 05/02/2026.
Image: images/quay-moi.jpg

Xem [lịch làm việc]({filename}lich-lam-viec.md) và ảnh ![Quầy mới]({static}/images/quay-moi.jpg).
"""
SECOND = """Title: Lịch làm việc của Trung tâm Phục vụ hành chính công
Date: 2026-02-01 07:00 +07:00
Category: Cải cách thủ tục hành chính
Unit: Trung tâm Phục vụ hành chính công

Từ thứ Hai đến sáng thứ Bảy.
"""


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 16, 46)).save(buffer, "JPEG")
    return buffer.getvalue()


def settings_file(tmp_path, overrides: dict) -> Path:
    """The development settings with ``overrides``; one file, as ``pelican -e`` keeps only its last setting."""
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(PROJECT_ROOT)!r})",
        "from pelicanconf import *  # noqa: F403",
        f"THEME = {str(PROJECT_ROOT / 'theme')!r}",
        *(f"{key} = {value!r}" for key, value in overrides.items()),
    ]
    path = tmp_path / "settings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build(tmp_path, **overrides):
    content = write_content(
        tmp_path / "content",
        {"tin/quay-moi.md": ITEM, "tin/lich-lam-viec.md": SECOND, "images/quay-moi.jpg": jpeg()},
    )
    output = tmp_path / "output"
    return run_pelican(content, output, settings=settings_file(tmp_path, overrides)), output


def test_published_site_uses_siteurl_image_enclosure_and_summary_only(tmp_path):
    result, output = build(tmp_path, SITEURL=SITEURL, FEED_FULL_CONTENT=False)
    assert result.returncode == 0, result.stderr

    rss = check_rss(output / "feeds/tat-ca.rss.xml", f"{SITEURL}/feeds/tat-ca.rss.xml", SITEURL)
    item = next(i for i in rss.iter("item") if i.findtext("link") == f"{SITEURL}/tin/xa-tan-hoa-khanh-thanh-quay-mot-cua-moi/")
    enclosure = item.find("enclosure")
    # The published picture: the file itself, or a resized copy when the images plugin is on.
    image_url = enclosure.get("url")
    published = output / image_url.removeprefix(SITEURL + "/")
    assert image_url.startswith(SITEURL + "/") and published.is_file()
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == published.stat().st_size
    assert not any(i.find("enclosure") is not None for i in rss.iter("item") if i is not item), "no image, no enclosure"
    assert item.find("content:encoded", NS) is None, "FEED_FULL_CONTENT = False: the summary only"
    assert item.findtext("pubDate") == "Thu, 05 Feb 2026 08:30:00 +0700"

    atom = check_atom(output / "feeds/tat-ca.atom.xml", f"{SITEURL}/feeds/tat-ca.atom.xml", SITEURL)
    entry = next(e for e in atom.iterfind(f"{{{ATOM}}}entry") if e.findtext(f"{{{ATOM}}}id").endswith("quay-mot-cua-moi/"))
    links = {link.get("rel"): link for link in entry.iterfind(f"{{{ATOM}}}link")}
    assert links["alternate"].get("type") == "text/html"
    assert links["enclosure"].get("href") == image_url
    assert links["enclosure"].get("length") == enclosure.get("length")
    assert entry.find(f"{{{ATOM}}}content") is None
    assert parsed(output / "feeds/tat-ca.atom.xml").entries[0].enclosures[0].href == image_url
    assert not (output / "feeds/podcast.rss.xml").exists(), "no recording, no podcast"


def test_development_build_makes_links_inside_items_absolute(tmp_path):
    result, output = build(tmp_path)
    assert result.returncode == 0, result.stderr
    root = check_rss(output / "feeds/tat-ca.rss.xml", "http://127.0.0.1:8000/feeds/tat-ca.rss.xml", "http://127.0.0.1:8000")
    content = next(i for i in root.iter("item") if "quay-mot-cua-moi" in i.findtext("link")).findtext(
        "content:encoded", namespaces=NS
    )
    assert 'href="http://127.0.0.1:8000/tin/lich-lam-viec-cua-trung-tam-phuc-vu-hanh-chinh-cong/"' in content
    sources = re.findall(r'\bsrc="([^"]*)"', content) + [
        candidate.split()[0] for value in re.findall(r'\bsrcset="([^"]*)"', content) for candidate in value.split(",")
    ]
    assert sources and all(source.startswith("http://127.0.0.1:8000/") for source in sources), sources


def test_feeds_without_an_absolute_address_stop_the_build_with_a_vietnamese_message(tmp_path):
    result, output = build(tmp_path, FEED_SITEURL="")
    assert result.returncode != 0
    assert "LỖI CẤU HÌNH" in result.stderr and "FEED_SITEURL" in result.stderr and "SITEURL" in result.stderr
    assert not (output / "index.html").exists()


def test_feed_paths_and_kind_labels_are_settings(tmp_path):
    result, output = build(tmp_path, FEEDS_PATHS={"kind": "rss/loai-{slug}"}, FEEDS_KIND_LABELS={"tin": "Tin hoạt động"})
    assert result.returncode == 0, result.stderr
    root = tree(output / "rss/loai-tin.atom.xml")
    assert root.findtext(f"{{{ATOM}}}title") == "Cải cách hành chính xã Tân Hòa – Tin hoạt động"
    assert not (output / "feeds/loai").exists()


def test_absolute_html_resolves_every_kind_of_address():
    html = (
        '<a href="/tin/a/">a</a> <a href="#muc-1">b</a> <a href="../b/">c</a> <a href="mailto:x@y.vn">d</a> '
        '<img src="https://cdn.example/x.png" srcset="/images/a-480.jpg 480w, /images/a-960.jpg 960w">'
    )
    result = absolute_html(html, "https://x.gov.vn/cchc/tin/c/", "https://x.gov.vn/cchc")
    assert 'href="https://x.gov.vn/cchc/tin/a/"' in result
    assert 'href="https://x.gov.vn/cchc/tin/c/#muc-1"' in result
    assert 'href="https://x.gov.vn/cchc/tin/b/"' in result
    assert 'href="mailto:x@y.vn"' in result
    assert 'src="https://cdn.example/x.png"' in result
    assert 'srcset="https://x.gov.vn/cchc/images/a-480.jpg 480w, https://x.gov.vn/cchc/images/a-960.jpg 960w"' in result
