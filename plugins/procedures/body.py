"""The body of a procedure file: its fixed sections and the documents to bring.

The long parts of a procedure are level-2 headings in the Markdown body
(``## Trình tự thực hiện`` …). The parser works on the source lines, so every
problem names its line. The documents (thành phần hồ sơ) use one list item per
document, with optional labelled parts separated by ``|``::

    ## Thành phần hồ sơ

    ### Giấy tờ phải nộp
    - Tờ khai đăng ký khai sinh | Mẫu: Tờ khai đăng ký khai sinh | Số lượng: 01 bản chính
    - Giấy chứng sinh | Số lượng: 01 bản chính
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from plugins.vntext.text import fold

Finding = tuple[int | None, str]


@dataclass(frozen=True)
class SectionSpec:
    """A fixed section of a procedure: its key, its heading and the other headings accepted for it."""

    key: str
    heading: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def matches(self, heading: str) -> bool:
        wanted = heading_words(heading)
        return any(wanted == heading_words(name) for name in (self.heading, *self.aliases))


SECTIONS = (
    SectionSpec("steps", "Trình tự thực hiện"),
    SectionSpec("ways", "Cách thức thực hiện"),
    SectionSpec("documents", "Thành phần hồ sơ", ("Thành phần, số lượng hồ sơ", "Hồ sơ")),
    SectionSpec("conditions", "Yêu cầu, điều kiện", ("Yêu cầu, điều kiện thực hiện", "Điều kiện")),
    SectionSpec("legal", "Căn cứ pháp lý"),
)
SECTION_BY_KEY = {spec.key: spec for spec in SECTIONS}

FORM_LABELS = ("mau", "mau don", "mau don to khai", "mau to khai", "bieu mau", "to khai")
COPIES_LABELS = ("so luong", "so ban")
NO_FORM = ("khong", "khong co", "")

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^\s{0,3}[-*+]\s+(?P<text>.*\S)\s*$")
_NUMBERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+\S")
_CONTINUATION = re.compile(r"^(\s{2,}|\t)\S")


@lru_cache(maxsize=4096)  # every heading is compared with every section's names: 28,000 calls for 370 procedures
def heading_words(text: str) -> str:
    """A heading folded to bare words, so «Yêu cầu, điều kiện» matches «yeu cau dieu kien»."""
    return " ".join(re.sub(r"[^\w ]+", " ", fold(text)).split())


@dataclass
class SectionSource:
    """A section as the editor wrote it: heading line and the Markdown lines below it."""

    key: str | None
    title: str
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass(frozen=True)
class Document:
    """One document to bring: its name, its form (if any) and how many copies, as Markdown text."""

    name: str
    copies: str
    form: str | None
    line: int
    note: str = ""


@dataclass
class DocumentGroup:
    """Documents under one ``###`` heading (a case, or «giấy tờ phải xuất trình»); title None when ungrouped."""

    title: str | None
    documents: list[Document] = field(default_factory=list)


@dataclass
class ProcedureBody:
    """The parsed body: sections in order, document groups, and what was wrong."""

    sections: list[SectionSource] = field(default_factory=list)
    document_groups: list[DocumentGroup] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def section(self, key: str) -> SectionSource | None:
        return next((section for section in self.sections if section.key == key), None)

    @property
    def documents(self) -> list[Document]:
        return [document for group in self.document_groups for document in group.documents]


def body_start(lines: list[str]) -> int:
    """Index of the first body line: after the header, which ends at the first blank line."""
    start = 1 if lines and lines[0].strip() in ("---", "...") else 0
    for index in range(start, len(lines)):
        if not lines[index].strip() or (index > 0 and lines[index].strip() in ("---", "...")):
            return index + 1
    return len(lines)


def split_sections(lines: list[str], first: int) -> list[SectionSource]:
    """The level-2 sections of the body (text before the first one is the introduction, key ``intro``)."""
    sections = [SectionSource("intro", "", first + 1)]
    in_fence = False
    for index in range(first, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading and len(heading.group("hashes")) == 2:
            title = heading.group("text")
            spec = next((spec for spec in SECTIONS if spec.matches(title)), None)
            sections.append(SectionSource(spec.key if spec else None, title, index + 1))
        else:
            sections[-1].lines.append(line)
    return sections


def parse_body(lines: list[str]) -> ProcedureBody:
    """Parse the body of a procedure file given all its lines (header included, for line numbers)."""
    body = ProcedureBody(split_sections(lines, body_start(lines)))
    body.findings += _section_findings(body.sections, len(lines))
    steps = body.section("steps")
    if steps and not any(_NUMBERED.match(line) for line in steps.lines):
        body.findings.append(
            (steps.line, "mục «Trình tự thực hiện» chưa có bước nào được đánh số: viết mỗi bước trên một dòng bắt đầu bằng «1.», «2.», …")
        )
    documents = body.section("documents")
    if documents:
        body.document_groups, problems = parse_documents(documents)
        body.findings += problems
    return body


def _section_findings(sections: list[SectionSource], last_line: int) -> list[Finding]:
    findings: list[Finding] = []
    seen: dict[str, SectionSource] = {}
    for section in sections[1:]:
        if section.key in seen:
            findings.append(
                (section.line, f"mục «## {section.title}» xuất hiện hai lần (lần đầu ở dòng {seen[section.key].line}): gộp lại thành một mục.")
            )
        elif section.key:
            seen[section.key] = section
            if not section.text:
                findings.append((section.line, f"mục «## {section.title}» để trống: điền nội dung (hoặc «Không.» nếu không có yêu cầu nào)."))
    for position, spec in enumerate(SECTIONS):
        if spec.required and spec.key not in seen:
            later = [seen[other.key].line for other in SECTIONS[position + 1 :] if other.key in seen]
            where = min(later) if later else last_line
            required = ", ".join(f"«## {other.heading}»" for other in SECTIONS if other.required)
            findings.append(
                (where, f"thiếu mục «## {spec.heading}» trong phần nội dung. Một thủ tục cần đủ các mục {required}; thêm dòng «## {spec.heading}» rồi viết nội dung bên dưới.")
            )
    return findings


def parse_documents(section: SectionSource) -> tuple[list[DocumentGroup], list[Finding]]:
    """The documents listed in the «Thành phần hồ sơ» section, grouped by ``###`` headings."""
    groups = [DocumentGroup(None)]
    findings: list[Finding] = []
    for offset, line in enumerate(section.lines, start=section.line + 1):
        heading = _HEADING.match(line)
        if heading and len(heading.group("hashes")) >= 3:
            groups.append(DocumentGroup(heading.group("text")))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            document, problems = parse_document(item.group("text"), offset)
            findings += problems
            if document:
                groups[-1].documents.append(document)
        elif _CONTINUATION.match(line) and groups[-1].documents:
            previous = groups[-1].documents[-1]
            note = f"{previous.note} {line.strip()}".strip()
            groups[-1].documents[-1] = Document(previous.name, previous.copies, previous.form, previous.line, note)
    groups = [group for group in groups if group.documents]
    if not groups and not findings:
        findings.append(
            (section.line, "mục «Thành phần hồ sơ» chưa có giấy tờ nào: viết mỗi giấy tờ trên một dòng bắt đầu bằng «- », ví dụ «- Tờ khai | Mẫu: Tờ khai đăng ký khai sinh | Số lượng: 01 bản chính».")
        )
    return groups, findings


def parse_document(text: str, line: int) -> tuple[Document | None, list[Finding]]:
    """One document line: «Tên giấy tờ | Mẫu: … | Số lượng: …»."""
    name, *parts = [part.strip() for part in text.split("|")]
    form: str | None = None
    copies = ""
    findings: list[Finding] = []
    for part in parts:
        label, colon, value = part.partition(":")
        label_words = heading_words(label)
        if colon and label_words in FORM_LABELS:
            form = None if heading_words(value) in NO_FORM else value.strip()
        elif colon and label_words in COPIES_LABELS:
            copies = value.strip()
        elif part:
            findings.append(
                (line, f"phần «{part}» của giấy tờ «{name}» không có nhãn: viết «Mẫu: …» (mẫu đơn, tờ khai) hoặc «Số lượng: …», cách nhau bằng dấu «|».")
            )
    if not name:
        findings.append((line, "dòng giấy tờ này chưa có tên giấy tờ trước dấu «|»."))
    if not copies:
        findings.append(
            (line, f"giấy tờ «{name}» chưa ghi số lượng: thêm «| Số lượng: 01 bản chính» (hoặc số bản sao) vào cuối dòng.")
        )
    if findings:
        return None, findings
    return Document(name, copies, form, line), []


# The body a new procedure starts with (``make new KIND=thu-tuc``): every fixed section, with
# «[điền: …]» where the editor writes; a draft builds with it, a published procedure does not.
SCAFFOLD_BODY = """## Trình tự thực hiện

1. [điền: bước 1, ví dụ: người có yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công]
2. [điền: bước 2; mỗi bước một dòng bắt đầu bằng số thứ tự]

## Cách thức thực hiện

- [điền: trực tiếp, trực tuyến, qua bưu chính công ích]

## Thành phần hồ sơ

- [điền: tên giấy tờ] | Mẫu: [điền: mẫu đơn, tờ khai, hoặc «không»] | Số lượng: [điền: ví dụ 01 bản chính]

## Yêu cầu, điều kiện

[điền: yêu cầu, điều kiện; viết «Không.» nếu không có]

## Căn cứ pháp lý

- [điền: văn bản, ví dụ Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014]
"""
