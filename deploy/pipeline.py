"""``make publish``: build into a fresh staging folder, check everything, precompress, upload, switch.

Nothing reaches the target unless every step before it passed, and the live
site changes only in the final one-step switch; a failure anywhere leaves it
as it was, and running the command again picks up where it stopped.
Messages are for the unit's IT person, in Vietnamese.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .compress import precompress
from .config import PROJECT_ROOT, DeployConfig
from .feed_check import feed_problems
from .html_check import CheckerUnavailable, describe, invalid_html
from .release import release_name
from .target import DeployError, Target

DEFAULT_WORKDIR = PROJECT_ROOT / "cache" / "publish"
CHANGES_SHOWN = 60

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_PROBLEMS = 2


class PublishStopped(Exception):
    """Publishing stopped before the switch; ``exit_code`` says why (1: setup or target, 2: problems found)."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class PublishOptions:
    content: Path
    settings: Path
    workdir: Path = DEFAULT_WORKDIR
    dry_run: bool = False


def say(message: str) -> None:
    print(message, flush=True)


@contextmanager
def publish_lock(workdir: Path) -> Iterator[None]:
    """One publish or rollback at a time on this machine (a timer and a person may both start one)."""
    workdir.mkdir(parents=True, exist_ok=True)
    with (workdir / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishStopped("Một lần xuất bản hoặc quay lui khác đang chạy trên máy này. Chờ nó xong rồi chạy lại.") from None
        yield


def load_settings(settings_path: Path) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(settings_path))


def missing_tools(config: DeployConfig) -> list[str]:
    needed = {"rsync": "rsync", "java": "default-jre-headless"}
    if config.remote:
        needed["ssh"] = "openssh-client"
    return [
        f"không tìm thấy lệnh «{tool}». Cài bằng: sudo apt-get install {package}"
        for tool, package in needed.items()
        if shutil.which(tool) is None
    ]


def preflight(settings: dict) -> DeployConfig:
    """The target's settings, or stop with every setup problem at once."""
    config = DeployConfig.from_settings(settings)
    problems = config.problems() + missing_tools(config)
    if problems:
        raise PublishStopped("Chưa xuất bản được vì cấu hình:\n" + "\n".join(f"  - {problem}" for problem in problems))
    return config


