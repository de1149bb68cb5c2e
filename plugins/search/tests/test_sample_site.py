"""The search page, the header box and the index of the built sample site."""

from __future__ import annotations

import re

import pytest

from plugins.search.tests.index_reader import IndexReader
from plugins.vntext.text import fold

INDEX_FOLDER = "tim-kiem/chi-muc"


@pytest.fixture(scope="module")
def index(sample_site) -> IndexReader:
    return IndexReader.from_folder(sample_site.output / INDEX_FOLDER)


@pytest.fixture(scope="module")
def search_page(sample_site):
    return sample_site.html("tim-kiem/")


def item_pages(site_root) -> list[str]:
    """Addresses (``kind/slug/``) of every published item: the pages the theme marks as articles for Open Graph."""
    found = []
    for page in site_root.glob("*/*/index.html"):
        if '<meta property="og:type" content="article">' in page.read_text(encoding="utf-8"):
            found.append(page.parent.relative_to(site_root).as_posix() + "/")
    return sorted(found)


def test_the_index_holds_every_item_and_page_once(sample_site, index):
    urls = [index.fragment(number)["url"] for number in range(index.meta["count"])]
    assert len(urls) == len(set(urls))
    kinds = [kind for kind, _ in index.meta["kinds"]]
    page_number = kinds.index("trang")
    pages = sorted(url for url, kind in zip(urls, index.meta["docKinds"], strict=True) if kind == page_number)
    items = sorted(url for url, kind in zip(urls, index.meta["docKinds"], strict=True) if kind != page_number)
    assert items == item_pages(sample_site.output)
    assert pages == ["gioi-thieu/", "lien-he/"]
    assert set(kinds) == {"tin", "dien-hinh", "phe-binh", "thu-tuc", "trang"}


def test_items_are_numbered_newest_first(index):
    dates = [index.fragment(n).get("iso") for n in range(index.meta["count"])]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[len(dated):] == [None] * (len(dates) - len(dated)), "undated pages come last"


def test_dates_are_shown_in_the_site_timezone(index):
    for number in range(index.meta["count"]):
        fragment = index.fragment(number)
        if "iso" in fragment:
            year, month, day = fragment["iso"][:10].split("-")
            assert fragment["date"] == f"{day}/{month}/{year}" and fragment["iso"].endswith("+07:00")


def test_words_with_d_bar_are_reachable_folded(index):
    with_dat = index.documents_with("dat")
    titles = {index.fragment(n)["title"] for n in with_dat}
    assert "Hòa giải tranh chấp đất đai" in titles
    assert "đât4" in index.postings("dat")


def test_procedure_code_is_one_word_of_its_procedure(index):
    numbers = index.documents_with("1.001612")
    assert [index.fragment(n)["title"] for n in numbers] == ["Đăng ký thành lập hộ kinh doanh"]
    assert index.fragment(next(iter(numbers)))["code"] == "1.001612"


def test_old_tone_placement_of_the_sample_item_is_indexed_with_the_new(index):
    numbers = {index.fragment(n)["title"]: n for n in index.documents_with("thuy")}
    item = next(n for title, n in numbers.items() if title.startswith("Xã Tân Hoà công khai đường dây nóng"))
    assert item in {n for n, _ in index.postings("thuy")["thuy2"]}
    assert set(index.postings("uy")) == {"uy2"}, "Uỷ and Ủy are one spelling"


def test_search_page_form_filters_and_script(sample_site, search_page):
    form = search_page.select_one("form[data-search-form]")
    assert form["action"] == "/tim-kiem/" and form["method"] == "get" and form["role"] == "search"
    meta = form["data-index"]
    assert re.fullmatch(r"/tim-kiem/chi-muc/meta\.[0-9a-f]{10}\.json", meta)
    assert (sample_site.output / meta.lstrip("/")).is_file()
    assert search_page.select_one("label[for=tu-khoa]").get_text() == "Từ khóa"
    kinds = [option["value"] for option in search_page.select("#loc-loai option")]
    assert kinds == ["", "tin", "dien-hinh", "phe-binh", "thu-tuc", "trang"]
    areas = [option.get_text() for option in search_page.select("#loc-linh-vuc option")][1:]
    assert len(areas) == 6 and areas[0] == "Cải cách chế độ công vụ"
    scripts = search_page.select("script")
    assert any(re.search(r"/theme/search/tim-kiem\.[0-9a-f]{10}\.js$", s.get("src", "")) for s in scripts)
    assert all(s.get("src") for s in scripts), "no inline script (the CSP forbids it)"
    assert not search_page.select("[style]") and not search_page.select("style")


def test_search_page_without_javascript_says_so_and_links_to_the_sitemap(search_page):
    notice = search_page.select_one("noscript")
    assert "tắt JavaScript" in notice.get_text()
    assert notice.select_one("a")["href"] == "/so-do-trang/"


def test_every_page_header_has_the_search_box(sample_site):
    pages = [p for p in sample_site.pages() if "<header class=\"site-header\"" in p.read_text(encoding="utf-8")]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        header = html[html.index('<header class="site-header"'):html.index("</header>")]
        assert '<form class="site-search" action="/tim-kiem/" method="get" role="search"' in header, page
        assert '<label class="site-search__label" for="o-tim-kiem">Tìm kiếm</label>' in header, page


def test_the_index_and_its_script_load_only_on_the_search_page(sample_site):
    for page in sample_site.pages():
        html = page.read_text(encoding="utf-8")
        if page.parent.name != "tim-kiem":
            assert "tim-kiem.js" not in html and "chi-muc" not in html, page


def test_the_search_page_is_listed_in_both_sitemaps(sample_site):
    sitemap = sample_site.html("so-do-trang/")
    assert any(a["href"] == "/tim-kiem/" and a.get_text() == "Tìm kiếm" for a in sitemap.select(".sitemap a"))
    assert "/tim-kiem/</loc>" in (sample_site.output / "sitemap.xml").read_text(encoding="utf-8")


def test_the_index_is_small(sample_site):
    files = list((sample_site.output / INDEX_FOLDER).rglob("*.json"))
    total = sum(path.stat().st_size for path in files)
    assert total < 400_000, total
    chunks = [p for p in files if p.parent.name == "t"]
    assert all(p.stat().st_size < 30_000 for p in chunks), "a chunk stays near SEARCH_CHUNK_BYTES"


def test_folded_words_of_the_index_are_folded(index):
    for first, _ in index.meta["chunks"]:
        for word in index.chunk_of(first):
            assert word == fold(word), word
