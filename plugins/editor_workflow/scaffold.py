"""``make new``: a new item's file, with every header field filled in or explained.

Everything comes from the initialised settings: the kinds and their fields
(``CCHC_FIELDS``, as merged by every plugin), their folders, the units, the
build's "now". A new field added by another plugin appears here without a
change to this module.

What the scaffold fills and why (the guide explains it to editors):

- Title, Date (now, with its offset, +07:00), Slug (from the title), Unit
  (``DEFAULT_UNIT``), and ``Status: draft``: the item is never published
  before an editor removes that line.
- Fields that take one of a fixed list (Category, HonoreeType): one commented
  line per value, the editor uncomments one, unless it was given.
- Other required fields: a «[điền: …]» placeholder; a draft builds with it,
  a published item does not (:mod:`.placeholders`).
- Optional fields: commented, each under a comment saying what it is for.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from plugins.content_model import build_now
from plugins.content_model.schema import REFORM_AREAS, resolve_area, resolve_unit, spelled, units_from_settings
from plugins.content_model.validate import DATE_EXAMPLE, parse_item_date
from plugins.vntext.text import nfc, vn_slugify

from .fields import GUIDE, editor_fields, field_choices, field_examples, field_help
from .placeholders import placeholder

# Filled by the scaffold itself, in this order, before the fields it explains.
FILLED_FIELDS = ("title", "date", "slug", "unit", "status")
# The optional fields editors use most come first; the others follow in the order plugins declared them.
OPTIONAL_ORDER = ("summary", "tags", "author", "image")
# Kind → the body a new item starts with, for kinds whose body has a fixed shape (set by their plugin).
BODY_SETTING = "CCHC_SCAFFOLD_BODY"
BODY_PLACEHOLDER = placeholder("nội dung bài. Xóa dòng này rồi viết nội dung; các đoạn cách nhau một dòng trống")


class ScaffoldError(ValueError):
    """A request ``make new`` cannot fulfil; the message is Vietnamese and says what to do."""


@dataclass(frozen=True)
class NewItem:
    """What the editor asked for: the kind, the title, and optionally the area, unit and date."""

    kind: str
    title: str
    area: str | None = None
    unit: str | None = None
    date: datetime | None = None


def kinds_by_folder(settings: dict) -> dict[str, str]:
    """Folder under ``content/`` → kind, as the content model maps them."""
    return dict(settings["CCHC_KIND_FOLDERS"])


def resolve_kind(settings: dict, written: str) -> str:
    """The kind named by ``written`` (a kind or its folder); raise ScaffoldError listing the kinds."""
    folders = kinds_by_folder(settings)
    for folder, kind in folders.items():
        if written.strip() in (kind, folder):
            return kind
    listed = ", ".join(kind for kind in folders.values())
    raise ScaffoldError(f"loại bài «{written}» không có. Viết KIND= một trong: {listed}.")


def chosen_area(written: str) -> str:
    """The official name of the reform area ``written`` (a name in any accents, or a short code)."""
    area = resolve_area(written)
    if area is None:
        raise ScaffoldError(f"lĩnh vực «{written}» không có. Viết AREA= một trong: {', '.join(REFORM_AREAS)}.")
    return area


def chosen_unit(settings: dict, written: str) -> str | None:
    """The name of the unit ``written`` (a name in any accents, or its slug); None when nothing was written."""
    if not written:
        return None
    unit = resolve_unit(written, units_from_settings(settings))
    if unit is None:
        names = "; ".join(settings.get("UNITS", {}).values())
        raise ScaffoldError(f"đơn vị «{written}» không có trong UNITS. Viết UNIT= một trong: {names}.")
    return unit.name


def chosen_date(settings: dict, written: str) -> datetime | None:
    """The publication date ``written`` as the header accepts it; None when nothing was written."""
    if not written:
        return None
    try:
        return parse_item_date(written, settings["TIMEZONE"])
    except ValueError as reason:
        raise ScaffoldError(f"DATE: {reason}. Viết theo mẫu {DATE_EXAMPLE}.") from None


def folder_of(settings: dict, kind: str) -> str:
    return next(folder for folder, folder_kind in kinds_by_folder(settings).items() if folder_kind == kind)


def default_unit_name(settings: dict) -> str | None:
    units = settings.get("UNITS", {})
    return units.get(settings.get("DEFAULT_UNIT")) or next(iter(units.values()), None)


def header_date(moment: datetime) -> str:
    """``2026-11-25 08:30 +07:00``: the form the guide teaches."""
    offset = moment.strftime("%z")
    return f"{moment:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def checked_title(title: str) -> str:
    clean = nfc(title).strip()
    if not clean:
        raise ScaffoldError('chưa có tiêu đề. Ví dụ: make new KIND=tin TITLE="Xã Tân Hòa tổ chức hội nghị"')
    if "\n" in clean or "\r" in clean:
        raise ScaffoldError("tiêu đề phải nằm trên một dòng.")
    if not vn_slugify(clean):
        raise ScaffoldError(f"không tạo được địa chỉ bài từ tiêu đề «{clean}»: tiêu đề cần có chữ hoặc số.")
    return clean


Explain = Callable[[str], str]


def filled_lines(settings: dict, item: NewItem, fields: dict[str, bool], explain: Explain) -> list[str]:
    title = checked_title(item.title)
    values = {
        "title": title,
        "date": header_date(item.date or build_now(settings)) if fields.get("date") else None,
        "slug": vn_slugify(title),
        "unit": item.unit or default_unit_name(settings),
        "status": "draft",
    }
    lines = []
    for key in FILLED_FIELDS:
        if key in fields and values[key]:
            lines.append(f"{spelled(key)}: {values[key]}")
            lines += unit_alternatives(settings, values[key]) if key == "unit" else []
    lines.append(f"# Status — {explain('status')}.")
    return lines


def unit_alternatives(settings: dict, chosen: str) -> list[str]:
    others = [name for name in settings.get("UNITS", {}).values() if name != chosen]
    return [f"# Đơn vị khác: {'; '.join(others)}."] if others else []


def choice_lines(key: str, values: tuple[str, ...], required: bool, explain: Explain) -> list[str]:
    need = "bắt buộc" if required else "không bắt buộc"
    lines = [f"# {spelled(key)} — {explain(key)} ({need}): xóa dấu «# » ở đầu MỘT dòng dưới đây."]
    return lines + [f"# {spelled(key)}: {value}" for value in values]


def required_lines(key: str, explain: Explain) -> list[str]:
    return [f"{spelled(key)}: {placeholder(explain(key))}"]


def optional_lines(key: str, explain: Explain) -> list[str]:
    return [f"# {spelled(key)} — {explain(key)}:", f"# {spelled(key)}: "]


def optional_first(keys: list[str]) -> list[str]:
    return sorted(keys, key=lambda key: OPTIONAL_ORDER.index(key) if key in OPTIONAL_ORDER else len(OPTIONAL_ORDER))


def explainer(settings: dict, kind: str, keys: list[str]) -> Explain:
    """How the scaffold explains each field: its meaning, else an example from the kind's existing items."""
    unexplained = [key for key in keys if field_help(settings, key).endswith(GUIDE)]
    examples = field_examples(Path(settings["PATH"]) / folder_of(settings, kind), unexplained) if unexplained else {}
    return partial(field_help, settings, examples=examples)


