"""The report as an official administrative report (.docx), laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I, asks.

A4, margins 20/20/30/15 mm, Times New Roman; the two-column borderless
header (superior body, issuer, number | Quốc hiệu, Tiêu ngữ, place and date);
«BÁO CÁO» and its subject; the body with the tables; «Nơi nhận» and the
signature block; page numbers centred at the top from page 2. The office
fills in the number (or passes it to the command), signs and sends.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from plugins.vntext.text import official_date, short_date

from .report import STATE_LABELS, QuotaReport

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
TEXT_WIDTH_CM = 21.0 - 3.0 - 1.5
# The header table is 17 cm, a little wider than the 16.5 cm text, so the Quốc hiệu stays on one line.
LEFT_HEADER_CM, RIGHT_HEADER_CM = 7.3, 9.7
# "Độc lập - Tự do - Hạnh phúc" in Times New Roman bold 13 pt is 5.3 cm long; its rule matches it.
MOTTO_RULE_CM = 5.3
DEFAULT_SIGNER = {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": ""}


def document_settings(report: QuotaReport) -> dict:
    """Number, code, signer and recipients, from ``QUOTA_REPORT_DOCUMENT`` with defaults from ``SITE_OWNER``."""
    owner = report.owner
    settings = report.document
    superior = settings.get("superior") or owner.get("superior", "")
    return {
        "superior": superior.upper().replace("ỦY BAN NHÂN DÂN", "UBND"),
        "issuer": (settings.get("issuer") or owner.get("name", "")).upper(),
        "place": owner.get("place") or owner.get("short_name", ""),
        "number": str(settings.get("number") or ""),
        "code": settings.get("code", "BC-UBND"),
        "signer": settings.get("signer") or DEFAULT_SIGNER,
        "recipients": list(settings.get("recipients") or [superior, "Lưu: VT"]),
    }


def document_number(number: str, code: str) -> str:
    """"Số: 05/BC-UBND"; a blank number leaves room to write it in."""
    if number.isdigit():
        number = f"{int(number):02d}"
    return f"Số: {number or ' ' * 8}/{code}"


def subject(report: QuotaReport) -> str:
    return f"Kết quả thực hiện chỉ tiêu tin, bài tuyên truyền cải cách hành chính {report.period.label}"


def set_font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def paragraph(container, text: str = "", size: float = BODY_PT, bold: bool = False, italic: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER, after: float = 0, indent: bool = False):
    """A paragraph with one run; body paragraphs are justified with a first-line indent."""
    para = container.add_paragraph()
    para.alignment = align
    fmt = para.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15 if indent else 1.0
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        set_font(para.add_run(text), size, bold, italic)
    return para


def body(container, text: str, bold: bool = False):
    return paragraph(container, text, BODY_PT, bold=bold, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=True)


def rule(container, length_cm: float, width_cm: float) -> None:
    """A short centred line, drawn as the top border of an empty paragraph indented to ``length_cm``."""
    para = paragraph(container, size=2)
    side = Cm(max(0.0, (width_cm - length_cm) / 2))
    para.paragraph_format.left_indent = side
    para.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    para._p.get_or_add_pPr().append(borders)


def set_widths(table, widths_cm: list[float]) -> None:
    """Column widths in the table grid and in every cell: Word reads one, LibreOffice the other."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def clear_cell(cell):
    """The cell, without the empty paragraph python-docx puts in every new cell."""
    for para in list(cell.paragraphs):
        para._p.getparent().remove(para._p)
    return cell


