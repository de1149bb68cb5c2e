"""Small sites of their own: search switched off, and a site published under a path prefix."""

from __future__ import annotations

from pathlib import Path

from plugins.search.tests.index_reader import IndexReader
from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

GOOD_ITEM = (PROJECT_ROOT / "tests" / "fixtures" / "strict" / "good-item.md").read_bytes()


def test_search_switched_off_writes_no_page_index_or_box(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD_ITEM})
    output = tmp_path / "output"
    result = run_pelican(content, output, extra_settings={"SEARCH_ENABLED": False})
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (output / "tim-kiem").exists()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "site-search" not in home and "tim-kiem" not in home
    assert "/tim-kiem/" not in (output / "so-do-trang" / "index.html").read_text(encoding="utf-8")


def test_search_under_a_path_prefix(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD_ITEM})
    output = tmp_path / "output"
    result = run_pelican(content, output, extra_settings={"SITEURL": "https://xa-mau.example.gov.vn/cchc"})
    assert result.returncode == 0, result.stdout + result.stderr
    page = (output / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert 'action="https://xa-mau.example.gov.vn/cchc/tim-kiem/"' in page
    assert 'data-index="https://xa-mau.example.gov.vn/cchc/tim-kiem/chi-muc/meta.' in page
    assert 'data-site-url="https://xa-mau.example.gov.vn/cchc"' in page
    index = IndexReader.from_folder(Path(output) / "tim-kiem" / "chi-muc")
    assert index.meta["count"] == 1 and not index.fragment(0)["url"].startswith(("/", "http"))
