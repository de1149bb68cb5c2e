"""The scaffold's «[điền: …]» placeholders, and the check that none of them gets published.

A new item starts as a draft whose required free-text fields hold a
placeholder, so it builds (and previews) from the first save. A draft may keep
them; anything that will be published, now or at its scheduled date, may not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from plugins.content_model import report
from plugins.content_model.header import Header
from plugins.content_model.schema import STATUS_ALIASES, spelled
from plugins.vntext.text import fold

PLACEHOLDER_WORD = "điền"
# Only the word after each «[» is folded: every item's whole body is scanned on every build.
_BRACKETED_WORD = re.compile(r"\[\s*([^\s:\]]{1,8})\s*:")

Finding = tuple[int | None, str]


def placeholder(meaning: str) -> str:
    """The placeholder the scaffold writes where the editor must write ``meaning``."""
    return f"[{PLACEHOLDER_WORD}: {meaning}]"


def has_placeholder(text: str) -> bool:
    """Whether ``text`` still holds a scaffold placeholder (with or without accents)."""
    return any(fold(word) == "dien" for word in _BRACKETED_WORD.findall(text))


def is_draft(header: Header) -> bool:
    return STATUS_ALIASES.get(fold(header.value("status") or "")) == "draft"


def header_placeholders(header: Header, settings: dict) -> Iterable[Finding]:
    """A content_model validator: header fields still holding a placeholder in an item to be published."""
    if is_draft(header):
        return []
    return [
        (
            found.line,
            f"trường «{spelled(found.key)}» vẫn còn chữ mẫu «{found.value[:60]}»: thay bằng nội dung thật, "
            "hoặc giữ dòng «Status: draft» nếu bài chưa viết xong.",
        )
        for found in header.fields.values()
        if has_placeholder(found.value)
    ]


def first_placeholder_line(source_path: str) -> int | None:
    for number, line in enumerate(Path(source_path).read_text(encoding="utf-8").splitlines(), start=1):
        if has_placeholder(line):
            return number
    return None


def report_body_placeholder(content) -> None:
    """A content_object_init receiver: report a body that still holds the scaffold's placeholder."""
    body = getattr(content, "_content", None)
    if not isinstance(body, str) or not has_placeholder(body):
        return
    if getattr(content, "status", "published") == "draft" and not content.metadata.get("scheduled"):
        return
    report(
        content.source_path,
        "nội dung bài vẫn còn chữ mẫu «[điền: …]»: xóa dòng đó và viết nội dung, "
        "hoặc giữ dòng «Status: draft» nếu bài chưa viết xong.",
        first_placeholder_line(content.source_path),
    )
