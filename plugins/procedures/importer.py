"""Import an export of the national procedure database into procedure files.

``python -m plugins.procedures.importer FILE`` (``make import-procedures FILE=…``)
reads a JSON list of records or a CSV file whose keys are the labels the
national portal shows (Mã thủ tục, Tên thủ tục, Thành phần hồ sơ…) and writes
one Markdown file per procedure into ``content/thu-tuc/``.

- A bad record is reported by its number, code and name; the others import.
- Every file written carries ``Imported: <date> <hash>``, the hash of what was
  generated. Re-importing overwrites a file only if its text still has that
  hash; a file an editor changed (or wrote by hand) is skipped with a warning.
- A file is found again by its code, so a renamed procedure keeps its file and
  its address (``Slug`` is written once and kept).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from plugins.content_model.header import parse_header
from plugins.vntext.text import fold, nfc, vn_slugify

from .body import parse_body
from .fields import ONLINE_SERVICES, parse_code, parse_levels, parse_online

NATIONAL_FIELDS = (
    "Mã thủ tục",
    "Tên thủ tục",
    "Số quyết định",
    "Cấp thực hiện",
    "Loại thủ tục",
    "Lĩnh vực",
    "Trình tự thực hiện",
    "Cách thức thực hiện",
    "Thành phần hồ sơ",
    "Đối tượng thực hiện",
    "Cơ quan thực hiện",
    "Cơ quan có thẩm quyền",
    "Địa chỉ tiếp nhận hồ sơ",
    "Cơ quan được ủy quyền",
    "Cơ quan phối hợp",
    "Kết quả thực hiện",
    "Căn cứ pháp lý",
    "Yêu cầu, điều kiện thực hiện",
    "Từ khóa",
    "Mô tả",
)
WAY_COLUMNS = ("Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí", "Mô tả")
DOCUMENT_COLUMNS = ("Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng")
LEGAL_COLUMNS = ("Số ký hiệu", "Trích yếu", "Ngày ban hành", "Cơ quan ban hành")
ONLINE_KEYS = ("Mức độ dịch vụ công trực tuyến", "Mức độ DVCTT", "Dịch vụ công trực tuyến", "Mức độ")
IMPORTED_KEY = "Imported"


class RecordError(ValueError):
    """A record that cannot become a procedure file; the message says why, in Vietnamese."""


@dataclass
class ImportSettings:
    """What the import needs from the site's settings."""

    unit: str
    timezone: str = "Asia/Ho_Chi_Minh"
    default_address: str = ""


@dataclass
class Outcome:
    """What happened to each record, for the report and the exit status."""

    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# --- reading the input -----------------------------------------------------------------


def canonical_key(label: str) -> str:
    """Labels compared without accents, case or punctuation (exports differ in small ways)."""
    return " ".join(re.sub(r"[^\w ]+", " ", fold(label)).split())


def normalised_record(raw: dict) -> dict:
    """The record with NFC text and keys folded for lookup."""
    return {canonical_key(str(key)): value for key, value in raw.items() if key is not None}


def value_of(record: dict, label: str, default: str = "") -> object:
    return record.get(canonical_key(label), default)


def text_of(record: dict, label: str) -> str:
    value = value_of(record, label)
    if isinstance(value, (list, dict)):
        return ""
    return nfc(str(value or "")).strip()


