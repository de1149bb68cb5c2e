"""Open data: every procedure as JSON and CSV, keyed by the national database's labels.

The keys are the field labels the national portal shows (Mã thủ tục, Tên thủ
tục, …), the same the import accepts, so an export of one site imports into
another. The schema is :data:`COLUMNS`, documented in
``docs/thu-tuc-du-lieu-mo.md``. The CSV is UTF-8 with a byte-order mark, so
Excel opens it with the right accents; nested rows (the documents) are one line
each inside their cell, parts separated by `` | ``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from plugins.vntext.text import in_site_timezone

from .model import Procedure


@dataclass(frozen=True)
class Column:
    """One key of a record: its label, what it holds, and its JSON type."""

    label: str
    meaning: str
    kind: str = "chuỗi"


COLUMNS = (
    Column("Mã thủ tục", "Mã trong Cơ sở dữ liệu quốc gia về TTHC, có thể kèm phần mở rộng của địa phương (1.001193 hoặc 1.001193.000.00.00.H60)."),
    Column("Tên thủ tục", "Tên thủ tục hành chính."),
    Column("Lĩnh vực", "Lĩnh vực của thủ tục (Hộ tịch, Chứng thực…)."),
    Column("Cấp thực hiện", "Cấp xã, Cấp tỉnh; nhiều cấp cách nhau bằng dấu phẩy. «Cấp huyện» chỉ còn ở dữ liệu cũ."),
    Column("Loại thủ tục", "Loại thủ tục theo quyết định công bố (có thể trống)."),
    Column("Mức độ dịch vụ công trực tuyến", "Toàn trình, Một phần (Nghị định 42/2022/NĐ-CP) hoặc Chưa trực tuyến."),
    Column("Thời hạn giải quyết", "Thời hạn giải quyết."),
    Column("Phí, lệ phí", "Phí, lệ phí phải nộp («Không» nếu không thu)."),
    Column("Đối tượng thực hiện", "Cá nhân, tổ chức thực hiện thủ tục."),
    Column("Cơ quan thực hiện", "Cơ quan giải quyết thủ tục."),
    Column("Cơ quan có thẩm quyền", "Cơ quan có thẩm quyền quyết định (có thể trống)."),
    Column("Cơ quan được ủy quyền", "Cơ quan được ủy quyền (có thể trống)."),
    Column("Cơ quan phối hợp", "Cơ quan phối hợp (có thể trống)."),
    Column("Địa chỉ tiếp nhận hồ sơ", "Nơi nộp hồ sơ và nhận kết quả."),
    Column("Kết quả thực hiện", "Giấy tờ, quyết định người dân nhận được."),
    Column("Số quyết định", "Quyết định công bố thủ tục."),
    Column("Trình tự thực hiện", "Các bước, mỗi bước một dòng «1. …» (văn bản Markdown)."),
    Column("Cách thức thực hiện", "Các cách nộp hồ sơ (văn bản Markdown)."),
    Column(
        "Thành phần hồ sơ",
        "Danh sách giấy tờ; mỗi giấy tờ gồm «Trường hợp» (nhóm, có thể trống), «Tên giấy tờ», «Mẫu đơn, tờ khai» (có thể trống), «Số lượng». "
        "Trong CSV: mỗi giấy tờ một dòng «Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng», nhóm viết thành dòng «### Trường hợp».",
        "danh sách",
    ),
    Column("Yêu cầu, điều kiện thực hiện", "Yêu cầu, điều kiện (văn bản Markdown)."),
    Column("Căn cứ pháp lý", "Các văn bản làm căn cứ (văn bản Markdown)."),
    Column("Từ khóa", "Từ khóa tìm kiếm (có thể trống)."),
    Column("Mô tả", "Tóm tắt thủ tục (có thể trống)."),
    Column("Ngày cập nhật", "Ngày cập nhật lần cuối, dạng YYYY-MM-DD theo giờ Việt Nam."),
    Column("Đường dẫn", "Địa chỉ trang thủ tục trên trang này."),
    Column("Tờ niêm yết", "Địa chỉ tờ niêm yết (bản in khổ A4) của thủ tục."),
    Column("Nộp trực tuyến", "Địa chỉ nộp hồ sơ trực tuyến (trống nếu thủ tục chưa trực tuyến)."),
)
LABELS = tuple(column.label for column in COLUMNS)
DOCUMENTS_LABEL = "Thành phần hồ sơ"


def record_of(procedure: Procedure, timezone: str) -> dict:
    """The open-data record of one procedure, keys in :data:`LABELS` order."""
    facts = procedure.facts
    return dict(
        zip(
            LABELS,
            (
                procedure.code.full,
                procedure.title,
                procedure.field_name,
                procedure.level_label,
                facts.get("type", ""),
                procedure.online.label,
                facts.get("duration", ""),
                facts.get("fees", ""),
                facts.get("subjects", ""),
                facts.get("agency", ""),
                facts.get("authority", ""),
                facts.get("delegated", ""),
                facts.get("coordinating", ""),
                facts.get("address", ""),
                facts.get("result", ""),
                facts.get("decision", ""),
                procedure.section_text("steps"),
                procedure.section_text("ways"),
                [
                    {
                        "Trường hợp": group.title or "",
                        "Tên giấy tờ": document.name,
                        "Mẫu đơn, tờ khai": document.form or "",
                        "Số lượng": document.copies,
                    }
                    for group in procedure.document_groups
                    for document in group.documents
                ],
                procedure.section_text("conditions"),
                procedure.section_text("legal"),
                facts.get("keywords", ""),
                procedure.summary_text,
                in_site_timezone(procedure.updated, timezone).date().isoformat(),
                procedure.public_url,
                procedure.public_sheet_url,
                procedure.portal_url if procedure.is_online else "",
            ),
            strict=True,
        )
    )


def records_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def documents_cell(documents: list[dict]) -> str:
    """The documents of a record as CSV cell lines, ``### group`` lines between groups."""
    lines: list[str] = []
    group = ""
    for document in documents:
        if document["Trường hợp"] and document["Trường hợp"] != group:
            group = document["Trường hợp"]
            lines.append(f"### {group}")
        lines.append(" | ".join((document["Tên giấy tờ"], document["Mẫu đơn, tờ khai"], document["Số lượng"])))
    return "\n".join(lines)


def records_csv(records: list[dict]) -> str:
    """The records as CSV text (the caller writes it as UTF-8 with a BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LABELS)
    for record in records:
        writer.writerow(
            documents_cell(record[label]) if label == DOCUMENTS_LABEL else record[label] for label in LABELS
        )
    return buffer.getvalue()
