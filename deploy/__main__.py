"""Command line: ``python -m deploy publish [--dry-run] | rollback | status`` (what ``make publish`` runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import PROJECT_ROOT
from .pipeline import DEFAULT_WORKDIR, DeployError, PublishOptions, PublishStopped, publish, rollback, status, stop_with


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m deploy", description="Dựng, kiểm tra và xuất bản trang.")
    parser.add_argument("command", choices=["publish", "rollback", "status"])
    parser.add_argument("--content", type=Path, default=PROJECT_ROOT / "content", help="thư mục nội dung")
    parser.add_argument("--settings", type=Path, default=PROJECT_ROOT / "publishconf.py", help="tệp cấu hình xuất bản")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="thư mục làm việc (bản dựng tạm)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ cho xem những gì sẽ thay đổi")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    settings = arguments.settings.resolve()
    try:
        if arguments.command == "publish":
            options = PublishOptions(arguments.content.resolve(), settings, arguments.workdir.resolve(), arguments.dry_run)
            return publish(options)
        if arguments.command == "rollback":
            return rollback(settings, arguments.workdir.resolve())
        return status(settings)
    except (PublishStopped, DeployError) as error:
        return stop_with(error)
    except KeyboardInterrupt:
        print("\nĐã dừng theo yêu cầu. Trang đang chạy không bị thay đổi; chạy lại để tiếp tục.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
