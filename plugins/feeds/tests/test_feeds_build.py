"""The feeds of the built sample site: which exist, what they carry, that they are valid and stable."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from plugins.feeds.tests.feedcheck import NS, check_atom, check_rss, parsed, tree
from tests.sitebuild import SAMPLE_CONTENT, run_pelican

BASE = "http://127.0.0.1:8000"
FEEDS_PAGE = "theo-doi-rss/"
AREA_ITEM = "tin/xa-tan-hoa-dat-ty-le-92-ho-so-truc-tuyen-trong-quy-iii/"
AUDIO_ITEMS = {
    "tin/xa-tan-hoa-dat-ty-le-92-ho-so-truc-tuyen-trong-quy-iii/": "audio/ban-tin-92-phan-tram-ho-so-truc-tuyen-quy-iii-2025.mp3",
    "tin/loa-truyen-thanh-ap-phat-chuyen-muc-cai-cach-hanh-chinh-hang-tuan/": "audio/ban-tin-loa-truyen-thanh-ap-chuyen-muc-cchc.mp3",
    "tin/trung-tam-phuc-vu-hanh-chinh-cong-xa-tan-hoa-tiep-nhan-1248-ho-so-trong-thang-01/": "audio/ban-tin-1248-ho-so-thang-01-2026.mp3",
}


FEED_MAX_ITEMS = 50


def all_item_links(site) -> set[str]:
    """Every item in some kind's feed (each kind has fewer items than FEED_MAX_ITEMS in the sample)."""
    return {link for path in (site.output / "feeds/loai").glob("*.rss.xml") for link in links_of(tree(path))}


def feed_files(output: Path) -> list[str]:
    return sorted(str(path.relative_to(output)) for path in (output / "feeds").rglob("*.xml"))


def items_of(root) -> list:
    return root.find("channel").findall("item")


def links_of(root) -> list[str]:
    return [item.findtext("link") for item in items_of(root)]


def test_feeds_for_all_items_each_kind_area_and_unit_and_the_podcast(sample_site):
    files = set(feed_files(sample_site.output))
    for expected in [
        "feeds/tat-ca.rss.xml", "feeds/tat-ca.atom.xml",
        "feeds/loai/tin.rss.xml", "feeds/loai/dien-hinh.atom.xml", "feeds/loai/phe-binh.rss.xml",
        "feeds/loai/thu-tuc.rss.xml", "feeds/loai/thu-tuc.atom.xml",
        "feeds/linh-vuc/the-che.rss.xml", "feeds/linh-vuc/chinh-quyen-so.atom.xml",
        "feeds/don-vi/van-phong.rss.xml", "feeds/don-vi/trung-tam-phuc-vu-hanh-chinh-cong.atom.xml",
        "feeds/podcast.rss.xml",
    ]:
        assert expected in files
    rss = {f.removesuffix(".rss.xml") for f in files if f.endswith(".rss.xml")}
    atom = {f.removesuffix(".atom.xml") for f in files if f.endswith(".atom.xml")}
    assert rss - atom == {"feeds/podcast"} and not atom - rss, "every feed but the podcast comes in both formats"


def test_every_feed_is_valid(sample_site):
    for relative in feed_files(sample_site.output):
        path = sample_site.output / relative
        result = parsed(path)
        assert result.entries, relative
        if relative.endswith(".rss.xml"):
            assert result.version == "rss20"
            check_rss(path, f"{BASE}/{relative}", BASE)
        else:
            assert result.version == "atom10"
            check_atom(path, f"{BASE}/{relative}", BASE)


