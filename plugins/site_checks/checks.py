"""The whole-site checks over the scanned pages: every internal address resolves, nothing loads from
another site, every image has a text alternative, and every page stays within its weight budget.

One pass over the pages and their addresses with dicts and sets; each asset's
size is measured once however many pages load it.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from plugins.build_speed.output import FileStat

from .addresses import PAGE_SCOPE, SITE_SCOPE, External, Internal, Outside, SiteAddress, address_scope, page_url_path
from .scan import PageFacts

TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
ALWAYS_PRESENT_FRAGMENTS = frozenset({"", "top"})
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    """One thing wrong in the built site, before it is worded for a person."""

    page: str
    kind: str
    url: str
    line: int | None
    detail: str = ""
    size: int = 0


BROKEN_LINK = "broken-link"
BROKEN_ANCHOR = "broken-anchor"
MISSING_PREFIX = "missing-prefix"
THIRD_PARTY = "third-party"
NO_ALT = "no-alt"
TOO_HEAVY = "too-heavy"


def output_files(output: Path) -> set[str]:
    """Every file of the built site, as a path relative to ``output`` with ``/`` separators."""
    found: set[str] = set()
    folders = [("", str(output))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink():  # like os.walk: a linked folder is neither entered nor a file
                        folders.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    found.add(prefix + entry.name)
    return found


def css_urls(text: str) -> list[str]:
    """The addresses a stylesheet loads (``url(...)`` and ``@import``)."""
    text = _CSS_COMMENT.sub("", text)
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(text)]


class SiteFiles:
    """The built site's files: which exist, what each weighs on the wire, and where addresses lead."""

    def __init__(self, output: Path, address: SiteAddress, listed: dict[str, FileStat] | None = None):
        """``listed``: every file of ``output`` with its inode, size and modification time, when known (else it is walked)."""
        self.output = output
        self.address = address
        self.files = output_files(output) if listed is None else set(listed)
        self.stats = listed
        self._weights: dict[str, int] = {}
        self._css_loads: dict[str, list[str]] = {}
        self._targets: dict[tuple[str, str, str | None], Internal | External | Outside | None] = {}
        self._folders: dict[str, str] = {}

    def existing(self, path: str) -> str | None:
        """The file served for ``path`` (a folder serves its ``index.html``), if there is one."""
        if path in self.files:
            return path
        folder_index = path.rstrip("/") + "/index.html"
        return folder_index if folder_index in self.files else None

    def target_key(self, url: str, page: str) -> tuple[str, str, str | None]:
        """What the target of ``url`` in ``page`` depends on: the page, its folder, or nothing else.

        The theme repeats the same addresses on every page; keyed like this,
        each is resolved once for the whole site rather than once per page.
        """
        scope = address_scope(url)
        if scope == SITE_SCOPE:
            return url, scope, None
        if scope == PAGE_SCOPE:
            return url, scope, page
        if page not in self._folders:
            self._folders[page] = posixpath.dirname(page_url_path(page))
        return url, scope, self._folders[page]

    def target(self, url: str, page: str) -> Internal | External | Outside | None:
        """:meth:`SiteAddress.resolve`, remembered (see :meth:`target_key`)."""
        key = self.target_key(url, page)
        if key not in self._targets:
            self._targets[key] = self.address.resolve(url, page)
        return self._targets[key]

    def transfer_size(self, path: str) -> int:
        if path not in self._weights:
            data = (self.output / path).read_bytes()
            compressed = path.endswith(TEXT_SUFFIXES)
            self._weights[path] = len(zlib.compress(data, 6)) if compressed else len(data)
        return self._weights[path]

    def stylesheet_loads(self, path: str) -> list[str]:
        """The existing files a stylesheet loads, each once."""
        if path not in self._css_loads:
            text = (self.output / path).read_text(encoding="utf-8", errors="replace")
            loads = []
            for url in css_urls(text):
                target = self.address.resolve(url, path)
                if isinstance(target, Internal) and (found := self.existing(target.path)):
                    loads.append(found)
            self._css_loads[path] = sorted(set(loads))
        return self._css_loads[path]


