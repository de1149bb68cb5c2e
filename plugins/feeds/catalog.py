"""Which feeds the site has and which items each one carries.

:func:`build_catalog` sorts the published items once and deals them into the
feeds in one pass (all items; one per kind, reform area and unit; the
podcast of items with a recording), so the work stays linear in the number of
items whatever the number of feeds. Empty feeds are not made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from operator import attrgetter

from plugins.vntext.text import vn_sort_key

ALL, KIND, AREA, UNIT, PODCAST = "all", "kind", "area", "unit", "podcast"
SCOPE_ORDER = (ALL, KIND, AREA, UNIT, PODCAST)
# Procedures are followed for changes: their feed is ordered by last change.
CHANGE_ORDERED_KINDS = ("thu-tuc",)

DEFAULT_PATHS = {
    ALL: "feeds/tat-ca",
    KIND: "feeds/loai/{slug}",
    AREA: "feeds/linh-vuc/{slug}",
    UNIT: "feeds/don-vi/{slug}",
    PODCAST: "feeds/podcast",
}

KIND_FEED_LABELS = {
    "tin": "Tin tức",
    "dien-hinh": "Điển hình tiên tiến",
    "phe-binh": "Phê bình",
    "thu-tuc": "Thủ tục hành chính mới và sửa đổi",
}


def last_change(item) -> datetime:
    """When an item last changed: its ``modified`` date if it has one, else its ``date``."""
    return getattr(item, "modified", None) or item.date


@dataclass(eq=False)
class Feed:
    """One feed: what it follows, where its files go, and its items newest first."""

    scope: str
    slug: str
    label: str
    title: str
    description: str
    rss_url: str
    atom_url: str | None
    page_url: str
    items: list = field(default_factory=list)
    total: int = 0
    ordered_by_change: bool = False

    @property
    def key(self) -> str:
        """``all``, ``podcast``, or ``<scope>:<slug>`` (``area:the-che``, ``kind:tin``, ``unit:van-phong``)."""
        return f"{self.scope}:{self.slug}" if self.slug else self.scope

    @property
    def updated(self) -> datetime:
        """The newest change among the feed's items: the feed's own date, never the build's clock."""
        return max(last_change(item) for item in self.items)


def _feed_paths(settings: dict, scope: str, slug: str) -> tuple[str, str | None]:
    pattern = {**DEFAULT_PATHS, **settings.get("FEEDS_PATHS", {})}[scope].format(slug=slug)
    return f"{pattern}.rss.xml", (None if scope == PODCAST else f"{pattern}.atom.xml")


def _texts(settings: dict, scope: str, name: str) -> tuple[str, str]:
    """A feed's short label and its description."""
    owner = settings.get("SITE_OWNER", {}).get("name") or settings.get("SITENAME", "")
    return {
        ALL: ("Tất cả tin, bài", f"Tin, bài mới nhất về cải cách hành chính của {owner}."),
        KIND: (name, f"{name}: tin, bài về cải cách hành chính của {owner}."),
        AREA: (name, f"Tin, bài thuộc lĩnh vực «{name}» của {owner}."),
        UNIT: (name, f"Tin, bài do {name} ({owner}) đăng."),
        PODCAST: (
            "Bản tin phát thanh",
            f"Bản ghi âm các tin, bài cải cách hành chính phát trên hệ thống loa truyền thanh của {owner}.",
        ),
    }[scope]


def _new_feed(settings: dict, scope: str, slug: str, name: str, page_url: str) -> Feed:
    label, description = _texts(settings, scope, name)
    title = f"{settings.get('SITENAME', '')} – {label}"
    rss_url, atom_url = _feed_paths(settings, scope, slug)
    return Feed(scope, slug, label, title, description, rss_url, atom_url, page_url)


