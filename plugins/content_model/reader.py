"""A Markdown reader that refuses, with a Vietnamese message, what Pelican would skip or misread.

It decodes strictly as UTF-8, normalises to NFC, validates the header for the
item's kind (taken from its folder) and hands Pelican canonical values. A file
with problems is reported and returned as ``status: skip``, so the build lists
every problem and then fails in :mod:`.checks`.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader

from plugins.vntext.text import nfc

from .clock import build_now
from .header import Header, parse_header
from .problems import report
from .schema import spelled
from .validate import validate_header

SKIPPED = ("", {"status": "skip"})


def kind_of(source_path: str, settings: dict) -> str | None:
    """The kind of item a source file is, from the first folder of its path under ``PATH``."""
    relative = os.path.relpath(source_path, settings["PATH"])
    folder = relative.replace(os.sep, "/").split("/", 1)[0]
    return settings["CCHC_KIND_FOLDERS"].get(folder)


def decoded_text(source_path: str) -> str | None:
    """The file's text as NFC, or None after reporting that it is not UTF-8."""
    raw = Path(source_path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report(
            source_path,
            "tệp không được lưu bằng bảng mã UTF-8 (gặp byte lạ ở dòng này). Mở tệp trong trình soạn thảo, chọn «Lưu với bảng mã UTF-8» (Save with encoding UTF-8) rồi lưu lại.",
            line,
        )
        return None
    return nfc(text.removeprefix("\ufeff"))


def with_canonical_values(lines: list[str], header: Header, rewrites: dict[str, str]) -> str:
    """The file's text with the rewritten header fields, each on one line, and without header comments."""
    replaced = list(lines)
    dropped: set[int] = {number - 1 for number in header.comment_lines}
    for key, value in rewrites.items():
        found = header.fields[key]
        replaced[found.line - 1] = f"{spelled(key)}: {value}"
        dropped.update(range(found.line, found.last_line))
    return "\n".join(line for index, line in enumerate(replaced) if index not in dropped)


def is_scheduled(rewrites: dict[str, str], metadata: dict, settings: dict) -> bool:
    """Whether a published item's date is after the build's now, so it must wait."""
    if "date" not in rewrites or metadata.get("status", "published") != "published":
        return False
    return datetime.fromisoformat(rewrites["date"]) > build_now(settings)


class StrictMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader behind the project's header validation."""

    def read(self, source_path: str):
        text = decoded_text(source_path)
        if text is None:
            return SKIPPED
        lines = text.split("\n")
        header = parse_header(lines)
        kind = kind_of(source_path, self.settings)
        if kind is None:
            return SKIPPED  # outside the kinds' folders: checks.py reports it
        findings, rewrites = validate_header(header, kind, self.settings)
        for line, message in findings:
            report(source_path, message, line)
        if findings:
            return SKIPPED
        content, metadata = self._converted(source_path, with_canonical_values(lines, header, rewrites))
        metadata["kind"] = kind
        if is_scheduled(rewrites, metadata, self.settings):
            metadata["status"] = "draft"
            metadata["scheduled"] = True
        return content, metadata

    def _converted(self, source_path: str, text: str):
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata
