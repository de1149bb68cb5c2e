"""Deploying to a local target with real rsync and the real switch script: new versions, reuse of unchanged
files, pruning, rollback, a dry run, and faults (an interrupted or failed upload) that never touch the live site."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from deploy.config import DeployConfig
from deploy.pipeline import deploy_site, summarize_changes
from deploy.release import file_digest, release_name
from deploy.target import DeployError, Target
from tests.publish_support import deploy_env, run_deploy
from tests.sitebuild import PROJECT_ROOT, write_content

SITEURL = "https://xa-tanhoa.example.gov.vn"


def make_site(folder: Path, pages: dict[str, str | bytes]) -> Path:
    return write_content(folder, pages)


def config_for(target: Path, keep: int = 3, rsync_options: list[str] | None = None) -> DeployConfig:
    return DeployConfig(siteurl=SITEURL, path=str(target), keep=keep, rsync_options=rsync_options or [])


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): file_digest(p) for p in folder.rglob("*") if p.is_file()}


def live_release(target: Path) -> str:
    return os.readlink(target / "current").removeprefix("releases/")


VERSION_1 = {"index.html": "<p>Trang chủ, bản 1</p>", "tin/a/index.html": "<p>Tin A</p>", "tin/b/index.html": "<p>Tin B</p>"}
VERSION_2 = {"index.html": "<p>Trang chủ, bản 2</p>", "tin/a/index.html": "<p>Tin A</p>", "tin/c/index.html": "<p>Tin C</p>"}


@pytest.fixture
def target(tmp_path) -> Path:
    return tmp_path / "srv" / "cchc"


def test_a_first_publish_creates_releases_and_the_current_symlink(tmp_path, target):
    site = make_site(tmp_path / "v1", VERSION_1)
    name = deploy_site(site, config_for(target))
    assert name == release_name(site)
    assert (target / "current").is_symlink() and os.readlink(target / "current") == f"releases/{name}"
    assert digests(target / "current") == digests(site)
    history = (target / "history").read_text().split()
    assert history[0] == name and history[1].endswith("Z")
    assert not (target / ".current.new").exists()


def test_a_second_publish_switches_and_reuses_unchanged_files(tmp_path, target):
    first = deploy_site(make_site(tmp_path / "v1", VERSION_1), config_for(target))
    second_site = make_site(tmp_path / "v2", VERSION_2)
    second = deploy_site(second_site, config_for(target))
    assert second != first and live_release(target) == second
    assert digests(target / "current") == digests(second_site), "changed, added and deleted files all follow"
    old, new = target / "releases" / first, target / "releases" / second
    assert (old / "tin/a/index.html").stat().st_ino == (new / "tin/a/index.html").stat().st_ino, "unchanged: hard link"
    assert (old / "index.html").stat().st_ino != (new / "index.html").stat().st_ino
    assert digests(old) == digests(tmp_path / "v1"), "the previous release stays whole for rollback"


def test_only_the_last_releases_are_kept(tmp_path, target):
    names = []
    for number in range(4):
        site = make_site(tmp_path / f"v{number}", {"index.html": f"<p>Bản {number}</p>"})
        names.append(deploy_site(site, config_for(target, keep=2)))
    assert sorted(p.name for p in (target / "releases").iterdir()) == sorted(names[-2:])
    assert [line.split()[0] for line in (target / "history").read_text().splitlines()] == names[-2:]


def test_publishing_identical_content_changes_nothing(tmp_path, target):
    site = make_site(tmp_path / "v1", VERSION_1)
    name = deploy_site(site, config_for(target))
    history = (target / "history").read_text()
    assert deploy_site(make_site(tmp_path / "again", VERSION_1), config_for(target)) == name
    assert (target / "history").read_text() == history


def test_rollback_returns_to_the_previous_release_until_there_is_none(tmp_path, target):
    first = deploy_site(make_site(tmp_path / "v1", VERSION_1), config_for(target))
    deploy_site(make_site(tmp_path / "v2", VERSION_2), config_for(target))
    assert Target(config_for(target)).rollback() == first
    assert live_release(target) == first and digests(target / "current") == digests(tmp_path / "v1")
    with pytest.raises(DeployError, match="Không có phiên bản cũ hơn"):
        Target(config_for(target)).rollback()
    assert live_release(target) == first


def test_make_rollback_and_status(tmp_path, target):
    first = deploy_site(make_site(tmp_path / "v1", VERSION_1), config_for(target))
    second = deploy_site(make_site(tmp_path / "v2", VERSION_2), config_for(target))
    env = deploy_env(target, SITEURL)
    status = run_deploy(["status"], env)
    assert status.returncode == 0 and f"→ {second}" in status.stdout and f"  {first}" in status.stdout
    process = subprocess.run(
        ["make", "-o", ".venv/.installed", "rollback", f"PUBLISH_WORKDIR={tmp_path / 'work'}"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert f"Đã quay lại phiên bản {first}" in process.stdout
    assert live_release(target) == first
    again = run_deploy(["rollback", "--workdir", str(tmp_path / "work")], env)
    assert again.returncode == 1 and "Không có phiên bản cũ hơn để quay lại" in again.stderr


def with_stylesheet(number: int, digest: str) -> dict[str, str]:
    return {"index.html": f'<link rel="stylesheet" href="/theme/css/site.{digest}.css"><p>Bản {number}</p>',
            f"theme/css/site.{digest}.css": f"/* bản {number} */"}


def test_the_live_theme_files_stay_one_release_longer_for_pages_loaded_before_the_switch(tmp_path, target):
    for number, digest in enumerate(["a" * 10, "b" * 10], start=1):
        deploy_site(make_site(tmp_path / f"v{number}", with_stylesheet(number, digest)), config_for(target))
    stylesheets = target / "current" / "theme" / "css"
    assert sorted(p.name for p in stylesheets.iterdir()) == [f"site.{'a' * 10}.css", f"site.{'b' * 10}.css"]
    site = Target(config_for(target))
    assert summarize_changes(site.changes_against_live(tmp_path / "v2", site.state())) == [
        "Sẽ thêm 0 tệp, sửa 0 tệp, xóa 0 tệp (không kể bản nén .gz)."
    ], "carried files are not reported as deletions"
    deploy_site(make_site(tmp_path / "v3", with_stylesheet(3, "c" * 10)), config_for(target))
    assert sorted(p.name for p in stylesheets.iterdir()) == [f"site.{'b' * 10}.css", f"site.{'c' * 10}.css"], "one generation"


def test_a_dry_run_lists_the_changes_and_touches_nothing(tmp_path, target):
    deploy_site(make_site(tmp_path / "v1", VERSION_1), config_for(target))
    before = digests(target)
    site = Target(config_for(target))
    lines = summarize_changes(site.changes_against_live(make_site(tmp_path / "v2", VERSION_2), site.state()))
    assert lines[0].startswith("Sẽ thêm 1 tệp, sửa 1 tệp, xóa 1 tệp")
    assert set(lines[1:]) == {"  + tin/c/index.html", "  ~ index.html", "  - tin/b/index.html"}
    assert digests(target) == before


def test_a_failed_upload_leaves_the_live_site_as_it_was(tmp_path, target):
    first = deploy_site(make_site(tmp_path / "v1", VERSION_1), config_for(target))
    site = make_site(tmp_path / "v2", VERSION_2)
    (target / "releases" / release_name(site)).write_text("chỗ của thư mục phiên bản bị một tệp chiếm")
    with pytest.raises(DeployError, match="trang đang chạy không bị thay đổi"):
        deploy_site(site, config_for(target))
    assert live_release(target) == first and digests(target / "current") == digests(tmp_path / "v1")


def test_a_real_folder_where_current_should_be_is_not_replaced(tmp_path, target):
    (target / "current").mkdir(parents=True)
    (target / "current" / "index.html").write_text("trang cũ, chép tay")
    with pytest.raises(DeployError, match="là một thư mục thật"):
        deploy_site(make_site(tmp_path / "v1", VERSION_1), config_for(target))
    assert (target / "current" / "index.html").read_text() == "trang cũ, chép tay"


def big_site(folder: Path, files: int = 120, size: int = 100_000) -> Path:
    pages = {f"tin/bai-{number:03}/index.html": os.urandom(size) for number in range(files)}
    pages["index.html"] = b"<p>Trang chu, ban lon</p>"
    return make_site(folder, pages)


DEPLOY_IN_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from deploy.config import DeployConfig
    from deploy.pipeline import deploy_site
    site, target, bwlimit = sys.argv[1:]
    options = [f"--bwlimit={bwlimit}"] if bwlimit != "0" else []
    deploy_site(Path(site), DeployConfig(siteurl="https://x.example", path=target, rsync_options=options))
    """
)


