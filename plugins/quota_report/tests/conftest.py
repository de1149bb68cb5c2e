"""The fixture site of the quota report, built once with the real Pelican, and the report command run on it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sitebuild import PROJECT_ROOT, SAMPLE_CONTENT, BuiltSite, run_pelican

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
NOW = "2026-03-20T10:00"
PERIODS = ["2026-Q1", "2026-01", "2026-02", "2026-03", "", "2026-04", "2025-12", "2026-13", "quy-1"]
EXPECTED_FOLDER = {"": "2026-03"}  # no period: the month of the build's now


def fixture_content(root: Path) -> Path:
    """The fixture items, plus the sample's first procedure re-dated into February for the Trung tâm."""
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    procedure = sorted((SAMPLE_CONTENT / "thu-tuc").glob("*.md"))[0].read_text(encoding="utf-8")
    procedure = re.sub(r"(?m)^Date: .*$", "Date: 2026-02-10 09:00 +07:00", procedure, count=1)
    procedure = re.sub(r"(?m)^Unit: .*$", "Unit: Trung tâm Phục vụ hành chính công", procedure, count=1)
    procedure = re.sub(r"(?m)^Modified: .*\n", "", procedure, count=1)
    (content / "thu-tuc").mkdir()
    (content / "thu-tuc" / "07-thu-tuc.md").write_text(procedure, encoding="utf-8")
    return content


@dataclass
class CommandRun:
    period: str
    returncode: int
    stdout: str
    stderr: str
    folder: Path


@pytest.fixture(scope="session")
def quota_content(tmp_path_factory) -> Path:
    return fixture_content(tmp_path_factory.mktemp("quota-content"))


@pytest.fixture(scope="session")
def quota_site(quota_content, tmp_path_factory) -> BuiltSite:
    """The fixture site built on a UTC machine on 20/03/2026 10:00 (Vietnam), with the reports published."""
    output = tmp_path_factory.mktemp("quota-site")
    process = run_pelican(quota_content, output, extra_settings={"QUOTA_REPORT_PUBLISH": True}, env={"TZ": "UTC", "CCHC_NOW": NOW})
    assert process.returncode == 0, process.stdout + process.stderr
    return BuiltSite(output, process)


@pytest.fixture(scope="session")
def report_runs(quota_content, tmp_path_factory) -> dict[str, CommandRun]:
    """``python -m plugins.quota_report`` for every period of ``PERIODS``, run side by side, each into its own folder."""
    reports = tmp_path_factory.mktemp("quota-reports")
    started = {}
    for period in PERIODS:
        folder = reports / (period or "mac-dinh")
        command = [sys.executable, "-m", "plugins.quota_report", *([period] if period else []), "--content", str(quota_content), "--reports", str(folder)]
        if period == "2026-02":
            command += ["--number", "5"]
        env = {**os.environ, "TZ": "UTC"}
        if period == "2026-03":
            env["CCHC_NOW"] = NOW  # the environment variable, as a scheduled job sets it
        else:
            command += ["--now", NOW]
        started[period] = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    runs = {}
    for period, process in started.items():
        stdout, stderr = process.communicate(timeout=300)
        folder = reports / (period or "mac-dinh") / EXPECTED_FOLDER.get(period, period)
        runs[period] = CommandRun(period, process.returncode, stdout, stderr, folder)
    return runs
