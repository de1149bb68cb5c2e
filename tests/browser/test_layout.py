"""Readable from 320 px wide and at 200 % text size; usable without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.page_kinds import PAGE_KINDS

pytestmark = pytest.mark.browser

NARROW_KINDS = ["home", "news item", "story", "criticism", "archive month", "sitemap", "page", "unit"]

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'absolute')
    .map(el => el.tagName + '.' + el.className);
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def assert_no_horizontal_scroll(page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"], found
    assert found["wide"] == [], found


@pytest.mark.parametrize("kind", NARROW_KINDS)
def test_no_horizontal_scrolling_at_320_px(browser, site_url, page_urls, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + page_urls[kind])
    assert_no_horizontal_scroll(page)
    context.close()


@pytest.mark.parametrize("kind", ["home", "news item", "criticism", "archives"])
def test_text_at_200_percent_still_fits(browser, site_url, page_urls, kind):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + page_urls[kind])
    normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    doubled = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
    assert doubled >= 1.9 * normal, "text must scale with the reader's text size"
    assert_no_horizontal_scroll(page)
    context.close()


def test_without_javascript_content_shows_and_buttons_that_need_it_do_not(browser, site_url, page_urls):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + page_urls["story"])
    assert page.locator("h1").is_visible()
    assert page.locator(".facts--story").is_visible()
    assert page.locator(".site-menu").is_visible()
    assert not page.locator("[data-action=print]").is_visible()
    assert not page.locator("[data-action=share]").is_visible()
    page.get_by_role("link", name="Sơ đồ trang").first.click()
    assert page.locator("h1").inner_text() == "Sơ đồ trang"
    context.close()


def test_with_javascript_the_print_button_prints(page, site_url, page_urls):
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto(site_url + page_urls["criticism"])
    button = page.get_by_role("button", name="In trang")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed === true")


def test_print_media_hides_navigation_and_keeps_the_item(page, site_url, page_urls):
    page.goto(site_url + page_urls["news item"])
    page.emulate_media(media="print")
    assert not page.locator(".site-menu").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert not page.locator(".page-actions").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator(".source-line").is_visible()
    assert page.locator(".item__meta time").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_every_kind_of_page_is_listed_for_these_tests():
    assert {"home", "news item", "story", "criticism", "404", "sitemap", "unit", "tag"} <= set(PAGE_KINDS)