def load_records(path: Path) -> list[dict]:
    """The records of a JSON list or a CSV file (UTF-8, with or without BOM)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        data = json.loads(text)
        if isinstance(data, dict):
            data = next((value for value in data.values() if isinstance(value, list)), [])
        return [normalised_record(item) if isinstance(item, dict) else {} for item in data]
    return [normalised_record(row) for row in csv.DictReader(io.StringIO(text))]


def rows_of(value: object, columns: tuple[str, ...]) -> list[dict]:
    """Nested rows: a JSON list (of objects or of lists), JSON text, or lines with cells split by «|»."""
    if isinstance(value, str) and value.strip().startswith("["):
        with contextlib.suppress(json.JSONDecodeError):
            value = json.loads(value)
    if isinstance(value, list):
        rows = []
        for item in value:
            if isinstance(item, dict):
                rows.append(normalised_record(item))
            elif isinstance(item, (list, tuple)):
                rows.append({canonical_key(column): cell for column, cell in zip(columns, item, strict=False)})
        return rows
    rows = []
    group = ""
    for line in str(value or "").splitlines():
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            group = line.strip().lstrip("#").strip()
            continue
        cells = [cell.strip() for cell in line.split("|")]
        row = {canonical_key(column): cell for column, cell in zip(columns, cells, strict=False)}
        if group:
            row[canonical_key("Trường hợp")] = group
        rows.append(row)
    return rows


# --- turning a record into Markdown ------------------------------------------------------


def one_line(text: str) -> str:
    return " ".join(nfc(str(text or "")).split())


def safe_markdown(text: str) -> str:
    """Record text made safe as Markdown: no raw HTML, no accidental headings."""
    escaped = nfc(str(text or "")).replace("<", "&lt;")
    return "\n".join(re.sub(r"^(\s*)#", r"\1\\#", line) for line in escaped.splitlines())


_STEP_PREFIX = re.compile(r"^\s*(?:bước\s*\d+\s*[:.\-–)]?|\d+\s*[.)])\s*", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-+*•]|[a-zđ]\))\s*", re.IGNORECASE)


def steps_markdown(text: str) -> str:
    """«Bước 1: …» lines as a numbered list; other lines become points under the step above."""
    lines = [line.strip() for line in safe_markdown(text).splitlines() if line.strip()]
    has_steps = any(_STEP_PREFIX.match(line) for line in lines)
    output: list[str] = []
    number = 0
    for line in lines:
        if not has_steps or _STEP_PREFIX.match(line) or not output:
            number += 1
            output.append(f"{number}. {_STEP_PREFIX.sub('', line, count=1)}")
        else:
            output.append(f"    - {_BULLET.sub('', line, count=1)}")
    return "\n".join(output)


def paragraphs_markdown(text: str, empty: str = "Không.") -> str:
    lines = [line.strip() for line in safe_markdown(text).splitlines() if line.strip()]
    if not lines:
        return empty
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"- {_BULLET.sub('', line, count=1)}" for line in lines)


def ways_markdown(rows: list[dict], text: str) -> str:
    if not rows:
        return paragraphs_markdown(text, "")
    lines = []
    for row in rows:
        way = one_line(value_of(row, "Hình thức nộp")) or "Khác"
        parts = [
            f"thời hạn giải quyết: {one_line(value_of(row, 'Thời hạn giải quyết'))}" if value_of(row, "Thời hạn giải quyết") else "",
            f"phí, lệ phí: {one_line(value_of(row, 'Phí, lệ phí'))}" if value_of(row, "Phí, lệ phí") else "",
        ]
        described = one_line(value_of(row, "Mô tả"))
        facts = "; ".join(part for part in parts if part)
        lines.append(f"- **{safe_markdown(way)}**: {safe_markdown(facts)}" + (f". {safe_markdown(described)}" if described else ""))
    return "\n".join(lines)


def legal_markdown(rows: list[dict], text: str) -> str:
    if not rows:
        return paragraphs_markdown(text, "")
    lines = []
    for row in rows:
        number = one_line(value_of(row, "Số ký hiệu"))
        subject = one_line(value_of(row, "Trích yếu"))
        issued = one_line(value_of(row, "Ngày ban hành"))
        issuer = one_line(value_of(row, "Cơ quan ban hành"))
        details = ", ".join(part for part in (issuer, f"ngày {issued}" if issued else "") if part)
        named = f"{subject} số {number}" if subject and number else subject or number
        lines.append(f"- {safe_markdown(named)}" + (f" ({safe_markdown(details)})" if details else ""))
    return "\n".join(lines)


def copies_text(row: dict) -> str:
    """«Bản chính: 1, Bản sao: 0» → «01 bản chính»; free text is kept."""
    raw = one_line(value_of(row, "Số lượng"))
    counts = {kind: value_of(row, kind) for kind in ("Bản chính", "Bản sao")}
    found = re.findall(r"(bản chính|bản sao)\s*:\s*(\d+)", raw, flags=re.IGNORECASE)
    for kind, number in found:
        counts["Bản chính" if "chính" in kind.lower() else "Bản sao"] = number
    parts = [
        f"{int(number):02d} {kind.lower()}"
        for kind, number in counts.items()
        if str(number).strip().isdigit() and int(number) > 0
    ]
    return ", ".join(parts) if parts else ("" if found else raw)


def documents_markdown(rows: list[dict], label: str) -> str:
    lines: list[str] = []
    group = ""
    for position, row in enumerate(rows, start=1):
        name = one_line(value_of(row, "Tên giấy tờ")).replace("|", "/")
        if not name:
            raise RecordError(f"{label}: giấy tờ thứ {position} trong «Thành phần hồ sơ» không có «Tên giấy tờ».")
        copies = copies_text(row).replace("|", "/")
        if not copies:
            raise RecordError(
                f"{label}: giấy tờ «{name}» trong «Thành phần hồ sơ» không ghi số lượng (hoặc ghi 0 bản chính, 0 bản sao): "
                "sửa «Số lượng» trong tệp nhập, ví dụ «Bản chính: 1»."
            )
        case = one_line(value_of(row, "Trường hợp"))
        if case and case != group:
            group = case
            lines += ["", f"### {safe_markdown(case)}", ""]
        form = one_line(value_of(row, "Mẫu đơn, tờ khai")).replace("|", "/")
        parts = [safe_markdown(name)] + ([f"Mẫu: {safe_markdown(form)}"] if form else []) + [f"Số lượng: {safe_markdown(copies)}"]
        lines.append("- " + " | ".join(parts))
    return "\n".join(lines).strip()


def common_value(rows: list[dict], column: str) -> str:
    """One value for the header from the ways' rows: shared, or per way («Trực tiếp: …; Trực tuyến: …»)."""
    values = [(one_line(value_of(row, "Hình thức nộp")), one_line(value_of(row, column))) for row in rows]
    distinct = {value for _, value in values if value}
    if len(distinct) <= 1:
        return next(iter(distinct), "")
    return "; ".join(f"{way}: {value}" if way else value for way, value in values if value)