def scaffold_text(settings: dict, item: NewItem) -> str:
    """The new file's text: header with every field of the kind filled or explained, then the body."""
    fields = editor_fields(settings, item.kind)
    rest = [key for key in fields if key not in FILLED_FIELDS or (key == "date" and not fields[key])]
    explain = explainer(settings, item.kind, rest)
    lines = filled_lines(settings, item, fields, explain)
    chosen = {"category": item.area}
    choices = {key: field_choices(settings, key) for key in rest}
    for key in (key for key in rest if choices[key]):
        if chosen.get(key):
            lines.append(f"{spelled(key)}: {chosen[key]}")
        else:
            lines += choice_lines(key, choices[key], fields[key], explain)
    for key in (key for key in rest if fields[key] and not choices[key]):
        lines += required_lines(key, explain)
    optional = optional_first([key for key in rest if not fields[key] and not choices[key]])
    if optional:
        lines.append("# --- Không bắt buộc: muốn dùng trường nào, xóa dấu «# » ở đầu dòng đó rồi điền sau dấu hai chấm. ---")
    for key in optional:
        lines += optional_lines(key, explain)
    body = settings.get(BODY_SETTING, {}).get(item.kind, BODY_PLACEHOLDER)
    return "\n".join(lines) + "\n\n" + body.strip("\n") + "\n"


def scaffold_path(settings: dict, kind: str, title: str) -> Path:
    return Path(settings["PATH"]) / folder_of(settings, kind) / f"{vn_slugify(checked_title(title))}.md"


def shown_path(settings: dict, path: Path) -> str:
    """``content/tin/x.md``: ``path`` as editors see it, from the folder that holds ``content/``."""
    return os.path.relpath(path, Path(settings["PATH"]).parent)


def create_scaffold(settings: dict, item: NewItem) -> Path:
    """Write the new item's file and return its path; never overwrite an existing file."""
    path = scaffold_path(settings, item.kind, item.title)
    text = scaffold_text(settings, item)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as new_file:
            new_file.write(text)
    except FileExistsError:
        shown = shown_path(settings, path)
        raise ScaffoldError(
            f"đã có tệp {shown}; không ghi đè. Mở tệp đó để sửa, hoặc đặt tiêu đề khác."
        ) from None
    return path
