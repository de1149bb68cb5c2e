"""The ``pelican`` command ends at once after a build that succeeded, and as Python ends it otherwise."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.build_speed import quick_exit
from tests.sitebuild import PROJECT_ROOT, write_content

ITEM = """Title: {title}
Date: 2026-02-05 08:30 +07:00
Category: Cải cách thủ tục hành chính
Unit: Văn phòng HĐND và UBND

Nội dung bài.
"""

# The pelican command, with an exit handler registered before Pelican's: it runs last, unless the process ends at once.
COMMAND = """
import atexit, sys
atexit.register(lambda: print("TEARDOWN", flush=True))
sys.argv = ["pelican", *sys.argv[1:]]
from pelican import main
main()
"""


def _pelican(tmp_path: Path, content: Path, *settings: str) -> subprocess.CompletedProcess:
    script = tmp_path / "run_pelican.py"
    script.write_text(COMMAND, encoding="utf-8")
    command = [sys.executable, str(script), str(content), "-o", str(tmp_path / "output"), "-s", str(PROJECT_ROOT / "pelicanconf.py"), "--fatal", "errors", "-q"]
    overrides = [f'CACHE_PATH="{tmp_path / "cache"}"', "SEARCH_ENABLED=false", *settings]
    return subprocess.run([*command, "-e", *overrides], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def small_content(tmp_path_factory) -> Path:
    return write_content(tmp_path_factory.mktemp("quick-exit") / "content", {"tin/bai-mot.md": ITEM.format(title="Bài một")})


def test_a_build_that_succeeded_ends_without_teardown(tmp_path, small_content):
    process = _pelican(tmp_path, small_content)
    assert process.returncode == 0, process.stderr
    assert "TEARDOWN" not in process.stdout
    assert "Done: Processed 1 article" in process.stdout + process.stderr, "the last log line is flushed"
    assert (tmp_path / "output" / "tin" / "bai-mot" / "index.html").is_file()


def test_the_setting_turns_it_off(tmp_path, small_content):
    process = _pelican(tmp_path, small_content, "BUILD_SPEED_QUICK_EXIT=false")
    assert process.returncode == 0, process.stderr
    assert "TEARDOWN" in process.stdout


def test_a_failed_build_keeps_its_status_and_ends_as_python_ends_it(tmp_path):
    content = write_content(tmp_path / "content", {"tin/loi.md": ITEM.format(title="Bài lỗi").replace("Date: 2026-02-05 08:30 +07:00", "Date: hôm qua")})
    process = _pelican(tmp_path, content)
    assert process.returncode == 2 and "LỖI NỘI DUNG" in process.stderr
    assert "TEARDOWN" in process.stdout


def test_only_the_pelican_command_is_recognised(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/usr/lib/python3/pytest"])
    assert not quick_exit.is_pelican_command()
    monkeypatch.setattr(sys, "argv", ["/srv/site/.venv/bin/pelican", "content"])
    assert quick_exit.is_pelican_command()


def test_an_error_logged_after_the_build_cancels_the_quick_end(monkeypatch):
    monkeypatch.setattr(quick_exit._State, "succeeded", False)
    quick_exit.mark_succeeded(None)
    assert quick_exit._State.succeeded
    logging.getLogger("pelican").critical("hỏng sau khi dựng")
    assert not quick_exit._State.succeeded
    for logger in (logging.getLogger(), logging.getLogger("pelican")):
        logger.removeHandler(quick_exit._error_watch)


def test_a_command_that_goes_on_building_is_not_ended_quickly():
    assert quick_exit.runs_on(["pelican", "content", "-r"])
    assert quick_exit.runs_on(["pelican", "--listen", "content"])
    assert quick_exit.runs_on(["pelican", "-rl", "content"])
    assert not quick_exit.runs_on(["pelican", "content", "-o", "output", "-s", "pelicanconf.py", "--fatal", "errors", "-q", "-e", "A=1"])