def online_level(record: dict, ways: list[dict]) -> str:
    for key in ONLINE_KEYS:
        service = parse_online(text_of(record, key))
        if service:
            return service.label.lower() if service.slug != "chua-truc-tuyen" else "không"
    online_way = any("truc tuyen" in fold(one_line(value_of(row, "Hình thức nộp"))) for row in ways)
    # The export names online submission without its level: «một phần» is the safe reading.
    return ONLINE_SERVICES["mot-phan"].label.lower() if online_way else "không"


SLUG_LIMIT = 80


def slug_for(record: dict, title: str) -> str:
    """The address of an imported procedure: the one in the record's «Đường dẫn» (an export of this
    project), else its name's slug cut at a word to keep file names and URLs short."""
    published = re.search(r"/([a-z0-9-]+)/?$", text_of(record, "Đường dẫn"))
    if published:
        return published.group(1)
    slug = vn_slugify(title)
    return slug if len(slug) <= SLUG_LIMIT else slug[: slug.rfind("-", 0, SLUG_LIMIT + 1)]


def required_text(record: dict, label: str, record_label: str) -> str:
    value = one_line(text_of(record, label))
    if not value:
        raise RecordError(f"{record_label}: thiếu «{label}».")
    return value


def record_label(number: int, record: dict) -> str:
    code = text_of(record, "Mã thủ tục") or "không có mã"
    name = one_line(text_of(record, "Tên thủ tục")) or "không có tên"
    return f"bản ghi số {number} (mã «{code}», «{name[:80]}»)"


@dataclass(frozen=True)
class ProcedureFile:
    """The file a record becomes: its code, slug and text (without the ``Imported`` line)."""

    code: str
    slug: str
    header: list[tuple[str, str]]
    body: str

    def text(self, extra_header: Iterable[tuple[str, str]] = ()) -> str:
        header = "\n".join(f"{key}: {value}" for key, value in (*self.header, *extra_header) if value)
        return f"{header}\n\n{self.body}\n"