def build(options: PublishOptions, staging: Path) -> None:
    """Run Pelican with the publishing settings into an empty ``staging`` folder."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pelican", str(options.content), "-o", str(staging), "-s", str(options.settings)]
    process = subprocess.run(command + ["--fatal", "errors"], cwd=PROJECT_ROOT)
    if process.returncode != 0:
        raise PublishStopped(
            f"Bản dựng thất bại (mã {process.returncode}); xem các lỗi ở trên. Trang đang chạy không bị thay đổi.",
            EXIT_PROBLEMS if process.returncode == 2 else EXIT_FAILED,
        )


def check_release(staging: Path, settings: dict, workdir: Path) -> None:
    """Valid HTML and valid feeds, or stop with every problem found."""
    try:
        html_errors = invalid_html(staging, workdir / "html-valid.txt")
    except CheckerUnavailable as missing:
        raise PublishStopped(f"Không kiểm tra được HTML: {missing}") from None
    problems = describe(html_errors)
    problems += feed_problems(staging, settings["SITEURL"], bool(settings.get("PUBLISH_REQUIRE_FEEDS", True)))
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise PublishStopped(
            f"LỖI KIỂM TRA BẢN XUẤT BẢN: {len(problems)} lỗi. Không có gì được xuất bản.\n\n{listed}\n\n"
            f"Bản dựng nằm ở {staging} để xem. Lỗi lặp lại ở nhiều trang thường do giao diện: báo người phụ trách kỹ thuật.",
            EXIT_PROBLEMS,
        )


def summarize_changes(changes: list[str]) -> list[str]:
    """rsync's itemized changes as «+ thêm», «~ sửa», «- xóa» lines with totals first.

    Folders and ``.gz`` twins (which change with their file) are left out.
    """
    added, changed, deleted = [], [], []
    for line in changes:
        code, _, path = line.partition(" ")
        path = path.strip()
        if path.endswith((".gz", "/")):
            continue
        if code == "*deleting":
            deleted.append(path)
        elif code[1:2] == "f" and code[0] in "<>c":
            (added if "+++++++++" in code else changed).append(path)
    lines = [f"Sẽ thêm {len(added)} tệp, sửa {len(changed)} tệp, xóa {len(deleted)} tệp (không kể bản nén .gz)."]
    listed = [f"  + {p}" for p in added] + [f"  ~ {p}" for p in changed] + [f"  - {p}" for p in deleted]
    lines += listed[:CHANGES_SHOWN]
    if len(listed) > CHANGES_SHOWN:
        lines.append(f"  … và {len(listed) - CHANGES_SHOWN} tệp khác.")
    return lines


def deploy_site(site: Path, config: DeployConfig, name: str | None = None) -> str:
    """Upload a built, checked ``site`` beside the live version and switch to it; return the release name."""
    name = name or release_name(site)
    target = Target(config)
    state = target.prepare()
    if state.current == name:
        say(f"Trang đang chạy đã là phiên bản {name}; không có gì thay đổi.")
        return name
    if name in state.unfinished():
        say(f"Tiếp tục tải lên phiên bản {name}: thư mục đã có trên máy chủ (lần trước dừng giữa chừng, hoặc đã quay lui).")
    say(f"Tải lên {config.destination}/releases/{name}/ …")
    result = target.upload(site, name, state)
    sent = sum(1 for line in result.changes if line[:2] in (">f", "<f"))
    say(f"Đã tải lên {sent} tệp mới hoặc thay đổi; các tệp không đổi được dùng lại từ phiên bản đang chạy.")
    target.activate(name)
    return name


def show_changes(staging: Path, config: DeployConfig, name: str) -> None:
    """``DRY_RUN=1``: what publishing ``staging`` would add, change and delete on the live site."""
    say(f"[4/4] Chạy thử: so sánh phiên bản {name} với trang đang chạy ở {config.destination} (không thay đổi gì).")
    target = Target(config)
    for line in summarize_changes(target.changes_against_live(staging, target.state())):
        say(line)


def publish(options: PublishOptions) -> int:
    """The whole ``make publish``; returns the exit status."""
    started = time.monotonic()
    settings = load_settings(options.settings)
    config = preflight(settings)
    staging = options.workdir / "site"
    with publish_lock(options.workdir):
        say(f"[1/4] Dựng trang với {options.settings.name} vào {staging} …")
        build(options, staging)
        say("[2/4] Kiểm tra HTML (Nu Html Checker), nguồn tin RSS/Atom và sitemap.xml …")
        check_release(staging, settings, options.workdir)
        say("[3/4] Nén sẵn các tệp văn bản (.gz) …")
        precompress(staging)
        name = release_name(staging)
        if options.dry_run:
            show_changes(staging, config, name)
            return EXIT_OK
        say(f"[4/4] Xuất bản phiên bản {name} lên {config.destination} …")
        deploy_site(staging, config, name)
    say(f"Xong sau {time.monotonic() - started:.0f} giây: {config.siteurl} đang chạy phiên bản {name}. "
        "Quay lại phiên bản trước bằng: make rollback")
    return EXIT_OK


def rollback(settings_path: Path, workdir: Path = DEFAULT_WORKDIR) -> int:
    """``make rollback``: turn the site back to the previous release."""
    config = DeployConfig.from_settings(load_settings(settings_path))
    problems = [problem for problem in config.problems() if not problem.startswith("SITEURL")]
    if problems:
        raise PublishStopped("Chưa quay lui được vì cấu hình:\n" + "\n".join(f"  - {problem}" for problem in problems))
    with publish_lock(workdir):
        previous = Target(config).rollback()
    say(f"Đã quay lại phiên bản {previous} tại {config.destination}.")
    return EXIT_OK


def status(settings_path: Path) -> int:
    """The releases on the target, the live one marked."""
    config = DeployConfig.from_settings(load_settings(settings_path))
    state = Target(config).state()
    say(f"Nơi xuất bản: {config.destination}")
    for name, when in state.history:
        marker = "→" if name == state.current else " "
        say(f" {marker} {name}  xuất bản lúc {when} (UTC)")
    for name in state.unfinished():
        say(f"   {name}  tải lên dở dang (sẽ được tiếp tục hoặc dọn ở lần xuất bản sau)")
    if not state.current:
        say("Chưa có phiên bản nào đang chạy.")
    return EXIT_OK


def stop_with(error: Exception) -> int:
    """Print why publishing stopped; return the exit status."""
    print(f"\n{error}", file=sys.stderr, flush=True)
    return error.exit_code if isinstance(error, PublishStopped) else EXIT_FAILED


__all__ = ["DeployError", "PublishOptions", "PublishStopped", "deploy_site", "publish", "rollback", "status", "stop_with"]
