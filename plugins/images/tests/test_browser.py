"""The sample site's pictures in headless Chromium: the right size for the screen, no shift while loading, lazy
below the first screen, thumbnails in their box."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from plugins.images.tests.test_images_site import DESK_ITEM, PHONE_ITEM, name_of
from tests.browsers import chromium_browser, served

pytestmark = pytest.mark.browser

LEAD = "figure.item__image img"


@pytest.fixture(scope="module")
def base_url(sample_site) -> Iterator[str]:
    with served(sample_site.output) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with chromium_browser() as browser:
        yield browser


def open_page(chromium: Browser, url: str, width: int, scale: float = 1, block_images: bool = False):
    page = chromium.new_page(viewport={"width": width, "height": 640}, device_scale_factor=scale)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    if block_images:
        page.route("**/anh/**", lambda route: route.abort())
    page.goto(url, wait_until="load")
    return page, requested


def test_listing_thumbnails_keep_their_box_on_a_phone(chromium, base_url):
    page, _ = open_page(chromium, base_url + "tin/", 360, block_images=True)
    sizes = page.eval_on_selector_all(".item-card__thumb img", "imgs => imgs.map(i => [i.offsetWidth, i.offsetHeight])")
    assert len(sizes) >= 10 and set(map(tuple, sizes)) == {(96, 72)}, "6rem × 4.5rem before any picture arrives"
    page.close()


@pytest.mark.parametrize(("width", "scale", "variant"), [(360, 1, "480"), (360, 2, "960"), (1280, 2, "1600")])
def test_the_browser_takes_the_webp_variant_that_fits_the_screen(chromium, base_url, width, scale, variant):
    page, _ = open_page(chromium, base_url + PHONE_ITEM, width, scale)
    chosen = name_of(page.eval_on_selector(LEAD, "img => img.currentSrc"))
    assert (chosen["variant"], chosen["suffix"]) == (variant, "webp")
    page.close()


def test_nothing_shifts_while_pictures_load(chromium, base_url):
    loaded, _ = open_page(chromium, base_url + PHONE_ITEM, 360)
    waiting, _ = open_page(chromium, base_url + PHONE_ITEM, 360, block_images=True)
    box = "img => { const r = img.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }"
    width, height = waiting.eval_on_selector(LEAD, box)
    assert height > 0 and abs(height - width * 3 / 4) <= 1, "width and height attributes reserve the space"
    assert loaded.eval_on_selector(LEAD, box) == [width, height]
    assert waiting.eval_on_selector(".related .item-card__thumb img", box) == [80, 60], "thumbnails too"
    loaded.close()
    waiting.close()


def test_the_lead_loads_with_the_page_and_pictures_below_are_left_to_the_browser(chromium, base_url):
    """Chromium starts a lazy image 1250-2500 px before it scrolls into view, so a short sample page cannot show
    the wait itself; what is checked is that the browser reads the markup that way."""
    page, requested = open_page(chromium, base_url + DESK_ITEM, 360)
    assert page.eval_on_selector(LEAD, "img => img.loading === 'auto' && img.complete && img.naturalWidth > 0")
    assert page.eval_on_selector(".prose picture img", "img => img.loading") == "lazy"
    page.eval_on_selector(".prose picture img", "img => img.scrollIntoView()")
    page.wait_for_function("() => document.querySelector('.prose picture img').naturalWidth > 0")
    assert [url for url in requested if "so-do-quy-trinh-mot-cua-420." in url]
    page.close()
