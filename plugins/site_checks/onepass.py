"""One page checked in a single pass over its parsed tree, for the incremental check's workers.

:func:`.scan.scan_html` followed by :class:`.checks.ReferenceChecker` and the
other checks finds the same, but makes a :class:`.scan.Reference` (with its
line) for each of the ~55 addresses of every page and then looks each up again
for its verdict, its weight and its anchor. Here each distinct address is
judged once per process (per role, and per folder or page when its target
depends on one; an address of the page itself, like the skip link's
``#noi-dung``, once for every page), so most of a page's addresses (the theme's header, menu and
footer) cost one dict lookup, and an address's line is only asked for when it
has a finding. A page's own ``#anchor`` links are settled here, against its
ids; only links into other pages' anchors wait for every page to be known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from .addresses import PAGE_SCOPE, SITE_SCOPE, Internal, address_scope
from .checks import ALWAYS_PRESENT_FRAGMENTS, NO_ALT, Finding, Pending, ReferenceChecker, SiteFiles, Verdict
from .scan import (
    _ADDRESS_ATTRIBUTES,
    _ADDRESSING_TAGS,
    _IDS,
    _LOADED_LINK_RELS,
    _PARSER,
    _WEIGHED_LINK_RELS,
    _address_attributes,
    srcset_urls,
)

# A role is ``2 * loads + weighed``: an index into the per-role tables of judgements.
_LOADS_ONLY, _WEIGHED = 2, 3
# Elements with a single address attribute: tag → (attribute, role).
_SINGLE = {
    tag: (name, 2 * role[0] + role[1])
    for tag, ((name, role), *others) in _ADDRESS_ATTRIBUTES.items()
    if not others and role is not None
}
_MISSING_FRAGMENTS = (None, *ALWAYS_PRESENT_FRAGMENTS)
_UNKNOWN = object()
_PLACED = object()  # the judgement depends on the page or its folder: see PageChecker._placed


# The ids libxml2 registered while parsing (lxml's, used by its XMLDTDID; private, hence the fallback).
_ID_TABLE = getattr(etree, "_IDDict", None)


def page_ids(root) -> frozenset[str]:
    """The page's ``id``s and ``<a name>``s, as :func:`.scan.scan_html` finds them, but for an empty one.

    libxml2 registers them in a table as it parses the page (for HTML:
    ``id`` on any element, ``name`` on ``a``), which is several times faster
    to read than walking the tree again with :data:`.scan._IDS`. It leaves
    out an empty ``id=""``, which no ``#anchor`` can name, and also registers
    ``xml:id``, which the scan does not take: a page with one is walked.
    """
    if _ID_TABLE is not None:
        table = _ID_TABLE(root).items()
        if all(element.get("id") == name or (element.tag == "a" and element.get("name") == name) for name, element in table):
            return frozenset(name for name, _ in table)
    return frozenset(_IDS(root)) - {""}


class Judgement(NamedTuple):
    """What one address means for a page: its verdict, the file it makes the page weigh, the page whose ids it needs."""

    verdict: Verdict | None
    weighs: str | None
    anchors: str | None


@dataclass
class PageResult:
    """One page's checks: the link findings still to settle, in the order of its addresses, and what they depend on."""

    ids: frozenset[str] = frozenset()
    pending: list[Pending] = field(default_factory=list)
    weighed: list[str] = field(default_factory=list)
    anchor_targets: set[str] = field(default_factory=set)
    images_without_alt: list[Finding] = field(default_factory=list)