def procedure_file(record: dict, number: int, settings: ImportSettings) -> ProcedureFile:
    """The procedure file of one national record; raises :class:`RecordError`."""
    label = record_label(number, record)
    code = parse_code(required_text(record, "Mã thủ tục", label))
    if code is None:
        raise RecordError(f"{label}: «Mã thủ tục» không đúng dạng (ví dụ 1.001612 hoặc 1.001612.000.00.00.H48).")
    title = required_text(record, "Tên thủ tục", label)
    levels, unknown = parse_levels(required_text(record, "Cấp thực hiện", label))
    if unknown or not levels:
        raise RecordError(f"{label}: «Cấp thực hiện» «{text_of(record, 'Cấp thực hiện')}» không phải cấp tỉnh, cấp xã (hay cấp huyện cũ).")
    ways = rows_of(value_of(record, "Cách thức thực hiện"), WAY_COLUMNS)
    documents = rows_of(value_of(record, "Thành phần hồ sơ"), DOCUMENT_COLUMNS)
    if not documents:
        raise RecordError(f"{label}: «Thành phần hồ sơ» không có giấy tờ nào.")
    legal = rows_of(value_of(record, "Căn cứ pháp lý"), LEGAL_COLUMNS)
    duration = one_line(text_of(record, "Thời hạn giải quyết")) or common_value(ways, "Thời hạn giải quyết")
    fees = one_line(text_of(record, "Phí, lệ phí")) or common_value(ways, "Phí, lệ phí")
    if not duration:
        raise RecordError(f"{label}: thiếu «Thời hạn giải quyết» (trong «Cách thức thực hiện»).")
    if not fees:
        raise RecordError(f"{label}: thiếu «Phí, lệ phí» (trong «Cách thức thực hiện»); ghi «Không» nếu thủ tục không thu phí.")
    steps = steps_markdown(text_of(record, "Trình tự thực hiện"))
    if not steps:
        raise RecordError(f"{label}: thiếu «Trình tự thực hiện».")
    legal_text = legal_markdown(legal, text_of(record, "Căn cứ pháp lý"))
    if not legal_text:
        raise RecordError(f"{label}: thiếu «Căn cứ pháp lý».")
    ways_text = ways_markdown(ways, text_of(record, "Cách thức thực hiện"))
    if not ways_text:
        raise RecordError(f"{label}: thiếu «Cách thức thực hiện».")
    header = [
        ("Title", title),
        ("Slug", slug_for(record, title)),
        ("Unit", settings.unit),
        ("Summary", one_line(text_of(record, "Mô tả"))),
        ("Code", code.full),
        ("Field", required_text(record, "Lĩnh vực", label)),
        ("Level", ", ".join(level.label.lower() for level in levels)),
        ("Type", one_line(text_of(record, "Loại thủ tục"))),
        ("Agency", required_text(record, "Cơ quan thực hiện", label)),
        ("Authority", one_line(text_of(record, "Cơ quan có thẩm quyền"))),
        ("Delegated", one_line(text_of(record, "Cơ quan được ủy quyền"))),
        ("Coordinating", one_line(text_of(record, "Cơ quan phối hợp"))),
        ("Subjects", required_text(record, "Đối tượng thực hiện", label)),
        ("Duration", duration),
        ("Fees", fees),
        ("Result", required_text(record, "Kết quả thực hiện", label)),
        ("Online", online_level(record, ways)),
        ("Address", one_line(text_of(record, "Địa chỉ tiếp nhận hồ sơ")) or settings.default_address),
        ("Decision", required_text(record, "Số quyết định", label)),
        ("Keywords", one_line(text_of(record, "Từ khóa"))),
    ]
    if not dict(header)["Address"]:
        raise RecordError(f"{label}: thiếu «Địa chỉ tiếp nhận hồ sơ» và trang chưa có địa chỉ mặc định (PROCEDURE_DEFAULT_ADDRESS).")
    body = "\n\n".join(
        [
            "## Trình tự thực hiện",
            steps,
            "## Cách thức thực hiện",
            ways_text,
            "## Thành phần hồ sơ",
            documents_markdown(documents, label),
            "## Yêu cầu, điều kiện",
            paragraphs_markdown(text_of(record, "Yêu cầu, điều kiện thực hiện")),
            "## Căn cứ pháp lý",
            legal_text,
        ]
    )
    generated = ProcedureFile(code.base, dict(header)["Slug"], header, body)
    check_generated(generated, label)
    return generated


