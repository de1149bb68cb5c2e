"""Where an item names images: ``<img>`` tags in its HTML, the ``Image:`` header, and the Markdown line of each.

Addresses are read as editors write them: ``images/anh.jpg`` (from the
content folder, or beside the item), ``/images/anh.jpg``, and Pelican's
``{static}``, ``{attach}`` and ``{filename}`` forms.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_MARKERS = ("{static}", "{attach}", "{filename}")
_HEADER_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):")


class _TagAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> dict[str, str | None]:
    """The attributes of one ``<img …>`` tag, entities decoded."""
    parser = _TagAttributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def is_local(address: str) -> bool:
    """Whether an address names a file of the site (not another site, not inline data)."""
    parts = urlsplit(address.strip())
    return not parts.scheme and not parts.netloc and bool(parts.path)


def _plain_path(address: str) -> str:
    path = address.strip()
    for marker in _MARKERS:
        path = path.removeprefix(marker)
    return unquote(urlsplit(path).path)


@dataclass(frozen=True)
class Located:
    """A source file found for an address, or the places looked at (relative to the content folder)."""

    path: Path | None
    looked_at: tuple[str, ...]
    outside: bool = False


def locate(address: str, item_folder: Path, content_root: Path, header: bool = False) -> Located:
    """The file an address names. Body addresses are tried beside the item first (Pelican's rule), then from the
    content folder (editors' habit); header values the other way round. A path leading out of the content folder
    is refused."""
    path = _plain_path(address)
    root = content_root.resolve()
    if path.startswith("/"):
        candidates = [root / path.lstrip("/")]
    elif header:
        candidates = [root / path, item_folder / path]
    else:
        candidates = [item_folder / path, root / path]
    looked_at = []
    for candidate in candidates:
        resolved = candidate.resolve()
        if not resolved.is_relative_to(root):
            return Located(None, (), outside=True)
        looked_at.append(f"content/{resolved.relative_to(root).as_posix()}")
        if resolved.is_file():
            return Located(resolved, tuple(looked_at))
    return Located(None, tuple(dict.fromkeys(looked_at)))


class SourceLines:
    """An item's Markdown lines, read on first use, to name the line where an image is written."""

    def __init__(self, source_path: str):
        self.source_path = source_path
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                with open(self.source_path, encoding="utf-8-sig") as source:
                    self._lines = source.read().splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines = []
        return self._lines

    def header_line(self, key: str) -> int | None:
        """The line of header field ``key`` (lower case)."""
        for number, text in enumerate(self.lines, start=1):
            if not text.strip():
                return None
            match = _HEADER_KEY.match(text)
            if match and match.group("key").lower() == key:
                return number
        return None

    def body_line(self, address: str, occurrence: int) -> int | None:
        """The line of the ``occurrence``-th (from 0) mention of ``address`` after the header."""
        seen = 0
        in_body = False
        for number, text in enumerate(self.lines, start=1):
            in_body = in_body or not text.strip()
            if in_body and address in text:
                if seen == occurrence:
                    return number
                seen += 1
        return None


def item_folder(source_path: str) -> Path:
    return Path(os.path.dirname(os.path.abspath(source_path)))
