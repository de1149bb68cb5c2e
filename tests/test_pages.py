"""The listing and navigation pages: kinds, units, areas, tags, archives, sitemaps, robots.txt, 404, SITEURL prefix."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from pelicanconf import SITE_OWNER, UNITS
from plugins.content_model.header import parse_header
from plugins.content_model.validate import parse_item_date
from plugins.vntext.text import vn_sort_key
from tests.sitebuild import SAMPLE_CONTENT, run_pelican, write_content

PREFIX = "https://xa-mau.example.gov.vn/cchc"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def published_headers(folder: str) -> dict[str, dict[str, str]]:
    found = {}
    for path in sorted((SAMPLE_CONTENT / folder).glob("*.md")):
        fields = {k: f.value for k, f in parse_header(path.read_text(encoding="utf-8").split("\n")).fields.items()}
        if fields.get("status", "published") == "published":
            found[path.stem] = fields
    return found


def listed_items(site, url: str) -> list[str]:
    """Item addresses listed on a paginated listing, following its «Trang sau» links."""
    found = []
    while url:
        soup = site.html(url)
        found += [a["href"] for a in soup.select(".item-list .item-card__title a")]
        next_link = soup.find("a", rel="next")
        url = next_link["href"] if next_link else None
    return found


def texts(soup, selector: str) -> list[str]:
    return [node.get_text(strip=True) for node in soup.select(selector)]


@pytest.mark.parametrize("kind", ["tin", "dien-hinh", "phe-binh"])
def test_each_kind_has_its_own_listing_with_all_its_items_newest_first(sample_site, kind):
    expected = {f"/{kind}/{p.parent.name}/" for p in (sample_site.output / kind).glob("*/index.html")
                if not p.parent.name.startswith("trang-")}
    listed = listed_items(sample_site, f"{kind}/")
    assert listed and set(listed) == expected and len(listed) == len(expected)
    dates = [sample_site.html(url).find("time")["datetime"] for url in listed]
    assert dates == sorted(dates, reverse=True)


def test_story_and_criticism_listings_show_honoree_and_criticized(sample_site):
    stories = sample_site.html("dien-hinh/")
    honorees = texts(stories, ".item-card__honoree")
    assert len(honorees) == len(published_headers("dien-hinh"))
    assert all(h.startswith("Biểu dương:") for h in honorees)
    criticized = texts(sample_site.html("phe-binh/"), ".item-card__criticized")
    assert {c.removeprefix("Phê bình:") for c in criticized} == {f["criticized"] for f in published_headers("phe-binh").values()}


def test_listing_pages_are_paginated_with_distinct_titles(sample_site):
    first, second = sample_site.html("tin/"), sample_site.html("tin/trang-2/")
    assert first.title.string != second.title.string and "trang 2" in second.title.string
    assert first.find("a", rel="next")["href"] == "/tin/trang-2/"
    assert second.find("a", rel="prev")["href"] == "/tin/"


def test_units_index_in_vietnamese_order_and_unit_pages_list_their_items(sample_site):
    index = sample_site.html("don-vi/")
    names = texts(index, ".link-list a")
    assert names == sorted(UNITS.values(), key=vn_sort_key)
    counts = Counter(f["unit"] for folder in ("tin", "dien-hinh", "phe-binh") for f in published_headers(folder).values())
    for slug, name in UNITS.items():
        page = sample_site.html(f"don-vi/{slug}/")
        assert page.h1.get_text(strip=True) == name
        assert len(listed_items(sample_site, f"don-vi/{slug}/")) == counts[name]


def test_areas_and_tags_are_in_vietnamese_order(sample_site):
    areas = texts(sample_site.html("linh-vuc/"), ".link-list a")
    assert len(areas) == 6 and areas == sorted(areas, key=vn_sort_key)
    tags = [a.contents[0].strip() for a in sample_site.html("the/").select(".tag-cloud a")]
    assert len(tags) > 5 and tags == sorted(tags, key=vn_sort_key)
    assert areas != sorted(areas), "the sample should show why code-point order is wrong"


def test_area_page_lists_only_its_area(sample_site):
    soup = sample_site.html("linh-vuc/")
    link = soup.select_one(".link-list a")
    area = link.get_text(strip=True)
    for url in listed_items(sample_site, link["href"]):
        assert sample_site.html(url).find("meta", property="article:section")["content"] == area


def test_archives_index_counts_every_month(sample_site):
    dated = Counter()
    for folder in ("tin", "dien-hinh", "phe-binh", "thu-tuc"):
        for fields in published_headers(folder).values():
            moment = parse_item_date(fields["date"], "Asia/Ho_Chi_Minh")
            dated[(moment.year, moment.month)] += 1
    soup = sample_site.html("luu-tru/")
    shown = {}
    for link in soup.select(".archive-year .link-list a"):
        year, month = re.search(r"/luu-tru/(\d{4})/(\d{2})/", link["href"]).groups()
        shown[(int(year), int(month))] = int(link.find_next_sibling("span").get_text(strip=" ()").strip("()"))
    assert shown == dict(dated)
    year, month = max(dated)
    assert len(listed_items(sample_site, f"luu-tru/{year}/{month:02d}/")) == dated[(year, month)]
    year_page = sample_site.html(f"luu-tru/{year}/")
    assert f"/luu-tru/{year}/{month:02d}/" in [a["href"] for a in year_page.select(".archive-months a")]


def test_sitemap_page_lists_every_section_and_page(sample_site):
    soup = sample_site.html("so-do-trang/")
    hrefs = {a["href"] for a in soup.select("main a")}
    for url in ("/", "/tin/", "/dien-hinh/", "/phe-binh/", "/linh-vuc/", "/don-vi/", "/luu-tru/", "/the/",
                "/gioi-thieu/", "/lien-he/"):
        assert url in hrefs, url
    assert {f"/don-vi/{slug}/" for slug in UNITS} <= hrefs


def sitemap_locations(output: Path) -> dict[str, str | None]:
    root = ET.parse(output / "sitemap.xml").getroot()
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_xml_lists_every_page_once_and_each_exists(sample_site):
    locations = sitemap_locations(sample_site.output)
    pages = {
        "/" + p.relative_to(sample_site.output).as_posix().removesuffix("index.html")
        for p in sample_site.pages()
        if p.name == "index.html" and "/trang-" not in p.as_posix()
    }
    assert set(locations) == pages
    for stem, fields in published_headers("tin").items():
        assert locations[f"/tin/{stem}/"].startswith(fields["date"][:10])


def test_robots_txt_allows_all_and_404_page_exists(sample_site):
    robots = (sample_site.output / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("User-agent: *\nAllow: /")
    assert "Sitemap:" not in robots, "no absolute address in development: no Sitemap line"
    not_found = sample_site.html("404.html")
    assert not_found.h1.get_text(strip=True) == "Không tìm thấy trang"
    assert {a["href"] for a in not_found.select("main a")} >= {"/", "/so-do-trang/"}


@pytest.fixture(scope="module")
def prefixed_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("prefixed")
    # Typed with a trailing slash, as an IT person may: links must not get a double slash.
    result = run_pelican(SAMPLE_CONTENT, output, extra_settings={"SITEURL": PREFIX + "/"})
    assert result.returncode == 0, result.stderr
    return output


def test_with_a_path_prefix_every_link_and_asset_resolves_under_it(prefixed_site):
    allowed_elsewhere = ("mailto:", "tel:", "#")
    checked = 0
    for page in prefixed_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        urls = [tag.get("href") for tag in soup.find_all(["a", "link"])] + [tag.get("src") for tag in soup.find_all(src=True)]
        urls += [tag["content"] for tag in soup.find_all("meta") if tag.get("content", "").startswith(("http", "/"))]
        for url in filter(None, urls):
            if url.startswith(allowed_elsewhere):
                continue
            host = urlsplit(url).netloc
            assert host, f"{page}: {url} is not absolute under {PREFIX}"
            if host != urlsplit(PREFIX).netloc:
                continue  # a link to another site (the public-service portal)
            assert url.startswith(PREFIX + "/") and "//" not in urlsplit(url).path, f"{page}: {url}"
            target = prefixed_site / urlsplit(url).path.removeprefix(urlsplit(PREFIX).path).lstrip("/")
            assert target.exists() or (target / "index.html").exists(), f"{page}: {url} does not resolve"
            checked += 1
    assert checked > 1000


def test_with_a_path_prefix_sitemap_and_robots_are_absolute(prefixed_site):
    locations = sitemap_locations(prefixed_site)
    assert locations and all(loc.startswith(PREFIX + "/") for loc in locations)
    robots = (prefixed_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PREFIX}/sitemap.xml" in robots


ITEM = """Title: {title}
Date: {date}
Category: Cải cách thể chế
Unit: Phòng Kinh tế
Summary: Tóm tắt {title}.

