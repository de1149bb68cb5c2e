"""What each header field means and which values it takes, as the scaffold of ``make new`` explains them.

The kinds and their fields come from ``CCHC_FIELDS`` once every plugin has
extended it; this module only knows how to explain a field to an editor.
Another plugin explains its own fields through two settings, set at
``initialized``:

- ``CCHC_FIELD_HELP``: lower-case key → meaning, in Vietnamese;
- ``CCHC_FIELD_CHOICES``: lower-case key → the values the field takes (the
  scaffold then lists them for the editor to pick one).

A field nobody explains still appears in the scaffold, with an example value
taken from an existing item of the same kind when there is one (the site's
own content shows the way), else pointing to the guide.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from plugins.content_model.header import parse_header
from plugins.content_model.schema import HONOREE_TYPES, KEY_MEANING, REFORM_AREAS, spelled

from .placeholders import has_placeholder

HELP_SETTING = "CCHC_FIELD_HELP"
CHOICES_SETTING = "CCHC_FIELD_CHOICES"

# Pelican's own keys an editor never needs in a new item; the guide explains them.
TECHNICAL_FIELDS = frozenset({"lang", "translation", "template", "save_as", "url", "authors"})

DEFAULT_HELP = {
    **KEY_MEANING,
    "title": "tiêu đề bài, viết trên một dòng",
    "date": "ngày giờ đăng; ngày trong tương lai thì bài chờ đến ngày đó mới được đăng",
    "slug": "địa chỉ của bài trên trang, tạo từ tiêu đề; chỉ đổi khi muốn địa chỉ khác",
    "unit": "đơn vị đăng bài",
    "status": "draft là bản nháp, chưa đăng; xóa dòng Status khi bài đã được duyệt để đăng",
    "category": "lĩnh vực cải cách hành chính của bài",
    "summary": "một câu tóm tắt, hiện ở danh sách bài và khi chia sẻ liên kết",
    "tags": "các thẻ, cách nhau bằng dấu phẩy, ví dụ: dịch vụ công trực tuyến, chuyển đổi số",
    "author": "người viết bài",
    "image": "ảnh đại diện của bài, một tệp trong thư mục content/images/ (xem mục ảnh trong hướng dẫn)",
    "modified": "ngày cập nhật lần cuối, viết như Date",
    "honoreeunit": "nơi công tác, sinh hoạt của tập thể hoặc cá nhân được biểu dương",
    "remedy": "yêu cầu khắc phục và thời hạn",
}

DEFAULT_CHOICES = {
    "category": tuple(REFORM_AREAS.values()),
    "honoreetype": HONOREE_TYPES,
}

GUIDE = "docs/huong-dan-bien-tap.md"
# Enough files to find an example of every field without reading a large site.
EXAMPLE_FILES = 50
HEADER_LINES = 80


def field_help(settings: dict, key: str, examples: dict[str, str] | None = None) -> str:
    """The meaning of ``key`` for an editor, in Vietnamese, else an example value, else where to read about it."""
    described = {**DEFAULT_HELP, **settings.get(HELP_SETTING, {})}
    if described.get(key):
        return described[key]
    if examples and examples.get(key):
        return f"ví dụ: {examples[key]}"
    return f"trường «{spelled(key)}», xem {GUIDE}"


def field_examples(folder: Path, keys: list[str]) -> dict[str, str]:
    """A value of each of ``keys`` as written in the existing items of ``folder`` (first found wins)."""
    wanted = set(keys)
    found: dict[str, str] = {}
    for path in islice(sorted(folder.glob("*.md")), EXAMPLE_FILES):
        with path.open(encoding="utf-8", errors="replace") as source:
            header = parse_header([line.rstrip("\n") for line in islice(source, HEADER_LINES)])
        for key in wanted - found.keys():
            value = header.value(key)
            if value and not has_placeholder(value):
                found[key] = value if len(value) <= 70 else value[:69] + "…"
        if found.keys() >= wanted:
            break
    return found


def field_choices(settings: dict, key: str) -> tuple[str, ...]:
    """The values ``key`` takes, when it takes one of a fixed list; else empty."""
    listed = {**DEFAULT_CHOICES, **settings.get(CHOICES_SETTING, {})}
    return tuple(listed.get(key, ()))


def editor_fields(settings: dict, kind: str) -> dict[str, bool]:
    """The fields of ``kind`` an editor may fill (key → required?), in the order the plugins declared them."""
    fields = settings["CCHC_FIELDS"].get(kind, {})
    return {key: required for key, required in fields.items() if key not in TECHNICAL_FIELDS}
