"""What the caches must never hide: a bad file fails every build, and a waiting item is published on its day.

Small sites built with the real ``pelican`` command, sharing one cache folder
between builds as ``make html`` does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sitebuild import DEV_SETTINGS, PROJECT_ROOT, write_content

GOOD = (PROJECT_ROOT / "tests" / "fixtures" / "strict" / "good-item.md").read_text(encoding="utf-8")
LATER = GOOD.replace("Xã Tân Hòa tổ chức hội nghị", "Xã Tân Hòa sơ kết").replace("Date: 2025-03-10 08:30", "Date: 2026-05-04 07:00")
ITEM_PAGE = "tin/xa-tan-hoa-so-ket-trien-khai-cong-tac-cai-cach-hanh-chinh/index.html"


def build(content: Path, output: Path, cache: Path, now: str, **extra) -> subprocess.CompletedProcess:
    settings = {"BUILD_SPEED_CACHE_PATH": str(cache), "BUILD_SPEED_WORKERS": 2, "SEARCH_ENABLED": False, **extra}
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(DEV_SETTINGS), "--fatal", "errors", "-q"]
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    return subprocess.run(command, cwd=PROJECT_ROOT, env={**os.environ, "CCHC_NOW": now}, capture_output=True, text=True, timeout=300)


def test_a_file_made_bad_after_it_was_cached_fails_every_build(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good.md": GOOD, "tin/later.md": LATER})
    cache, output = tmp_path / "cache", tmp_path / "output"
    assert build(content, output, cache, "2026-06-01T08:00+07:00").returncode == 0
    (content / "tin" / "later.md").write_text(LATER.replace("2026-05-04", "2026-13-04"), encoding="utf-8")
    for _ in range(2):
        failed = build(content, output, cache, "2026-06-01T08:00+07:00")
        assert failed.returncode == 2, failed.stderr
        assert "content/tin/later.md:2:" in failed.stderr and "tháng 13 không tồn tại" in failed.stderr


def test_a_cached_item_that_waits_is_published_on_its_day(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good.md": GOOD, "tin/later.md": LATER})
    cache, output = tmp_path / "cache", tmp_path / "output"
    assert build(content, output, cache, "2026-05-01T08:00+07:00").returncode == 0
    assert not (output / ITEM_PAGE).exists()
    assert build(content, output, cache, "2026-05-04T07:00+07:00").returncode == 0
    assert (output / ITEM_PAGE).exists()
    assert "Xã Tân Hòa sơ kết" in (output / "index.html").read_text(encoding="utf-8")


def test_the_last_builds_files_are_gone_and_retained_ones_stay(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good.md": GOOD})
    output = tmp_path / "site" / "output"
    write_content(output, {"tin/bai-da-xoa/index.html": "<p>cũ</p>", ".git/HEAD": "ref: refs/heads/main\n"})
    assert build(content, output, tmp_path / "cache", "2026-06-01T08:00+07:00").returncode == 0
    assert not (output / "tin" / "bai-da-xoa").exists(), "a page no item makes any more goes, with its folder"
    assert (output / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (output / "index.html").exists()
    assert [path.name for path in (tmp_path / "site").iterdir()] == ["output"], "nothing is left beside the output folder"


def test_a_rebuild_keeps_unchanged_pages_and_drops_a_deleted_items_page(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good.md": GOOD, "tin/later.md": LATER})
    cache, output = tmp_path / "cache", tmp_path / "output"
    assert build(content, output, cache, "2026-06-01T08:00+07:00").returncode == 0
    before = {path: path.stat() for path in output.rglob("*.html")}
    assert build(content, output, cache, "2026-06-01T08:00+07:00").returncode == 0
    for path, status in before.items():
        after = path.stat()
        assert (after.st_ino, after.st_mtime_ns) == (status.st_ino, status.st_mtime_ns), f"{path} is the same file, so rsync sends nothing"
    (content / "tin" / "later.md").unlink()
    assert build(content, output, cache, "2026-06-01T08:00+07:00").returncode == 0
    assert not (output / ITEM_PAGE).parent.exists(), "the deleted item's page and folder are gone"
    assert "Xã Tân Hòa sơ kết" not in (output / "index.html").read_text(encoding="utf-8")


def test_static_files_pelican_leaves_as_they_were_are_kept(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good.md": GOOD})
    (content / "audio").mkdir()
    (content / "audio" / "ban-tin.mp3").write_bytes(b"ID3 ban tin")
    cache, output = tmp_path / "cache", tmp_path / "output"
    for _ in range(3):
        built = build(content, output, cache, "2026-06-01T08:00+07:00", STATIC_CHECK_IF_MODIFIED=True)
        assert built.returncode == 0, built.stdout + built.stderr
        assert (output / "audio" / "ban-tin.mp3").read_bytes() == b"ID3 ban tin"


def test_stored_pages_no_build_uses_any_more_are_pruned(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good.md": GOOD})
    cache, output = tmp_path / "cache", tmp_path / "output"
    assert build(content, output, cache, "2026-06-01T08:00+07:00").returncode == 0
    stored = {path.name for path in (cache / "pages").rglob("*") if path.is_file()}
    assert stored, "a first build stores its pages"
    leftover = cache / "pages" / "00" / "00-no-page-uses-this"
    leftover.parent.mkdir(exist_ok=True)
    leftover.write_bytes("<p>cũ</p>".encode())
    assert build(content, output, cache, "2026-06-01T08:00+07:00").returncode == 0
    assert not leftover.exists(), "a stored page no kept manifest names is deleted"
    assert {path.name for path in (cache / "pages").rglob("*") if path.is_file()} == stored