def check_generated(generated: ProcedureFile, label: str) -> None:
    """The generated body must pass the build's own checks (a safety net for odd records)."""
    findings = parse_body(generated.text().split("\n")).findings
    if findings:
        raise RecordError(f"{label}: không tạo được tệp hợp lệ: {findings[0][1]}")


# --- writing files ---------------------------------------------------------------------------


def content_hash(text: str) -> str:
    """Hash of a file's text without its ``Imported`` line, insensitive to line endings and trailing spaces."""
    lines = [line.rstrip() for line in nfc(text).replace("\r\n", "\n").split("\n")]
    kept = [line for line in lines if not line.startswith(f"{IMPORTED_KEY}:")]
    return hashlib.sha256("\n".join(kept).strip().encode("utf-8")).hexdigest()[:16]


def existing_files(folder: Path) -> tuple[dict[str, Path], set[str]]:
    """Procedure files already in ``folder`` by code (without local suffix), and the slugs they use."""
    found: dict[str, Path] = {}
    slugs: set[str] = set()
    for path in sorted(folder.glob("*.md")):
        header = parse_header(path.read_text(encoding="utf-8-sig", errors="replace").split("\n"))
        slugs.add(header.value("slug") or vn_slugify(header.value("title") or path.stem))
        slugs.add(path.stem)
        code = parse_code(header.value("code") or "")
        if code:
            found.setdefault(code.base, path)
    return found, slugs


def recorded_hash(text: str) -> str | None:
    value = parse_header(text.split("\n")).value(IMPORTED_KEY.lower()) or ""
    parts = value.split()
    return parts[-1] if parts else None


def header_value(text: str, key: str) -> str | None:
    return parse_header(text.split("\n")).value(key)


def write_procedure(generated: ProcedureFile, folder: Path, known: dict[str, Path], taken_slugs: set[str], now: datetime, outcome: Outcome) -> None:
    """Create, update or skip the file of one procedure."""
    path = known.get(generated.code)
    if path is None:
        slug = generated.slug
        if slug in taken_slugs or (folder / f"{slug}.md").exists():
            slug = f"{slug}-{generated.code.replace('.', '-')}"
        generated = ProcedureFile(generated.code, slug, [(k, slug if k == "Slug" else v) for k, v in generated.header], generated.body)
        path = folder / f"{slug}.md"
        stamp = now.strftime("%Y-%m-%d %H:%M %z")
        text = generated.text([("Date", f"{stamp[:-2]}:{stamp[-2:]}")])
        path.write_text(_with_stamp(text, now), encoding="utf-8")
        outcome.created.append(path)
        taken_slugs.add(slug)
        return
    current = path.read_text(encoding="utf-8-sig")
    stored = recorded_hash(current)
    if stored is None:
        outcome.skipped.append((path, "tệp không do lệnh nhập tạo ra (không có dòng «Imported»)"))
        return
    if content_hash(current) != stored:
        outcome.skipped.append((path, "biên tập viên đã sửa tệp sau lần nhập trước"))
        return
    kept = [(key, header_value(current, key.lower()) or value) if key == "Slug" else (key, value) for key, value in generated.header]
    refreshed = ProcedureFile(generated.code, generated.slug, kept, generated.body)
    date = header_value(current, "date") or ""
    candidate = refreshed.text([("Date", date)])
    if content_hash(candidate) == content_hash(_without_modified(current)):
        outcome.unchanged.append(path)
        return
    stamp = now.strftime("%Y-%m-%d %H:%M %z")
    text = refreshed.text([("Date", date), ("Modified", f"{stamp[:-2]}:{stamp[-2:]}")])
    path.write_text(_with_stamp(text, now), encoding="utf-8")
    outcome.updated.append(path)


def _without_modified(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith("Modified:"))


def _with_stamp(text: str, now: datetime) -> str:
    """``text`` with its ``Imported`` line (date and hash) at the end of the header."""
    header, _, body = text.partition("\n\n")
    return f"{header}\n{IMPORTED_KEY}: {now.date().isoformat()} {content_hash(text)}\n\n{body}"


