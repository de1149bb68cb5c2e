"""``make import-procedures``: national records (JSON or CSV with the portal's labels) become procedure files.

The fixtures in ``fixtures/`` follow the national portal's format: good records,
a malformed code, a record without documents, a legacy district-level record
(JSON); pipe-separated nested rows and a row without a number of copies (CSV).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from plugins.procedures.body import parse_body
from plugins.procedures.importer import IMPORTED_KEY, ImportSettings, import_records, load_records
from tests.sitebuild import PROJECT_ROOT, BuiltSite, run_pelican

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = ImportSettings(unit="Văn phòng HĐND và UBND", default_address="Trung tâm Phục vụ hành chính công xã Tân Hòa")
LATER = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def run_import(source: Path, folder: Path) -> subprocess.CompletedProcess:
    """The command ``make import-procedures FILE=… OUT=…`` runs."""
    return subprocess.run(
        [sys.executable, "-m", "plugins.procedures.importer", str(source), "--out", str(folder)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            break
        key, _, value = line.partition(": ")
        fields[key] = value
    return fields


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("imported")
    folder = root / "content" / "thu-tuc"
    json_run = run_import(FIXTURES / "quoc-gia.json", folder)
    csv_run = run_import(FIXTURES / "quoc-gia.csv", folder)
    return root, folder, json_run, csv_run


def test_good_records_import_and_each_bad_one_is_named(imported):
    _, folder, json_run, csv_run = imported
    assert json_run.returncode == 1 and csv_run.returncode == 1
    assert "3 tạo mới" in json_run.stdout and "2 lỗi" in json_run.stdout
    assert "LỖI bản ghi số 3 (mã «1.0048», «Bản ghi có mã sai»): «Mã thủ tục» không đúng dạng" in json_run.stdout
    assert "LỖI bản ghi số 4 (mã «2.000635»" in json_run.stdout and "không có giấy tờ nào" in json_run.stdout
    assert "2 tạo mới" in csv_run.stdout
    assert "LỖI bản ghi số 3 (mã «1.001022», «Đăng ký nhận cha, mẹ, con»)" in csv_run.stdout
    assert "«Tờ khai đăng ký nhận cha, mẹ, con»" in csv_run.stdout and "số lượng" in csv_run.stdout
    assert sorted(path.name for path in folder.glob("*.md")) == [
        "cap-giay-phep-xay-dung-sua-chua-cai-tao-doi-voi-cong-trinh-nha-o-rieng-le.md",
        "chung-thuc-di-chuc.md",
        "dang-ky-giam-ho.md",
        "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con.md",
        "dang-ky-lai-khai-sinh.md",
    ]


def test_a_json_record_becomes_header_fields_and_fixed_sections(imported):
    _, folder, _, _ = imported
    path = folder / "dang-ky-giam-ho.md"
    fields = header(path)
    assert fields["Code"] == "1.004837.000.00.00.H60" and fields["Level"] == "cấp xã"
    assert fields["Duration"] == "03 ngày làm việc" and fields["Fees"] == "Miễn lệ phí"
    assert fields["Online"] == "một phần"  # the export names «Trực tuyến» without its level
    # The record left it empty: PROCEDURE_DEFAULT_ADDRESS of pelicanconf.py.
    assert fields["Address"].startswith("Trung tâm Phục vụ hành chính công xã Tân Hòa, số 01 đường Nguyễn Huệ")
    assert fields["Unit"] == "Văn phòng HĐND và UBND" and fields["Slug"] == "dang-ky-giam-ho"
    text = path.read_text(encoding="utf-8")
    assert "\n1. Người có yêu cầu đăng ký giám hộ nộp hồ sơ" in text
    assert "\n    - Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện." in text
    assert "- Tờ khai đăng ký giám hộ theo mẫu | Mẫu: To khai dang ky giam ho.docx | Số lượng: 01 bản chính" in text
    assert "- Luật Hộ tịch số 60/2014/QH13 (Quốc hội, ngày 20-11-2014)" in text
    body = parse_body(text.split("\n"))
    assert body.findings == [] and len(body.documents) == 2


def test_per_way_durations_and_fees_are_kept_apart(imported):
    _, folder, _, _ = imported
    fields = header(folder / "dang-ky-lai-khai-sinh.md")
    assert fields["Duration"] == "05 ngày làm việc"
    assert fields["Fees"] == "Trực tiếp: Lệ phí: 5.000 đồng; Trực tuyến: Miễn lệ phí"
    body = parse_body((folder / "dang-ky-lai-khai-sinh.md").read_text(encoding="utf-8").split("\n"))
    assert [group.title for group in body.document_groups] == ["Giấy tờ phải nộp", "Giấy tờ phải xuất trình"]
    assert body.documents[1].copies == "01 bản sao"


def test_legacy_district_record_and_old_online_level(imported):
    _, folder, _, _ = imported
    fields = header(folder / "cap-giay-phep-xay-dung-sua-chua-cai-tao-doi-voi-cong-trinh-nha-o-rieng-le.md")
    assert fields["Level"] == "cấp huyện" and fields["Online"] == "một phần"
    assert fields["Duration"] == "15 ngày"


def test_csv_rows_with_pipes_and_groups(imported):
    _, folder, _, _ = imported
    path = folder / "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con.md"
    fields = header(path)
    assert fields["Title"] == "Đăng ký khai sinh kết hợp nhận cha, mẹ, con" and fields["Online"] == "toàn trình"
    body = parse_body(path.read_text(encoding="utf-8").split("\n"))
    assert [(group.title, len(group.documents)) for group in body.document_groups] == [
        ("Giấy tờ phải nộp", 3),
        ("Giấy tờ phải xuất trình", 1),
    ]
    assert header(folder / "chung-thuc-di-chuc.md")["Online"] == "không"


def test_the_imported_site_builds(imported):
    root, _, _, _ = imported
    result = run_pelican(root / "content", root / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(root / "output", result)
    titles = [a.get_text() for a in site.html("thu-tuc/").select(".tt-list__item > a")]
    assert len(titles) == 5 and "Đăng ký giám hộ" in titles
    assert site.path("thu-tuc/cap-huyen/").exists()
    checklist = site.html("thu-tuc/dang-ky-giam-ho/").select(".tt-checklist li")
    assert len(checklist) == 2


def copy_of_fixture(tmp_path: Path) -> tuple[list[dict], Path]:
    folder = tmp_path / "thu-tuc"
    records = load_records(FIXTURES / "quoc-gia.json")
    outcome = import_records(records, folder, SETTINGS)
    assert len(outcome.created) == 3
    return records, folder


def test_reimport_unchanged_records_changes_nothing(tmp_path):
    records, folder = copy_of_fixture(tmp_path)
    before = {path: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}
    outcome = import_records(records, folder, SETTINGS, now=LATER)
    assert (len(outcome.created), len(outcome.updated), len(outcome.unchanged)) == (0, 0, 3)
    assert {path: path.read_text(encoding="utf-8") for path in folder.glob("*.md")} == before


def test_reimport_never_overwrites_a_file_an_editor_changed(tmp_path):
    records, folder = copy_of_fixture(tmp_path)
    edited = folder / "dang-ky-giam-ho.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n## Lưu ý\n\nMang theo bản gốc để đối chiếu.\n", encoding="utf-8")
    edited_text = edited.read_text(encoding="utf-8")
    changed = json.loads(json.dumps(records))
    for record in changed:
        for way in record.get("cach thuc thuc hien", []) if isinstance(record.get("cach thuc thuc hien"), list) else []:
            way["thoi han giai quyet"] = "02 ngày làm việc"
    changed[1]["ten thu tuc"] = "Đăng ký lại khai sinh (tên mới)"
    outcome = import_records(changed, folder, SETTINGS, now=LATER)
    assert [path.name for path, _ in outcome.skipped] == ["dang-ky-giam-ho.md"]
    assert "biên tập viên đã sửa" in outcome.skipped[0][1]
    assert edited.read_text(encoding="utf-8") == edited_text
    assert [path.name for path in outcome.updated] == ["dang-ky-lai-khai-sinh.md"]
    fields = header(folder / "dang-ky-lai-khai-sinh.md")
    assert fields["Duration"] == "02 ngày làm việc"
    assert fields["Title"] == "Đăng ký lại khai sinh (tên mới)"
    assert fields["Slug"] == "dang-ky-lai-khai-sinh", "the address printed in QR codes must not change"
    assert fields["Modified"] == "2026-12-01 09:00 +07:00" and fields["Date"] != fields["Modified"]
    assert fields[IMPORTED_KEY].startswith("2026-12-01 ")


def test_a_hand_written_file_with_the_same_code_is_left_alone(tmp_path):
    folder = tmp_path / "thu-tuc"
    folder.mkdir()
    own = folder / "giam-ho.md"
    own.write_text("Title: Đăng ký giám hộ\nCode: 1.004837\n\nBiên tập viên tự viết.\n", encoding="utf-8")
    outcome = import_records(load_records(FIXTURES / "quoc-gia.json"), folder, SETTINGS)
    assert [path.name for path, _ in outcome.skipped] == ["giam-ho.md"]
    assert "không do lệnh nhập tạo ra" in outcome.skipped[0][1]
    assert own.read_text(encoding="utf-8").endswith("Biên tập viên tự viết.\n")
    assert not (folder / "dang-ky-giam-ho.md").exists()


@pytest.mark.parametrize("name", ["thu-tuc.json", "thu-tuc.csv"])
def test_the_sites_own_open_data_imports_back(sample_site, tmp_path, name):
    exported = tmp_path / name
    shutil.copy(sample_site.output / "thu-tuc" / "du-lieu" / name, exported)
    original = json.loads((sample_site.output / "thu-tuc" / "du-lieu" / "thu-tuc.json").read_text(encoding="utf-8"))
    outcome = import_records(load_records(exported), tmp_path / "thu-tuc", SETTINGS)
    assert outcome.errors == [] and len(outcome.created) == len(original)
    by_code = {header(path)["Code"]: (path, header(path)) for path in outcome.created}
    for record in original:
        path, fields = by_code[record["Mã thủ tục"]]
        assert record["Đường dẫn"].endswith(f"/{fields['Slug']}/"), "the address survives the round trip"
        assert fields["Duration"] == record["Thời hạn giải quyết"]
        assert fields["Fees"] == record["Phí, lệ phí"]
        assert fields["Online"] == record["Mức độ dịch vụ công trực tuyến"].lower().replace("chưa trực tuyến", "không")
        assert len(parse_body(path.read_text(encoding="utf-8").split("\n")).documents) == len(record["Thành phần hồ sơ"])


def test_a_very_long_official_name_gets_a_short_address(tmp_path):
    records = load_records(FIXTURES / "quoc-gia.json")[:1]
    records[0]["ten thu tuc"] = "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi quyền sử dụng đất nông nghiệp mà không theo phương án dồn điền, đổi thửa"
    outcome = import_records(records, tmp_path / "thu-tuc", SETTINGS)
    slug = header(outcome.created[0])["Slug"]
    assert len(slug) <= 80 and records[0]["ten thu tuc"].startswith("Đăng ký biến động")
    assert slug == "dang-ky-bien-dong-quyen-su-dung-dat-quyen-so-huu-tai-san-gan-lien-voi-dat-trong"
