"""Search in headless Chromium against the built sample site, served with the production Content-Security-Policy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page

from plugins.search.text import exact_key, folded_key, words
from tests.browsers import QuietHandler, chromium_browser, served
from tests.sitebuild import PROJECT_ROOT

pytestmark = pytest.mark.browser

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
NGINX_SAMPLE = PROJECT_ROOT / "deploy" / "nginx" / "cchc.conf"
RESULT_FIELDS = """items => items.map(item => ({
    title: item.querySelector('h2').textContent,
    url: item.querySelector('h2 a').getAttribute('href'),
    kind: item.className.replace(/.*search-result--/, ''),
    meta: item.querySelector('.search-result__meta').textContent,
    excerpt: (item.querySelector('.search-result__excerpt') || {textContent: ''}).textContent,
    marks: Array.from(item.querySelectorAll('mark')).map(mark => mark.textContent),
}))"""
RECORD_CSP_VIOLATIONS = """window.cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.cspViolations.push(event.violatedDirective));"""


def production_csp() -> str:
    """The Content-Security-Policy of the nginx sample config, so the page is tested under the real policy."""
    return re.search(r'add_header Content-Security-Policy "([^"]+)"', NGINX_SAMPLE.read_text(encoding="utf-8")).group(1)


class PolicyHandler(QuietHandler):
    policy = ""

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@pytest.fixture(scope="module")
def base_url(sample_site) -> Iterator[str]:
    handler = type("SiteHandler", (PolicyHandler,), {"policy": production_csp()})
    with served(sample_site.output, handler) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def tab(chromium) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    assert page.evaluate("window.cspViolations") == [], "the search page must run under the production CSP"
    context.close()


def wait_for_results(page: Page) -> None:
    """Wait until the search the page started is shown (tim-kiem.js marks the list busy meanwhile).

    Locators, not wait_for_function: the page runs under a CSP without 'unsafe-eval'.
    """
    page.locator("[data-search-results]:not([aria-busy])").wait_for(state="attached")


def shown_results(page: Page) -> list[dict]:
    return page.eval_on_selector_all(".search-result", RESULT_FIELDS)


def search(page: Page, base_url: str, query: str, every: bool = True, **filters) -> list[dict]:
    """Open the search page with ``?q=query`` (and filters), and return the results, all of them if ``every``."""
    page.goto(base_url + "tim-kiem/?" + urlencode({"q": query, **filters}))
    wait_for_results(page)
    more = page.locator("[data-search-more]")
    while every and more.is_visible():
        count = page.locator(".search-result").count()
        more.click()
        page.locator(".search-result").nth(count).wait_for()
        wait_for_results(page)
    return shown_results(page)


def status(page: Page) -> str:
    return page.text_content("[data-search-status]")


def page_words(sample_site, url: str) -> set[str]:
    """Exact keys of every word of an item as its page shows it (title, facts, text; not the related items)."""
    main = sample_site.html(url.lstrip("/")).select_one("main")
    for related in main.select(".related"):
        related.decompose()
    return {exact_key(word) for word in words(main.get_text(" "))}


@pytest.mark.parametrize(
    ("query", "phrase"),
    [("dat dai", "đất đai"), ("duoc", "được"), ("uy ban", "ủy ban"), ("thu tuc", "thủ tục")],
)
def test_a_query_without_diacritics_finds_the_words_with_them(tab, base_url, query, phrase):
    results = search(tab, base_url, query)
    assert len(results) >= 3
    assert status(tab) == f"Có {len(results)} kết quả cho «{query}»."
    assert phrase in (results[0]["title"] + " " + results[0]["excerpt"]).lower()
    wanted = query.split()
    for result in results:
        assert result["marks"], result["title"]
        for mark in result["marks"]:
            folded = folded_key(mark)
            assert folded in wanted or folded.startswith(wanted[-1]), (mark, result["title"])
    marked = {mark.lower() for result in results for mark in result["marks"]}
    assert set(phrase.split()) <= marked, "the excerpts highlight the words as they are written"


def test_the_excerpt_shows_the_match_in_context(tab, base_url):
    results = search(tab, base_url, "dat dai", every=False)
    hoa_giai = next(r for r in results if r["title"] == "Hòa giải tranh chấp đất đai")
    assert "đất đai" in hoa_giai["excerpt"]
    assert len(hoa_giai["excerpt"].split()) <= 40
    assert tab.locator(".search-result h2 mark").first.text_content().lower() in {"đất", "đai"}


@pytest.mark.parametrize(("old", "new"), [("hoà giải", "hòa giải"), ("thuỷ lợi", "thủy lợi"), ("Uỷ ban", "Ủy ban")])
def test_old_and_new_tone_placement_give_the_same_results(tab, base_url, old, new):
    with_old = [result["url"] for result in search(tab, base_url, old)]
    with_new = [result["url"] for result in search(tab, base_url, new)]
    assert with_old and with_old == with_new


def test_new_tone_placement_finds_text_written_the_old_way(tab, base_url):
    results = search(tab, base_url, "thủy lợi")
    hotline = next(r for r in results if r["title"].startswith("Xã Tân Hoà công khai đường dây nóng"))
    assert "thuỷ" in hotline["marks"] and "thuỷ lợi" in hotline["excerpt"]


@pytest.mark.parametrize(("query", "other"), [("đường", "dương"), ("dương", "đường")])
def test_exact_diacritics_rank_above_merely_folded_matches(tab, base_url, sample_site, query, other):
    results = search(tab, base_url, query)
    exact = [exact_key(query) in page_words(sample_site, result["url"]) for result in results]
    assert True in exact and False in exact, "the sample has both kinds of match"
    first_folded = exact.index(False)
    assert all(exact[:first_folded]) and not any(exact[first_folded:]), [
        (result["title"], is_exact) for result, is_exact in zip(results, exact, strict=True)]
    assert exact_key(other) in set().union(*(page_words(sample_site, r["url"]) for r in results[first_folded:]))


def test_a_query_without_diacritics_does_not_prefer_one_spelling(tab, base_url):
    folded = {result["url"] for result in search(tab, base_url, "duong")}
    assert folded == {r["url"] for r in search(tab, base_url, "đường")} | {r["url"] for r in search(tab, base_url, "dương")}


def test_a_procedure_is_found_by_its_code(tab, base_url):
    results = search(tab, base_url, "1.001612")
    assert [result["title"] for result in results] == ["Đăng ký thành lập hộ kinh doanh"]
    assert results[0]["kind"] == "thu-tuc" and results[0]["marks"] == ["1.001612"]
    assert "Mã 1.001612" in results[0]["meta"]
    assert "Đăng ký thành lập hộ kinh doanh" in [r["title"] for r in search(tab, base_url, "1.0016")]


def test_results_show_kind_date_and_area(tab, base_url):
    results = search(tab, base_url, "đường dây nóng", every=False)
    first = results[0]
    assert first["title"].startswith("Xã Tân Hoà công khai đường dây nóng")
    assert first["meta"] == "Tin tức 14/05/2026 · Cải cách thủ tục hành chính"
    assert tab.locator(".search-result time").first.get_attribute("datetime") == "2026-05-14T08:00:00+07:00"
    assert tab.locator(".search-result h2 a").first.get_attribute("href") == "/tin/xa-tan-hoa-cong-khai-duong-day-nong-tiep-nhan-phan-anh-kien-nghi-ve-thu-tuc-hanh-chinh/"


def option_count(page: Page, select: str, value: str) -> int:
    text = page.locator(f"{select} option[value='{value}']").text_content()
    return int(re.search(r"\((\d+)\)$", text).group(1))


def test_filters_by_kind_and_reform_area(tab, base_url):
    everything = search(tab, base_url, "ho so")
    kinds = {result["kind"] for result in everything}
    assert {"tin", "thu-tuc", "dien-hinh"} <= kinds
    assert sum(option_count(tab, "#loc-loai", kind) for kind in kinds) == len(everything)
    procedures_count = option_count(tab, "#loc-loai", "thu-tuc")

    tab.select_option("#loc-loai", "thu-tuc")
    wait_for_results(tab)
    procedures = search(tab, base_url, "ho so", loai="thu-tuc")
    assert len(procedures) == procedures_count and {r["kind"] for r in procedures} == {"thu-tuc"}
    assert status(tab) == f"Có {procedures_count} kết quả cho «ho so» (lọc: Thủ tục hành chính)."

    tab.select_option("#loc-linh-vuc", "the-che")
    wait_for_results(tab)
    assert "loai=thu-tuc" in tab.url and "linh-vuc=the-che" in tab.url
    assert "Không có kết quả nào" in status(tab) and "bỏ lọc" in status(tab)

    tab.select_option("#loc-loai", "")
    wait_for_results(tab)
    in_area = shown_results(tab)
    assert in_area and all(result["meta"].endswith("Cải cách thể chế") for result in in_area)


def test_the_header_box_of_any_page_leads_to_the_results(tab, base_url):
    tab.goto(base_url + "tin/")
    tab.fill("#o-tim-kiem", "dat dai")
    tab.press("#o-tim-kiem", "Enter")
    tab.wait_for_url(re.compile(r"/tim-kiem/\?q=dat\+dai$"))
    wait_for_results(tab)
    assert tab.input_value("#tu-khoa") == "dat dai"
    assert shown_results(tab)


def test_the_index_loads_only_on_the_search_page_and_only_what_a_query_needs(tab, base_url):
    tab.goto(base_url)
    tab.goto(base_url + "tin/")
    assert not [url for url in tab.requested if "tim-kiem" in url and not url.endswith(".css")]
    tab.goto(base_url + "tim-kiem/")
    assert not [url for url in tab.requested if "/chi-muc/" in url], "nothing is loaded before the reader searches"
    search(tab, base_url, "1.001612")
    chunks = [url for url in tab.requested if "/chi-muc/t/" in url]
    fragments = [url for url in tab.requested if "/chi-muc/d/" in url]
    assert len(chunks) == 1 and len(fragments) == 1
    assert all(url.startswith(base_url) for url in tab.requested), "no request leaves the site"


def test_typing_searches_as_you_type_and_keeps_the_address(tab, base_url):
    tab.goto(base_url + "tim-kiem/")
    tab.locator("#tu-khoa").press_sequentially("thu tuc hanh chinh", delay=20)
    tab.wait_for_url(re.compile(r"q=thu\+tuc\+hanh\+chinh"))
    wait_for_results(tab)
    assert status(tab).endswith("cho «thu tuc hanh chinh».")
    tab.fill("#tu-khoa", "")
    tab.wait_for_url(re.compile(r"/tim-kiem/$"))
    assert tab.locator(".search-result").count() == 0 and status(tab) == ""


def test_nothing_found_says_so_and_points_to_the_sitemap(tab, base_url):
    assert search(tab, base_url, "xyzzyq") == []
    assert status(tab).startswith("Không có kết quả nào cho «xyzzyq».")
    assert tab.locator("[data-search-status] a").get_attribute("href") == "/so-do-trang/"


def test_more_results_come_on_request_and_take_the_focus(tab, base_url):
    first_page = search(tab, base_url, "xa", every=False)
    assert len(first_page) == 10
    tab.click("[data-search-more]")
    tab.locator(".search-result").nth(10).wait_for()
    assert tab.evaluate("document.activeElement === document.querySelectorAll('.search-result a')[10]")


def test_without_javascript_the_page_says_so_and_links_to_the_sitemap(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "tim-kiem/?q=dat+dai")
    notice = page.locator("noscript .search-notice")
    assert notice.is_visible()
    assert "tắt JavaScript" in notice.text_content()
    page.click("noscript .search-notice a")
    assert page.url == base_url + "so-do-trang/"
    context.close()


def test_an_old_browser_gets_the_same_advice(chromium, base_url):
    context = chromium.new_context()
    context.add_init_script("delete window.fetch;")
    page = context.new_page()
    page.goto(base_url + "tim-kiem/")
    assert page.locator("[data-search-unsupported]").is_visible()
    context.close()


def test_axe_finds_no_violation_on_the_search_page_with_results(chromium, base_url):
    context = chromium.new_context(bypass_csp=True)
    tab = context.new_page()
    search(tab, base_url, "dat dai", every=False)
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    context.close()


def test_no_horizontal_scrolling_on_a_small_phone(chromium, base_url):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    search(page, base_url, "đăng ký thành lập hộ kinh doanh", every=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