def deploy_in_child(site: Path, target: Path, bwlimit_kb: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DEPLOY_IN_CHILD, str(site), str(target), str(bwlimit_kb)],
        cwd=PROJECT_ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for_files(folder: Path, count: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.is_dir() and sum(1 for _ in folder.rglob("index.html")) >= count:
            return
        assert process.poll() is None, f"the upload ended before it could be interrupted: {process.communicate()}"
        time.sleep(0.02)
    raise TimeoutError(f"{folder} never got {count} files")


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_an_interrupted_upload_leaves_the_live_site_whole_and_a_rerun_completes_it(tmp_path, target, stop_signal, capsys):
    old_site = make_site(tmp_path / "v1", VERSION_1)
    old = deploy_site(old_site, config_for(target))
    new_site = big_site(tmp_path / "big")
    new = release_name(new_site)

    child = deploy_in_child(new_site, target, bwlimit_kb=2048)
    wait_for_files(target / "releases" / new, 15, child)
    os.killpg(child.pid, stop_signal)
    child.wait(timeout=30)

    assert child.returncode != 0
    assert live_release(target) == old
    assert digests(target / "current") == digests(old_site), "visitors still get the old version, whole"
    uploaded = sum(1 for _ in (target / "releases" / new).rglob("index.html"))
    assert 15 <= uploaded < 121, "the upload really stopped half-way"

    assert new in Target(config_for(target)).state().unfinished()
    capsys.readouterr()
    assert deploy_site(new_site, config_for(target)) == new
    said = capsys.readouterr().out
    assert f"Tiếp tục tải lên phiên bản {new}" in said
    sent = int(re.search(r"Đã tải lên (\d+) tệp", said).group(1))
    assert sent <= 121 - 15 + 1, "the rerun sends only what was still missing"
    assert live_release(target) == new
    assert digests(target / "current") == digests(new_site), "complete, with no leftover partial files"
