"""Groupings for listing pages: by kind, by unit (Vietnamese order), the archive calendar (site timezone)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from plugins.site_sections.listings import archive_calendar, items_by_kind, related_by_area, unit_listings


def item(kind="tin", unit_slug=None, date=datetime(2026, 1, 1, tzinfo=UTC)):
    return SimpleNamespace(kind=kind, unit_slug=unit_slug, date=date)


def test_items_by_kind_keeps_order():
    items = [item("tin"), item("phe-binh"), item("tin")]
    grouped = items_by_kind(items)
    assert grouped["tin"] == [items[0], items[2]] and grouped["phe-binh"] == [items[1]]


def test_units_in_vietnamese_order_with_their_items():
    units = {"x": "Xã đội", "d": "Đoàn thanh niên", "v": "Văn phòng", "a": "Ấp Tân Thành"}
    items = [item(unit_slug="d"), item(unit_slug="x"), item(unit_slug="unknown")]
    listings = unit_listings(units, items, "don-vi/{slug}/", "don-vi/{slug}/index.html")
    assert [u.name for u in listings] == ["Ấp Tân Thành", "Đoàn thanh niên", "Văn phòng", "Xã đội"]
    assert [len(u.items) for u in listings] == [0, 1, 0, 1]
    assert listings[1].url == "don-vi/d/"


def test_archive_calendar_counts_months_in_the_site_timezone():
    items = [
        item(date=datetime(2025, 12, 31, 18, 0, tzinfo=UTC)),  # 01:00 on 1 January in Việt Nam
        item(date=datetime(2025, 12, 31, 16, 0, tzinfo=UTC)),  # 23:00 on 31 December
        item(date=datetime(2025, 11, 5, 2, 0, tzinfo=UTC)),
    ]
    calendar = archive_calendar(items, "luu-tru/{date:%Y}/", "luu-tru/{date:%Y}/{date:%m}/", "Asia/Ho_Chi_Minh")
    assert [(y.year, y.count) for y in calendar] == [(2026, 1), (2025, 2)]
    assert [(m.month, m.count, m.url) for m in calendar[1].months] == [(12, 1, "luu-tru/2025/12/"), (11, 1, "luu-tru/2025/11/")]


def test_related_items_are_the_area_neighbours_in_time_never_the_item_itself():
    items = [SimpleNamespace(source_path=f"{n}.md") for n in range(6)]  # newest first
    related = related_by_area([("Cải cách thể chế", items)])
    assert [i.source_path for i in related["0.md"]] == ["1.md", "2.md", "3.md"]
    assert [i.source_path for i in related["3.md"]] == ["4.md", "2.md", "5.md"]
    assert [i.source_path for i in related["5.md"]] == ["4.md", "3.md", "2.md"]
    assert all(items[n] not in related[f"{n}.md"] for n in range(6))
