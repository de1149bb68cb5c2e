"""Checking only what changed finds exactly what checking every page finds, build after build."""

from pathlib import Path

from plugins.site_checks.addresses import SiteAddress
from plugins.site_checks.checks import BROKEN_ANCHOR, BROKEN_LINK, SiteFiles, check_site
from plugins.site_checks.incremental import CACHE_FILE, _load, check_site_incrementally, code_version
from plugins.site_checks.scan import scan_pages

BUDGET = 500 * 1024
PAGE = '<!doctype html><html><head><link rel="stylesheet" href="/theme/site.css"></head><body>{body}</body></html>'


def write(output: Path, name: str, body: str) -> None:
    path = output / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(body=body), encoding="utf-8")


def site_with_pages(output: Path) -> None:
    (output / "theme").mkdir(parents=True)
    (output / "theme" / "site.css").write_text("body{color:#000}", encoding="utf-8")
    write(output, "index.html", '<a href="/tin/a/">A</a> <a href="/tin/b/#doan-2">B, đoạn 2</a>')
    write(output, "tin/a/index.html", '<h1 id="tieu-de">A</h1><img src="/anh/a.webp" alt="Ảnh A">')
    write(output, "tin/b/index.html", '<h2 id="doan-2">Đoạn 2</h2>')
    (output / "anh").mkdir()
    (output / "anh" / "a.webp").write_bytes(b"RIFF0000WEBP")


def full_check(output: Path) -> list:
    site = SiteFiles(output, SiteAddress.from_siteurl(""))
    pages = scan_pages(output, sorted(p for p in site.files if p.endswith(".html")), 1)
    return check_site(pages, site, BUDGET, [])


def incremental_check(output: Path, cache: Path) -> list:
    site = SiteFiles(output, SiteAddress.from_siteurl(""))
    return check_site_incrementally(output, site, BUDGET, [], 1, str(cache), "key")


def test_each_rebuild_finds_what_a_full_check_finds(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    site_with_pages(output)
    assert incremental_check(output, cache) == full_check(output) == []
    assert set(_load(cache / CACHE_FILE, code_version("key")).pages) == {"index.html", "tin/a/index.html", "tin/b/index.html"}
    assert incremental_check(output, cache) == []

    write(output, "tin/a/index.html", '<h1 id="tieu-de">A</h1><a href="/tin/c/">C</a>')
    broken = incremental_check(output, cache)
    assert [finding.kind for finding in broken] == [BROKEN_LINK] and broken == full_check(output)

    write(output, "tin/a/index.html", '<h1 id="tieu-de">A</h1>')
    assert incremental_check(output, cache) == full_check(output) == []

    # Only b's anchors change; index.html's bytes do not, yet its link into b now misses.
    write(output, "tin/b/index.html", '<h2 id="doan-hai">Đoạn 2</h2>')
    anchors = incremental_check(output, cache)
    assert [(finding.page, finding.kind) for finding in anchors] == [("index.html", BROKEN_ANCHOR)]
    assert anchors == full_check(output)


def test_a_removed_file_means_checking_every_page(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    site_with_pages(output)
    assert incremental_check(output, cache) == []
    (output / "anh" / "a.webp").unlink()
    missing = incremental_check(output, cache)
    assert [(finding.page, finding.kind) for finding in missing] == [("tin/a/index.html", BROKEN_LINK)]
    assert missing == full_check(output)


def test_a_damaged_cache_means_checking_every_page(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    site_with_pages(output)
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(b"garbage")
    write(output, "index.html", '<a href="/khong-co/">X</a>')
    assert incremental_check(output, cache) == full_check(output) != []


def test_a_picture_grown_past_the_budget_is_found_on_the_unchanged_page_using_it(tmp_path):
    import os

    output, cache = tmp_path / "output", tmp_path / "cache"
    site_with_pages(output)
    assert incremental_check(output, cache) == []
    (output / "anh" / "a.webp").write_bytes(os.urandom(600 * 1024))
    heavy = incremental_check(output, cache)
    assert [(finding.page, finding.kind) for finding in heavy] == [("tin/a/index.html", "too-heavy")]
    assert heavy == full_check(output)


def age(output: Path, seconds: int = 60) -> None:
    """Every file as if written ``seconds`` ago (files just written are always read again)."""
    import os
    import time

    past = time.time() - seconds
    for path in output.rglob("*"):
        os.utime(path, (past, past))


def test_an_untouched_page_is_not_read_again_and_a_rewritten_one_is(tmp_path, monkeypatch):
    from plugins.site_checks import incremental

    output, cache = tmp_path / "output", tmp_path / "cache"
    site_with_pages(output)
    age(output)
    assert incremental_check(output, cache) == []
    read = []
    real_digest = incremental._digest
    monkeypatch.setattr(incremental, "_digest", lambda data: read.append(data) or real_digest(data))
    assert incremental_check(output, cache) == [] and read == []

    # Same size, new bytes: the modification time tells.
    write(output, "tin/b/index.html", '<h2 id="doan-3">Đoạn 2</h2>')
    anchors = incremental_check(output, cache)
    assert [(finding.page, finding.kind) for finding in anchors] == [("index.html", BROKEN_ANCHOR)]
    assert anchors == full_check(output) and len(read) == 2  # b, then index.html linking into it


def test_a_page_written_again_just_now_is_read_again(tmp_path, monkeypatch):
    from plugins.site_checks import incremental

    output, cache = tmp_path / "output", tmp_path / "cache"
    site_with_pages(output)
    assert incremental_check(output, cache) == []
    assert set(_load(cache / CACHE_FILE, code_version("key")).signatures.values()) == {None}
    read = []
    real_digest = incremental._digest
    monkeypatch.setattr(incremental, "_digest", lambda data: read.append(data) or real_digest(data))
    assert incremental_check(output, cache) == [] and len(read) == 3


def test_records_kept_by_other_code_are_not_used(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    site_with_pages(output)
    assert incremental_check(output, cache) == []
    assert _load(cache / CACHE_FILE, code_version("key")) is not None
    assert _load(cache / CACHE_FILE, code_version("other key")) is None
