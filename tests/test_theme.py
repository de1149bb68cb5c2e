"""The theme on the built sample site: what every page carries, item pages, print, assets, weight."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pelicanconf import PUBLIC_SERVICE_PORTAL, SITE_OWNER, SITENAME
from plugins.content_model.header import parse_header
from tests.sitebuild import SAMPLE_CONTENT

MENU = ["Trang chủ", "Giới thiệu", "Dịch vụ công trực tuyến", "Sơ đồ trang"]
DUBLIN_CORE = ["DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher", "DC.identifier",
               "DC.language", "DC.subject"]
OPEN_GRAPH = ["og:title", "og:description", "og:url", "og:image", "og:type", "og:site_name"]
FINGERPRINTED = re.compile(r"\.[0-9a-f]{10}\.(css|js)$")
BUDGET_BYTES = 60 * 1024


def url_of(site, page: Path) -> str:
    relative = page.relative_to(site.output).as_posix()
    return "/" + relative.removesuffix("index.html")


def source_headers(folder: str) -> dict[str, dict[str, str]]:
    found = {}
    for path in sorted((SAMPLE_CONTENT / folder).glob("*.md")):
        header = parse_header(path.read_text(encoding="utf-8").split("\n"))
        found[path.stem] = {key: field.value for key, field in header.fields.items()}
    return found


def meta(soup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
    return tag["content"] if tag else None


@pytest.fixture(scope="module")
def all_pages(sample_site):
    return [(page, sample_site.html(url_of(sample_site, page))) for page in sample_site.pages()]


def test_every_page_has_header_menu_skip_link_and_footer(all_pages):
    for page, soup in all_pages:
        header = soup.find("header", class_="site-header")
        assert header, page
        emblem = header.find("img", class_="brand__emblem")
        assert emblem and emblem["src"].endswith("/theme/images/quoc-huy.svg"), page
        assert SITE_OWNER["name"] in header.get_text() and SITENAME in header.get_text()
        menu = soup.find("nav", attrs={"aria-label": "Menu chính"})
        labels = [a.get_text(strip=True) for a in menu.find_all("a")]
        assert [label for label in labels if label in MENU] == MENU, page  # others may add entries (Tìm kiếm)
        assert menu.find("a", string="Dịch vụ công trực tuyến")["href"] == PUBLIC_SERVICE_PORTAL
        skip = soup.find("a", class_="skip-link")
        assert skip["href"] == "#noi-dung" and soup.find("main", id="noi-dung"), page
        footer = soup.find("footer", class_="site-footer").get_text(" ", strip=True)
        for key in ("name", "responsible", "address", "phone", "email"):
            assert SITE_OWNER[key] in footer, (page, key)


def test_every_page_but_home_has_breadcrumbs_from_home_to_itself(sample_site, all_pages):
    for page, soup in all_pages:
        crumbs = soup.find("nav", class_="breadcrumbs")
        if url_of(sample_site, page) == "/":
            assert crumbs is None
            continue
        items = crumbs.find_all("li")
        assert items[0].find("a")["href"] == "/" and items[0].get_text(strip=True) == "Trang chủ", page
        assert items[-1].get("aria-current") == "page" and items[-1].get_text(strip=True), page


def test_item_breadcrumbs_go_through_the_listing_of_its_kind(sample_site):
    for kind, label in (("tin", "Tin tức"), ("phe-binh", "Phê bình")):
        page = next((sample_site.output / kind).glob("*/index.html"))
        crumbs = sample_site.html(url_of(sample_site, page)).find("nav", class_="breadcrumbs").find_all("a")
        assert [(a.get_text(strip=True), a["href"]) for a in crumbs] == [("Trang chủ", "/"), (label, f"/{kind}/")]


def test_every_page_has_dublin_core_open_graph_and_canonical(sample_site, all_pages):
    for page, soup in all_pages:
        for name in DUBLIN_CORE + OPEN_GRAPH:
            assert meta(soup, name), (page, name)
        assert meta(soup, "DC.language") == "vi"
        assert meta(soup, "DC.publisher") == SITE_OWNER["name"]
        if page.name == "404.html":
            assert meta(soup, "robots") == "noindex" and not soup.find("link", rel="canonical")
            continue
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == url_of(sample_site, page) == meta(soup, "DC.identifier") == meta(soup, "og:url"), page


def test_item_metadata_names_its_date_unit_area_and_tags(sample_site):
    for slug, fields in source_headers("tin").items():
        if fields.get("status") == "draft":
            continue
        soup = sample_site.html(f"tin/{slug}/")
        assert meta(soup, "DC.title") == fields["title"] == meta(soup, "og:title")
        assert meta(soup, "DC.date") == fields["date"][:10]
        assert meta(soup, "DC.creator") == fields["unit"]
        subjects = meta(soup, "DC.subject").split("; ")
        assert subjects[0] == fields["category"]
        assert set(subjects[1:]) == {t.strip() for t in fields.get("tags", "").split(",") if t.strip()}
        assert meta(soup, "og:type") == "article"
        assert meta(soup, "article:published_time").startswith(fields["date"][:10])
        assert meta(soup, "og:image").endswith((".png", ".jpg", ".jpeg")), "Zalo and Facebook need PNG or JPEG"


def test_story_pages_show_who_was_honoured_and_for_what(sample_site):
    stories = source_headers("dien-hinh")
    assert len(stories) >= 6
    for slug, fields in stories.items():
        facts = sample_site.html(f"dien-hinh/{slug}/").find("section", class_="facts--story")
        text = facts.get_text(" ", strip=True)
        for key in ("honoree", "achievement", "honoreeunit"):
            if key in fields:
                assert fields[key] in text, (slug, key)
        label = "Cá nhân được biểu dương" if fields["honoreetype"] == "cá nhân" else "Tập thể được biểu dương"
        assert facts.find("dt", string=label), slug


def test_criticism_pages_show_who_what_and_the_remedy(sample_site):
    criticisms = source_headers("phe-binh")
    assert len(criticisms) >= 2
    for slug, fields in criticisms.items():
        facts = sample_site.html(f"phe-binh/{slug}/").find("section", class_="facts--criticism")
        pairs = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in facts.find_all("dt")}
        assert pairs["Đối tượng bị phê bình"] == fields["criticized"]
        assert pairs["Hạn chế"] == fields["shortcoming"]
        assert pairs.get("Yêu cầu khắc phục") == fields.get("remedy")


def test_item_page_prints_its_address_and_official_date(sample_site):
    slug = next(iter(source_headers("phe-binh")))
    soup = sample_site.html(f"phe-binh/{slug}/")
    line = soup.find("p", class_="source-line")
    assert line.find("a")["href"] == f"/phe-binh/{slug}/"
    assert re.search(r"Đăng ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}", line.get_text())
    actions = soup.find("div", class_="page-actions")
    assert actions.has_attr("hidden"), "print/share need JavaScript: hidden until the script shows them"
    assert {b.get_text(strip=True) for b in actions.find_all("button")} == {"In trang", "Chia sẻ"}


def test_print_stylesheet_is_a4_and_hides_navigation(sample_site):
    css = stylesheet_text(sample_site, sample_site.html("/"))
    print_rules = css[css.index("@media print"):]
    assert "size: A4" in print_rules
    for hidden in (".site-menu", ".breadcrumbs", ".page-actions"):
        assert hidden in print_rules.split("display: none")[0]


def stylesheet_text(site, soup) -> str:
    return "".join((site.output / link["href"].lstrip("/")).read_text(encoding="utf-8")
                   for link in soup.find_all("link", rel="stylesheet"))


def test_css_and_js_are_fingerprinted_by_content(sample_site, all_pages):
    theme_static = Path(__file__).resolve().parent.parent / "theme" / "static"
    for page, soup in all_pages:
        assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        assets += [script["src"] for script in soup.find_all("script", src=True)]
        assert assets, page
        for href in assets:
            assert FINGERPRINTED.search(href), (page, href)
            published = sample_site.output / href.lstrip("/")
            digest = FINGERPRINTED.search(href).group(0)[1:11]
            source = theme_static / re.sub(r"^/theme/", "", FINGERPRINTED.sub(r".\1", href))
            assert hashlib.sha256(published.read_bytes()).hexdigest()[:10] == digest
            assert published.read_bytes() == source.read_bytes()


def test_an_item_page_with_its_css_and_js_weighs_at_most_60_kb(sample_site):
    pages = [p for kind in ("tin", "dien-hinh", "phe-binh") for p in (sample_site.output / kind).glob("*/index.html")]
    assert len(pages) >= 40
    for page in pages:
        soup = sample_site.html(url_of(sample_site, page))
        assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        assets += [script["src"] for script in soup.find_all("script", src=True)]
        total = page.stat().st_size + sum((sample_site.output / a.lstrip("/")).stat().st_size for a in assets)
        assert total <= BUDGET_BYTES, (page, total)


def test_no_page_loads_anything_from_another_host(all_pages):
    for page, soup in all_pages:
        resources = [tag.get("src") for tag in soup.find_all(["img", "script", "iframe", "source", "audio", "video"])]
        resources += [link.get("href") for link in soup.find_all("link") if set(link.get("rel", [])) & {
            "stylesheet", "icon", "preload", "modulepreload", "manifest"}]
        for url in filter(None, resources):
            assert not urlsplit(url).netloc, (page, url)


def test_css_imports_nothing_and_uses_system_fonts(sample_site):
    css = stylesheet_text(sample_site, sample_site.html("/"))
    assert "@import" not in css and "url(http" not in css
    assert css.count("@font-face") <= 1
    assert "system-ui" in css


def test_no_inline_script_or_style_so_a_strict_content_security_policy_holds(all_pages):
    for page, soup in all_pages:
        assert not soup.find("style"), page
        assert not soup.find(style=True), page
        assert all(script.get("src") for script in soup.find_all("script")), page
        assert not [name for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")], page
