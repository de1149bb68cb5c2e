"""``make publish`` end to end with the real command: the sample site is built with publishconf.py,
checked, precompressed and deployed to a local target; a build or check that fails deploys nothing."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess

import pytest

from deploy.compress import TEXT_SUFFIXES
from tests.publish_support import deploy_env, published_sample, run_deploy
from tests.sitebuild import PROJECT_ROOT, write_content

GOOD_ITEM = (PROJECT_ROOT / "tests" / "fixtures" / "strict" / "good-item.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return published_sample(tmp_path_factory)


def tree(folder):
    """Every path under ``folder`` with what it is, to compare a target before and after."""
    return sorted((str(path.relative_to(folder)), path.is_symlink(), path.stat().st_size if path.is_file() else 0)
                  for path in folder.rglob("*"))


def test_the_sample_site_is_published_through_a_current_symlink(published):
    assert published.process.returncode == 0, published.process.stdout + published.process.stderr
    live = published.live
    assert live.is_symlink() and live.resolve().parent == published.target / "releases"
    assert (live / "index.html").is_file() and (live / "404.html").is_file()
    assert f'href="{published.siteurl}/' in (live / "index.html").read_text(encoding="utf-8"), "absolute SITEURL"
    assert "[4/4] Xuất bản phiên bản" in published.process.stdout
    assert "đang chạy phiên bản" in published.process.stdout


def test_feeds_are_published_with_the_public_address(published):
    feeds = [path for path in published.live.rglob("*.xml") if b"<rss" in path.read_bytes()[:500]]
    assert feeds
    assert all(published.siteurl.encode() in path.read_bytes() for path in feeds)
    assert b"127.0.0.1:8000" not in b"".join(path.read_bytes() for path in feeds), "never the dev server's address"


def test_every_text_file_has_a_reproducible_gzip_twin(published):
    text_files = [p for p in published.live.rglob("*") if p.is_file() and p.name.endswith(TEXT_SUFFIXES)]
    assert len(text_files) > 50
    for path in text_files:
        twin = path.with_name(path.name + ".gz")
        if not twin.exists():
            assert len(gzip.compress(path.read_bytes(), 9, mtime=0)) >= path.stat().st_size, f"{path} lacks its .gz"
            continue
        packed = twin.read_bytes()
        assert packed[:4] == b"\x1f\x8b\x08\x00", "gzip without a file name in the header"
        assert packed[4:8] == b"\x00\x00\x00\x00", "gzip without a modification time"
        assert gzip.decompress(packed) == path.read_bytes()


def test_make_publish_dry_run_shows_changes_and_touches_nothing(published, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    write_content(content, {"tin/hoi-nghi-moi.md": GOOD_ITEM.replace("Slug:", "X:").replace(
        "Title: Xã Tân Hòa tổ chức", "Title: Xã Tân Hòa lại tổ chức")})
    before = tree(published.target)
    process = subprocess.run(
        ["make", "-o", ".venv/.installed", "publish", "DRY_RUN=1", f"INPUTDIR={content}", f"PUBLISH_WORKDIR={published.workdir}"],
        cwd=PROJECT_ROOT, env=deploy_env(published.target, published.siteurl), capture_output=True, text=True, timeout=300,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert "Chạy thử" in process.stdout
    assert "  + tin/xa-tan-hoa-lai-to-chuc-hoi-nghi-trien-khai-cong-tac-cai-cach-hanh-chinh/index.html" in process.stdout
    changed = re.search(r"Sẽ thêm (\d+) tệp, sửa (\d+) tệp, xóa \d+ tệp", process.stdout)
    assert changed and int(changed.group(1)) >= 1 and int(changed.group(2)) >= 1, "new item, changed listings"
    assert ".html.gz" not in process.stdout
    assert tree(published.target) == before


def test_a_content_error_deploys_nothing(tmp_path, published):
    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD_ITEM.replace("2025-03-10", "2025-13-10")})
    before = tree(published.target)
    process = run_deploy(["publish", "--content", str(content), "--workdir", str(tmp_path / "work")],
                         deploy_env(published.target, published.siteurl))
    assert process.returncode == 2
    assert "tháng 13 không tồn tại" in process.stderr
    assert "Trang đang chạy không bị thay đổi" in process.stderr
    assert tree(published.target) == before


def test_invalid_html_deploys_nothing_and_names_the_page(tmp_path, published):
    broken = GOOD_ITEM + "\n<p><div>Khối không được nằm trong đoạn văn.</div></p>\n"
    content = write_content(tmp_path / "content", {"tin/good-item.md": broken})
    before = tree(published.target)
    process = run_deploy(["publish", "--content", str(content), "--workdir", str(tmp_path / "work")],
                         deploy_env(published.target, published.siteurl))
    assert process.returncode == 2, process.stdout + process.stderr
    assert "LỖI KIỂM TRA BẢN XUẤT BẢN" in process.stderr
    assert "tin/xa-tan-hoa-to-chuc-hoi-nghi-trien-khai-cong-tac-cai-cach-hanh-chinh/index.html:" in process.stderr
    assert "HTML không hợp lệ" in process.stderr
    assert tree(published.target) == before


def test_publishing_without_a_public_address_stops_before_building(tmp_path):
    env = deploy_env(tmp_path / "target", "")
    env["SITEURL"] = "/cchc"
    process = run_deploy(["publish", "--workdir", str(tmp_path / "work")], env)
    assert process.returncode == 1
    assert "SITEURL «/cchc» không phải địa chỉ đầy đủ" in process.stderr
    assert not (tmp_path / "work" / "site").exists() and not (tmp_path / "target").exists()
