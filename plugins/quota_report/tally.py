"""Counting published items by month (in the site's timezone), unit, kind and reform area.

One pass over the published items builds a small table of counts per month;
every figure of every report is then a sum over that table, so a report for
any period costs the same whether the site has a hundred items or ten thousand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from .period import Period

UNKNOWN_UNIT = ""


@dataclass(frozen=True)
class CountedItem:
    """What a report lists about one published item."""

    title: str
    url: str
    date: datetime
    kind: str
    unit_slug: str
    unit_name: str
    area_code: str
    area_name: str


@dataclass(frozen=True)
class CountKey:
    unit: str
    kind: str
    area: str


@dataclass
class Tally:
    """Published items up to ``now``, grouped by ``(year, month)`` in the site's timezone."""

    now: datetime
    items_by_month: dict[tuple[int, int], list[CountedItem]] = field(default_factory=lambda: defaultdict(list))
    counts_by_month: dict[tuple[int, int], Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, item: CountedItem) -> None:
        month = (item.date.year, item.date.month)
        self.items_by_month[month].append(item)
        self.counts_by_month[month][CountKey(item.unit_slug, item.kind, item.area_code)] += 1

    def count(
        self,
        months: Iterable[tuple[int, int]],
        kinds: Iterable[str] | None = None,
        unit: str | None = None,
        area: str | None = None,
    ) -> int:
        """Items in ``months``, optionally only of ``kinds``, of ``unit`` and of ``area``."""
        wanted_kinds = set(kinds) if kinds is not None else None
        total = 0
        for month in months:
            for key, number in self.counts_by_month.get(month, Counter()).items():
                if wanted_kinds is not None and key.kind not in wanted_kinds:
                    continue
                if unit is not None and key.unit != unit:
                    continue
                if area is not None and key.area != area:
                    continue
                total += number
        return total

    def by_unit_and_kind(self, months: Iterable[tuple[int, int]]) -> Counter:
        """Items in ``months`` per ``(unit, kind)``."""
        found: Counter = Counter()
        for month in months:
            for key, number in self.counts_by_month.get(month, Counter()).items():
                found[(key.unit, key.kind)] += number
        return found

    def units_in(self, months: Iterable[tuple[int, int]]) -> set[str]:
        return {key.unit for month in months for key in self.counts_by_month.get(month, Counter())}

    def items_in(self, period: Period) -> list[CountedItem]:
        found = [item for month in period.months for item in self.items_by_month.get(month, [])]
        return sorted(found, key=lambda item: (item.date, item.title))


def counted_item(article, timezone: ZoneInfo) -> CountedItem:
    """The report's view of a Pelican article (kind, unit and area as the content model derived them)."""
    date = article.date if article.date.tzinfo else article.date.replace(tzinfo=timezone)
    category = getattr(article, "category", None)
    return CountedItem(
        title=str(article.title),
        url=article.url,
        date=date.astimezone(timezone),
        kind=getattr(article, "kind", "tin"),
        unit_slug=getattr(article, "unit_slug", None) or UNKNOWN_UNIT,
        unit_name=str(article.metadata.get("unit", "")),
        area_code=getattr(article, "area_code", "") or "",
        area_name=str(category) if category is not None else "",
    )


def tally_articles(articles: Iterable, timezone: str, now: datetime) -> Tally:
    """Count ``articles`` (Pelican's published list) dated up to ``now``."""
    zone = ZoneInfo(timezone)
    tally = Tally(now=now.astimezone(zone))
    for article in articles:
        item = counted_item(article, zone)
        if item.date <= tally.now:
            tally.add(item)
    return tally