class PageChecker:
    """Checks pages one by one, remembering what each address means across the pages it checks."""

    def __init__(self, site: SiteFiles, checker: ReferenceChecker):
        self.site = site
        self.checker = checker
        self._judged: list[dict[str, object]] = [{} for _ in range(4)]
        self._placed: dict[tuple, Judgement | None] = {}
        self._on_page: dict[tuple[str, int], tuple[str, Judgement | None]] = {}
        self._srcsets: dict[str, list[str]] = {}
        self._link_roles: dict[str | None, int] = {}

    def check(self, data: bytes, page: str) -> PageResult:
        """The findings and dependencies of the page ``data`` published at ``page``."""
        result = PageResult()
        if not data or data.isspace():  # what scan_html's data.strip() tells, without copying the page
            return result
        root = etree.fromstring(data, _PARSER)
        if root is None:
            return result
        result.ids = page_ids(root)
        judged = self._judged
        navigation = judged[0]
        for element in root.iter(*_ADDRESSING_TAGS):
            tag = element.tag  # lxml makes a new string each time it is asked
            if tag == "a":  # most addresses: the menu's, the listings'
                url = element.get("href")
                if url is not None and (judgement := navigation.get(url, _UNKNOWN)) is not None:
                    self._take(result, page, element, url, 0, judgement)
                continue
            single = _SINGLE.get(tag)
            if single is not None:
                url = element.get(single[0])
                if url is not None and (judgement := judged[single[1]].get(url, _UNKNOWN)) is not None:
                    self._take(result, page, element, url, single[1], judgement)
            elif tag == "link":
                url = element.get("href")
                if url is not None:
                    role = self._link_role(element.get("rel"))
                    self._take(result, page, element, url, role, judged[role].get(url, _UNKNOWN))
            elif tag == "source" and element.get("src") is None:
                self._take_srcset(result, page, element, element.get("srcset"))
            elif tag == "img":
                self._take_image(result, page, element)
            else:
                self._take_all(result, page, element, tag)
        return result

    def _take_all(self, result: PageResult, page: str, element, tag: str) -> None:
        """An element with several address attributes (a video with a poster, a ``<source>`` with a ``src``); images have their own."""
        judged = self._judged
        for _, role, value in _address_attributes(element, tag):
            if role is None:
                self._take_srcset(result, page, element, value)
            else:
                number = 2 * role[0] + role[1]
                self._take(result, page, element, value, number, judged[number].get(value, _UNKNOWN))

    def _take_image(self, result: PageResult, page: str, element) -> None:
        src, srcset = element.get("src"), element.get("srcset")
        if srcset is not None and src is not None:
            names = element.keys()
            if names.index("srcset") < names.index("src"):
                self._take_srcset(result, page, element, srcset)
                srcset = None
        if src is not None and (judgement := self._judged[_WEIGHED].get(src, _UNKNOWN)) is not None:
            self._take(result, page, element, src, _WEIGHED, judgement)
        self._take_srcset(result, page, element, srcset)
        if element.get("alt") is None:
            result.images_without_alt.append(Finding(page, NO_ALT, src or "", element.sourceline))

    def _take_srcset(self, result: PageResult, page: str, element, value: str | None) -> None:
        if value is None:
            return
        if (urls := self._srcsets.get(value)) is None:
            urls = self._srcsets[value] = srcset_urls(value)
        judged = self._judged[_LOADS_ONLY]
        for url in urls:
            if (judgement := judged.get(url, _UNKNOWN)) is not None:
                self._take(result, page, element, url, _LOADS_ONLY, judgement)

    def _take(self, result: PageResult, page: str, element, url: str, role: int, judgement) -> None:
        if judgement is _UNKNOWN:
            judgement = self._first_judgement(url, role, page)
        if judgement is _PLACED:
            judgement = self._placed_judgement(url, role, page)
        if judgement is None:
            return
        verdict = judgement.verdict
        if verdict is not None and not (verdict.anchor_page == page and verdict.fragment in result.ids):
            finding = Finding(page, verdict.kind, url, element.sourceline, verdict.detail)
            result.pending.append(Pending(finding, verdict.anchor_page, verdict.fragment))
        if judgement.weighs is not None:
            result.weighed.append(judgement.weighs)
        if judgement.anchors is not None:
            result.anchor_targets.add(judgement.anchors)

    def _link_role(self, rel: str | None) -> int:
        role = self._link_roles.get(rel)
        if role is None:
            rels = set((rel or "").lower().split())
            role = self._link_roles[rel] = 2 * bool(rels & _LOADED_LINK_RELS) + bool(rels & _WEIGHED_LINK_RELS)
        return role

    def _first_judgement(self, url: str, role: int, page: str) -> object:
        """The judgement of an address met for the first time, remembered for every page when it holds for every page."""
        judgement = self._judge(url, role, page) if address_scope(url) == SITE_SCOPE else _PLACED
        self._judged[role][url] = judgement
        return judgement

    def _placed_judgement(self, url: str, role: int, page: str) -> Judgement | None:
        if address_scope(url) == PAGE_SCOPE and not self.checker.ignore and page in self.checker.pages and page in self.site.files:
            return self._on_page_judgement(url, role, page)
        key = (self.site.target_key(url, page), role)
        judgement = self._placed.get(key, _UNKNOWN)
        if judgement is _UNKNOWN:
            judgement = self._placed[key] = self._judge(url, role, page)
        return judgement

    def _on_page_judgement(self, url: str, role: int, page: str) -> Judgement | None:
        """An address of the page itself (``#noi-dung``, on every page): judged once, then moved to each page.

        Such an address leads to the page whatever the page, and a checked
        page exists; with no ``ignore`` pattern (which could match one page
        and not another) only the page's own path in the judgement changes.
        Judging it for each page anew cost 9 µs a page.
        """
        known = self._on_page.get((url, role))
        if known is None:
            known = self._on_page[url, role] = (page, self._judge(url, role, page))
        first_page, judgement = known
        return judgement if first_page == page or judgement is None else _moved(judgement, first_page, page)

    def _judge(self, url: str, role: int, page: str) -> Judgement | None:
        """What :meth:`ReferenceChecker.pending`, :func:`.checks.page_weight` and :func:`.incremental.anchor_targets` make of the address."""
        verdict = self.checker.verdict(url, role >= _LOADS_ONLY, page)
        target = self.site.target(url, page)
        found = self.site.existing(target.path) if isinstance(target, Internal) else None
        weighs = found if role & 1 else None
        anchors = found if found is not None and "#" in url and target.fragment not in _MISSING_FRAGMENTS else None
        if verdict is None and weighs is None and anchors is None:
            return None
        return Judgement(verdict, weighs, anchors)


def _moved(judgement: Judgement, first: str, page: str) -> Judgement:
    """The judgement of an address of the page ``first``, for the same address on ``page``."""
    def moved(path: str | None) -> str | None:
        return page if path == first else path

    verdict = judgement.verdict
    if verdict is not None:
        verdict = verdict._replace(detail=moved(verdict.detail), anchor_page=moved(verdict.anchor_page))
    return Judgement(verdict, moved(judgement.weighs), moved(judgement.anchors))