def test_item_carries_title_link_date_unit_categories_summary_and_full_text(sample_site):
    root = tree(sample_site.output / "feeds/tat-ca.rss.xml")
    item = next(i for i in items_of(root) if i.findtext("link") == f"{BASE}/{AREA_ITEM}")
    assert item.findtext("title") == "Xã Tân Hòa đạt tỷ lệ 92% hồ sơ trực tuyến trong quý III"
    assert item.findtext("guid") == f"{BASE}/{AREA_ITEM}"
    assert item.findtext("pubDate") == "Wed, 08 Oct 2025 09:30:00 +0700"
    assert item.findtext("dc:creator", namespaces=NS) == "Trung tâm Phục vụ hành chính công"
    categories = {c.text: c.get("domain") for c in item.findall("category")}
    assert categories["Xây dựng và phát triển chính quyền điện tử, chính quyền số"] == (
        f"{BASE}/linh-vuc/xay-dung-va-phat-trien-chinh-quyen-dien-tu-chinh-quyen-so/"
    )
    assert categories["chuyển đổi số"] == f"{BASE}/the/chuyen-doi-so/"
    assert "3.486 hồ sơ, trong đó 92% được nộp trực tuyến" in item.findtext("description")
    assert "Nhiệm vụ quý IV" in item.findtext("content:encoded", namespaces=NS)

    atom = tree(sample_site.output / "feeds/tat-ca.atom.xml")
    entry = next(e for e in atom.findall("atom:entry", NS) if e.findtext("atom:id", namespaces=NS) == f"{BASE}/{AREA_ITEM}")
    assert entry.findtext("atom:author/atom:name", namespaces=NS) == "Trung tâm Phục vụ hành chính công"
    assert entry.findtext("atom:published", namespaces=NS) == "2025-10-08T09:30:00+07:00"
    assert entry.find("atom:content", NS).get("type") == "html"


def test_all_items_feed_is_newest_first_and_limited(sample_site):
    root = tree(sample_site.output / "feeds/tat-ca.rss.xml")
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items_of(root)]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == min(FEED_MAX_ITEMS, len(all_item_links(sample_site))), "FEED_MAX_ITEMS limits each feed"


@pytest.mark.parametrize(
    ("feed", "pattern"),
    [
        ("feeds/loai/tin.rss.xml", rf"^{BASE}/tin/"),
        ("feeds/loai/dien-hinh.rss.xml", rf"^{BASE}/dien-hinh/"),
        ("feeds/loai/phe-binh.rss.xml", rf"^{BASE}/phe-binh/"),
        ("feeds/loai/thu-tuc.rss.xml", rf"^{BASE}/thu-tuc/"),
    ],
)
def test_kind_feeds_hold_only_their_kind(sample_site, feed, pattern):
    links = links_of(tree(sample_site.output / feed))
    assert links and all(re.match(pattern, link) for link in links)


def test_area_and_unit_feeds_hold_only_their_area_and_unit(sample_site):
    area = tree(sample_site.output / "feeds/linh-vuc/the-che.rss.xml")
    assert all(
        "Cải cách thể chế" in [c.text for c in item.findall("category")] for item in items_of(area)
    )
    unit = tree(sample_site.output / "feeds/don-vi/phong-kinh-te.rss.xml")
    assert {item.findtext("dc:creator", namespaces=NS) for item in items_of(unit)} == {"Phòng Kinh tế"}
    by_unit = [links_of(tree(path)) for path in (sample_site.output / "feeds/don-vi").glob("*.rss.xml")]
    assert sum(len(links) for links in by_unit) == len(all_item_links(sample_site)), "each item in one unit's feed"


def test_procedures_feed_is_ordered_by_last_change(sample_site):
    root = tree(sample_site.output / "feeds/loai/thu-tuc.atom.xml")
    updated = [e.findtext("atom:updated", namespaces=NS) for e in root.findall("atom:entry", NS)]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext("atom:title", namespaces=NS).endswith("Thủ tục hành chính mới và sửa đổi")


def test_podcast_has_the_recordings_as_enclosures(sample_site):
    path = sample_site.output / "feeds/podcast.rss.xml"
    root = check_rss(path, f"{BASE}/feeds/podcast.rss.xml", BASE)
    items = items_of(root)
    assert {item.findtext("link") for item in items} == {f"{BASE}/{page}" for page in AUDIO_ITEMS}
    for item in items:
        audio = AUDIO_ITEMS[item.findtext("link").removeprefix(BASE + "/")]
        enclosure = item.find("enclosure")
        assert enclosure.get("url") == f"{BASE}/{audio}"
        assert enclosure.get("type") == "audio/mpeg"
        assert int(enclosure.get("length")) == (SAMPLE_CONTENT / audio).stat().st_size
        assert re.fullmatch(r"\d{2}:\d{2}", item.findtext("itunes:duration", namespaces=NS))
    channel = root.find("channel")
    assert channel.find("itunes:image", NS).get("href") == f"{BASE}/feeds/quoc-huy-1400.png"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "no"
    assert parsed(path).entries[0].enclosures[0].type == "audio/mpeg"


