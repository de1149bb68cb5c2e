"""The procedure pages of the built sample site: index, filters, detail pages, posting sheets, booklets, open data."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import segno

from plugins.procedures.opendata import LABELS
from plugins.vntext.text import vn_sort_key
from tests.sitebuild import PROJECT_ROOT, SAMPLE_CONTENT

SAMPLE_PROCEDURES = sorted((SAMPLE_CONTENT / "thu-tuc").glob("*.md"))


def header_of(path: Path) -> dict[str, str]:
    header = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            break
        key, _, value = line.partition(":")
        header[key.strip().lower()] = value.strip()
    return header


SAMPLE_HEADERS = {header["slug"]: header for header in map(header_of, SAMPLE_PROCEDURES)}


def listing(soup):
    """(field heading, count in heading, [(title, data-cap, data-truc-tuyen)]) per field section."""
    sections = []
    for section in soup.select(".tt-field"):
        count = int(re.search(r"\((\d+) thủ tục\)", section.h2.get_text()).group(1))
        name = section.h2.find(string=True, recursive=False).strip()
        items = [(li.a.get_text(strip=True), li["data-cap"].split(), li["data-truc-tuyen"]) for li in section.select(".tt-list__item")]
        sections.append((name, count, items))
    return sections


def test_sample_has_at_least_12_commune_procedures_in_5_fields():
    fields = {header["field"] for header in SAMPLE_HEADERS.values()}
    commune = [header for header in SAMPLE_HEADERS.values() if "xã" in header["level"].lower()]
    assert len(commune) >= 12 and len(fields) >= 5


def test_index_groups_every_procedure_by_field_in_vietnamese_order_with_counts(sample_site):
    sections = listing(sample_site.html("thu-tuc/"))
    names = [name for name, _, _ in sections]
    assert names == sorted(names, key=vn_sort_key)
    assert names.index("Đất đai") < names.index("Hộ tịch") < names.index("Thành lập và hoạt động của hộ kinh doanh")
    for name, count, items in sections:
        assert count == len(items), name
        titles = [title for title, _, _ in items]
        assert titles == sorted(titles, key=vn_sort_key), name
    expected = {header["field"] for header in SAMPLE_HEADERS.values()}
    assert set(names) == expected
    assert sum(count for _, count, _ in sections) == len(SAMPLE_HEADERS)


@pytest.mark.parametrize(
    ("url", "attribute", "value"),
    [("thu-tuc/cap-xa/", 1, "cap-xa"), ("thu-tuc/cap-tinh/", 1, "cap-tinh"), ("thu-tuc/toan-trinh/", 2, "toan-trinh"),
     ("thu-tuc/mot-phan/", 2, "mot-phan"), ("thu-tuc/chua-truc-tuyen/", 2, "chua-truc-tuyen")],
)
def test_prebuilt_filter_pages_hold_exactly_their_procedures(sample_site, url, attribute, value):
    everything = [item for _, _, items in listing(sample_site.html("thu-tuc/")) for item in items]
    expected = sorted(item[0] for item in everything if (value in item[1] if attribute == 1 else item[2] == value))
    soup = sample_site.html(url)
    shown = sorted(item[0] for _, _, items in listing(soup) for item in items)
    assert shown == expected and shown
    current = soup.select_one('.tt-filters a[aria-current="page"]')
    assert current["href"] == f"/{url}" and f"({len(expected)})" in current.get_text()


def test_old_level_4_is_listed_as_end_to_end_online(sample_site):
    assert SAMPLE_HEADERS["dang-ky-khai-tu"]["online"] == "Mức độ 4"
    titles = [title for _, _, items in listing(sample_site.html("thu-tuc/toan-trinh/")) for title, _, _ in items]
    assert "Đăng ký khai tử" in titles


def test_filters_work_without_javascript_and_instant_filter_is_only_an_addition(sample_site):
    soup = sample_site.html("thu-tuc/")
    links = {a["href"] for a in soup.select(".tt-filters a")}
    assert {"/thu-tuc/cap-xa/", "/thu-tuc/cap-tinh/", "/thu-tuc/toan-trinh/", "/thu-tuc/mot-phan/"} <= links
    assert soup.select_one("form.tt-instant").has_attr("hidden")
    script = soup.find("script", src=re.compile(r"procedures/loc-thu-tuc.*\.js"))
    assert script is not None and script.has_attr("defer")
    assert not script["src"].startswith(("http:", "https:", "//"))


def test_procedure_page_is_laid_out_for_a_citizen(sample_site):
    soup = sample_site.html("thu-tuc/dang-ky-khai-sinh/")
    page = soup.select_one("article.tt-procedure")
    assert page.h1.get_text(strip=True) == "Đăng ký khai sinh"
    facts = {div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in page.select(".tt-summary .tt-fact")}
    assert facts["Thời hạn giải quyết"].startswith("Ngay trong ngày tiếp nhận hồ sơ")
    assert facts["Phí, lệ phí"].startswith("Miễn lệ phí")
    assert "tt-fact--noi-bat" in page.select_one(".tt-summary .tt-fact")["class"]
    steps = page.select(".tt-steps ol > li")
    assert len(steps) == 4 and steps[0].get_text().startswith("Người có yêu cầu nộp hồ sơ")
    checklist = page.select(".tt-checklist li")
    assert len(checklist) == 6
    for item in checklist:
        box = item.select_one("input[type=checkbox]")
        assert item.select_one(f'label[for="{box["id"]}"]') is not None
        assert item.select_one(".tt-doc__copies").get_text().startswith("Số lượng: ")
    assert page.select_one(".tt-doc__form").get_text().startswith("Mẫu: Tờ khai đăng ký khai sinh")
    assert [h3.get_text() for h3 in page.select("#thanh-phan-ho-so ~ h3")] == ["Giấy tờ phải nộp", "Giấy tờ phải xuất trình"]
    updated = page.select_one(".tt-meta time")
    assert updated.get_text() == "16/03/2026" and updated["datetime"] == "2026-03-16T09:00:00+07:00"


def test_online_button_goes_to_the_national_portal_with_the_code(sample_site):
    button = sample_site.html("thu-tuc/dang-ky-khai-sinh/").select_one("a.tt-portal__button")
    assert button["href"] == "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=1.001193"
    assert "Cổng Dịch vụ công quốc gia" in button.get_text()


def test_procedure_without_online_service_says_where_to_go_instead(sample_site):
    soup = sample_site.html("thu-tuc/chung-thuc-chu-ky/")
    assert soup.select_one("a.tt-portal__button") is None
    assert "chưa có dịch vụ công trực tuyến" in soup.select_one(".tt-portal--none").get_text()


def test_procedures_default_to_the_procedure_reform_area(sample_site):
    assert "Category" not in (SAMPLE_CONTENT / "thu-tuc" / "dang-ky-khai-sinh.md").read_text(encoding="utf-8")
    area = sample_site.html("linh-vuc/cai-cach-thu-tuc-hanh-chinh/")
    area_pages = [sample_site.html(f"linh-vuc/cai-cach-thu-tuc-hanh-chinh/trang-{n}/") for n in range(2, 6)
                  if sample_site.path(f"linh-vuc/cai-cach-thu-tuc-hanh-chinh/trang-{n}/").exists()]
    links = {a["href"] for soup in [area, *area_pages] for a in soup.find_all("a", href=True)}
    assert "/thu-tuc/dang-ky-khai-sinh/" in links


def qr_path_data(svg_html: str) -> str:
    path = re.search(r'<path[^>]*class="qrline"[^>]*>', svg_html).group(0)
    return re.search(r'\sd="([^"]+)"', path).group(1)


def test_every_procedure_has_a_posting_sheet_with_a_qr_code_to_its_page(sample_site):
    for slug in SAMPLE_HEADERS:
        soup = sample_site.html(f"thu-tuc/{slug}/niem-yet/")
        sheet = soup.select_one("article.tt-sheet")
        assert sheet.select_one(".tt-sheet__title").get_text(strip=True) == SAMPLE_HEADERS[slug]["title"]
        expected_url = f"/thu-tuc/{slug}/"  # the development build has a relative SITEURL
        assert sheet.select_one(".tt-qr__url").get_text() == expected_url
        expected_svg = segno.make(expected_url, error="m", micro=False).svg_inline(scale=4, border=2, omitsize=True)
        assert qr_path_data(str(sheet.select_one(".tt-qr svg"))) == qr_path_data(expected_svg)
        assert sheet.select(".tt-checklist li") and sheet.select(".tt-steps ol > li")
    assert "Bản xem thử" in sample_site.html("thu-tuc/dang-ky-khai-sinh/niem-yet/").select_one(".tt-preview-note").get_text()


def test_posting_sheet_stylesheet_prints_on_a4(sample_site):
    soup = sample_site.html("thu-tuc/dang-ky-khai-sinh/niem-yet/")
    link = soup.find("link", href=re.compile(r"procedures/thu-tuc.*\.css"))
    css = (sample_site.output / link["href"].lstrip("/")).read_text(encoding="utf-8")
    assert re.search(r"@media print\s*{\s*@page\s*{\s*size:\s*A4", css)


def test_booklet_of_a_field_holds_every_procedure_of_the_field_in_full(sample_site):
    soup = sample_site.html("thu-tuc/linh-vuc/ho-tich/")
    assert soup.h1.get_text(strip=True) == "Thủ tục hành chính lĩnh vực Hộ tịch"
    expected = sorted((h["title"] for h in SAMPLE_HEADERS.values() if h["field"] == "Hộ tịch"), key=vn_sort_key)
    toc = soup.select(".tt-booklet__toc li a")
    assert [a.get_text() for a in toc] == expected
    for link in toc:
        section = soup.select_one(link["href"])
        assert section is not None and "tt-booklet__procedure" in section["class"]
        assert section.select(".tt-checklist li") and section.select(".tt-steps ol > li") and section.select_one(".tt-qr svg")
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "checkbox ids must be unique across the booklet"


def test_index_links_every_field_to_its_booklet(sample_site):
    soup = sample_site.html("thu-tuc/")
    for section in soup.select(".tt-field"):
        booklet = section.select_one(".tt-field__booklet a")["href"]
        assert sample_site.path(booklet).exists(), booklet


def test_open_data_json_has_every_procedure_with_the_documented_keys(sample_site):
    records = json.loads((sample_site.output / "thu-tuc/du-lieu/thu-tuc.json").read_text(encoding="utf-8"))
    assert len(records) == len(SAMPLE_HEADERS)
    assert all(tuple(record) == LABELS for record in records)
    birth = next(record for record in records if record["Mã thủ tục"] == "1.001193")
    assert birth["Mức độ dịch vụ công trực tuyến"] == "Toàn trình"
    assert birth["Ngày cập nhật"] == "2026-03-16"
    assert birth["Đường dẫn"] == "/thu-tuc/dang-ky-khai-sinh/"
    assert birth["Trình tự thực hiện"].startswith("1. Người có yêu cầu")
    assert len(birth["Thành phần hồ sơ"]) == 6
    assert birth["Thành phần hồ sơ"][0] == {
        "Trường hợp": "Giấy tờ phải nộp",
        "Tên giấy tờ": "Tờ khai đăng ký khai sinh",
        "Mẫu đơn, tờ khai": "Tờ khai đăng ký khai sinh (ban hành kèm Thông tư số 04/2020/TT-BTP)",
        "Số lượng": "01 bản chính",
    }


def test_open_data_csv_opens_in_excel_and_matches_the_json(sample_site):
    raw = (sample_site.output / "thu-tuc/du-lieu/thu-tuc.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == LABELS and len(rows) == len(SAMPLE_HEADERS)
    birth = next(row for row in rows if row["Mã thủ tục"] == "1.001193")
    lines = birth["Thành phần hồ sơ"].split("\n")
    assert lines[0] == "### Giấy tờ phải nộp"
    assert lines[1] == "Tờ khai đăng ký khai sinh | Tờ khai đăng ký khai sinh (ban hành kèm Thông tư số 04/2020/TT-BTP) | 01 bản chính"


def test_open_data_schema_is_documented_on_the_site_and_in_docs(sample_site):
    table = sample_site.html("thu-tuc/du-lieu/").select(".tt-data__schema tbody th")
    assert tuple(cell.get_text() for cell in table) == LABELS
    guide = (PROJECT_ROOT / "docs" / "thu-tuc-du-lieu-mo.md").read_text(encoding="utf-8")
    missing = [label for label in LABELS if f"`{label}`" not in guide]
    assert missing == []


def test_procedure_index_is_on_the_sitemap_page(sample_site):
    links = {a["href"] for a in sample_site.html("so-do-trang/").find_all("a", href=True)}
    assert "/thu-tuc/" in links


def test_pages_make_no_third_party_requests(sample_site):
    for url in ("thu-tuc/", "thu-tuc/dang-ky-khai-sinh/", "thu-tuc/dang-ky-khai-sinh/niem-yet/", "thu-tuc/linh-vuc/ho-tich/"):
        soup = sample_site.html(url)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag, **{attribute: True}):
                if tag == "link" and element.get("rel") not in (["stylesheet"], ["icon"], ["preload"]):
                    continue
                assert not element[attribute].startswith(("http:", "https:", "//")), (url, element)
