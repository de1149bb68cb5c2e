"""Sections other plugins register, and the default menu."""

from __future__ import annotations

from plugins.site_sections.sections import MenuEntry, SiteSection, add_site_section, default_menu, normalised_sections


def test_sections_are_registered_once_and_sorted_by_order():
    settings = {"SITEMAP_SECTIONS": [{"url": "theo-doi-rss/", "title": "Theo dõi", "order": 90}]}
    add_site_section(settings, "thu-tuc/", "Thủ tục hành chính", on_home=True, order=5)
    add_site_section(settings, "thu-tuc/", "Bản sao", order=1)
    sections = normalised_sections(settings["SITEMAP_SECTIONS"])
    assert [s.url for s in sections] == ["thu-tuc/", "theo-doi-rss/"]
    assert sections[0] == SiteSection("thu-tuc/", "Thủ tục hành chính", "", True, 5)


def test_default_menu_has_the_four_entries_thong_tu_32_asks_for():
    settings = {"PAGE_URL": "{slug}/", "ABOUT_PAGE_SLUG": "gioi-thieu", "PUBLIC_SERVICE_PORTAL": "https://dichvucong.gov.vn",
                "SITEMAP_URL": "so-do-trang/"}
    assert default_menu(settings) == [
        MenuEntry("Trang chủ", ""),
        MenuEntry("Giới thiệu", "gioi-thieu/"),
        MenuEntry("Dịch vụ công trực tuyến", "https://dichvucong.gov.vn", external=True),
        MenuEntry("Sơ đồ trang", "so-do-trang/"),
    ]