Nội dung.
"""

STORY = """Title: Tổ một cửa tận tình
Date: 2026-01-05 08:00 +07:00
Category: Cải cách thủ tục hành chính
Unit: Trung tâm Phục vụ hành chính công
Honoree: Tổ một cửa
HonoreeType: tập thể
Achievement: Trả kết quả đúng hạn 100%.

Nội dung.
"""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    files = {f"tin/tin-{n}.md": ITEM.format(title=f"Tin số {n}", date=f"2025-12-{10 + n:02d} 09:00 +07:00")
             for n in range(1, 13)}
    files["tin/giao-thua.md"] = ITEM.format(title="Tin đêm giao thừa", date="2025-12-31 23:30 +07:00")
    files["tin/dau-nam.md"] = ITEM.format(title="Tin đầu năm", date="2026-01-01 00:30 +07:00")
    files["dien-hinh/to-mot-cua.md"] = STORY
    files["images/logo-xa.svg"] = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>'
    content = write_content(root / "content", files)
    output = root / "output"
    sections = [{"url": "thu-tuc/", "title": "Thủ tục hành chính", "description": "Tra cứu thủ tục.", "on_home": True}]
    owner = {**SITE_OWNER, "emblem": "images/logo-xa.svg"}
    result = run_pelican(content, output, extra_settings={"SITEMAP_SECTIONS": sections, "SITE_OWNER": owner},
                         quiet=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return output, result


def read(output: Path, url: str) -> BeautifulSoup:
    path = output / url.strip("/") / "index.html" if not url.endswith(".html") else output / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_sections_other_plugins_register_appear_in_sitemap_page_xml_and_home(small_site):
    output, _ = small_site
    sitemap = read(output, "so-do-trang/")
    assert sitemap.find("a", href="/thu-tuc/", string="Thủ tục hành chính")
    assert "/thu-tuc/" in sitemap_locations(output)
    home = read(output, "/")
    entry = home.select_one(".entry-points a[href='/thu-tuc/']")
    assert entry and entry.get_text(strip=True) == "Thủ tục hành chính"


def test_site_own_emblem_from_content_is_used(small_site):
    output, _ = small_site
    emblem = read(output, "/").find("img", class_="brand__emblem")
    assert emblem["src"] == "/images/logo-xa.svg" and (output / "images" / "logo-xa.svg").is_file()


def test_without_an_about_page_the_menu_leaves_it_out_and_says_why(small_site):
    output, result = small_site
    menu = [a.get_text(strip=True) for a in read(output, "/").select(".site-menu a")]
    assert menu == ["Trang chủ", "Dịch vụ công trực tuyến", "Sơ đồ trang"]
    assert "Chưa có trang Giới thiệu" in result.stdout + result.stderr


def test_archive_months_follow_the_site_timezone(small_site):
    output, _ = small_site
    january = [a.get_text(strip=True) for a in read(output, "luu-tru/2026/01/").select(".item-card__title a")]
    assert january == ["Tổ một cửa tận tình", "Tin đầu năm"]
    assert "Tin đêm giao thừa" in read(output, "luu-tru/2025/12/").get_text()


def test_missing_emblem_file_fails_the_build_naming_the_file(tmp_path):
    content = write_content(tmp_path / "content", {"tin/mot.md": ITEM.format(title="Một", date="2025-12-01 09:00 +07:00")})
    owner = {**SITE_OWNER, "emblem": "images/khong-co.png"}
    result = run_pelican(content, tmp_path / "out", extra_settings={"SITE_OWNER": owner})
    assert result.returncode == 2
    assert "images/khong-co.png" in result.stderr and "SITE_OWNER['emblem']" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()

