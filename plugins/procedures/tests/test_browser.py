"""The procedure pages in headless Chromium: instant filtering (and life without it), printing, accessibility."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browsers import chromium_browser, served
from tests.sitebuild import PROJECT_ROOT

pytestmark = pytest.mark.browser

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def base_url(sample_site) -> Iterator[str]:
    with served(sample_site.output) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def tab(chromium) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def visible_items(page: Page) -> list[dict]:
    return page.eval_on_selector_all(
        ".tt-list__item",
        "items => items.filter(i => i.offsetParent !== null).map(i => ({title: i.querySelector('a').textContent,"
        " search: i.dataset.tim, level: i.dataset.cap, online: i.dataset.trucTuyen}))",
    )


def test_instant_filter_finds_words_typed_without_accents(tab, base_url):
    tab.goto(base_url + "thu-tuc/")
    total = tab.locator(".tt-list__item").count()
    assert tab.locator("form.tt-instant").is_visible()
    tab.fill("#tt-tim", "dat dai")
    shown = visible_items(tab)
    assert 0 < len(shown) < total
    assert all("dat dai" in item["search"] for item in shown)
    assert {"Hòa giải tranh chấp đất đai"} <= {item["title"] for item in shown}
    assert tab.locator(".tt-instant__status").text_content() == f"Có {len(shown)} thủ tục phù hợp."
    assert not tab.locator("#linh-vuc-ho-tich").is_visible(), "a field with nothing left is hidden"


def test_instant_filter_by_level_and_online_level(tab, base_url):
    tab.goto(base_url + "thu-tuc/")
    tab.select_option("#tt-cap", "cap-tinh")
    shown = visible_items(tab)
    assert shown and all("cap-tinh" in item["level"].split() for item in shown)
    tab.select_option("#tt-cap", "")
    tab.select_option("#tt-truc-tuyen", "toan-trinh")
    shown = visible_items(tab)
    assert shown and all(item["online"] == "toan-trinh" for item in shown)
    tab.select_option("#tt-cap", "cap-tinh")
    assert visible_items(tab) == []
    assert tab.locator(".tt-instant__status").text_content() == "Không có thủ tục nào phù hợp."


def test_without_javascript_the_prebuilt_filter_pages_do_the_work(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "thu-tuc/")
    assert not page.locator("form.tt-instant").is_visible()
    page.get_by_role("link", name=re.compile(r"^Cấp tỉnh \(\d+\)$")).click()
    assert page.url.endswith("/thu-tuc/cap-tinh/")
    shown = visible_items(page)
    assert shown and all("cap-tinh" in item["level"].split() for item in shown)
    context.close()


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height in points of every page of a PDF (Chromium writes one MediaBox per page)."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(width), float(height)) for width, height in boxes]


def test_posting_sheet_prints_on_a4_without_the_sites_frame(tab, base_url):
    tab.goto(base_url + "thu-tuc/dang-ky-khai-sinh/niem-yet/")
    tab.emulate_media(media="print")
    assert not tab.locator("body > header").is_visible()
    assert not tab.locator("body > footer").is_visible()
    assert not tab.locator(".tt-print-hint").is_visible()
    assert tab.locator(".tt-sheet__title").is_visible() and tab.locator(".tt-qr svg").is_visible()
    qr_size = tab.locator(".tt-qr svg").bounding_box()
    assert qr_size["width"] >= 100, "the QR code must stay large enough to scan from a notice board"
    pages = pdf_pages(tab.pdf(prefer_css_page_size=True, print_background=True))
    assert 1 <= len(pages) <= 3
    for width, height in pages:
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2


def test_booklet_prints_each_procedure_on_a_new_page(tab, base_url, sample_site):
    procedures = len(sample_site.html("thu-tuc/linh-vuc/ho-tich/").select(".tt-booklet__procedure"))
    tab.goto(base_url + "thu-tuc/linh-vuc/ho-tich/")
    pages = pdf_pages(tab.pdf(prefer_css_page_size=True))
    assert len(pages) >= procedures + 1  # a cover and table of contents, then each procedure from a new page


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
        " 'best-practice']}, resultTypes: ['violations']})"
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


@pytest.mark.parametrize(
    "url",
    ["thu-tuc/dang-ky-khai-sinh/", "thu-tuc/dang-ky-khai-sinh/niem-yet/", "thu-tuc/linh-vuc/ho-tich/",
     "thu-tuc/toan-trinh/", "thu-tuc/du-lieu/"],
)
def test_axe_finds_no_violation_on_procedure_pages(tab, base_url, url):
    tab.goto(base_url + url)
    assert axe_violations(tab) == [], url
