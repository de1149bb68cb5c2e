"""The fixture site's known counts come out exactly in every output: terminal, HTML, CSV, JSON and .docx.

The fixture (``fixtures/site``) is built on a UTC machine with the build's now
pinned at 20/03/2026 10:00 (Vietnam). Published and counted, by month in
Vietnam time:

- 01/2026: a news item of Văn phòng (05/01), one of Phòng Kinh tế at 23:30 on
  31/01, an exemplar story of the Trung tâm → 3;
- 02/2026: a news item of Văn phòng at 00:15 on 01/02 → 1 (and a procedure of
  the Trung tâm, listed but not counted in "tin, bài");
- 03/2026: a news item of Phòng Văn hóa - Xã hội (not in the plan) written as
  18:30 UTC on 28/02, a criticism and a news item (09:45 on 20/03) of Văn phòng → 3.

Not counted: a draft, a hidden item, an item dated 10:30 on 20/03 (after the
build's now) and one of 31/12/2025.
"""

from __future__ import annotations

import csv
import json

from bs4 import BeautifulSoup
from docx import Document
from docx.shared import Cm

# (scope, kind, quota, posted, required, short, over, result) for 2026-Q1.
Q1_CHECKS = [
    ("Xã Tân Hòa", "Tất cả tin, bài", "02 bài / tháng", 7, 6, 1, 2, "Không đạt"),
    ("Xã Tân Hòa", "Điển hình tiên tiến", "01 bài / quý", 1, 1, 0, 0, "Đạt"),
    ("Văn phòng HĐND và UBND", "Tất cả tin, bài", "01 bài / tháng", 4, 3, 0, 1, "Đạt"),
    ("Phòng Kinh tế", "Tất cả tin, bài", "02 bài / quý", 1, 2, 1, 0, "Đang thực hiện, còn thiếu"),
    ("Trung tâm Phục vụ hành chính công", "Tất cả tin, bài", "01 bài / tháng", 1, 3, 2, 0, "Không đạt"),
]
# month → (counted, tin, điển hình, phê bình, thủ tục, quota, result)
Q1_MONTHS = {
    "01/2026": (3, 2, 1, 0, 0, 2, "Đạt"),
    "02/2026": (1, 1, 0, 0, 1, 2, "Không đạt"),
    "03/2026": (3, 2, 0, 1, 0, 2, "Đạt"),
}
Q1_UNITS = {"van-phong": 4, "phong-kinh-te": 1, "phong-van-hoa-xa-hoi": 1, "trung-tam-phuc-vu-hanh-chinh-cong": 1}
Q1_AREAS = {"the-che": 2, "thu-tuc-hanh-chinh": 2, "to-chuc-bo-may": 0, "cong-vu": 1, "tai-chinh-cong": 1, "chinh-quyen-so": 1}


def numbers(row: list[str]) -> list:
    return [int(cell) if cell.isdigit() else cell for cell in row]


def rows_of(table) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]


def q1_html(report_runs) -> BeautifulSoup:
    path = report_runs["2026-Q1"].folder / "bao-cao-chi-tieu-2026-Q1.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_command_prints_the_quota_table_and_exits_1_when_a_month_was_missed(report_runs):
    run = report_runs["2026-Q1"]
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert "Quý I năm 2026 – Ủy ban nhân dân xã Tân Hòa" in lines
    assert "Số liệu tính đến 20/03/2026 10:00. Tính vào chỉ tiêu: tin tức, điển hình tiên tiến, phê bình." in lines
    table = lines[lines.index("CHỈ TIÊU") + 3 : lines.index("CHỈ TIÊU") + 3 + len(Q1_CHECKS)]
    for line, (scope, kind, quota, posted, required, short, over, result) in zip(table, Q1_CHECKS, strict=True):
        assert line.startswith(scope) and kind in line and quota in line and line.endswith(result)
        result_words = len(result.split())
        assert line.split()[-result_words - 4 : -result_words] == [str(posted), str(required), str(short), str(over)]
    assert "  - Xã Tân Hòa – Tất cả tin, bài (02 bài / tháng): 02/2026 có 1/2 bài, thiếu 1 bài." in lines
    assert "KHÔNG ĐẠT: có chỉ tiêu không đạt trong kỳ báo cáo." in lines


