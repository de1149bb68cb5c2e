"""Which Markdown file a built page comes from, and what its editor wrote in the body.

A problem found in a built page is the editor's when the offending address is
in the item's own text, and the theme's (or a plugin's) otherwise: the first is
reported at the Markdown file and line, the second once per address with the
number of pages it spoils.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from .scan import Reference, references_of

# ![description](address): group 1 the description, group 2 the address.
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
# Where lxml may find an <img> element (a superset: lxml reads tags in any case).
_IMAGE_TAG = re.compile("<img", re.IGNORECASE)
CONTENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "pages", "hidden_pages")


@dataclass
class SourceItem:
    """An item or page: its Markdown file, the addresses its body names, its images without a description."""

    source_path: str
    body_references: list[Reference] = field(default_factory=list)
    images_without_text: list[str] = field(default_factory=list)

    @property
    def body_urls(self) -> set[str]:
        return {reference.url.strip() for reference in self.body_references}


def body_facts(source_path: str, body: str) -> SourceItem:
    """What the body HTML of one item names."""
    item = SourceItem(source_path)
    if "<" not in body:
        return item
    for fragment in lxml.html.fragments_fromstring(body):
        if not isinstance(fragment, etree._Element):
            continue
        for element in fragment.iter(etree.Element):
            item.body_references.extend(references_of(element))
            if element.tag == "img" and not (element.get("alt") or "").strip():
                item.images_without_text.append(element.get("src") or "")
    return item


def _contents(generators: Iterable) -> Iterator:
    for generator in generators:
        for name in CONTENT_LISTS:
            yield from getattr(generator, name, None) or []


def source_items(generators: Iterable) -> dict[str, SourceItem]:
    """Output path (``save_as``) → :class:`SourceItem`, for every published item and page."""
    items: dict[str, SourceItem] = {}
    for content in _contents(generators):
        if content.save_as and content.save_as not in items:
            items[content.save_as] = body_facts(content.source_path, content.content or "")
    return items


class BuildItems:
    """The build's items and pages, whose text is parsed only when the checks need it.

    That is when the built site has findings (to tell the editor's from the
    theme's) or when an item's text shows an image (it may lack its
    description). Parsing every item's text and working out where it is
    published cost about half a second on every build of 2,000 items.
    """

    def __init__(self, generators: Iterable):
        self._generators = list(generators)
        self.show_images = any(_IMAGE_TAG.search(content.content or "") for content in _contents(self._generators))
        self._sources: dict[str, SourceItem] | None = None

    def sources(self) -> dict[str, SourceItem]:
        """:func:`source_items` of the build."""
        if self._sources is None:
            self._sources = source_items(self._generators)
        return self._sources


def _source_lines(source_path: str) -> list[str]:
    try:
        with open(source_path, encoding="utf-8") as handle:
            return handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def line_naming(source_path: str, needles: Iterable[str]) -> tuple[int | None, str]:
    """The number and text of the first line of the Markdown file that contains one of ``needles``."""
    lines = _source_lines(source_path)
    for needle in filter(None, needles):
        for number, text in enumerate(lines, start=1):
            if needle in text:
                return number, text
    return None, ""


def link_needles(url: str) -> list[str]:
    """How an address is likely spelled in Markdown or HTML, most specific first."""
    return [f"({url})", f"({url} ", f"<{url}>", f'"{url}"', url, last_segment(url)]


def _shows_undescribed(line: str, wanted: str) -> bool:
    return any(
        not match.group(1).strip() and last_segment(match.group(2)) == wanted for match in _MARKDOWN_IMAGE.finditer(line)
    )


def undescribed_image_line(source_path: str, src: str) -> tuple[int | None, str]:
    """The line of ``![](…)`` showing ``src`` with an empty description, else any line naming it."""
    wanted = last_segment(src)
    for number, text in enumerate(_source_lines(source_path), start=1):
        if _shows_undescribed(text, wanted):
            return number, text
    return line_naming(source_path, [src, wanted])


def last_segment(url: str) -> str:
    """``https://x/images/anh.jpg`` → ``anh.jpg``: what an editor's own spelling of the address surely contains."""
    return url.split("#", 1)[0].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def written_image(line_text: str, src: str) -> str:
    """The image address as the editor wrote it on that line (``{static}/images/anh.jpg``), else ``src``."""
    wanted = last_segment(src)
    for match in _MARKDOWN_IMAGE.finditer(line_text):
        if last_segment(match.group(2)) == wanted:
            return match.group(2)
    return src
