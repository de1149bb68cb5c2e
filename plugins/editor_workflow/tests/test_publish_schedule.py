"""The daily rebuild: the systemd timer and the cron lines publish a scheduled item with the first run on or after its date.

The timer's schedule is read by ``systemd-analyze calendar`` (the same code
systemd runs); the build is the real one, with its "now" (``CCHC_NOW``) set to
the timer's run.
"""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SYSTEMD = PROJECT_ROOT / "deploy" / "systemd"
CRON = PROJECT_ROOT / "deploy" / "cron"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "strict"
_ELAPSE = re.compile(r"(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC")


def unit_values(path: Path) -> dict[str, list[str]]:
    """``key → values`` of a systemd unit file (a key such as OnCalendar may repeat)."""
    values: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key.strip(), []).append(value.strip())
    return values


def timer_runs(after: datetime, iterations: int = 1) -> list[datetime]:
    """The timer's next ``iterations`` runs of each OnCalendar line after ``after``, in order, in Vietnam time."""
    runs = set()
    for expression in unit_values(SYSTEMD / "cchc-publish.timer")["OnCalendar"]:
        shown = subprocess.run(
            ["systemd-analyze", "calendar", f"--base-time=@{int(after.timestamp())}", f"--iterations={iterations}", expression],
            capture_output=True, text=True, check=True, env={**os.environ, "TZ": "UTC"},
        ).stdout
        runs.update(datetime.fromisoformat(f"{text}+00:00").astimezone(VIETNAM) for text in _ELAPSE.findall(shown))
    return sorted(runs)


def next_run(after: datetime) -> datetime:
    return timer_runs(after)[0]


def test_the_service_runs_make_publish_once_per_start_in_the_project_folder():
    service = unit_values(SYSTEMD / "cchc-publish.service")
    assert service["Type"] == ["oneshot"]
    assert service["ExecStart"] == ["/usr/bin/make publish"]
    assert service["WorkingDirectory"] == ["/srv/cchc"]
    timer = unit_values(SYSTEMD / "cchc-publish.timer")
    assert timer["Unit"] == ["cchc-publish.service"] and timer["Persistent"] == ["true"]
    verified = subprocess.run(
        ["systemd-analyze", "verify", str(SYSTEMD / "cchc-publish.timer"), str(SYSTEMD / "cchc-publish.service")],
        capture_output=True, text=True,
    )
    assert verified.returncode == 0, verified.stderr


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("2026-11-30 23:30", "2026-12-01 00:05"),  # every night, just after midnight Vietnam time
        ("2026-12-01 09:30", "2026-12-01 10:00"),  # Tuesday: every hour in office hours
        ("2026-12-01 17:00", "2026-12-02 00:05"),  # the last office-hours run is 17:00
        ("2026-12-05 10:10", "2026-12-05 11:00"),  # Saturday morning
        ("2026-12-05 11:00", "2026-12-06 00:05"),  # Saturday afternoon and Sunday: only the nightly run
        ("2026-12-06 00:05", "2026-12-07 00:05"),
    ],
)
def test_the_timer_runs_nightly_and_hourly_in_office_hours_in_vietnam_time(after, expected):
    moment = datetime.fromisoformat(after).replace(tzinfo=VIETNAM)
    assert next_run(moment) == datetime.fromisoformat(expected).replace(tzinfo=VIETNAM)


