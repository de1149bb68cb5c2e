"""The generator that writes the pages Pelican does not: kind listings, units, 404, robots.txt.

``generate_context`` adds the shared lists to the context (so the home page
and the sitemap page, rendered by Pelican's own generator, can use them);
``generate_output`` writes the pages and the fingerprinted theme assets.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from plugins.content_model import report

from .assets import write_fingerprinted_copies
from .listings import KindListing, archive_calendar, items_by_kind, related_by_area, unit_listings
from .sections import (
    KIND_LISTING_INTROS,
    KIND_LISTING_TITLES,
    MenuEntry,
    kind_listing_save_as,
    kind_listing_url,
    menu_from_setting,
    normalised_sections,
)
from .sitemap_xml import robots_txt

logger = logging.getLogger(__name__)

DEFAULT_EMBLEM = "images/quoc-huy.svg"


def theme_static_dir(settings: dict) -> Path:
    return Path(settings["THEME"]) / "static"


def emblem_url(settings: dict) -> str | None:
    """Where the header's emblem is published, or None after reporting a missing file.

    ``SITE_OWNER["emblem"]`` is looked up in the content folder first (the
    site's own emblem or logo), then among the theme's images.
    """
    configured = (settings.get("SITE_OWNER") or {}).get("emblem") or DEFAULT_EMBLEM
    relative = configured.strip().lstrip("/")
    in_content = Path(settings["PATH"]) / relative
    if in_content.is_file():
        if not _is_static(relative, settings.get("STATIC_PATHS", [])):
            report(str(in_content), (
                f"tệp quốc huy/biểu trưng «{relative}» (SITE_OWNER['emblem'] trong pelicanconf.py) không nằm trong "
                f"thư mục tĩnh nên sẽ không được xuất bản. Chuyển tệp vào một thư mục trong STATIC_PATHS "
                f"({', '.join(settings.get('STATIC_PATHS', []))}) rồi sửa đường dẫn."
            ))
            return None
        return relative
    if (theme_static_dir(settings) / relative).is_file():
        return f"{settings['THEME_STATIC_DIR']}/{relative}"
    report(str(in_content), (
        f"không tìm thấy tệp quốc huy/biểu trưng «{relative}» mà SITE_OWNER['emblem'] trong pelicanconf.py trỏ tới. "
        "Chép tệp ảnh (SVG hoặc PNG) vào đúng chỗ này, hoặc xóa dòng «emblem» để dùng hình quốc huy mặc định của giao diện."
    ))
    return None


def _is_static(relative: str, static_paths: list[str]) -> bool:
    parts = Path(relative).parts
    return any(parts[: len(Path(static).parts)] == Path(static).parts for static in static_paths)


class SiteSectionsGenerator(Generator):
    """Adds listings to the context and writes the pages of sections Pelican has no generator for."""

    def generate_context(self) -> None:
        settings, context = self.settings, self.context
        articles = context.get("articles", [])
        grouped = items_by_kind(articles)
        context["items_by_kind"] = grouped
        context["kind_listings"] = [self._kind_listing(kind, grouped.get(kind, [])) for kind in settings["KIND_LISTINGS"]]
        listed_kinds = set(settings["KIND_LISTINGS"])
        context["site_units"] = unit_listings(
            settings.get("UNITS", {}),
            (item for item in articles if getattr(item, "kind", None) in listed_kinds),
            settings["UNIT_URL"],
            settings["UNIT_SAVE_AS"],
        )
        context["archive_years"] = archive_calendar(
            articles, settings["YEAR_ARCHIVE_URL"], settings["MONTH_ARCHIVE_URL"], settings["TIMEZONE"]
        )
        context["related_items"] = related_by_area(context.get("categories", []))
        context["site_sections"] = normalised_sections(settings.get("SITEMAP_SECTIONS", []))
        context["site_menu"] = self._menu(context.get("pages", []))
        context["site_emblem_url"] = emblem_url(settings)
        context["about_page"] = self._about_page(context.get("pages", []))

    def _kind_listing(self, kind: str, items: list) -> KindListing:
        labels = self.settings.get("CCHC_KIND_LABELS", {})
        return KindListing(
            kind=kind,
            title=KIND_LISTING_TITLES.get(kind) or labels.get(kind, kind),
            intro=KIND_LISTING_INTROS.get(kind, ""),
            url=kind_listing_url(self.settings, kind),
            save_as=kind_listing_save_as(self.settings, kind),
            items=items,
        )

    def _about_page(self, pages: list):
        slug = self.settings["ABOUT_PAGE_SLUG"]
        return next((page for page in pages if page.slug == slug), None)

    def _menu(self, pages: list) -> list[MenuEntry]:
        """The menu, without the «Giới thiệu» link when the site has no such page yet."""
        menu = menu_from_setting(self.settings["SITE_MENU"])
        if self._about_page(pages) is not None:
            return menu
        about_url = self.settings["PAGE_URL"].format(slug=self.settings["ABOUT_PAGE_SLUG"])
        logger.warning(
            "Chưa có trang Giới thiệu (content/pages/%s.md) nên menu tạm bỏ mục «Giới thiệu».",
            self.settings["ABOUT_PAGE_SLUG"],
        )
        return [entry for entry in menu if entry.url != about_url]

    def generate_output(self, writer) -> None:
        relative_urls = self.settings["RELATIVE_URLS"]
        for listing in self.context["kind_listings"]:
            self._write_paginated(writer, listing.save_as, listing.url, "kind", listing.items, listing=listing)
        writer.write_file(self.settings["UNITS_SAVE_AS"], self.get_template("units"), self.context,
                          relative_urls, template_name="units", url=self.settings["UNITS_URL"])
        for unit in self.context["site_units"]:
            self._write_paginated(writer, unit.save_as, unit.url, "unit", unit.items, unit=unit)
        writer.write_file(self.settings["NOT_FOUND_SAVE_AS"], self.get_template("404"), self.context,
                          relative_urls, template_name="404", url=self.settings["NOT_FOUND_SAVE_AS"])
        self._write_text("robots.txt", robots_txt(self.settings["SITEURL"]))
        write_fingerprinted_copies(theme_static_dir(self.settings), self.settings["THEME_ASSET_FINGERPRINTS"],
                                   Path(self.output_path) / self.settings["THEME_STATIC_DIR"])

    def _write_paginated(self, writer, save_as: str, url: str, template: str, items: list, **kwargs) -> None:
        writer.write_file(save_as, self.get_template(template), self.context, self.settings["RELATIVE_URLS"],
                          paginated={"articles": items}, template_name=template, url=url, articles=items, **kwargs)

    def _write_text(self, name: str, text: str) -> None:
        (Path(self.output_path) / name).write_text(text, encoding="utf-8")
