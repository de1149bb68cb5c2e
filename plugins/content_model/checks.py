"""Whole-build checks: no source file silently dropped, no two items at one address.

They run once every item is read and before anything is written, so a bad
build writes nothing. Both are single passes with sets and dicts: linear in
the number of items.
"""

from __future__ import annotations

import fnmatch
import logging
import os
from collections import defaultdict
from collections.abc import Iterable

from .problems import BUILD_PROBLEMS, report

SOURCE_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown", ".rst")
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)
PUBLISHED_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "pages", "hidden_pages")


def contents_of(generators: Iterable, lists: tuple[str, ...] = CONTENT_LISTS) -> list:
    """Every content object the generators hold in the named lists, each once."""
    seen: dict[int, object] = {}
    for generator in generators:
        for name in lists:
            for content in getattr(generator, name, None) or []:
                seen.setdefault(id(content), content)
    return list(seen.values())


def source_files(settings: dict) -> list[str]:
    """Every file under ``PATH`` that should become an item or a page."""
    root = os.path.abspath(settings["PATH"])
    ignored = list(settings.get("IGNORE_FILES", [])) + list(settings.get("CCHC_IGNORED_SOURCES", []))
    static = {os.path.normpath(p) for p in settings.get("STATIC_PATHS", [])}
    found = []
    for folder, subfolders, files in os.walk(root):
        relative_folder = os.path.relpath(folder, root)
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and os.path.normpath(os.path.join(relative_folder, name)) not in static
        ]
        for name in files:
            relative = os.path.normpath(os.path.join(relative_folder, name))
            if name.startswith(".") or not name.lower().endswith(SOURCE_EXTENSIONS):
                continue
            if any(fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(relative, pattern) for pattern in ignored):
                continue
            found.append(os.path.join(root, relative))
    return found


def report_dropped_files(settings: dict, generators: Iterable) -> None:
    """Report each source file that became neither an item, a page, nor a known problem."""
    read = {os.path.abspath(c.source_path) for c in contents_of(generators)}
    known = {os.path.abspath(p) for p in BUILD_PROBLEMS.paths()}
    folders = ", ".join(f"{name}/" for name in settings["CCHC_KIND_FOLDERS"])
    for path in source_files(settings):
        if path in read or path in known:
            continue
        report(
            path,
            f"tệp này không được đưa vào trang: nó nằm ngoài các thư mục nội dung ({folders}) hoặc bị bỏ qua. Chuyển tệp vào đúng thư mục theo loại bài, hoặc xóa nếu không dùng.",
        )


def report_shared_addresses(generators: Iterable) -> None:
    """Report items that would be written to the same address (usually the same slug)."""
    by_address: dict[str, list] = defaultdict(list)
    for content in contents_of(generators, PUBLISHED_LISTS):
        address = content.save_as  # a property that formats the address on every call
        if address:
            by_address[address].append(content)
    for address, owners in by_address.items():
        if len(owners) < 2:
            continue
        paths = sorted(os.path.abspath(c.source_path) for c in owners)
        for path in paths:
            others = ", ".join(os.path.relpath(p, os.path.dirname(path)) for p in paths if p != path)
            report(
                path,
                f"trùng đường dẫn «{address}» (cùng slug «{owners[0].slug}») với {others}. Đổi tiêu đề hoặc thêm dòng «Slug: …» khác cho một trong các bài.",
            )


class PelicanErrorCollector(logging.Handler):
    """Turns errors that Pelican only logs (and ``-q`` hides) into build problems."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            report("", f"Pelican báo lỗi: {message.splitlines()[0]}. Xem thông báo phía trên để biết tệp liên quan.")
        elif message.startswith("Unable to find"):
            report("", f"liên kết nội bộ không trỏ tới tệp nào ({message}). Kiểm tra đường dẫn {{filename}} trong bài.")