def _ignored(patterns: list[str], url: str, target: Internal) -> bool:
    return any(fnmatch.fnmatch(target.path, pattern) or fnmatch.fnmatch(url, pattern) for pattern in patterns)


def _selected(pages: dict[str, PageFacts], only: set[str] | None) -> Iterator[PageFacts]:
    return iter(pages.values()) if only is None else (page for path, page in pages.items() if path in only)


class Verdict(NamedTuple):
    """What is wrong with an address; a broken anchor only when ``anchor_page`` has no id ``fragment``."""

    kind: str
    detail: str = ""
    anchor_page: str | None = None
    fragment: str | None = None


class Pending(NamedTuple):
    """A finding of a page, which holds unless ``anchor_page`` turns out to have the id ``fragment``."""

    finding: Finding
    anchor_page: str | None
    fragment: str | None


_UNKNOWN = object()


class ReferenceChecker:
    """Broken links and anchors, and loads from other sites: each address judged once per place it can lead.

    Whether an ``#anchor`` exists depends on another page's ids, which a
    process checking only some pages may not have: those findings come back
    as :class:`Pending` for :meth:`holds` to settle once every page is known.
    """

    def __init__(self, site: SiteFiles, ignore: list[str], pages: Collection[str]):
        self.site = site
        self.ignore = ignore
        self.pages = pages
        self._verdicts: dict[tuple, Verdict | None] = {}

    def pending(self, page: PageFacts) -> list[Pending]:
        """The page's possible findings, in the order of its addresses."""
        found = []
        for reference in page.references:
            verdict = self.verdict(reference.url, reference.loads, page.path)
            if verdict is not None:
                finding = Finding(page.path, verdict.kind, reference.url, reference.line, verdict.detail)
                found.append(Pending(finding, verdict.anchor_page, verdict.fragment))
        return found

    def verdict(self, url: str, loads: bool, page: str) -> Verdict | None:
        """What is wrong with ``url`` in ``page`` (loaded with the page when ``loads``), remembered by what its target depends on."""
        key = (self.site.target_key(url, page), loads)
        verdict = self._verdicts.get(key, _UNKNOWN)
        if verdict is _UNKNOWN:
            verdict = self._verdicts[key] = self._verdict(url, loads, page)
        return verdict

    @staticmethod
    def holds(pending: Pending, ids_of: Callable[[str], frozenset[str]]) -> bool:
        return pending.anchor_page is None or pending.fragment not in ids_of(pending.anchor_page)

    def _verdict(self, url: str, loads: bool, page: str) -> Verdict | None:
        site = self.site
        target = site.target(url, page)
        if target is None:
            return None
        if isinstance(target, External):
            return Verdict(THIRD_PARTY) if loads else None
        if isinstance(target, Outside):
            return Verdict(MISSING_PREFIX, site.address.prefix) if site.existing(target.path) else None
        if _ignored(self.ignore, url, target):
            return None
        found = site.existing(target.path)
        if found is None:
            return Verdict(BROKEN_LINK, target.path)
        if target.fragment not in (None, *ALWAYS_PRESENT_FRAGMENTS) and found in self.pages:
            return Verdict(BROKEN_ANCHOR, found, found, target.fragment)
        return None


def check_references(pages: dict[str, PageFacts], site: SiteFiles, ignore: list[str], only: set[str] | None = None) -> Iterator[Finding]:
    """Broken links and anchors, and resources loaded from other sites (of the pages in ``only``, default all)."""
    checker = ReferenceChecker(site, ignore, pages)
    for page in _selected(pages, only):
        for pending in checker.pending(page):
            if checker.holds(pending, lambda path: pages[path].ids):
                yield pending.finding


