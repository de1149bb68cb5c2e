"""The whole-site checks over the scanned pages: every internal address resolves, nothing loads from
another site, every image has a text alternative, and every page stays within its weight budget.

One pass over the pages and their addresses with dicts and sets; each asset's
size is measured once however many pages load it.
"""

from __future__ import annotations

import fnmatch
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .addresses import External, Internal, Outside, SiteAddress
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
    found = set()
    for folder, _, files in os.walk(output):
        relative = os.path.relpath(folder, output)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in files)
    return found


def css_urls(text: str) -> list[str]:
    """The addresses a stylesheet loads (``url(...)`` and ``@import``)."""
    text = _CSS_COMMENT.sub("", text)
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(text)]


class SiteFiles:
    """The built site's files: which exist, and what each weighs on the wire."""

    def __init__(self, output: Path, address: SiteAddress):
        self.output = output
        self.address = address
        self.files = output_files(output)
        self._weights: dict[str, int] = {}
        self._css_loads: dict[str, list[str]] = {}

    def existing(self, path: str) -> str | None:
        """The file served for ``path`` (a folder serves its ``index.html``), if there is one."""
        if path in self.files:
            return path
        folder_index = path.rstrip("/") + "/index.html"
        return folder_index if folder_index in self.files else None

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


def _missing_anchor(fragment: str | None, target: PageFacts | None) -> bool:
    return fragment not in (None, *ALWAYS_PRESENT_FRAGMENTS) and target is not None and fragment not in target.ids


def _selected(pages: dict[str, PageFacts], only: set[str] | None) -> Iterator[PageFacts]:
    return iter(pages.values()) if only is None else (page for path, page in pages.items() if path in only)


def check_references(pages: dict[str, PageFacts], site: SiteFiles, ignore: list[str], only: set[str] | None = None) -> Iterator[Finding]:
    """Broken links and anchors, and resources loaded from other sites (of the pages in ``only``, default all)."""
    for page in _selected(pages, only):
        for reference in page.references:
            target = site.address.resolve(reference.url, page.path)
            if target is None:
                continue
            if isinstance(target, External):
                if reference.loads:
                    yield Finding(page.path, THIRD_PARTY, reference.url, reference.line)
                continue
            if isinstance(target, Outside):
                if site.existing(target.path):
                    yield Finding(page.path, MISSING_PREFIX, reference.url, reference.line, site.address.prefix)
                continue
            if _ignored(ignore, reference.url, target):
                continue
            found = site.existing(target.path)
            if found is None:
                yield Finding(page.path, BROKEN_LINK, reference.url, reference.line, target.path)
            elif _missing_anchor(target.fragment, pages.get(found)):
                yield Finding(page.path, BROKEN_ANCHOR, reference.url, reference.line, found)


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
    parts = {page.path: page_bytes}
    for reference in page.references:
        if not reference.weighed:
            continue
        target = site.address.resolve(reference.url, page.path)
        if not isinstance(target, Internal) or not (found := site.existing(target.path)) or found in parts:
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
        if sum(page_weight(page, site, page.size).values()) <= budget_bytes:
            continue
        parts = page_weight(page, site, site.transfer_size(page.path))
        total = sum(parts.values())
        if total > budget_bytes:
            heaviest = sorted(parts.items(), key=lambda item: -item[1])[:3]
            detail = "; ".join(f"{path} {kilobytes(size)} KB" for path, size in heaviest)
            yield Finding(page.path, TOO_HEAVY, "", None, detail, total)


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
