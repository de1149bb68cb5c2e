"""Findings worded for people, in Vietnamese, and placed where they can be fixed.

A finding caused by what an editor wrote is reported at the Markdown file and
line. One caused by the theme or a plugin would repeat on many pages, so each kind
of fault is reported once, with how often it occurs and the first examples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .checks import BROKEN_ANCHOR, BROKEN_LINK, MISSING_PREFIX, NO_ALT, THIRD_PARTY, TOO_HEAVY, Finding, kilobytes
from .sources import SourceItem, line_naming, link_needles, undescribed_image_line, written_image

EXAMPLES_SHOWN = 3
TEMPLATE_HINT = "Lỗi này do giao diện (theme/) hoặc một plugin tạo ra, không do bài viết: báo cho người phụ trách kỹ thuật."


@dataclass(frozen=True)
class Located:
    """A worded problem: the file to fix, the line, the message."""

    path: str
    line: int | None
    message: str


def _editor_message(finding: Finding, budget_kb: int) -> str:
    url = finding.url
    if finding.kind == BROKEN_LINK:
        return (
            f"liên kết «{url}» không dẫn tới trang hay tệp nào của trang web. Sửa lại địa chỉ "
            "(liên kết tới bài khác viết dạng {filename}/tin/ten-tep.md, tới ảnh dạng {static}/images/ten-anh.jpg), "
            "hoặc xóa liên kết."
        )
    if finding.kind == MISSING_PREFIX:
        return (
            f"liên kết «{url}» thiếu phần đầu «{finding.detail}» của chuyên mục, nên trên trang đã đăng nó không dẫn "
            "tới đâu. Viết liên kết tới bài khác dạng {filename}/tin/ten-tep.md, tới ảnh dạng {static}/images/ten-anh.jpg."
        )
    if finding.kind == BROKEN_ANCHOR:
        return (
            f"liên kết «{url}» trỏ tới mục «#{url.partition('#')[2]}» nhưng trang đó không có mục này. "
            "Sửa phần sau dấu # cho đúng tên mục, hoặc bỏ phần đó."
        )
    if finding.kind == THIRD_PARTY:
        return (
            f"bài tải «{url}» từ một trang web khác; trang của cơ quan không được để trình duyệt của người dân tải "
            "gì từ nơi khác. Chép tệp vào content/images/ và dẫn tới bản trong trang, hoặc đổi thành liên kết thường."
        )
    if finding.kind == NO_ALT:
        return _missing_description(url)
    return (
        f"trang của bài nặng {kilobytes(finding.size)} KB khi tải, quá ngưỡng {budget_kb} KB cho người đọc trên "
        f"mạng di động chậm. Nặng nhất: {finding.detail}. Thu nhỏ hoặc bớt ảnh trong bài."
    )


def _missing_description(src: str) -> str:
    return (
        f"ảnh «{src}» chưa có lời mô tả (văn bản thay thế) cho người khiếm thị và cho khi ảnh không tải được. "
        f"Viết mô tả trong ngoặc vuông: ![Mô tả nội dung ảnh]({src})."
    )


def _example(finding: Finding) -> str:
    where = f"{finding.page}:{finding.line}" if finding.line else finding.page
    return f"«{finding.url}» ở {where}" if finding.url else where


def _template_message(kind: str, findings: list[Finding], budget_kb: int) -> str:
    findings = sorted(findings, key=lambda finding: (finding.page, finding.line or 0, finding.url))
    count = len(findings)
    pages = len({finding.page for finding in findings})
    examples = "; ".join(_example(finding) for finding in findings[:EXAMPLES_SHOWN])
    if count > EXAMPLES_SHOWN:
        examples += f"; và {count - EXAMPLES_SHOWN} chỗ khác"
    if kind == BROKEN_LINK:
        what = f"{count} địa chỉ trên {pages} trang không dẫn tới trang hay tệp nào của trang web"
    elif kind == MISSING_PREFIX:
        what = (
            f"{count} địa chỉ trên {pages} trang thiếu phần đầu «{findings[0].detail}» của SITEURL nên trên trang đã "
            "đăng không dẫn tới đâu (trong template hãy viết {{ SITEURL }}/… — macro cần «import … with context»)"
        )
    elif kind == BROKEN_ANCHOR:
        what = f"{count} liên kết trên {pages} trang trỏ tới một mục (#) không có trên trang đích"
    elif kind == THIRD_PARTY:
        what = f"{count} chỗ trên {pages} trang tải tài nguyên từ trang web khác; trình duyệt của người dân không được tải gì từ nơi khác"
    elif kind == NO_ALT:
        what = f"{count} ảnh trên {pages} trang thiếu thuộc tính alt (mô tả ảnh; alt=\"\" nếu ảnh chỉ để trang trí)"
    else:
        heaviest = max(findings, key=lambda finding: finding.size)
        what = (
            f"{pages} trang nặng quá ngưỡng {budget_kb} KB khi tải; nặng nhất là {heaviest.page} "
            f"({kilobytes(heaviest.size)} KB: {heaviest.detail})"
        )
        examples = ", ".join(finding.page for finding in findings[:EXAMPLES_SHOWN])
    return f"{what}. Ví dụ: {examples}. {TEMPLATE_HINT}"


def _is_editors(finding: Finding, item: SourceItem | None) -> bool:
    if item is None:
        return False
    return finding.kind == TOO_HEAVY or finding.url.strip() in item.body_urls


def word_findings(
    findings: Iterable[Finding], sources: dict[str, SourceItem], output: Path, budget_kb: int
) -> list[Located]:
    """Every finding worded and placed; the theme's grouped by what is wrong."""
    located: list[Located] = []
    by_template_fault: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        item = sources.get(finding.page)
        if _is_editors(finding, item):
            if finding.kind == NO_ALT:
                continue  # reported with the line by undescribed_images()
            line, _ = line_naming(item.source_path, link_needles(finding.url))
            located.append(Located(item.source_path, line, _editor_message(finding, budget_kb)))
        else:
            by_template_fault[finding.kind].append(finding)
    for kind, group in by_template_fault.items():
        first = min(finding.page for finding in group)
        located.append(Located(str(output / first), None, _template_message(kind, group, budget_kb)))
    return located


def undescribed_images(sources: dict[str, SourceItem]) -> list[Located]:
    """Images in an item's text with an empty description (``![](anh.jpg)``)."""
    located = []
    for item in sources.values():
        for src in item.images_without_text:
            line, text = undescribed_image_line(item.source_path, src)
            located.append(Located(item.source_path, line, _missing_description(written_image(text, src))))
    return located
