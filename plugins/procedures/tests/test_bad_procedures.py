"""A bad procedure file fails the build with a Vietnamese message naming the file and line; odd but valid ones build.

Two small sites built with the real ``pelican`` command: one holding a good
procedure and one bad file per problem (the build lists every problem at once),
one holding valid edge cases (legacy district level, local code suffix, old
«mức độ 3», an explicit reform area, an own portal address).
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
import segno

from tests.sitebuild import BuiltSite, run_pelican, write_content

GOOD = """Title: Đăng ký khai sinh
Date: 2026-03-16 09:00 +07:00
Unit: Văn phòng HĐND và UBND
Code: 1.001193
Field: Hộ tịch
Level: Cấp xã
Agency: Ủy ban nhân dân xã Tân Hòa
Subjects: Công dân Việt Nam
Duration: Ngay trong ngày
Fees: Miễn lệ phí
Result: Giấy khai sinh
Online: toàn trình
Address: Trung tâm Phục vụ hành chính công xã Tân Hòa
Decision: Quyết định số 1088/QĐ-UBND
{extra}
## Trình tự thực hiện

1. Nộp hồ sơ.
2. Nhận Giấy khai sinh.

## Cách thức thực hiện

Trực tiếp hoặc trực tuyến.

## Thành phần hồ sơ

- Tờ khai đăng ký khai sinh | Mẫu: Tờ khai | Số lượng: 01 bản chính

## Yêu cầu, điều kiện

Không.

## Căn cứ pháp lý

