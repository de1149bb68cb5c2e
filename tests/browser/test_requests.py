"""Not one request leaves the site: every page kind loads only from the site's own host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.page_kinds import PAGE_KINDS

pytestmark = pytest.mark.browser


def test_no_request_to_a_third_party_on_any_kind_of_page(browser, site_url, page_urls):
    context = browser.new_context()
    requested: list[str] = []

    def record(route):
        requested.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    page = context.new_page()
    for kind in PAGE_KINDS:
        page.goto(site_url + page_urls[kind])
    context.close()
    foreign = sorted({url for url in requested if urlsplit(url).hostname != "127.0.0.1"})
    assert foreign == []
    assert any(url.endswith(".css") for url in requested) and any(url.endswith(".js") for url in requested)


def test_no_web_font_is_downloaded(browser, site_url, page_urls):
    context = browser.new_context()
    fonts: list[str] = []
    context.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page = context.new_page()
    for kind in ("home", "news item"):
        page.goto(site_url + page_urls[kind])
    context.close()
    assert len(set(fonts)) <= 1
