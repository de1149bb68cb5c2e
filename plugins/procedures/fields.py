"""The header fields of a procedure file and the rules for their values.

Keys are ASCII (Python-Markdown's meta extension accepts only ``[A-Za-z0-9_-]``)
and follow the national database of procedures (Cơ sở dữ liệu quốc gia về
TTHC): code, field, level, agency, subjects, processing time, fees, result,
online-service level, where to submit, the publishing decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from plugins.content_model.header import Header
from plugins.content_model.validate import likely_meant
from plugins.vntext.text import fold

REQUIRED = True
OPTIONAL = False

PROCEDURE_FIELDS: dict[str, bool] = {
    "code": REQUIRED,
    "field": REQUIRED,
    "level": REQUIRED,
    "agency": REQUIRED,
    "subjects": REQUIRED,
    "duration": REQUIRED,
    "fees": REQUIRED,
    "result": REQUIRED,
    "online": REQUIRED,
    "address": REQUIRED,
    "decision": REQUIRED,
    "type": OPTIONAL,
    "authority": OPTIONAL,
    "delegated": OPTIONAL,
    "coordinating": OPTIONAL,
    "keywords": OPTIONAL,
    "portal": OPTIONAL,
    "imported": OPTIONAL,
    # Procedures default to «Cải cách thủ tục hành chính»; see DEFAULT_CATEGORY.
    "category": OPTIONAL,
}

FIELD_MEANINGS: dict[str, str] = {
    "code": "mã thủ tục, ví dụ 1.001193",
    "field": "lĩnh vực, ví dụ Hộ tịch",
    "level": "cấp thực hiện: cấp xã hoặc cấp tỉnh",
    "agency": "cơ quan thực hiện",
    "subjects": "đối tượng thực hiện",
    "duration": "thời hạn giải quyết",
    "fees": "phí, lệ phí (viết «Không» nếu không thu)",
    "result": "kết quả thực hiện",
    "online": "mức độ dịch vụ công trực tuyến: toàn trình, một phần hoặc không",
    "address": "địa chỉ tiếp nhận hồ sơ",
    "decision": "quyết định công bố thủ tục",
    "type": "loại thủ tục",
    "authority": "cơ quan có thẩm quyền",
    "delegated": "cơ quan được ủy quyền",
    "coordinating": "cơ quan phối hợp",
    "keywords": "từ khóa",
    "portal": "đường dẫn nộp hồ sơ trực tuyến riêng của thủ tục (nếu có)",
    "imported": "chỉ lệnh make import-procedures ghi trường này (thủ tục viết tay không dùng)",
}

DEFAULT_CATEGORY = "Cải cách thủ tục hành chính"

# What a new procedure offers (``make new``): never the abolished district level.
SCAFFOLD_CHOICES: dict[str, tuple[str, ...]] = {
    "level": ("cấp xã", "cấp tỉnh"),
    "online": ("toàn trình", "một phần", "không"),
}

_CODE = re.compile(r"^(?P<base>\d\.\d{6})(?P<suffix>\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")
CODE_EXAMPLE = "1.001612 hoặc 1.001612.000.00.00.H48"


@dataclass(frozen=True)
class ProcedureCode:
    """A national procedure code: ``1.001612``, optionally with a local suffix ``.000.00.00.H48``."""

    full: str
    base: str

    @property
    def has_local_suffix(self) -> bool:
        return self.full != self.base


def parse_code(value: str) -> ProcedureCode | None:
    """The code written in ``value`` (spaces ignored, suffix letter upper-cased), or None if malformed."""
    compact = re.sub(r"\s+", "", value or "")
    compact = compact[:-3] + compact[-3:].upper() if len(compact) > 8 else compact
    match = _CODE.match(compact)
    return ProcedureCode(compact, match.group("base")) if match else None


@dataclass(frozen=True)
class Level:
    """The level of government that carries out a procedure (cấp thực hiện)."""

    slug: str
    label: str
    legacy: bool = False
    order: int = 0


LEVELS = {
    "cap-xa": Level("cap-xa", "Cấp xã", order=1),
    "cap-tinh": Level("cap-tinh", "Cấp tỉnh", order=2),
    # The district level was abolished on 1 July 2025; old records still name it.
    "cap-huyen": Level("cap-huyen", "Cấp huyện", legacy=True, order=3),
}

_LEVEL_WORDS = {
    "xa": "cap-xa",
    "phuong": "cap-xa",
    "dac khu": "cap-xa",
    "thi tran": "cap-xa",
    "tinh": "cap-tinh",
    "thanh pho truc thuoc trung uong": "cap-tinh",
    "huyen": "cap-huyen",
    "quan": "cap-huyen",
    "thi xa": "cap-huyen",
}


def parse_levels(value: str) -> tuple[tuple[Level, ...], list[str]]:
    """The levels named in ``value`` ("Cấp xã, cấp tỉnh") and the parts that name no level."""
    levels: list[Level] = []
    unknown: list[str] = []
    for part in re.split(r"[,;/]| và ", value or ""):
        words = fold(part).removeprefix("cap ").strip()
        if not words:
            continue
        slug = _LEVEL_WORDS.get(words)
        if slug is None:
            unknown.append(part.strip())
        elif LEVELS[slug] not in levels:
            levels.append(LEVELS[slug])
    return tuple(sorted(levels, key=lambda level: level.order)), unknown


@dataclass(frozen=True)
class OnlineService:
    """The online-service level of Nghị định 42/2022/NĐ-CP (or none)."""

    slug: str
    label: str
    description: str
    order: int


ONLINE_SERVICES = {
    "toan-trinh": OnlineService(
        "toan-trinh", "Toàn trình", "Dịch vụ công trực tuyến toàn trình: nộp hồ sơ, nộp phí và nhận kết quả trên mạng.", 1
    ),
    "mot-phan": OnlineService(
        "mot-phan", "Một phần", "Dịch vụ công trực tuyến một phần: nộp hồ sơ trên mạng, có bước phải đến nộp hoặc nhận trực tiếp.", 2
    ),
    "chua-truc-tuyen": OnlineService(
        "chua-truc-tuyen", "Chưa trực tuyến", "Chưa cung cấp dịch vụ công trực tuyến: nộp hồ sơ trực tiếp hoặc qua bưu chính.", 3
    ),
}

_ONLINE_WORDS = {
    "toan trinh": "toan-trinh",
    "dich vu cong truc tuyen toan trinh": "toan-trinh",
    "truc tuyen toan trinh": "toan-trinh",
    "muc do 4": "toan-trinh",
    "muc 4": "toan-trinh",
    "mot phan": "mot-phan",
    "dich vu cong truc tuyen mot phan": "mot-phan",
    "truc tuyen mot phan": "mot-phan",
    "muc do 3": "mot-phan",
    "muc 3": "mot-phan",
    "khong": "chua-truc-tuyen",
    "khong co": "chua-truc-tuyen",
    "chua": "chua-truc-tuyen",
    "chua truc tuyen": "chua-truc-tuyen",
    "chua co": "chua-truc-tuyen",
    "truc tiep": "chua-truc-tuyen",
    "muc do 2": "chua-truc-tuyen",
    "muc 2": "chua-truc-tuyen",
    "muc do 1": "chua-truc-tuyen",
    "muc 1": "chua-truc-tuyen",
}


def parse_online(value: str) -> OnlineService | None:
    """The online-service level in ``value``: toàn trình, một phần (old «mức độ 4», «mức độ 3») or none."""
    words = re.sub(r"[^\w ]+", " ", fold(value or ""))
    return ONLINE_SERVICES.get(_ONLINE_WORDS.get(" ".join(words.split()), ""))


def is_web_address(value: str) -> bool:
    return bool(re.match(r"^https?://[^\s/]+\.[^\s]+$", value or ""))


def is_placeholder(value: str | None) -> bool:
    """A scaffold's «[điền: …]» left in a field: reported by the editors' workflow, not as a bad value."""
    text = (value or "").strip()
    return text.startswith("[") and text.endswith("]")


def check_procedure_header(header: Header, settings: dict) -> Iterator[tuple[int | None, str]]:
    """Findings for a procedure's own header fields (content_model validator)."""
    code, level, online, portal = (header.value(key) for key in ("code", "level", "online", "portal"))
    code, level, online, portal = (None if is_placeholder(value) else value for value in (code, level, online, portal))
    if code and parse_code(code) is None:
        yield (
            header.line_of("code"),
            f"mã thủ tục «{code}» không đúng dạng: viết một chữ số, dấu chấm và sáu chữ số như trong Cơ sở dữ liệu quốc gia về thủ tục hành chính ({CODE_EXAMPLE}).",
        )
    if level:
        levels, unknown = parse_levels(level)
        if unknown or not levels:
            shown = ", ".join(f"«{part}»" for part in unknown) or f"«{level}»"
            yield (
                header.line_of("level"),
                f"cấp thực hiện {shown} không hợp lệ: viết «cấp xã» hoặc «cấp tỉnh» (nhiều cấp thì cách nhau bằng dấu phẩy).",
            )
    if online and parse_online(online) is None:
        yield (
            header.line_of("online"),
            f"mức độ dịch vụ công trực tuyến «{online}» không hợp lệ: viết «toàn trình», «một phần» (Nghị định 42/2022/NĐ-CP) hoặc «không»; «mức độ 4» được hiểu là toàn trình, «mức độ 3» là một phần.",
        )
    if portal and not is_web_address(portal):
        yield (header.line_of("portal"), f"Portal «{portal}» không phải một địa chỉ web: viết đầy đủ, bắt đầu bằng https://")
    yield from _missing_meanings(header)


def _missing_meanings(header: Header) -> Iterator[tuple[int | None, str]]:
    """One hint saying what the missing procedure fields mean (the content model names them)."""
    missing = [key for key, required in PROCEDURE_FIELDS.items() if required and key not in header.fields]
    if missing:  # only then look for misspellings (difflib is slow, and a complete header has none to explain)
        misspelled = {likely_meant(key, PROCEDURE_FIELDS) for key in header.fields if key not in PROCEDURE_FIELDS}
        missing = [key for key in missing if key not in misspelled]
    if missing:
        meanings = "; ".join(f"{key.capitalize()} = {FIELD_MEANINGS[key]}" for key in missing)
        yield (None, f"nghĩa của các trường thủ tục còn thiếu: {meanings}. Xem mẫu ở docs/huong-dan-bien-tap.md, mục «Viết một thủ tục hành chính».")
