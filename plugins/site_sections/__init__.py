"""Site sections: the listing and navigation pages Pelican does not make, and the data the theme's menus need.

It writes
- one paginated listing per kind of item: ``tin/``, ``dien-hinh/``, ``phe-binh/``
  (``KIND_LISTINGS``; procedures have their own plugin);
- the units index ``don-vi/`` and one paginated page per unit ``don-vi/<slug>/``;
- ``404.html`` and ``robots.txt``, and at the end ``sitemap.xml`` of every page
  written by any plugin;
- fingerprinted copies of the theme's CSS and JS (``theme/css/site.<hash>.css``),
  which templates name with the ``asset_url`` filter.

It adds to the context ``items_by_kind``, ``kind_listings``, ``site_units``,
``archive_years``, ``related_items`` (source path → three items of the same
area nearest in time), ``site_sections``, ``site_menu``, ``site_emblem_url`` and
``about_page``. Other plugins add their sections to the sitemap page,
sitemap.xml and the home page through the ``SITEMAP_SECTIONS`` setting (see
:func:`add_site_section`) and may add menu entries to ``SITE_MENU``.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .assets import asset_url_filter, fingerprint_assets
from .generator import SiteSectionsGenerator, theme_static_dir
from .sections import (
    DEFAULT_KIND_LISTINGS,
    MenuEntry,
    SiteSection,
    add_site_section,
    default_menu,
    register_own_sections,
)
from .sitemap_xml import SitemapEntry, sitemap_xml, written_page_entry

__all__ = ["MenuEntry", "SiteSection", "add_site_section", "register"]

DEFAULT_SETTINGS = {
    "KIND_LISTINGS": list(DEFAULT_KIND_LISTINGS),
    "KIND_LISTING_URL": "{kind}/",
    "KIND_LISTING_SAVE_AS": "{kind}/index.html",
    "UNIT_URL": "don-vi/{slug}/",
    "UNIT_SAVE_AS": "don-vi/{slug}/index.html",
    "UNITS_URL": "don-vi/",
    "UNITS_SAVE_AS": "don-vi/index.html",
    "NOT_FOUND_SAVE_AS": "404.html",
    "ABOUT_PAGE_SLUG": "gioi-thieu",
    "HOME_LATEST_COUNT": 5,
    "PUBLIC_SERVICE_PORTAL": "https://dichvucong.gov.vn",
}


def sitemap_page_url(settings: dict) -> str:
    """The human sitemap's address, from ``SITEMAP_SAVE_AS`` when ``SITEMAP_URL`` is not set."""
    save_as = settings.get("SITEMAP_SAVE_AS", "so-do-trang/index.html")
    return save_as.removesuffix("index.html")


# Pages written in this run, for sitemap.xml; filled as Pelican writes, emptied at each start.
WRITTEN_PAGES: list[SitemapEntry] = []


def configure(pelican) -> None:
    WRITTEN_PAGES.clear()
    settings = pelican.settings
    for key, value in DEFAULT_SETTINGS.items():
        settings.setdefault(key, value)
    settings.setdefault("SITEMAP_URL", sitemap_page_url(settings))
    settings.setdefault("SITE_MENU", default_menu(settings))
    register_own_sections(settings)
    paginated = settings.setdefault("PAGINATED_TEMPLATES", {})
    paginated.setdefault("kind", None)
    paginated.setdefault("unit", None)
    fingerprints = fingerprint_assets(theme_static_dir(settings))
    settings["THEME_ASSET_FINGERPRINTS"] = fingerprints
    settings.setdefault("JINJA_FILTERS", {})["asset_url"] = asset_url_filter(fingerprints, settings["THEME_STATIC_DIR"])


def add_generator(pelican):
    return SiteSectionsGenerator


def record_written_page(path: str, context: dict) -> None:
    entry = written_page_entry(context)
    if entry is not None:
        WRITTEN_PAGES.append(entry)


def write_sitemap(pelican) -> None:
    """Write sitemap.xml once every generator has written its pages."""
    settings = pelican.settings
    text = sitemap_xml(WRITTEN_PAGES, settings["SITEURL"], settings["TIMEZONE"])
    (Path(pelican.output_path) / "sitemap.xml").write_text(text, encoding="utf-8")


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(record_written_page)
    signals.finalized.connect(write_sitemap)