def kind_page_url(settings: dict, kind: str) -> str:
    """The listing page of a kind, if a plugin writes one (site sections, procedures); else the home page."""
    if kind in settings.get("KIND_LISTINGS", ()) and settings.get("KIND_LISTING_URL"):
        return settings["KIND_LISTING_URL"].format(kind=kind)
    if kind == "thu-tuc":
        return settings.get("PROCEDURES_URL", "")
    return ""


def unit_page_url(settings: dict, slug: str) -> str:
    """The page of a unit's items, if a plugin writes one; else the home page."""
    return settings["UNIT_URL"].format(slug=slug) if settings.get("UNIT_URL") else ""


def _groups_of(item, settings: dict) -> Iterable[tuple[str, str, str, str]]:
    """``(scope, slug, name, page_url)`` of every feed ``item`` belongs to."""
    yield ALL, "", "", ""
    kind = getattr(item, "kind", None)
    if kind:
        labels = {**KIND_FEED_LABELS, **settings.get("FEEDS_KIND_LABELS", {})}
        yield KIND, kind, labels.get(kind) or getattr(item, "kind_label", kind), kind_page_url(settings, kind)
    area = getattr(item, "area_code", None)
    category = getattr(item, "category", None)
    if area and category is not None:
        yield AREA, area, str(category), category.url
    unit = getattr(item, "unit_slug", None)
    if unit:
        yield UNIT, unit, item.unit, unit_page_url(settings, unit)
    if getattr(item, "audio_file", None):
        yield PODCAST, "", "", ""


def _feed_order(feed: Feed) -> tuple:
    kinds = list(KIND_FEED_LABELS)
    kind_position = kinds.index(feed.slug) if feed.scope == KIND and feed.slug in kinds else len(kinds)
    return SCOPE_ORDER.index(feed.scope), kind_position, vn_sort_key(feed.label)


def newest_first(items: Iterable, when: Callable[[object], datetime]) -> list:
    """``items`` sorted by ``(when(item), item.url)``, latest first; the address is asked only of items sharing a time.

    Pelican works an item's address out again on every access (its settings
    expanded with the item's slug and date), which cost more than the sort.
    """
    by_time = sorted(items, key=when, reverse=True)
    ordered = []
    for _, same_time in groupby(by_time, key=when):
        group = list(same_time)
        if len(group) > 1:
            group.sort(key=lambda item: item.url, reverse=True)
        ordered += group
    return ordered


def build_catalog(items: Iterable, settings: dict) -> list[Feed]:
    """Every non-empty feed, in the order people see them listed; each with its newest items."""
    feeds: dict[str, Feed] = {}
    for item in newest_first(items, attrgetter("date")):
        for scope, slug, name, page_url in _groups_of(item, settings):
            key = f"{scope}:{slug}"
            if key not in feeds:
                feeds[key] = _new_feed(settings, scope, slug, name, page_url)
            feeds[key].items.append(item)
    limit = settings.get("FEED_MAX_ITEMS") or None
    for feed in feeds.values():
        feed.total = len(feed.items)
        if feed.scope == KIND and feed.slug in CHANGE_ORDERED_KINDS:
            feed.ordered_by_change = True
            feed.items = newest_first(feed.items, last_change)
        if limit:
            del feed.items[limit:]
    return sorted(feeds.values(), key=_feed_order)


def feeds_by_key(feeds: Iterable[Feed]) -> dict[str, Feed]:
    """Feeds by key, area feeds also by their category's slug (``area:cai-cach-the-che``) for templates."""
    found: dict[str, Feed] = {}
    for feed in feeds:
        found[feed.key] = feed
        if feed.scope == AREA:
            category = getattr(feed.items[0], "category", None)
            if category is not None:
                found.setdefault(f"{AREA}:{category.slug}", feed)
    return found


def feeds_by_page(feeds: Iterable[Feed]) -> dict[str, Feed]:
    """The feed that follows what a listing page lists, by the page's address (``tin/``, ``don-vi/van-phong/``)."""
    return {feed.page_url: feed for feed in feeds if feed.page_url and feed.scope != ALL}