def test_a_scheduled_item_goes_out_with_the_first_timer_run_on_or_after_its_date(tmp_path):
    due = datetime(2026, 12, 1, 9, 30, tzinfo=VIETNAM)
    good = (FIXTURES / "good-item.md").read_text(encoding="utf-8")
    scheduled = good.replace("2025-03-10 08:30 +07:00", "2026-12-01 09:30 +07:00").replace(
        "Xã Tân Hòa tổ chức hội nghị", "Hội nghị hẹn giờ đăng"
    )
    content = write_content(tmp_path / "content", {"tin/good.md": good, "tin/scheduled.md": scheduled})
    first_run = next_run(due - timedelta(seconds=1))
    last_run_before = max(run for run in timer_runs(due - timedelta(hours=12), iterations=12) if run < due)
    assert (last_run_before, first_run) == (due.replace(minute=0), due.replace(hour=10, minute=0))

    runs = {last_run_before: False, first_run: True}
    with ThreadPoolExecutor() as pool:
        builds = {run: pool.submit(run_pelican, content, tmp_path / f"run-{run:%H%M}", env={"CCHC_NOW": run.isoformat(), "TZ": "UTC"}) for run in runs}
    for run, expect_published in runs.items():
        assert builds[run].result().returncode == 0, builds[run].result().stderr
        published = list((tmp_path / f"run-{run:%H%M}" / "tin").glob("hoi-nghi-hen-gio-dang*/index.html"))
        assert bool(published) is expect_published, run


def cron_lines(commented: bool) -> list[list[str]]:
    prefix = "# " if commented else ""
    lines = []
    for line in (CRON / "cchc-publish").read_text(encoding="utf-8").splitlines():
        fields = line.removeprefix(prefix).split()
        if line.startswith(prefix) and len(fields) == 7 and fields[0].isdigit():
            lines.append(fields)
    return lines


def cron_values(field: str, highest: int) -> set[int]:
    if field == "*":
        return set(range(highest + 1))
    first, _, last = field.partition("-")
    return set(range(int(first), int(last or first) + 1))


def cron_week(lines: list[list[str]], shift_hours: int = 0) -> set[tuple[int, int, int]]:
    """(weekday, hour, minute) of every run in a week, weekday 0 = Monday, shifted into Vietnam time."""
    runs = set()
    for minute, hour, _dom, _month, weekday, _user, _command in lines:
        for day in cron_values(weekday, 6):
            for hours in cron_values(hour, 23):
                moment = datetime(2026, 11, 29) + timedelta(days=day, hours=hours + shift_hours, minutes=int(minute))
                runs.add((moment.weekday(), moment.hour, moment.minute))
    return runs


def test_the_cron_lines_keep_the_timers_schedule_in_local_and_in_utc_time():
    monday = datetime(2026, 11, 30, tzinfo=VIETNAM)
    week = {(run.weekday(), run.hour, run.minute) for run in timer_runs(monday - timedelta(seconds=1), 80) if run < monday + timedelta(days=7)}
    local, utc = cron_lines(commented=False), cron_lines(commented=True)
    assert cron_week(local) == week
    assert cron_week(utc, shift_hours=7) == week
    assert {line[5] for line in local + utc} == {"cchc"}
    assert {line[6] for line in local + utc} == {"/srv/cchc/deploy/cron/publish-daily.sh"}


def test_the_cron_script_is_silent_when_the_build_succeeds_and_explains_a_failure(tmp_path):
    good = {"tin/good.md": (FIXTURES / "good-item.md").read_bytes()}
    bad = {**good, "tin/bad.md": (FIXTURES / "impossible-date.md").read_bytes()}
    script = CRON / "publish-daily.sh"
    assert os.access(script, os.X_OK)

    def publish(name: str, files: dict) -> subprocess.CompletedProcess:
        content = write_content(tmp_path / name / "content", files)
        make_args = ["-o", ".venv/.installed", "html", f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / name / 'output'}"]
        env = {**os.environ, "CCHC_PUBLISH_LOCK": str(tmp_path / f"{name}.lock"), "TZ": "UTC"}
        return subprocess.run([str(script), *make_args], capture_output=True, text=True, env=env, cwd=tmp_path)

    with ThreadPoolExecutor() as pool:
        ok, failed = pool.submit(publish, "ok", good), pool.submit(publish, "failed", bad)
    ok, failed = ok.result(), failed.result()
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")
    assert (tmp_path / "ok" / "output" / "index.html").exists()
    assert failed.returncode == 2
    assert "trang chưa được xuất bản lại" in failed.stdout
    assert "content/tin/bad.md:2: Date: tháng 13 không tồn tại" in failed.stdout