def test_every_enclosure_is_a_published_file_of_the_declared_length(sample_site):
    enclosures = [
        enclosure
        for relative in feed_files(sample_site.output)
        if relative.endswith(".rss.xml")
        for enclosure in tree(sample_site.output / relative).iter("enclosure")
    ]
    assert enclosures, "the sample's recordings (and pictures, when items have them) are enclosures"
    for enclosure in enclosures:
        published = sample_site.output / enclosure.get("url").removeprefix(BASE + "/")
        assert published.is_file(), enclosure.get("url")
        assert int(enclosure.get("length")) == published.stat().st_size, enclosure.get("url")
        assert enclosure.get("type").split("/")[0] in ("audio", "image")


def test_channel_images_are_published(sample_site):
    from PIL import Image

    for name, size in (("quoc-huy-144.png", 144), ("quoc-huy-1400.png", 1400)):
        with Image.open(sample_site.output / "feeds" / name) as image:
            assert image.size == (size, size)


def alternates(site, url: str) -> list[str]:
    head = site.html(url).head
    return [link["href"] for link in head.find_all("link", rel="alternate")]


@pytest.mark.parametrize(
    ("page", "own"),
    [
        ("", []),
        ("linh-vuc/cai-cach-the-che/", ["/feeds/linh-vuc/the-che.rss.xml", "/feeds/linh-vuc/the-che.atom.xml"]),
        ("tin/", ["/feeds/loai/tin.rss.xml", "/feeds/loai/tin.atom.xml"]),
        ("tin/trang-2/", ["/feeds/loai/tin.rss.xml", "/feeds/loai/tin.atom.xml"]),
        ("thu-tuc/", ["/feeds/loai/thu-tuc.rss.xml", "/feeds/loai/thu-tuc.atom.xml"]),
        ("don-vi/phong-kinh-te/", ["/feeds/don-vi/phong-kinh-te.rss.xml", "/feeds/don-vi/phong-kinh-te.atom.xml"]),
        (AREA_ITEM, ["/feeds/podcast.rss.xml"]),
        ("tin/xa-tan-hoa-cong-khai-du-toan-ngan-sach-nam-2026/", []),
        ("gioi-thieu/", []),
    ],
)
def test_autodiscovery_links_in_every_head(sample_site, page, own):
    assert alternates(sample_site, page) == ["/feeds/tat-ca.rss.xml", "/feeds/tat-ca.atom.xml", *own]


def test_every_autodiscovery_link_names_its_type_and_title(sample_site):
    for link in sample_site.html("linh-vuc/cai-cach-the-che/").head.find_all("link", rel="alternate"):
        assert link["type"] in ("application/rss+xml", "application/atom+xml")
        assert link["title"].startswith("Cải cách hành chính xã Tân Hòa – ")
        assert (sample_site.output / link["href"].lstrip("/")).is_file()


def test_feeds_page_lists_every_feed(sample_site):
    page = sample_site.html(FEEDS_PAGE)
    assert page.h1.get_text() == "Theo dõi qua RSS"
    listed = sorted(a["href"].lstrip("/") for a in page.select("main a[href$='.xml']"))
    assert listed == feed_files(sample_site.output)
    shown = {a.get_text() for a in page.select("main a[href$='.xml']")}
    assert f"{BASE}/feeds/tat-ca.rss.xml" in shown, "people copy the full address"
    headings = [h2.get_text() for h2 in page.select("main h2")]
    assert headings == [
        "Tất cả tin, bài", "Theo loại tin, bài", "Theo lĩnh vực cải cách", "Theo đơn vị đăng tin",
        "Bản tin phát thanh (podcast)",
    ]
    assert len(alternates(sample_site, FEEDS_PAGE)) == len(feed_files(sample_site.output))


def test_feeds_page_is_in_the_sitemap(sample_site):
    assert sample_site.html("so-do-trang/").find("a", href="/theo-doi-rss/")
    assert "theo-doi-rss/</loc>" in (sample_site.output / "sitemap.xml").read_text(encoding="utf-8")


def test_rebuild_without_changes_writes_identical_feeds_and_scripts(sample_site, tmp_path):
    again = tmp_path / "again"
    process = run_pelican(SAMPLE_CONTENT, again, env={"TZ": "America/New_York"})
    assert process.returncode == 0, process.stderr
    names = feed_files(sample_site.output) + [
        str(p.relative_to(sample_site.output)) for p in sample_site.output.rglob("radio.txt")
    ]
    assert feed_files(again) == feed_files(sample_site.output)
    changed = [name for name in names if (again / name).read_bytes() != (sample_site.output / name).read_bytes()]
    assert not changed