def test_terminal_columns_line_up_by_display_width(report_runs):
    lines = report_runs["2026-Q1"].stdout.splitlines()
    start = lines.index("CHỈ TIÊU") + 1
    header, rule, *rows = lines[start : start + 2 + len(Q1_CHECKS)]
    result_column = header.index("Kết quả")
    assert rule.rindex(" ") + 1 == result_column
    for row in rows:
        assert row[result_column - 2 : result_column] == "  " and row[result_column] != " "


def test_current_month_says_what_is_missing_and_how_many_days_are_left(report_runs):
    run = report_runs["2026-03"]
    assert run.returncode == 3, run.stdout + run.stderr
    assert "Phòng Kinh tế – Tất cả tin, bài (02 bài / quý): quý I/2026 mới có 1/2 bài, còn thiếu 1 bài; còn 12 ngày (kể cả hôm nay, đến hết 31/03/2026)." in run.stdout
    assert "Trung tâm Phục vụ hành chính công – Tất cả tin, bài (01 bài / tháng): 03/2026 mới có 0/1 bài, còn thiếu 1 bài; còn 12 ngày" in run.stdout
    assert "CHƯA ĐẠT: kỳ đang thực hiện, còn chỉ tiêu chưa đủ." in run.stdout


def test_exit_status_of_every_period(report_runs):
    statuses = {period: run.returncode for period, run in report_runs.items()}
    assert statuses == {
        "2026-01": 0,
        "2026-02": 1,
        "2026-03": 3,
        "2026-Q1": 1,
        "": 3,
        "2026-04": 2,
        "2025-12": 2,
        "2026-13": 2,
        "quy-1": 2,
    }


def test_without_a_period_the_command_reports_the_current_month(report_runs):
    run = report_runs[""]
    assert "Tháng 3 năm 2026 – Ủy ban nhân dân xã Tân Hòa" in run.stdout
    assert (run.folder / "bao-cao-chi-tieu-2026-03.docx").exists()