def check_stylesheets(site: SiteFiles, ignore: list[str]) -> Iterator[Finding]:
    """Addresses in the site's CSS that lead nowhere (a font or image the theme forgot)."""
    for path in sorted(p for p in site.files if p.endswith(".css")):
        text = (site.output / path).read_text(encoding="utf-8", errors="replace")
        for url in css_urls(text):
            target = site.address.resolve(url, path)
            if isinstance(target, External):
                yield Finding(path, THIRD_PARTY, url, None)
            elif isinstance(target, Outside) and site.existing(target.path):
                yield Finding(path, MISSING_PREFIX, url, None, site.address.prefix)
            elif isinstance(target, Internal) and not _ignored(ignore, url, target) and not site.existing(target.path):
                yield Finding(path, BROKEN_LINK, url, None, target.path)


def check_images(pages: dict[str, PageFacts], only: set[str] | None = None) -> Iterator[Finding]:
    """Images with no ``alt`` attribute at all."""
    for page in _selected(pages, only):
        for image in page.images_without_alt:
            yield Finding(page.path, NO_ALT, image.url, image.line)


def page_weight(page: PageFacts, site: SiteFiles, page_bytes: int) -> dict[str, int]:
    """What loading the page transfers: the page itself (``page_bytes``) and each file it loads, path → bytes."""
    return weight_parts(page.path, page_bytes, _weighed_files(page, site), site)


def _weighed_files(page: PageFacts, site: SiteFiles) -> Iterator[str]:
    for reference in page.references:
        if reference.weighed:
            target = site.target(reference.url, page.path)
            if isinstance(target, Internal) and (found := site.existing(target.path)):
                yield found


def weight_parts(path: str, page_bytes: int, files: Iterable[str], site: SiteFiles) -> dict[str, int]:
    """:func:`page_weight` of the page at ``path`` from the existing files it loads (``files``, in the order named)."""
    parts = {path: page_bytes}
    for found in files:
        if found in parts:
            continue
        parts[found] = site.transfer_size(found)
        if found.endswith(".css"):
            for loaded in site.stylesheet_loads(found):
                parts.setdefault(loaded, site.transfer_size(loaded))
    return parts


def check_weights(pages: dict[str, PageFacts], site: SiteFiles, budget_bytes: int, only: set[str] | None = None) -> Iterator[Finding]:
    """Pages heavier than the budget; the detail names the three heaviest parts.

    The page's own compressed size is only worked out when its raw size could
    break the budget, which on a healthy site is never.
    """
    for page in _selected(pages, only):
        finding = too_heavy(page.path, page.size, list(_weighed_files(page, site)), site, budget_bytes)
        if finding is not None:
            yield finding


def too_heavy(path: str, page_bytes: int, files: list[str], site: SiteFiles, budget_bytes: int) -> Finding | None:
    """:func:`check_weights`'s finding on the page at ``path`` (``page_bytes`` long), from the existing files it loads (in the order named)."""
    if sum(weight_parts(path, page_bytes, files, site).values()) <= budget_bytes:
        return None
    parts = weight_parts(path, site.transfer_size(path), files, site)
    total = sum(parts.values())
    if total <= budget_bytes:
        return None
    heaviest = sorted(parts.items(), key=lambda item: -item[1])[:3]
    detail = "; ".join(f"{name} {kilobytes(size)} KB" for name, size in heaviest)
    return Finding(path, TOO_HEAVY, "", None, detail, total)


def kilobytes(size: int) -> int:
    return -(-size // 1024)


def check_site(
    pages: dict[str, PageFacts], site: SiteFiles, budget_bytes: int, ignore: Iterable[str] = ()
) -> list[Finding]:
    """Every finding of the built site."""
    ignore = list(ignore)
    findings = list(check_references(pages, site, ignore))
    findings += check_stylesheets(site, ignore)
    findings += check_images(pages)
    findings += check_weights(pages, site, budget_bytes)
    return findings