def page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.header_distance = Cm(1.0)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    number._p.append(field)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def header_block(document, report: QuotaReport, meta: dict) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, [LEFT_HEADER_CM, RIGHT_HEADER_CM])
    left, right = (clear_cell(cell) for cell in table.rows[0].cells)
    paragraph(left, meta["superior"], 13)
    paragraph(left, meta["issuer"], 12, bold=True)
    rule(left, 2.2, LEFT_HEADER_CM - 0.4)
    paragraph(left, document_number(meta["number"], meta["code"]), 13, after=0)
    paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    paragraph(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    rule(right, MOTTO_RULE_CM, RIGHT_HEADER_CM - 0.4)
    paragraph(right, f"{meta['place']}, {official_date(report.today)}", 13, italic=True)


def data_table(document, header: list[str], rows: list[list], widths_cm: list[float], numeric: set[int]):
    """A bordered table; rows are copies of one formatted row, so a year of items costs linear time.

    python-docx's ``add_row`` and run formatting search the whole table each
    time, which turns a 10,000-row appendix into minutes.
    """
    table = document.add_table(rows=2, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading, model = table.rows
    for cell, title in zip(heading.cells, header, strict=True):
        paragraph(clear_cell(cell), title, TABLE_PT, bold=True)
    for index, cell in enumerate(model.cells):
        align = WD_ALIGN_PARAGRAPH.CENTER if index in numeric else WD_ALIGN_PARAGRAPH.LEFT
        paragraph(clear_cell(cell), "-", TABLE_PT, align=align)
    set_widths(table, widths_cm)
    model_row = model._tr
    for values in rows:
        row = copy.deepcopy(model_row)
        for text, value in zip(row.iter(qn("w:t")), values, strict=True):
            text.text = str(value)
        model_row.addprevious(row)
    model_row.getparent().remove(model_row)
    paragraph(document, size=6)
    return table


def state_text(state: str | None) -> str:
    return STATE_LABELS[state] if state else "–"


def results_section(document, report: QuotaReport) -> None:
    body(document, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    body(document, "1. Kết quả chung", bold=True)
    body(document, f"Trong kỳ báo cáo, Trang thông tin điện tử đã đăng {report.total} tin, bài tính vào chỉ tiêu ({report.counted_kind_labels}). {report.verdict}")
    if report.checks:
        data_table(
            document,
            ["Phạm vi", "Loại tin, bài", "Chỉ tiêu", "Đã đăng", "Phải đạt", "Thiếu", "Vượt", "Kết quả"],
            [[c.scope_name, c.kind_label, c.quota.label, c.count, *c.judged_figures("–"), c.state_label] for c in report.checks],
            [3.0, 2.4, 2.3, 1.4, 1.4, 1.5, 1.5, 3.0],
            {3, 4, 5, 6},
        )
    body(document, "2. Theo tháng", bold=True)
    data_table(
        document,
        ["Tháng", *report.kind_labels.values(), "Tính vào chỉ tiêu", "Chỉ tiêu", "Kết quả"],
        [
            [m.month.short_label, *(m.by_kind[k] for k in report.kind_labels), m.total, m.quota if m.quota is not None else "–", state_text(m.state)]
            if m.started
            else [m.month.short_label, *("–" for _ in report.kind_labels), "–", m.quota if m.quota is not None else "–", "Chưa đến kỳ"]
            for m in report.months
        ],
        [1.9, *([1.7] * len(report.kind_labels)), 1.9, 1.5, 3.0][: 4 + len(report.kind_labels)],
        set(range(1, len(report.kind_labels) + 3)),
    )
    body(document, "3. Theo đơn vị", bold=True)
    data_table(
        document,
        ["Đơn vị", "Trong kế hoạch", "Chỉ tiêu", "Số bài", "Kết quả"],
        [[u.name, "Có" if u.in_plan else "Không", u.quota_label or "–", u.total, state_text(u.state)] for u in report.units],
        [5.6, 2.4, 3.0, 1.6, 3.9],
        {3},
    )
    if report.units_not_in_plan:
        listed = "; ".join(f"{u.name} ({u.total} bài)" for u in report.units_not_in_plan)
        body(document, f"Đơn vị chưa có trong kế hoạch: {listed}. Bài của các đơn vị này được tính vào tổng số nhưng không có chỉ tiêu riêng.")
    body(document, "4. Theo lĩnh vực cải cách hành chính", bold=True)
    data_table(document, ["Lĩnh vực", "Số bài"], [[a.name, a.count] for a in report.areas], [13.5, 3.0], {1})


def shortcomings_section(document, report: QuotaReport) -> None:
    body(document, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    missed, short = report.missing_lines(), report.still_missing_lines()
    if not missed and not short:
        body(document, "Các chỉ tiêu tin, bài của kỳ báo cáo đều đạt.")
    for line in missed:
        body(document, f"- {line}")
    for line in short:
        body(document, f"- Kỳ đang thực hiện: {line}")
    body(document, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", bold=True)
    body(document, "Các đơn vị chưa đạt chỉ tiêu bổ sung tin, bài trong kỳ tiếp theo; tiếp tục thực hiện các hoạt động tuyên truyền trọng tâm theo kế hoạch.")
    if report.plan.activities:
        data_table(
            document,
            ["TT", "Hoạt động", "Chủ trì", "Phối hợp", "Thời gian"],
            [[i, a.activity, a.lead, "; ".join(a.partners) or "–", a.time] for i, a in enumerate(report.plan.activities, start=1)],
            [1.0, 5.5, 3.2, 4.0, 2.8],
            {0},
        )
    body(document, f"Trên đây là báo cáo {subject(report)[0].lower()}{subject(report)[1:]} của {report.owner.get('name', '')}./.")


def closing_block(document, meta: dict) -> None:
    table = document.add_table(rows=1, cols=2)
    set_widths(table, [8.0, 8.5])
    left, right = (clear_cell(cell) for cell in table.rows[0].cells)
    paragraph(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    recipients = [r.strip().rstrip(";.") for r in meta["recipients"] if r.strip()]
    for index, recipient in enumerate(recipients):
        ending = "." if index == len(recipients) - 1 else ";"
        paragraph(left, f"- {recipient}{ending}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in meta["signer"].get("lines", DEFAULT_SIGNER["lines"]):
        paragraph(right, line.upper(), 14, bold=True)
    for _ in range(4):
        paragraph(right, "", 14)
    paragraph(right, meta["signer"].get("name", ""), 14, bold=True)


def appendix(document, report: QuotaReport, meta: dict) -> None:
    if not report.items:
        return
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph(document, "PHỤ LỤC", BODY_PT, bold=True)
    paragraph(document, f"Danh sách tin, bài đã đăng {report.period.label}", BODY_PT, bold=True)
    number = document_number(meta["number"], meta["code"]).removeprefix("Số: ")
    paragraph(document, f"(Kèm theo Báo cáo số {number} ngày {short_date(report.today)} của {report.owner.get('name', '')})", 13, italic=True, after=6)
    data_table(
        document,
        ["TT", "Ngày đăng", "Tiêu đề", "Loại", "Đơn vị"],
        [[i, short_date(item.date), item.title, report.kind_labels.get(item.kind, item.kind), item.unit_name] for i, item in enumerate(report.items, start=1)],
        [1.0, 2.3, 7.5, 2.7, 3.0],
        {0, 1},
    )


def write_docx(report: QuotaReport, path: Path) -> Path:
    """Write the official report of ``report`` to ``path``."""
    meta = document_settings(report)
    document = Document()
    page_setup(document)
    header_block(document, report, meta)
    paragraph(document, "BÁO CÁO", BODY_PT, bold=True).paragraph_format.space_before = Pt(18)
    paragraph(document, subject(report), BODY_PT, bold=True)
    rule(document, 3.0, TEXT_WIDTH_CM)
    paragraph(document, size=6)
    reference = f"Căn cứ {report.plan.title}" + (f" ({report.plan.reference})" if report.plan.reference else "") + ";"
    body(document, reference)
    body(document, f"{report.owner.get('name', '')} báo cáo {subject(report)[0].lower()}{subject(report)[1:]} (số liệu tính đến {report.as_of}) như sau:")
    results_section(document, report)
    shortcomings_section(document, report)
    closing_block(document, meta)
    appendix(document, report, meta)
    document.core_properties.title = subject(report)
    document.core_properties.author = report.owner.get("name", "")
    document.save(path)
    return path
