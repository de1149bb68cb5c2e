"""The feeds' order: newest first, ties by address, as one sort by both gives it."""

import random
from datetime import datetime, timedelta
from operator import attrgetter

from plugins.feeds.catalog import newest_first


class Item:
    """An item whose address, like Pelican's, is worked out on each access (and counted)."""

    asked = 0

    def __init__(self, date: datetime, slug: str, number: int):
        self.date, self.slug, self.number = date, slug, number

    @property
    def url(self) -> str:
        Item.asked += 1
        return f"tin/{self.slug}/"


def test_newest_first_is_the_sort_by_date_then_address_and_asks_addresses_of_ties_only():
    chance = random.Random(7)
    start = datetime(2025, 7, 1, 8, 0)
    items = [Item(start + timedelta(days=chance.randint(0, 40)), chance.choice("abcd"), number) for number in range(200)]
    expected = [item.number for item in sorted(items, key=lambda item: (item.date, item.url), reverse=True)]
    Item.asked = 0
    assert [item.number for item in newest_first(items, attrgetter("date"))] == expected
    tied = sum(1 for item in items if sum(other.date == item.date for other in items) > 1)
    assert Item.asked == tied
    alone = [Item(start + timedelta(days=number), "a", number) for number in range(10)]
    Item.asked = 0
    assert [item.number for item in newest_first(alone, attrgetter("date"))] == list(range(9, -1, -1))
    assert Item.asked == 0