def test_document_number_given_to_the_command(report_runs):
    document = Document(str(report_runs["2026-02"].folder / "bao-cao-chi-tieu-2026-02.docx"))
    assert "Số: 05/BC-UBND" in [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert "(Kèm theo Báo cáo số 05/BC-UBND ngày 20/03/2026 của Ủy ban nhân dân xã Tân Hòa)" in [p.text for p in document.paragraphs]


def test_reports_that_cannot_be_made_say_why_in_vietnamese(report_runs):
    assert "kỳ báo cáo tháng 4 năm 2026 chưa bắt đầu (hôm nay là 20/03/2026)" in report_runs["2026-04"].stderr
    assert "chưa có kế hoạch năm 2025: không thấy tệp ke-hoach/2025.yaml" in report_runs["2025-12"].stderr
    assert "tháng 13 không tồn tại" in report_runs["2026-13"].stderr
    assert "kỳ báo cáo «quy-1» không đúng mẫu. Viết theo một trong các mẫu: 2026-03 (tháng), 2026-Q1 (quý), 2026-H1 (6 tháng), 2026 (năm)." in report_runs["quy-1"].stderr
    for period in ("2026-04", "2025-12", "2026-13", "quy-1"):
        assert not report_runs[period].folder.exists()
        assert "Traceback" not in report_runs[period].stderr


def test_a_quarterly_quota_is_shown_but_not_judged_in_a_month_before_the_quarter_ends(report_runs):
    data = json.loads((report_runs["2026-01"].folder / "bao-cao-chi-tieu-2026-01.json").read_text(encoding="utf-8"))
    economy = next(c for c in data["checks"] if c["scope"] == "phong-kinh-te")
    assert (economy["count"], economy["required"], economy["state"]) == (1, 0, "chua-danh-gia")
    assert economy["windows"][0]["window"] == "2026-Q1"
    assert data["exit_status"] == 0


def test_json_holds_every_figure(report_runs):
    data = json.loads((report_runs["2026-Q1"].folder / "bao-cao-chi-tieu-2026-Q1.json").read_text(encoding="utf-8"))
    assert data["period"] == {"code": "2026-Q1", "label": "quý I năm 2026", "start": "2026-01-01", "end": "2026-03-31"}
    assert data["as_of"] == "2026-03-20T10:00:00+07:00"
    assert data["total"] == 7 and data["exit_status"] == 1
    checks = [(c["scope_name"], c["kind_label"], c["quota"]["label"], c["count"], c["required"], c["shortfall"], c["surplus"], c["state_label"]) for c in data["checks"]]
    assert checks == Q1_CHECKS
    overall = data["checks"][0]["windows"]
    assert [(w["window"], w["count"], w["state"], w["days_left"]) for w in overall] == [
        ("2026-01", 3, "dat", None),
        ("2026-02", 1, "khong-dat", None),
        ("2026-03", 3, "dat", 12),
    ]
    months = {m["month"]: (m["total"], m["by_kind"]) for m in data["months"]}
    assert months == {
        "2026-01": (3, {"tin": 2, "dien-hinh": 1, "phe-binh": 0, "thu-tuc": 0}),
        "2026-02": (1, {"tin": 1, "dien-hinh": 0, "phe-binh": 0, "thu-tuc": 1}),
        "2026-03": (3, {"tin": 2, "dien-hinh": 0, "phe-binh": 1, "thu-tuc": 0}),
    }
    assert {u["unit"]: u["total"] for u in data["units"]} == Q1_UNITS
    assert data["units_not_in_plan"] == [{"unit": "phong-van-hoa-xa-hoi", "name": "Phòng Văn hóa - Xã hội", "total": 1}]
    assert {k["kind"]: (k["count"], k["counted"]) for k in data["kinds"]} == {
        "tin": (5, True),
        "dien-hinh": (1, True),
        "phe-binh": (1, True),
        "thu-tuc": (1, False),
    }
    assert {a["area"]: a["count"] for a in data["areas"]} == Q1_AREAS
    assert [item["date"] for item in data["items"]] == [
        "2026-01-05T09:00:00+07:00",
        "2026-01-15T09:00:00+07:00",
        "2026-01-31T23:30:00+07:00",
        "2026-02-01T00:15:00+07:00",
        "2026-02-10T09:00:00+07:00",
        "2026-03-01T01:30:00+07:00",
        "2026-03-05T10:00:00+07:00",
        "2026-03-20T09:45:00+07:00",
    ]
    assert data["plan"]["activities"][0]["partners"] == ["Phòng Kinh tế", "Trung tâm Phục vụ hành chính công"]


def test_csv_files_open_in_excel_and_hold_the_figures(report_runs):
    folder = report_runs["2026-Q1"].folder
    quota_csv = folder / "chi-tieu-2026-Q1.csv"
    assert quota_csv.read_bytes().startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show Vietnamese"
    with quota_csv.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert header == ["Phạm vi", "Loại tin, bài", "Chỉ tiêu", "Kỳ", "Đã đăng", "Phải đạt", "Thiếu", "Vượt", "Kết quả", "Số ngày còn lại"]
    assert [numbers(row) for row in rows[:3]] == [
        ["Xã Tân Hòa", "Tất cả tin, bài", "02 bài / tháng", "01/2026", 3, 2, 0, 1, "Đạt", ""],
        ["Xã Tân Hòa", "Tất cả tin, bài", "02 bài / tháng", "02/2026", 1, 2, 1, 0, "Không đạt", ""],
        ["Xã Tân Hòa", "Tất cả tin, bài", "02 bài / tháng", "03/2026", 3, 2, 0, 1, "Đạt", 12],
    ]
    assert ["Phòng Kinh tế", "Tất cả tin, bài", "02 bài / quý", "quý I/2026", 1, 2, 1, 0, "Đang thực hiện, còn thiếu", 12] in [numbers(r) for r in rows]
    with (folder / "so-lieu-2026-Q1.csv").open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert header == ["Tháng", "Đơn vị", "Trong kế hoạch", "Tin tức", "Điển hình tiên tiến", "Phê bình", "Thủ tục hành chính", "Tính vào chỉ tiêu"]
    assert ["02/2026", "Trung tâm Phục vụ hành chính công", "có", 0, 0, 0, 1, 0] in [numbers(r) for r in rows]
    assert ["03/2026", "Phòng Văn hóa - Xã hội", "không", 1, 0, 0, 0, 1] in [numbers(r) for r in rows]
    assert sum(int(row[-1]) for row in rows) == 7
    with (folder / "danh-sach-bai-2026-Q1.csv").open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert len(rows) == 8
    assert rows[2][:2] == ["31/01/2026 23:30", "Phòng Kinh tế đăng tin lúc 23 giờ 30 ngày cuối tháng 01"]
    assert (rows[4][2], rows[4][3], rows[4][5]) == ("Thủ tục hành chính", "Trung tâm Phục vụ hành chính công", "không")


def test_html_report_holds_the_figures(report_runs):
    page = q1_html(report_runs)
    checks = [numbers(row) for row in rows_of(page.select_one("table.qr-checks"))]
    assert [row[:7] + [row[7].split(" 01/2026")[0]] for row in checks] == [list(check) for check in Q1_CHECKS]
    months = {row[0]: tuple(numbers(row)[1:]) for row in rows_of(page.select_one("table.qr-months"))}
    assert months == Q1_MONTHS
    units = {row[0]: numbers(row)[3] for row in rows_of(page.select_one("table.qr-units"))}
    assert units == {"Văn phòng HĐND và UBND": 4, "Phòng Kinh tế": 1, "Phòng Văn hóa - Xã hội": 1, "Trung tâm Phục vụ hành chính công": 1}
    areas = [numbers(row)[1] for row in rows_of(page.select_one("table.qr-areas"))]
    assert areas == list(Q1_AREAS.values())
    assert len(rows_of(page.select_one("table.qr-items"))) == 8
    warning = " ".join(page.select_one(".qr-warning").get_text(" ", strip=True).split())
    assert "đơn vị chưa có trong kế hoạch: Phòng Văn hóa - Xã hội (1 bài)" in warning


def test_html_chart_does_not_rely_on_colour(report_runs):
    svg = q1_html(report_runs).select_one("figure svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id).get_text() == "Số tin, bài tính vào chỉ tiêu mỗi tháng, quý I năm 2026"
    description = svg.find("desc", id=desc_id).get_text()
    assert "tháng 01/2026: 3 bài, đạt; tháng 02/2026: 1 bài, không đạt (thiếu 1); tháng 03/2026: 3 bài, đạt" in description
    assert "Đường nét đứt là chỉ tiêu 2 bài mỗi tháng." in description
    bars = svg.select("g.qr-bar")
    assert [bar.select("text")[0].get_text() for bar in bars] == ["3", "1", "3"]
    assert [bar.select("text")[2].get_text() for bar in bars] == ["✓", "✗", "✓"]
    assert [bar.rect["fill"] for bar in bars] == ["url(#qr-dat)", "url(#qr-khong-dat)", "url(#qr-dat)"]
    assert svg.select_one("line.qr-quota-line")["stroke-dasharray"]
    assert "Không đạt" in [text.get_text() for text in svg.select("text")][-3]


def test_html_file_in_reports_makes_no_outside_request(report_runs):
    page = q1_html(report_runs)
    assert page.find("script") is None
    assert not page.select("link[href], img[src], iframe")
    assert page.find("style") is not None


def test_docx_is_an_official_report_holding_the_table(report_runs):
    document = Document(str(report_runs["2026-Q1"].folder / "bao-cao-chi-tieu-2026-Q1.docx"))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    left, right = ([p.text for p in cell.paragraphs if p.text] for cell in document.tables[0].rows[0].cells)
    assert left == ["UBND TỈNH VĨNH LONG", "ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "Số:         /BC-UBND"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Xã Tân Hòa, ngày 20 tháng 3 năm 2026"]
    date_run = document.tables[0].rows[0].cells[1].paragraphs[-1].runs[0]
    assert date_run.italic and date_run.font.name == "Times New Roman"
    texts = [p.text for p in document.paragraphs]
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == "Kết quả thực hiện chỉ tiêu tin, bài tuyên truyền cải cách hành chính quý I năm 2026"
    assert document.paragraphs[title].runs[0].bold
    body = next(p for p in document.paragraphs if p.text.startswith("Căn cứ"))
    assert body.paragraph_format.first_line_indent == Cm(1.27)
    checks = document.tables[1]
    assert [c.text for c in checks.rows[0].cells] == ["Phạm vi", "Loại tin, bài", "Chỉ tiêu", "Đã đăng", "Phải đạt", "Thiếu", "Vượt", "Kết quả"]
    assert [tuple(numbers([c.text for c in row.cells])) for row in checks.rows[1:]] == Q1_CHECKS
    closing = document.tables[-2].rows[0].cells
    recipients = [p.text for p in closing[0].paragraphs]
    assert recipients[0] == "Nơi nhận:" and closing[0].paragraphs[0].runs[0].bold and closing[0].paragraphs[0].runs[0].italic
    assert all(line.startswith("- ") and line.endswith(";") for line in recipients[1:-1])
    assert recipients[-1] == "- Lưu: VT, VP."
    signer = [p.text for p in closing[1].paragraphs if p.text]
    assert signer == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Văn Hùng"]
    appendix = document.tables[-1]
    assert len(appendix.rows) == 1 + 8


def test_published_site_has_the_report_pages_of_periods_begun(quota_site):
    folder = quota_site.output / "bao-cao-chi-tieu"
    assert sorted(path.name for path in folder.iterdir() if path.is_dir()) == ["2026", "2026-01", "2026-02", "2026-03", "2026-h1", "2026-q1"]
    page = quota_site.html("/bao-cao-chi-tieu/2026-q1/")
    checks = [numbers(row)[:7] for row in rows_of(page.select_one("table.qr-checks"))]
    assert checks == [list(check[:7]) for check in Q1_CHECKS]
    assert page.select_one("link[href*='quota/quota.'][rel=stylesheet]")
    index = quota_site.html("/bao-cao-chi-tieu/")
    verdicts = {li.a.get_text(): li.get_text(" ", strip=True).split(" – ", 1)[1] for li in index.select(".qr-links li")}
    assert list(verdicts)[:2] == ["Tháng 01 năm 2026", "Tháng 02 năm 2026"]
    assert {title: verdict.split(":")[0] for title, verdict in verdicts.items()} == {
        "Tháng 01 năm 2026": "ĐẠT",
        "Tháng 02 năm 2026": "KHÔNG ĐẠT",
        "Tháng 3 năm 2026": "CHƯA ĐẠT",
        "Quý I năm 2026": "KHÔNG ĐẠT",
        "6 tháng đầu năm 2026": "KHÔNG ĐẠT",
        "Năm 2026": "KHÔNG ĐẠT",
    }
    assert page.select_one("table.qr-items") is None, "a quarter's page links to its months instead of listing every item"
    assert [a["href"] for a in page.select("#qr-danh-sach ~ .qr-links a")] == ["/bao-cao-chi-tieu/2026-01/", "/bao-cao-chi-tieu/2026-02/", "/bao-cao-chi-tieu/2026-03/"]
    february = quota_site.html("/bao-cao-chi-tieu/2026-02/")
    assert [a["href"].split("/")[1] for a in february.select("table.qr-items a")] == ["tin", "thu-tuc"]


def test_published_site_and_report_agree_on_what_is_published(quota_site):
    assert quota_site.path("/tin/tin-dang-ngay-truoc-thoi-diem-bao-cao/").exists()
    assert not quota_site.path("/tin/tin-hen-gio-dang-sau-thoi-diem-bao-cao/").exists()
    assert not quota_site.path("/tin/ban-nhap-khong-duoc-tinh/").exists()


def test_sample_site_does_not_publish_the_report_by_default(sample_site):
    assert not (sample_site.output / "bao-cao-chi-tieu").exists()
    assert (sample_site.output / "tin").is_dir()