- Luật Hộ tịch số 60/2014/QH13.
"""


def procedure(title: str, code: str = "1.001193", extra: str = "", **replace: str) -> str:
    text = GOOD.replace("Title: Đăng ký khai sinh", f"Title: {title}").replace("Code: 1.001193", f"Code: {code}")
    text = text.replace("{extra}", extra)
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return text


BAD_FILES = {
    "thu-tuc/ma-sai.md": procedure("Mã sai", "1.00119"),
    "thu-tuc/cap-bo.md": procedure("Cấp bộ", "1.000001").replace("Level: Cấp xã", "Level: cấp bộ"),
    "thu-tuc/truc-tuyen-sai.md": procedure("Trực tuyến sai", "1.000002").replace("Online: toàn trình", "Online: nửa vời"),
    "thu-tuc/thieu-thoi-han.md": procedure("Thiếu thời hạn", "1.000003").replace("Duration: Ngay trong ngày\n", ""),
    "thu-tuc/thieu-muc.md": procedure("Thiếu mục", "1.000004").replace("## Cách thức thực hiện\n\nTrực tiếp hoặc trực tuyến.\n\n", ""),
    "thu-tuc/buoc-khong-so.md": procedure("Bước không số", "1.000005").replace("1. Nộp hồ sơ.\n2. Nhận Giấy khai sinh.", "Nộp hồ sơ rồi nhận kết quả."),
    "thu-tuc/giay-to-thieu-so-luong.md": procedure("Giấy tờ thiếu số lượng", "1.000006").replace(" | Số lượng: 01 bản chính", ""),
    "thu-tuc/trung-ma.md": procedure("Trùng mã", "1.001193.000.00.00.H60"),
    "thu-tuc/linh-vuc.md": procedure("Lĩnh vực", "1.000007"),
}


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if line.startswith(start))


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-procedures")
    content = write_content(root / "content", {"thu-tuc/dang-ky-khai-sinh.md": procedure("Đăng ký khai sinh"), **BAD_FILES})
    output = root / "output"
    result = run_pelican(content, output)
    return result, output


def problem_lines(stderr: str) -> list[str]:
    return [line.strip()[2:] for line in stderr.splitlines() if line.strip().startswith("- content/")]


def test_bad_procedures_fail_the_build_before_anything_is_written(failed_build):
    result, output = failed_build
    assert result.returncode == 2, result.stdout + result.stderr
    assert "LỖI NỘI DUNG" in result.stderr
    assert not (output / "thu-tuc" / "index.html").exists()


@pytest.mark.parametrize(
    ("name", "line_start", "expected"),
    [
        ("ma-sai.md", "Code:", "mã thủ tục «1.00119» không đúng dạng"),
        ("cap-bo.md", "Level:", "cấp thực hiện «cấp bộ» không hợp lệ: viết «cấp xã» hoặc «cấp tỉnh»"),
        ("truc-tuyen-sai.md", "Online:", "mức độ dịch vụ công trực tuyến «nửa vời» không hợp lệ"),
        ("thieu-muc.md", "## Thành phần hồ sơ", "thiếu mục «## Cách thức thực hiện»"),
        ("buoc-khong-so.md", "## Trình tự thực hiện", "chưa có bước nào được đánh số"),
        ("giay-to-thieu-so-luong.md", "- Tờ khai", "giấy tờ «Tờ khai đăng ký khai sinh» chưa ghi số lượng"),
        ("trung-ma.md", "Code:", "mã thủ tục 1.001193 đã được dùng ở tệp dang-ky-khai-sinh.md"),
        ("linh-vuc.md", None, "trùng với một trang danh sách thủ tục"),
    ],
)
def test_each_problem_names_file_line_and_what_to_do(failed_build, name, line_start, expected):
    result, _ = failed_build
    text = BAD_FILES[f"thu-tuc/{name}"]
    where = f"content/thu-tuc/{name}:{line_of(text, line_start)}:" if line_start else f"content/thu-tuc/{name}:"
    matching = [line for line in problem_lines(result.stderr) if line.startswith(where) and expected in line]
    assert matching, f"{where} … {expected!r} not in:\n{result.stderr}"


def test_missing_field_is_named_with_its_meaning(failed_build):
    result, _ = failed_build
    problems = [line for line in problem_lines(result.stderr) if line.startswith("content/thu-tuc/thieu-thoi-han.md")]
    assert any("thiếu trường bắt buộc «Duration»" in line for line in problems)
    assert any("Duration = thời hạn giải quyết" in line for line in problems)


def test_the_original_of_a_shared_code_is_reported_too(failed_build):
    result, _ = failed_build
    assert any(
        line.startswith("content/thu-tuc/dang-ky-khai-sinh.md:4:") and "trung-ma.md" in line
        for line in problem_lines(result.stderr)
    )


PUBLIC_SITEURL = "https://xa-tanhoa.example.gov.vn/cchc"

EDGE_FILES = {
    "thu-tuc/giay-phep-cu.md": procedure(
        "Cấp giấy phép xây dựng (quyết định cũ)",
        "1.009994.000.00.00.H60",
        extra="Portal: https://dichvucong.vinhlong.gov.vn/thu-tuc/1.009994\n",
    )
    .replace("Level: Cấp xã", "Level: Cấp Huyện")
    .replace("Online: toàn trình", "Online: Mức độ 3")
    .replace("Field: Hộ tịch", "Field: Hoạt động xây dựng"),
    "thu-tuc/co-linh-vuc-cai-cach.md": procedure(
        "Thủ tục ghi lĩnh vực cải cách", "1.000010", extra="Category: Cải cách thể chế\n"
    ).replace("Fees: Miễn lệ phí", "Fees: 2.000 đồng/trang <miễn cho hộ nghèo> & người có công"),
    # Saved on macOS (NFD) and on Windows (CRLF line endings).
    "thu-tuc/nfd.md": unicodedata.normalize("NFD", procedure("Đăng ký kết hôn", "1.000894")),
    "thu-tuc/crlf.md": procedure("Đăng ký khai tử", "1.000656").replace("\n", "\r\n"),
}


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory) -> BuiltSite:
    root = tmp_path_factory.mktemp("edge-procedures")
    content = write_content(root / "content", EDGE_FILES)
    result = run_pelican(content, root / "output", extra_settings={"SITEURL": PUBLIC_SITEURL})
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root / "output", result)


def test_legacy_district_level_builds_and_is_shown_as_legacy(edge_site):
    page = edge_site.html("thu-tuc/cap-giay-phep-xay-dung-quyet-dinh-cu/")
    assert "Cấp huyện (theo quyết định cũ)" in page.select_one(".tt-meta").get_text(" ", strip=True)
    assert "cấp huyện đã kết thúc hoạt động" in page.select_one(".tt-legacy").get_text()
    filters = edge_site.html("thu-tuc/").select(".tt-filters a")
    assert any(a.get_text() == "Cấp huyện (cũ) (1)" for a in filters)
    assert edge_site.path("thu-tuc/cap-huyen/").exists()


def test_local_code_suffix_old_level_3_and_own_portal_address(edge_site):
    page = edge_site.html("thu-tuc/cap-giay-phep-xay-dung-quyet-dinh-cu/")
    assert page.select_one(".tt-code").get_text() == "1.009994.000.00.00.H60"
    assert page.select_one(".tt-online").get_text() == "Một phần"
    assert page.select_one("a.tt-portal__button")["href"] == "https://dichvucong.vinhlong.gov.vn/thu-tuc/1.009994"


def test_an_explicit_reform_area_is_kept_and_header_text_is_escaped(edge_site):
    soup = edge_site.html("thu-tuc/thu-tuc-ghi-linh-vuc-cai-cach/")
    fees = soup.select(".tt-summary .tt-fact dd")[1]
    assert fees.get_text() == "2.000 đồng/trang <miễn cho hộ nghèo> & người có công" and fees.find("miễn") is None
    section = soup.find("meta", property="article:section")
    assert section is not None and section["content"] == "Cải cách thể chế"
    assert edge_site.path("linh-vuc/cai-cach-the-che/").exists()


def test_a_site_without_district_procedures_offers_no_district_filter(sample_site):
    labels = [a.get_text() for a in sample_site.html("thu-tuc/").select(".tt-filters a")]
    assert not any(re.search("huyện", label) for label in labels)
    assert not sample_site.path("thu-tuc/cap-huyen/").exists()


def test_files_saved_as_nfd_or_with_crlf_line_endings_read_like_any_other(edge_site):
    fields = {section.h2.find(string=True, recursive=False).strip(): [a.get_text() for a in section.select(".tt-list__item > a")]
              for section in edge_site.html("thu-tuc/").select(".tt-field")}
    assert set(fields["Hộ tịch"]) == {"Đăng ký khai tử", "Đăng ký kết hôn", "Thủ tục ghi lĩnh vực cải cách"}
    for slug in ("dang-ky-ket-hon", "dang-ky-khai-tu"):
        page = edge_site.html(f"thu-tuc/{slug}/")
        assert len(page.select(".tt-checklist li")) == 1 and len(page.select(".tt-steps ol > li")) == 2


def test_a_published_build_encodes_the_full_address_and_is_no_preview(edge_site):
    sheet = edge_site.html("thu-tuc/dang-ky-ket-hon/niem-yet/")
    expected = f"{PUBLIC_SITEURL}/thu-tuc/dang-ky-ket-hon/"
    assert sheet.select_one(".tt-qr__url").get_text() == expected
    assert sheet.select_one(".tt-preview-note") is None
    svg = str(sheet.select_one(".tt-qr svg"))
    drawn = segno.make(expected, error="m", micro=False).svg_inline(scale=4, border=2, omitsize=True)
    assert re.search(r'class="qrline"[^>]*', svg) and drawn.split(' d="')[1].split('"')[0] in svg
    records = json.loads((edge_site.output / "thu-tuc" / "du-lieu" / "thu-tuc.json").read_text(encoding="utf-8"))
    marriage = next(record for record in records if record["Mã thủ tục"] == "1.000894")
    assert marriage["Đường dẫn"] == expected and marriage["Tờ niêm yết"] == f"{expected}niem-yet/"
