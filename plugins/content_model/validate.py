"""Validation of an item's header against its kind: every message in Vietnamese, with a line.

Each check returns the problems it found as ``(line, message)`` pairs and the
canonical values to write back (an official area name, an ISO date), so the
reader can hand Pelican a header it will read exactly as the editor meant.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from plugins.vntext.text import fold, nfc

from .header import Header
from .schema import (
    HONOREE_TYPES,
    KEY_MEANING,
    KIND_LABELS,
    REFORM_AREAS,
    REQUIRED,
    STATUS_ALIASES,
    resolve_area,
    resolve_unit,
    spelled,
    units_from_settings,
)

Finding = tuple[int | None, str]
Validator = Callable[[Header, dict], Iterable[Finding]]

_ISO_DATE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
_VN_DATE = re.compile(
    r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:\s+(?P<H>\d{1,2})[:h](?P<M>\d{2}))?$"
)
DATE_EXAMPLE = "2024-03-15 08:30 +07:00 (hoặc 15/03/2024 08:30)"


def parse_item_date(value: str, site_timezone: str) -> datetime:
    """Parse a header date as editors write it; raise ``ValueError`` with a Vietnamese reason.

    ISO dates (``2024-03-15 08:30 +07:00``) and the Vietnamese day-first form
    (``15/03/2024 08:30``) are accepted; a date without an offset is in the
    site's timezone. The day-first form is never read month-first.
    """
    text = value.strip()
    match = _ISO_DATE.match(text) or _VN_DATE.match(text)
    if not match:
        raise ValueError(f"không đọc được ngày «{value}»")
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k != "tz"}
    if not 1 <= parts["m"] <= 12:
        raise ValueError(f"tháng {parts['m']} không tồn tại")
    try:
        moment = datetime(
            parts["y"], parts["m"], parts["d"], parts.get("H", 0), parts.get("M", 0), parts.get("S", 0)
        )
    except ValueError:
        raise ValueError(
            f"ngày {parts['d']} không có trong tháng {parts['m']} năm {parts['y']}"
            if parts.get("H", 0) < 24 and parts.get("M", 0) < 60
            else "giờ hoặc phút không hợp lệ"
        ) from None
    offset = match.groupdict().get("tz")
    if offset:
        return moment.replace(tzinfo=_offset_zone(offset))
    return moment.replace(tzinfo=ZoneInfo(site_timezone))


def _offset_zone(offset: str) -> timezone:
    if offset == "Z":
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def likely_meant(key: str, known: Iterable[str]) -> str | None:
    """The known key that ``key`` is probably a typo of, if any."""
    close = difflib.get_close_matches(key.lower(), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def check_keys(header: Header, kind: str, allowed: dict[str, bool]) -> list[Finding]:
    """Unknown, duplicated, empty and missing keys."""
    findings: list[Finding] = []
    label = KIND_LABELS.get(kind, kind)
    misspelled: set[str] = set()
    for found in header.fields.values():
        if found.key not in allowed:
            meant = likely_meant(found.key, allowed)
            if meant:
                misspelled.add(meant)
                hint = f" Có phải ý bạn là «{spelled(meant)}»?"
            else:
                hint = f" Các trường dùng được cho loại «{label}»: {', '.join(spelled(k) for k in sorted(allowed))}."
            findings.append((found.line, f"trường «{found.spelled}» không được hỗ trợ.{hint}"))
        elif not found.value:
            findings.append((found.line, f"trường «{spelled(found.key)}» để trống: điền giá trị hoặc xóa dòng này."))
    for duplicate in header.duplicates:
        first = header.line_of(duplicate.key)
        findings.append(
            (duplicate.line, f"trường «{spelled(duplicate.key)}» được khai báo hai lần (lần đầu ở dòng {first}): giữ một dòng.")
        )
    for key, required in allowed.items():
        if required is REQUIRED and key not in header.fields and key not in misspelled:
            meaning = f" ({KEY_MEANING[key]})" if key in KEY_MEANING else ""
            findings.append(
                (None, f"thiếu trường bắt buộc «{spelled(key)}»{meaning} cho loại «{label}». Thêm một dòng «{spelled(key)}: …» vào phần đầu bài.")
            )
    return findings


def check_dates(header: Header, settings: dict, rewrites: dict[str, str]) -> list[Finding]:
    findings: list[Finding] = []
    site_timezone = settings.get("TIMEZONE", "Asia/Ho_Chi_Minh")
    for key in ("date", "modified"):
        value = header.value(key)
        if not value:
            continue
        try:
            rewrites[key] = parse_item_date(value, site_timezone).isoformat()
        except ValueError as reason:
            findings.append(
                (header.line_of(key), f"{spelled(key)}: {reason}. Viết theo mẫu {DATE_EXAMPLE}.")
            )
    return findings


def check_area(header: Header, rewrites: dict[str, str]) -> list[Finding]:
    value = header.value("category")
    if not value:
        return []
    area = resolve_area(value)
    if area:
        rewrites["category"] = area
        return []
    listed = "; ".join(REFORM_AREAS.values())
    return [
        (header.line_of("category"), f"lĩnh vực cải cách «{value}» không phải một trong sáu lĩnh vực của Chương trình tổng thể 2021–2030. Chọn một trong: {listed}.")
    ]


def check_unit(header: Header, settings: dict, rewrites: dict[str, str]) -> list[Finding]:
    value = header.value("unit")
    if not value:
        return []
    units = units_from_settings(settings)
    unit = resolve_unit(value, units)
    if unit:
        rewrites["unit"] = unit.name
        return []
    listed = "; ".join(u.name for u in units)
    return [
        (header.line_of("unit"), f"đơn vị «{value}» không có trong danh sách đơn vị của trang (UNITS trong pelicanconf.py). Chọn một trong: {listed}.")
    ]


def check_status(header: Header, rewrites: dict[str, str]) -> list[Finding]:
    value = header.value("status")
    if not value:
        return []
    status = STATUS_ALIASES.get(fold(value))
    if status:
        rewrites["status"] = status
        return []
    return [(header.line_of("status"), f"trạng thái «{value}» không hợp lệ: dùng «published» (công bố), «draft» (bản nháp) hoặc «hidden» (ẩn).")]


def check_honoree_type(header: Header, rewrites: dict[str, str]) -> list[Finding]:
    value = header.value("honoreetype")
    if not value:
        return []
    for honoree_type in HONOREE_TYPES:
        if fold(value) == fold(honoree_type):
            rewrites["honoreetype"] = honoree_type
            return []
    return [(header.line_of("honoreetype"), f"HonoreeType «{value}» không hợp lệ: viết «tập thể» hoặc «cá nhân».")]


def validate_header(header: Header, kind: str, settings: dict) -> tuple[list[Finding], dict[str, str]]:
    """All problems of ``header`` for an item of ``kind``, and the canonical values to write back."""
    allowed = settings["CCHC_FIELDS"].get(kind, {})
    rewrites: dict[str, str] = {}
    findings = [(line, f"dòng này không có dạng «Khóa: giá trị» nhưng nằm trong phần đầu bài: «{nfc(text).strip()[:60]}». Có thể tiêu đề hoặc một trường bị xuống dòng: viết mỗi trường trên một dòng, và để một dòng trống trước phần nội dung.") for line, text in header.layout_errors]
    findings += check_keys(header, kind, allowed)
    findings += check_dates(header, settings, rewrites)
    if "category" in allowed:
        findings += check_area(header, rewrites)
    if "unit" in allowed:
        findings += check_unit(header, settings, rewrites)
    findings += check_status(header, rewrites)
    if "honoreetype" in allowed:
        findings += check_honoree_type(header, rewrites)
    for extra in settings.get("CCHC_VALIDATORS", {}).get(kind, []):
        findings += list(extra(header, settings))
    return findings, rewrites
