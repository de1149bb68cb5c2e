"""What one built page contains that the checks need: its anchors, the addresses it names, its images.

Pages are parsed with lxml, the parser BeautifulSoup itself uses underneath:
called directly it is about twenty times faster than through BeautifulSoup
(0.2 ms against 4 ms a page), which is what makes checking every page of a
10,000-item site after every build affordable. Scanning is independent per page, so big sites are scanned in several
processes (build_speed's pool). The build's own check (:mod:`.incremental`)
does not make these facts: :mod:`.onepass` checks each page in one pass over
its tree, with the tables below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from plugins.build_speed.pool import run_jobs, worker_count

PARALLEL_FROM_PAGES = 400
# Keeps libxml2's table of ids (collect_ids, on by default), which onepass.page_ids reads.
_PARSER = etree.HTMLParser(encoding="utf-8")
# Plain strings: lxml's default "smart" strings keep their whole page's tree alive.
_IDS = etree.XPath("//@id | //a/@name", smart_strings=False)

# Which attribute of which element names an address, and whether the browser
# loads it with the page (a resource) or only when the reader follows it.
_NAVIGATION = {("a", "href"), ("area", "href"), ("form", "action")}
_RESOURCES = {
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("track", "src"),
    ("input", "src"),
}
_SRCSET = {("img", "srcset"), ("source", "srcset")}
_LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest"}
# Loaded on every visit, so they count towards the page's weight.
_WEIGHED = {("img", "src"), ("script", "src"), ("input", "src"), ("video", "poster")}
_WEIGHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
_ADDRESSING_TAGS = sorted({tag for tag, _ in _NAVIGATION | _RESOURCES | _SRCSET} | {"link"})
# (tag, attribute) → (loads, weighed) for the attributes holding one address.
_ROLES = {key: (False, False) for key in _NAVIGATION} | {key: (True, key in _WEIGHED) for key in _RESOURCES}


def _address_attributes_by_tag() -> dict[str, tuple[tuple[str, tuple[bool, bool] | None], ...]]:
    """tag → the attributes that may hold addresses, each with its (loads, weighed), or ``None`` for a srcset.

    Asking for these few attributes by name is three times faster than
    reading all of an element's attributes.
    """
    by_tag: dict[str, tuple] = {}
    for tag, attribute in sorted(_NAVIGATION | _RESOURCES | _SRCSET):
        by_tag[tag] = (*by_tag.get(tag, ()), (attribute, _ROLES.get((tag, attribute))))
    return by_tag


_ADDRESS_ATTRIBUTES = _address_attributes_by_tag()
_SRCSET_SEPARATOR = re.compile(r",\s+")


class Reference(NamedTuple):
    """An address written in a page: ``url`` as written, on ``line``.

    A named tuple: a page names about a hundred addresses, and a tuple is
    made several times faster than a frozen dataclass.
    """

    url: str
    line: int | None
    element: str
    loads: bool
    weighed: bool


@dataclass
class PageFacts:
    """The facts of one page, ``path`` relative to the output folder."""

    path: str
    size: int
    ids: frozenset[str] = frozenset()
    references: list[Reference] = field(default_factory=list)
    images_without_alt: list[Reference] = field(default_factory=list)


def srcset_urls(value: str) -> list[str]:
    """The image addresses of a ``srcset`` (``a.jpg 1x, b.jpg 2x`` → ``[a.jpg, b.jpg]``)."""
    return [words[0] for candidate in _SRCSET_SEPARATOR.split(value.strip()) if (words := candidate.split())]


def _link_rels(element) -> set[str]:
    return set((element.get("rel") or "").lower().split())


def _address_attributes(element, tag: str) -> list[tuple[str, tuple[bool, bool] | None, str]]:
    """The element's attributes that hold addresses (name, role, value), in the order they are written."""
    found = [(name, role, value) for name, role in _ADDRESS_ATTRIBUTES.get(tag, ()) if (value := element.get(name)) is not None]
    if len(found) > 1:
        order = element.keys()
        found.sort(key=lambda attribute: order.index(attribute[0]))
    return found


def references_of(element, tag: str | None = None) -> list[Reference]:
    """Every address ``element`` names, as :class:`Reference` (``tag``: the element's, when already known)."""
    tag = tag or element.tag
    if tag == "link":
        href = element.get("href")
        if href is None:
            return []
        rels = _link_rels(element)
        return [Reference(href, element.sourceline, tag, bool(rels & _LOADED_LINK_RELS), bool(rels & _WEIGHED_LINK_RELS))]
    found = []
    for _, role, value in _address_attributes(element, tag):
        line = element.sourceline
        if role is not None:
            found.append(Reference(value, line, tag, *role))
        else:
            found.extend(Reference(url, line, tag, True, False) for url in srcset_urls(value))
    return found


def scan_html(data: bytes, path: str) -> PageFacts:
    """The facts of the page ``data`` published at ``path``."""
    facts = PageFacts(path=path, size=len(data))
    if not data.strip():
        return facts
    root = etree.fromstring(data, _PARSER)
    if root is None:
        return facts
    facts.ids = frozenset(_IDS(root))
    for element in root.iter(*_ADDRESSING_TAGS):
        tag = element.tag  # lxml makes a new string each time it is asked
        facts.references.extend(references_of(element, tag))
        if tag == "img" and element.get("alt") is None:
            facts.images_without_alt.append(Reference(element.get("src") or "", element.sourceline, "img", True, False))
    return facts


def scan_file(output: Path, path: str) -> PageFacts:
    """The facts of the page at ``path`` (relative to ``output``)."""
    return scan_html((output / path).read_bytes(), path)


def scan_pages(output: Path, paths: Iterable[str], workers: int | None = None) -> dict[str, PageFacts]:
    """Scan every page (paths relative to ``output``); several processes for a big site."""
    paths = list(paths)
    workers = worker_count(workers) if len(paths) >= PARALLEL_FROM_PAGES else 1
    scanned = run_jobs(len(paths), lambda index: scan_file(output, paths[index]), workers)
    return {facts.path: facts for facts in scanned}
