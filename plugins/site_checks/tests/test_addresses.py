"""Where an address written in a built page leads, for a site at the root and one under a path prefix."""

from __future__ import annotations

import pytest

from plugins.site_checks.addresses import External, Internal, Outside, SiteAddress, page_url_path

ROOT_SITE = SiteAddress.from_siteurl("")
PREFIXED = SiteAddress.from_siteurl("https://xa-tanhoa.vinhlong.gov.vn/cchc")


@pytest.mark.parametrize(
    ("output_path", "url_path"),
    [("index.html", "/"), ("tin/x/index.html", "/tin/x/"), ("404.html", "/404.html"), ("feeds/a.rss.xml", "/feeds/a.rss.xml")],
)
def test_a_file_is_served_at_its_folder_address(output_path, url_path):
    assert page_url_path(output_path) == url_path


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("/tin/x/", "index.html", Internal("tin/x/index.html", None)),
        ("/tin/x/#muc-2", "index.html", Internal("tin/x/index.html", "muc-2")),
        ("../y/", "tin/x/index.html", Internal("tin/y/index.html", None)),
        ("anh%20moi.jpg", "tin/x/index.html", Internal("tin/x/anh moi.jpg", None)),
        ("#noi-dung", "tin/x/index.html", Internal("tin/x/index.html", "noi-dung")),
        ("", "tin/x/index.html", Internal("tin/x/index.html", None)),
        ("/", "tin/x/index.html", Internal("index.html", None)),
        ("https://dichvucong.gov.vn/p/home.html", "index.html", External("https://dichvucong.gov.vn/p/home.html")),
        ("//cdn.example.com/a.js", "index.html", External("//cdn.example.com/a.js")),
        ("mailto:ubnd@example.gov.vn", "index.html", None),
        ("tel:02703812345", "index.html", None),
        ("data:image/png;base64,AAAA", "index.html", None),
    ],
)
def test_addresses_on_a_site_at_the_root(url, page, expected):
    assert ROOT_SITE.resolve(url, page) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://xa-tanhoa.vinhlong.gov.vn/cchc/tin/x/", Internal("tin/x/index.html", None)),
        ("https://XA-TANHOA.vinhlong.gov.vn:443/cchc/", Internal("index.html", None)),
        ("http://xa-tanhoa.vinhlong.gov.vn/cchc/theme/css/site.css", Internal("theme/css/site.css", None)),
        ("/cchc/tin/x/#a", Internal("tin/x/index.html", "a")),
        ("/tin/x/", Outside("/tin/x/", "tin/x/index.html")),
        ("https://xa-tanhoa.vinhlong.gov.vn/tin-tuc/", Outside("https://xa-tanhoa.vinhlong.gov.vn/tin-tuc/", "tin-tuc/index.html")),
        ("https://vinhlong.gov.vn/cchc/", External("https://vinhlong.gov.vn/cchc/")),
    ],
)
def test_addresses_on_a_site_under_a_path_prefix(url, expected):
    assert PREFIXED.resolve(url, "tin/y/index.html") == expected


def test_an_address_climbing_above_the_root_stops_there_as_in_a_browser():
    assert ROOT_SITE.resolve("../../../../gioi-thieu/", "tin/x/index.html") == Internal("gioi-thieu/index.html", None)
