"""Command line of the editors' workflow: ``new``, ``check`` and ``serve`` (see the package docstring).

Options fall back to environment variables of the same name (``KIND``,
``TITLE``, ``AREA``, ``UNIT``, ``DATE``) so that ``make new KIND=tin
TITLE="…"`` passes any title, quotes and all, without shell quoting.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from pelican import Pelican

from plugins.content_model.schema import REFORM_AREAS

from .check import check_site, success_report
from .devserver import serve as run_preview
from .scaffold import (
    NewItem,
    chosen_area,
    chosen_date,
    chosen_unit,
    create_scaffold,
    resolve_kind,
    shown_path,
)
from .site import DEFAULT_SETTINGS_FILE, PROJECT_ROOT, load_settings, start_logging

CONTENT_PROBLEMS = 2
FAILED = 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m plugins.editor_workflow", description="Công cụ cho ban biên tập.")
    top.add_argument("--settings", type=Path, default=DEFAULT_SETTINGS_FILE, help="tệp cấu hình (pelicanconf.py)")
    top.add_argument("--content", type=Path, default=PROJECT_ROOT / "content", help="thư mục nội dung")
    commands = top.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="tạo bài mới theo mẫu")
    new.add_argument("--kind", default=os.environ.get("KIND", ""), help="loại bài: tin, dien-hinh, phe-binh, thu-tuc")
    new.add_argument("--title", default=os.environ.get("TITLE", ""), help="tiêu đề bài")
    new.add_argument("--area", default=os.environ.get("AREA", ""), help="lĩnh vực cải cách (tên hoặc mã ngắn)")
    new.add_argument("--unit", default=os.environ.get("UNIT", ""), help="đơn vị đăng bài (tên hoặc mã)")
    new.add_argument("--date", default=os.environ.get("DATE", ""), help="ngày giờ đăng, mặc định là bây giờ")
    commands.add_parser("check", help="kiểm tra toàn bộ nội dung, không dựng trang")
    serve = commands.add_parser("serve", help="xem trước, tự dựng lại khi lưu tệp")
    serve.add_argument("--output", type=Path, default=None, help="thư mục dựng bản xem trước (mặc định: thư mục tạm)")
    serve.add_argument("--bind", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    return top


def initialized_settings(settings_file: Path, content: Path) -> dict:
    """The settings after every plugin has run its ``initialized`` step."""
    return Pelican(load_settings(settings_file, PATH=str(content))).settings


def new_item(args: argparse.Namespace) -> int:
    settings = initialized_settings(args.settings, args.content)
    try:
        kind = resolve_kind(settings, args.kind)
        item = NewItem(
            kind=kind,
            title=args.title,
            area=asked_area(args.area) if "category" in settings["CCHC_FIELDS"].get(kind, {}) else None,
            unit=chosen_unit(settings, args.unit),
            date=chosen_date(settings, args.date),
        )
        path = create_scaffold(settings, item)
    except ValueError as problem:  # ScaffoldError: the message says what to write instead
        print(f"LỖI: {problem}", file=sys.stderr)
        return FAILED
    print(f"Đã tạo {shown_path(settings, path)}.")
    print("Mở tệp, điền các chỗ «[điền: …]», chọn các dòng có dấu # theo hướng dẫn trong tệp, rồi viết nội dung.")
    print("Bài là bản nháp (Status: draft): xem trước bằng make devserver, tại địa chỉ /ban-nhap/.")
    return 0


def asked_area(written: str) -> str | None:
    """The area given, else asked at the terminal; None leaves the choice to the file."""
    if written:
        return chosen_area(written)
    return ask_area() if sys.stdin.isatty() and sys.stdout.isatty() else None


def ask_area() -> str | None:
    """Ask the editor at the terminal which reform area the item belongs to (Enter: choose later in the file)."""
    areas = list(REFORM_AREAS.values())
    print("Bài thuộc lĩnh vực cải cách nào?")
    for number, name in enumerate(areas, start=1):
        print(f"  {number}. {name}")
    try:
        answer = input("Gõ số rồi Enter (bỏ trống để chọn sau trong tệp): ").strip()
    except EOFError:
        return None
    return areas[int(answer) - 1] if answer.isdigit() and 1 <= int(answer) <= len(areas) else None


def check(args: argparse.Namespace) -> int:
    started = time.monotonic()
    try:
        result = check_site(args.settings, args.content)
    except Exception:
        print("LỖI KHÔNG MONG ĐỢI khi kiểm tra (không phải lỗi nội dung); chuyển thông báo dưới đây cho người phụ trách kỹ thuật:", file=sys.stderr)
        traceback.print_exc()
        return FAILED
    if not result.ok:
        return CONTENT_PROBLEMS
    print(success_report(result))
    print(f"({time.monotonic() - started:.1f} giây)")
    return 0


def serve(args: argparse.Namespace) -> int:
    return run_preview(args.settings, args.content, args.output, args.bind, args.port)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.content.is_dir():
        print(f"LỖI: không có thư mục nội dung {args.content}.", file=sys.stderr)
        return FAILED
    start_logging()
    commands = {"new": new_item, "check": check, "serve": serve}
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
