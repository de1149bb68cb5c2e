"""Strict parsing of an item's header: the ``Key: value`` lines before the first blank line.

Python-Markdown's ``meta`` extension quietly turns a malformed header line
into body text (a title broken over two lines loses every field after it);
this parser finds such lines and reports them with their line numbers.

A header line starting with ``#`` is a comment for the editor (the scaffold of
``make new`` lists the reform areas and the optional fields that way). It is
recorded, not read, and the reader removes it before Markdown sees the header,
because the ``meta`` extension would end the header at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FIELD_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>\S.*)$")
_FENCE = re.compile(r"^(-{3}|\.{3})\s*$")
_COMMENT = re.compile(r"^[ ]{0,3}#")


@dataclass
class HeaderField:
    """One field of the header: its value (continuations joined) and its first line."""

    key: str
    value: str
    line: int
    spelled: str
    last_line: int = 0


@dataclass
class Header:
    """The parsed header and what was wrong with its layout."""

    fields: dict[str, HeaderField] = field(default_factory=dict)
    layout_errors: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[HeaderField] = field(default_factory=list)
    comment_lines: list[int] = field(default_factory=list)

    def value(self, key: str, default: str | None = None) -> str | None:
        found = self.fields.get(key)
        return found.value if found else default

    def line_of(self, key: str) -> int | None:
        found = self.fields.get(key)
        return found.line if found else None


def parse_header(lines: list[str]) -> Header:
    """Parse header ``lines`` (the whole file's lines; parsing stops at the first blank line)."""
    header = Header()
    current: HeaderField | None = None
    start = 1 if lines and _FENCE.match(lines[0]) else 0
    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if not line.strip() or (index > 0 and _FENCE.match(line)):
            break
        if _COMMENT.match(line):
            header.comment_lines.append(number)
            continue
        if (more := _CONTINUATION.match(line)) and current is not None:
            current.value = f"{current.value} {more.group('value').strip()}".strip()
            current.last_line = number
            continue
        if match := _FIELD_LINE.match(line):
            key = match.group("key").lower()
            current = HeaderField(key, match.group("value").strip(), number, match.group("key"), number)
            if key in header.fields:
                header.duplicates.append(current)
            else:
                header.fields[key] = current
            continue
        # Keep reading after a stray line, so the fields below it are still known
        # and the editor gets one message about the stray line, not one per field.
        header.layout_errors.append((number, line))
        current = None
    return header
