"""Browser fixtures: the sample site served on 127.0.0.1, and one headless Chromium for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.page_kinds import page_kind_urls
from tests.browsers import chromium_browser, served


@pytest.fixture(scope="session")
def site_url(sample_site) -> Iterator[str]:
    """Base URL (ending in /) of the built sample site, served by a threaded http.server."""
    with served(sample_site.output) as url:
        yield url


@pytest.fixture(scope="session")
def page_urls(sample_site) -> dict[str, str]:
    return page_kind_urls(sample_site.output)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for all tests of this folder.

    Package scope, not session: Playwright's sync API refuses a second
    instance while one runs, and plugins' own browser tests start theirs later.
    """
    with chromium_browser() as chromium:
        yield chromium


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
