"""The site's sections as data: what the menu, the sitemap page, sitemap.xml and the home page list.

Other plugins register their own sections (procedures at ``thu-tuc/``, the
feeds page at ``theo-doi-rss/``…) by appending to the ``SITEMAP_SECTIONS``
setting at ``initialized``, or with :func:`add_site_section`; nothing here
guesses which of them exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Listing pages this plugin writes for kinds of item; procedures have their own plugin.
DEFAULT_KIND_LISTINGS = ("tin", "dien-hinh", "phe-binh")

KIND_LISTING_TITLES = {
    "tin": "Tin tức",
    "dien-hinh": "Điển hình tiên tiến, gương người tốt việc tốt",
    "phe-binh": "Phê bình",
}

KIND_LISTING_INTROS = {
    "tin": "Tin, bài về kế hoạch, hoạt động và kết quả cải cách hành chính.",
    "dien-hinh": "Tập thể, cá nhân được biểu dương vì thành tích trong cải cách hành chính.",
    "phe-binh": "Những hạn chế, việc làm chưa tốt bị phê bình công khai và yêu cầu khắc phục.",
}


@dataclass(frozen=True)
class SiteSection:
    """A part of the site a reader can go to: its address (relative to SITEURL) and its name."""

    url: str
    title: str
    description: str = ""
    on_home: bool = False
    order: int = 50

    @classmethod
    def from_setting(cls, entry: SiteSection | Mapping) -> SiteSection:
        if isinstance(entry, SiteSection):
            return entry
        return cls(
            url=str(entry["url"]),
            title=str(entry["title"]),
            description=str(entry.get("description", "")),
            on_home=bool(entry.get("on_home", False)),
            order=int(entry.get("order", 50)),
        )


@dataclass(frozen=True)
class MenuEntry:
    """One link of the main menu; ``external`` links leave the site (the public-service portal)."""

    title: str
    url: str
    external: bool = False


def add_site_section(settings: dict, url: str, title: str, description: str = "", on_home: bool = False,
                     order: int = 50) -> None:
    """Register a section (once per address) for the sitemap page, sitemap.xml and, if ``on_home``, the home page."""
    sections = settings.setdefault("SITEMAP_SECTIONS", [])
    if any(SiteSection.from_setting(entry).url == url for entry in sections):
        return
    sections.append(SiteSection(url, title, description, on_home, order))


def normalised_sections(entries: Iterable) -> list[SiteSection]:
    """The registered sections, each address once, in menu order (``order``, then as registered)."""
    seen: dict[str, SiteSection] = {}
    for entry in entries:
        section = SiteSection.from_setting(entry)
        seen.setdefault(section.url, section)
    return sorted(seen.values(), key=lambda section: section.order)


def kind_listing_url(settings: dict, kind: str) -> str:
    return settings.get("KIND_LISTING_URL", "{kind}/").format(kind=kind)


def kind_listing_save_as(settings: dict, kind: str) -> str:
    return settings.get("KIND_LISTING_SAVE_AS", "{kind}/index.html").format(kind=kind)


def register_own_sections(settings: dict) -> None:
    """The sections this plugin writes, so the sitemap lists them beside the others'."""
    for order, kind in enumerate(settings.get("KIND_LISTINGS", DEFAULT_KIND_LISTINGS), start=10):
        add_site_section(settings, kind_listing_url(settings, kind), KIND_LISTING_TITLES.get(kind, kind),
                         KIND_LISTING_INTROS.get(kind, ""), on_home=False, order=order)
    add_site_section(settings, settings["CATEGORIES_URL"], "Lĩnh vực cải cách",
                     "Sáu nội dung của chương trình cải cách hành chính.", order=30)
    add_site_section(settings, settings["UNITS_URL"], "Đơn vị", "Tin, bài theo đơn vị đăng.", order=31)
    add_site_section(settings, settings["ARCHIVES_URL"], "Lưu trữ", "Tin, bài theo năm và tháng.", order=32)
    add_site_section(settings, settings["TAGS_URL"], "Thẻ", "Tin, bài theo chủ đề.", order=33)


def default_menu(settings: dict) -> list[MenuEntry]:
    """Trang chủ, Giới thiệu, Dịch vụ công trực tuyến, Sơ đồ trang (Thông tư 32/2017/TT-BTTTT)."""
    return [
        MenuEntry("Trang chủ", ""),
        MenuEntry("Giới thiệu", settings["PAGE_URL"].format(slug=settings["ABOUT_PAGE_SLUG"])),
        MenuEntry("Dịch vụ công trực tuyến", settings["PUBLIC_SERVICE_PORTAL"], external=True),
        MenuEntry("Sơ đồ trang", settings["SITEMAP_URL"]),
    ]


def menu_from_setting(entries: Iterable) -> list[MenuEntry]:
    """``SITE_MENU`` entries (MenuEntry or dicts with title, url, external) as MenuEntry."""
    return [
        entry if isinstance(entry, MenuEntry) else MenuEntry(entry["title"], entry["url"], bool(entry.get("external")))
        for entry in entries
    ]
