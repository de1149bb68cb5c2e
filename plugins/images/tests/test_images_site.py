"""The images of the built sample site: private, responsive, lazy after the first, thumbnails, cards and feeds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import ExifTags, Image

from tests.sitebuild import PROJECT_ROOT, SAMPLE_CONTENT

PHONE_ITEM = "tin/trung-tam-phuc-vu-hanh-chinh-cong-xa-tan-hoa-chinh-thuc-di-vao-hoat-dong/"
PHONE_SOURCE = SAMPLE_CONTENT / "images/trung-tam-phuc-vu-hanh-chinh-cong.jpg"
CHART_ITEM = "tin/xa-tan-hoa-dat-ty-le-92-ho-so-truc-tuyen-trong-quy-iii/"
DESK_ITEM = "tin/bo-phan-mot-cua-xa-tan-hoa-giai-quyet-dung-han-100-ho-so-trong-thang-4/"
DESK_STORY = "dien-hinh/chi-le-thi-hong-nhung-nu-cuoi-o-quay-mot-cua/"
PLAIN_ITEM = "tin/xa-tan-hoa-cong-khai-du-toan-ngan-sach-nam-2026/"
SECRETS = (b"Exif\x00\x00", b"Samsung", b"Galaxy", b"Huynh", b"Anh chup", b"xmpmeta", b"ns.adobe.com", b"ICC_PROFILE")
DESCRIPTOR = re.compile(r"(\S+) (\d+)([wx])")
NAME = re.compile(r"(?P<stem>[a-z0-9-]+)-(?P<variant>t?\d+|og)\.(?P<key>[0-9a-f]{20})\.(?P<suffix>webp|jpg|png)")


def name_of(url: str) -> re.Match:
    found = NAME.fullmatch(url.rsplit("/", 1)[1])
    assert found, url
    return found


def published_images(site) -> list[Path]:
    return sorted((site.output / "anh").iterdir())


def candidates(srcset: str) -> list[tuple[str, int, str]]:
    return [(url, int(size), unit) for url, size, unit in DESCRIPTOR.findall(srcset)]


def file_of(site, url: str) -> Path:
    return site.output / url.lstrip("/")


def meta(soup, name: str) -> str:
    return soup.find("meta", attrs={"property": name})["content"]


def test_the_sample_has_a_phone_photo_full_of_private_data():
    with Image.open(PHONE_SOURCE) as photo:
        exif = photo.getexif()
        assert exif[0x0112] == 6 and exif[0x010F] == "Samsung" and exif.get_ifd(0x8825)[2]
        assert exif.get_ifd(ExifTags.IFD.IFD1)[0x0201], "an EXIF thumbnail (IFD1)"
        assert {"xmp", "comment", "icc_profile"} <= set(photo.info)


def test_every_published_image_carries_pixels_and_nothing_else(sample_site):
    images = published_images(sample_site)
    assert len(images) > 40
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(image.info), path.name
            image.load()
        raw = path.read_bytes()
        assert not [secret for secret in SECRETS if secret in raw], path.name


def test_originals_are_not_published_but_other_static_files_are(sample_site):
    published_names = {path.name for path in sample_site.output.rglob("*")}
    originals = [path.name for path in (SAMPLE_CONTENT / "images").iterdir() if path.suffix in (".jpg", ".png")]
    assert len(originals) >= 7
    assert not set(originals) & published_names
    assert not (sample_site.output / "images").exists()
    assert list((sample_site.output / "audio").glob("*.mp3")), "content/audio/ is still copied"


def test_lead_picture_is_responsive_upright_sized_and_loaded_first(sample_site):
    figure = sample_site.html(PHONE_ITEM).select_one("article figure.item__image")
    webp = figure.select_one("picture > source[type='image/webp']")
    img = figure.select_one("picture > img")
    assert img.get("loading") is None, "the first image of the page is not lazy"
    assert img["alt"].startswith("Trụ sở Trung tâm Phục vụ hành chính công")
    assert (int(img["width"]), int(img["height"])) == (1600, 1200), "2400×1800 once turned upright, at most 1600 wide"
    assert img["sizes"] == webp["sizes"]
    for srcset, suffix in ((webp["srcset"], ".webp"), (img["srcset"], ".jpg")):
        found = candidates(srcset)
        assert [width for _, width, _ in found] == [480, 960, 1600]
        for url, width, _ in found:
            assert url.startswith("/anh/") and url.endswith(suffix)
            with Image.open(file_of(sample_site, url)) as variant:
                assert variant.width == width and abs(variant.height - width * 3 / 4) <= 1
    assert NAME.fullmatch(img["src"].rsplit("/", 1)[1])["variant"] == "960"


def test_images_in_the_text_are_lazy_and_never_enlarged(sample_site):
    pictures = sample_site.html(DESK_ITEM).select(".prose picture")
    assert len(pictures) == 1
    img = pictures[0].img
    assert img["loading"] == "lazy" and img["decoding"] == "async", "the lead image above it loads first"
    assert candidates(img["srcset"]) == [(img["src"], 420, "w")], "a 420 px diagram is published at 420 px only"
    assert name_of(img["src"])["suffix"] == "png", "a drawing keeps a PNG fallback"
    assert (int(img["width"]), int(img["height"])) == (420, 150)


def test_without_a_lead_the_first_image_of_the_text_loads_first(sample_site):
    soup = sample_site.html(CHART_ITEM)
    assert not soup.select("figure.item__image")
    img = soup.select_one(".prose picture img")
    assert img.get("loading") is None
    assert img["alt"].startswith("Biểu đồ cột: tỷ lệ hồ sơ nộp trực tuyến tháng 7 là 88%")
    card = name_of(meta(soup, "og:image"))
    assert (card["stem"], card["variant"], card["suffix"]) == ("bieu-do-ho-so-truc-tuyen-quy-iii-2025", "og", "jpg"), "made from the first image of the text"


def test_one_photo_used_by_two_items_is_published_once(sample_site):
    lead = sample_site.html(DESK_ITEM).select_one("figure.item__image img")["src"]
    in_story = sample_site.html(DESK_STORY).select_one(".prose picture img")["src"]
    assert lead == in_story


def test_open_graph_card_per_item_and_the_site_default(sample_site):
    soup = sample_site.html(PHONE_ITEM)
    card = meta(soup, "og:image")
    assert (name_of(card)["stem"], name_of(card)["variant"], name_of(card)["suffix"]) == ("trung-tam-phuc-vu-hanh-chinh-cong", "og", "jpg")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt").startswith("Trụ sở Trung tâm")
    with Image.open(file_of(sample_site, card)) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))
    default = meta(sample_site.html(PLAIN_ITEM), "og:image")
    assert (name_of(default)["stem"], name_of(default)["suffix"]) == ("mac-dinh", "png")
    assert meta(sample_site.html(""), "og:image") == default
    with Image.open(file_of(sample_site, default)) as image:
        assert image.size == (1200, 630)
        assert len(image.convert("RGB").crop((600, 100, 1150, 450)).getcolors(100_000)) > 20, "the site's name is drawn"


def test_every_listed_item_has_a_thumbnail_its_own_when_it_has_a_picture(sample_site):
    item_card = sample_site.html(PHONE_ITEM)
    own_key = name_of(meta(item_card, "og:image"))["key"]
    listing_pages = ["tin/"] + [f"tin/{page.parent.name}/" for page in (sample_site.output / "tin").glob("trang-*/index.html")]
    cards = [card for page in listing_pages for card in sample_site.html(page).select("li.item-card")]
    assert len(cards) >= 30
    for card in cards:
        picture = card.select_one("picture.item-card__thumb")
        img = picture.img
        assert img["alt"] == "" and img["loading"] == "lazy" and img["width"] and img["height"]
        assert [unit for _, _, unit in candidates(picture.source["srcset"])] == ["x", "x"]
        for url, _, _ in candidates(img["srcset"]) + candidates(picture.source["srcset"]):
            assert file_of(sample_site, url).is_file()
    own = [card for card in cards if card.a["href"].endswith(PHONE_ITEM)]
    assert own and own_key in own[0].img["src"]
    assert any("item-card__thumb--default" in card.picture["class"] for card in cards)


def test_the_feed_encloses_the_published_picture(sample_site):
    channel = ET.parse(sample_site.output / "feeds/tat-ca.rss.xml").getroot()
    item = next(i for i in channel.iter("item") if i.findtext("link").endswith(PHONE_ITEM))
    enclosure = item.find("enclosure")
    url = enclosure.get("url")
    assert name_of(url)["variant"] == "960" and name_of(url)["suffix"] == "jpg" and enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == (sample_site.output / "anh" / url.rsplit("/", 1)[1]).stat().st_size


def test_sources_of_the_sample_pictures_are_written_down():
    sources = (SAMPLE_CONTENT / "images/SOURCES.md").read_text(encoding="utf-8")
    for path in (SAMPLE_CONTENT / "images").iterdir():
        if path.suffix in (".jpg", ".png"):
            assert path.name in sources
            assert path.stat().st_size <= 1_000_000
    assert "licen" in sources.lower() or "giấy phép" in sources.lower()


def test_published_names_get_the_year_long_caching_of_the_nginx_sample(sample_site):
    config = (PROJECT_ROOT / "deploy/nginx/cchc.conf").read_text(encoding="utf-8")
    immutable = next(
        re.compile(pattern) for pattern, value in re.findall(r'"~([^"]+)"\s+"([^"]+)"', config) if "immutable" in value
    )
    names = [path.name for path in published_images(sample_site)]
    assert names and all(immutable.search(f"/anh/{name}") for name in names)
