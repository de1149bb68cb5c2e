"""The kinds of item, their header fields, the reform areas and the units.

A plugin that adds a kind or fields (procedures, feeds, images…) extends the
``CCHC_FIELDS`` setting at ``initialized``; the reader validates against the
merged table, so an unknown key is a typo, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from plugins.vntext.text import fold, vn_slugify

PAGE_KIND = "trang"

KIND_LABELS = {
    "tin": "Tin tức",
    "dien-hinh": "Điển hình tiên tiến",
    "phe-binh": "Phê bình",
    "thu-tuc": "Thủ tục hành chính",
    PAGE_KIND: "Trang",
}

REFORM_AREAS = {
    "the-che": "Cải cách thể chế",
    "thu-tuc-hanh-chinh": "Cải cách thủ tục hành chính",
    "to-chuc-bo-may": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "cong-vu": "Cải cách chế độ công vụ",
    "tai-chinh-cong": "Cải cách tài chính công",
    "chinh-quyen-so": "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
}

STATUS_ALIASES = {
    "published": "published",
    "draft": "draft",
    "hidden": "hidden",
    "nhap": "draft",
    "ban nhap": "draft",
    "an": "hidden",
    "cong bo": "published",
}

REQUIRED = True
OPTIONAL = False

# Pelican's own keys that an editor may use on any kind.
COMMON_FIELDS = {
    "title": REQUIRED,
    "slug": OPTIONAL,
    "summary": OPTIONAL,
    "status": OPTIONAL,
    "modified": OPTIONAL,
    "lang": OPTIONAL,
    "translation": OPTIONAL,
    "template": OPTIONAL,
    "save_as": OPTIONAL,
    "url": OPTIONAL,
}

ITEM_FIELDS = {
    **COMMON_FIELDS,
    "date": REQUIRED,
    "category": REQUIRED,
    "unit": REQUIRED,
    "tags": OPTIONAL,
    "author": OPTIONAL,
    "authors": OPTIONAL,
    "image": OPTIONAL,
}

DEFAULT_FIELDS = {
    "tin": dict(ITEM_FIELDS),
    "dien-hinh": {
        **ITEM_FIELDS,
        "honoree": REQUIRED,
        "honoreetype": REQUIRED,
        "honoreeunit": OPTIONAL,
        "achievement": REQUIRED,
    },
    "phe-binh": {
        **ITEM_FIELDS,
        "criticized": REQUIRED,
        "shortcoming": REQUIRED,
        "remedy": OPTIONAL,
    },
    "thu-tuc": dict(ITEM_FIELDS),
    PAGE_KIND: {**COMMON_FIELDS, "date": OPTIONAL},
}

# How the guide and the error messages spell each key.
KEY_SPELLING = {
    "honoreetype": "HonoreeType",
    "honoreeunit": "HonoreeUnit",
    "audioduration": "AudioDuration",
    "imagealt": "ImageAlt",
    "save_as": "Save_as",
}

KEY_MEANING = {
    "title": "tiêu đề",
    "date": "ngày đăng",
    "category": "lĩnh vực cải cách",
    "unit": "đơn vị đăng bài",
    "summary": "tóm tắt",
    "honoree": "tập thể hoặc cá nhân được biểu dương",
    "honoreetype": "loại: tập thể hoặc cá nhân",
    "achievement": "được biểu dương vì điều gì",
    "criticized": "đối tượng bị phê bình",
    "shortcoming": "hạn chế bị phê bình",
}

HONOREE_TYPES = ("tập thể", "cá nhân")


def spelled(key: str) -> str:
    """The key as an editor writes it in a header ("honoreetype" → "HonoreeType")."""
    return KEY_SPELLING.get(key, key.capitalize())


@dataclass(frozen=True)
class Unit:
    """A unit (đơn vị) of the owning body that publishes items."""

    slug: str
    name: str


def resolve_area(value: str) -> str | None:
    """The official name of a reform area from its name (any accents) or short code, else None."""
    wanted = fold(value)
    for code, name in REFORM_AREAS.items():
        if wanted in (code, fold(name), fold(code.replace("-", " "))):
            return name
    return None


def area_slug(name: str) -> str:
    """The short code of a reform area's official name ("Cải cách thể chế" → "the-che")."""
    for code, official in REFORM_AREAS.items():
        if official == name:
            return code
    return vn_slugify(name)


def units_from_settings(settings: dict) -> list[Unit]:
    """The site's units, from the ``UNITS`` setting (a mapping of slug to name)."""
    return [Unit(slug, name) for slug, name in settings.get("UNITS", {}).items()]


def resolve_unit(value: str, units: list[Unit]) -> Unit | None:
    """The unit named by ``value`` (its name in any accents, or its slug), else None."""
    wanted = fold(value)
    for unit in units:
        if wanted in (fold(unit.name), unit.slug, fold(unit.slug.replace("-", " "))):
            return unit
    return None
