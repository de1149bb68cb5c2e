"""The lists the listing pages show, each made in one pass over the build's items.

Pelican writes area, tag and period pages itself; these are the groupings it
does not make: items by kind, items by unit, and the archive calendar
(years → months → counts) that keeps the archive index short at 10,000 items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from plugins.vntext.text import in_site_timezone, vn_sort_key


@dataclass
class KindListing:
    """The listing page of one kind of item (``tin/``, ``dien-hinh/``, ``phe-binh/``)."""

    kind: str
    title: str
    intro: str
    url: str
    save_as: str
    items: list = field(default_factory=list)


@dataclass
class UnitListing:
    """A unit (đơn vị) and the items it published, newest first."""

    slug: str
    name: str
    url: str
    save_as: str
    items: list = field(default_factory=list)


@dataclass
class ArchiveMonth:
    year: int
    month: int
    url: str
    count: int


@dataclass
class ArchiveYear:
    year: int
    url: str
    count: int
    months: list[ArchiveMonth]


def items_by_kind(items: Iterable) -> dict[str, list]:
    """Items grouped by their ``kind``, keeping the given order (newest first)."""
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[getattr(item, "kind", "")].append(item)
    return dict(grouped)


def related_by_area(categories: Iterable[tuple], count: int = 3) -> dict[str, list]:
    """For each item (by source path), the items of its area published just before and after it.

    Neighbours in time, not the area's newest: an item from 2021 links to its
    own period. One pass over each area's list.
    """
    related: dict[str, list] = {}
    for _area, items in categories:
        for index, item in enumerate(items):
            before = items[max(0, index - count):index][::-1]
            after = items[index + 1:index + 1 + count]
            mixed = [near for pair in zip(after, before, strict=False) for near in pair]
            mixed += after[len(before):] + before[len(after):]
            related[item.source_path] = mixed[:count]
    return related


def unit_listings(units: Mapping[str, str], items: Iterable, url_pattern: str, save_as_pattern: str) -> list[UnitListing]:
    """Every configured unit with its items, in Vietnamese alphabetical order of names."""
    listings = {
        slug: UnitListing(slug, name, url_pattern.format(slug=slug), save_as_pattern.format(slug=slug))
        for slug, name in units.items()
    }
    for item in items:
        listing = listings.get(getattr(item, "unit_slug", None))
        if listing is not None:
            listing.items.append(item)
    return sorted(listings.values(), key=lambda listing: vn_sort_key(listing.name))


def archive_calendar(items: Iterable, year_url: str, month_url: str, timezone: str) -> list[ArchiveYear]:
    """Years and months that have items, newest first, with their counts and archive addresses."""
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for item in items:
        local = in_site_timezone(item.date, timezone)
        counts[local.year][local.month] += 1
    calendar = []
    for year in sorted(counts, reverse=True):
        months = [
            ArchiveMonth(year, month, month_url.format(date=datetime(year, month, 1)), count)
            for month, count in sorted(counts[year].items(), reverse=True)
        ]
        total = sum(month.count for month in months)
        calendar.append(ArchiveYear(year, year_url.format(date=datetime(year, 1, 1)), total, months))
    return calendar