def import_records(records: list[dict], folder: Path, settings: ImportSettings, now: datetime | None = None) -> Outcome:
    """Write the procedure files of ``records`` into ``folder``; every outcome is recorded, nothing raised."""
    now = now or datetime.now(ZoneInfo(settings.timezone))
    folder.mkdir(parents=True, exist_ok=True)
    known, taken_slugs = existing_files(folder)
    seen: dict[str, int] = {}
    outcome = Outcome()
    for number, record in enumerate(records, start=1):
        try:
            generated = procedure_file(record, number, settings)
            if generated.code in seen:
                raise RecordError(f"{record_label(number, record)}: trùng mã với bản ghi số {seen[generated.code]} trong cùng tệp nhập.")
            seen[generated.code] = number
            write_procedure(generated, folder, known, taken_slugs, now, outcome)
        except RecordError as error:
            outcome.errors.append(str(error))
    return outcome


# --- command line ------------------------------------------------------------------------


def settings_from(settings_file: Path, unit: str | None) -> tuple[ImportSettings, Path]:
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    units = settings.get("UNITS", {})
    chosen = unit or settings.get("PROCEDURE_IMPORT_UNIT") or settings.get("DEFAULT_UNIT")
    unit_name = units.get(chosen, chosen) if chosen else next(iter(units.values()), "")
    owner = settings.get("SITE_OWNER", {})
    default_address = settings.get("PROCEDURE_DEFAULT_ADDRESS") or (
        f"{owner.get('name', '')}, {owner.get('address', '')}".strip(", ") if owner else ""
    )
    content = Path(settings.get("PATH", "content"))
    return ImportSettings(unit_name, settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh", default_address), content / "thu-tuc"


def report(outcome: Outcome, base: Path) -> str:
    def shown(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            return str(path)

    lines = [f"  Tạo mới: {shown(path)}" for path in outcome.created]
    lines += [f"  Cập nhật: {shown(path)}" for path in outcome.updated]
    lines += [f"  Không đổi: {shown(path)}" for path in outcome.unchanged]
    lines += [
        f"  BỎ QUA {shown(path)}: {reason}. Tệp được giữ nguyên; muốn lấy bản mới thì chép phần đã sửa ra chỗ khác, xóa tệp rồi chạy lại lệnh nhập."
        for path, reason in outcome.skipped
    ]
    lines += [f"  LỖI {message}" for message in outcome.errors]
    summary = (
        f"Nhập thủ tục: {len(outcome.created)} tạo mới, {len(outcome.updated)} cập nhật, "
        f"{len(outcome.unchanged)} không đổi, {len(outcome.skipped)} bỏ qua, {len(outcome.errors)} lỗi."
    )
    return "\n".join([summary, *lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nhập thủ tục hành chính từ tệp xuất của Cơ sở dữ liệu quốc gia (JSON hoặc CSV).")
    parser.add_argument("file", type=Path, help="tệp JSON (danh sách bản ghi) hoặc CSV")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"), help="tệp cấu hình (mặc định pelicanconf.py)")
    parser.add_argument("--out", type=Path, help="thư mục ghi tệp (mặc định content/thu-tuc)")
    parser.add_argument("--unit", help="đơn vị đăng (slug trong UNITS), mặc định DEFAULT_UNIT")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"Không tìm thấy tệp «{args.file}». Ví dụ: make import-procedures FILE=du-lieu/thu-tuc.json", file=sys.stderr)
        return 2
    settings, folder = settings_from(args.settings, args.unit)
    try:
        records = load_records(args.file)
    except (json.JSONDecodeError, UnicodeDecodeError, csv.Error) as error:
        print(f"Không đọc được tệp «{args.file}»: {error}. Tệp phải là JSON (một danh sách bản ghi) hoặc CSV, mã UTF-8.", file=sys.stderr)
        return 2
    outcome = import_records(records, args.out or folder, settings)
    print(report(outcome, Path.cwd()))
    return 1 if outcome.errors else 0


if __name__ == "__main__":
    sys.exit(main())
