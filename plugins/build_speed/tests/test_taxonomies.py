"""Listings filed into MemberLists answer ``in`` as plain lists do, and the article generator uses them."""

from __future__ import annotations

import functools
import pickle
import random
from collections import defaultdict
from datetime import datetime, timedelta
from operator import attrgetter
from types import SimpleNamespace

from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from plugins.build_speed.taxonomies import MemberList, index_taxonomies, linear_period_archives


def articles(count: int) -> list[Article]:
    return [object.__new__(Article) for _ in range(count)]


def test_membership_matches_a_plain_list_through_every_change():
    pool = articles(40)
    generator = random.Random(3)
    plain: list = []
    indexed = MemberList()
    changes = [
        lambda target: target.append(generator.choice(pool)),
        lambda target: target.extend(generator.sample(pool, 3)),
        lambda target: target.insert(0, generator.choice(pool)),
        lambda target: target.pop() if target else None,
        lambda target: target.remove(target[0]) if target else None,
        lambda target: target.__setitem__(0, generator.choice(pool)) if target else None,
        lambda target: target.__delitem__(slice(0, 2)),
        lambda target: target.clear() if len(target) > 30 else None,
    ]
    for _ in range(400):
        state = generator.getstate()
        change = generator.randrange(len(changes))
        changes[change](plain)
        generator.setstate(state)
        generator.randrange(len(changes))
        changes[change](indexed)
        assert list(indexed) == plain
        assert [element in indexed for element in pool] == [element in plain for element in pool]


def test_values_that_compare_by_value_are_searched():
    listing = MemberList(["a", 1, (2, 3)])
    assert "a" in listing and 1.0 in listing and (2, 3) in listing and "b" not in listing


def test_in_place_operators_keep_membership_right():
    first, second = articles(2)
    listing = MemberList([first])
    assert second not in listing
    listing += [second]
    assert second in listing
    listing *= 0
    assert first not in listing


def test_the_generator_files_its_articles_into_member_lists():
    first, second = articles(2)
    generator = SimpleNamespace(categories=defaultdict(list), tags=defaultdict(list, {"x": [first]}), authors={})
    index_taxonomies(generator)
    generator.tags["y"].append(second)
    assert isinstance(generator.tags["x"], MemberList) and isinstance(generator.tags["y"], MemberList)
    assert first in generator.tags["x"] and second not in generator.tags["x"] and second in generator.tags["y"]
    assert isinstance(generator.categories["z"], MemberList)


class Dated:
    def __init__(self, moment: datetime) -> None:
        self.date = moment


ARCHIVE_SETTINGS = {
    "YEAR_ARCHIVE_SAVE_AS": "luu-tru/{date:%Y}/index.html", "YEAR_ARCHIVE_URL": "luu-tru/{date:%Y}/",
    "MONTH_ARCHIVE_SAVE_AS": "luu-tru/{date:%Y}/{date:%m}/index.html", "MONTH_ARCHIVE_URL": "luu-tru/{date:%Y}/{date:%m}/",
    "DAY_ARCHIVE_SAVE_AS": "luu-tru/{date:%Y}/{date:%m}/{date:%d}/index.html", "DAY_ARCHIVE_URL": "",
}


def test_period_archives_are_pelicans():
    generator = random.Random(11)
    items = [Dated(datetime(2020, 1, 1) + timedelta(hours=generator.randrange(3 * 365 * 24))) for _ in range(300)]
    listed = sorted(items, key=lambda item: item.date.day)  # Pelican's own order of articles differs from the dates'
    dates = sorted(items, key=attrgetter("date"), reverse=True)
    pelicans = ArticlesGenerator._build_period_archives(None, dates, listed, ARCHIVE_SETTINGS)
    ours = linear_period_archives(functools.partial(ArticlesGenerator._build_period_archives, None), dates, listed, ARCHIVE_SETTINGS)
    assert set(pelicans) == set(ours) == {"year", "month", "day"}
    for granularity, periods in pelicans.items():
        assert len(periods) == len(ours[granularity]) > 1
        for expected, got in zip(periods, ours[granularity], strict=True):
            assert got == expected  # the same dict: dates, articles (in Pelican's order), addresses, period names


def test_the_generator_builds_its_archives_in_one_pass():
    generator = SimpleNamespace(categories={}, tags={}, authors={}, _build_period_archives=lambda dates, articles, settings: {"year": []})
    index_taxonomies(generator)
    assert isinstance(generator._build_period_archives, functools.partial)
    index_taxonomies(generator)  # a second call does not wrap it twice
    assert generator._build_period_archives.func is linear_period_archives
    assert not isinstance(generator._build_period_archives.args[0], functools.partial)


def test_a_copy_through_pickle_or_a_second_init_indexes_again():
    first, second = object(), object()
    listing = MemberList([first])
    assert first in listing
    copied = pickle.loads(pickle.dumps(MemberList(["a", "b"])))
    assert isinstance(copied, MemberList) and "a" in copied and list(copied) == ["a", "b"]
    restored = pickle.loads(pickle.dumps(listing))
    assert restored[0] in restored
    listing.__init__([second])
    assert second in listing and first not in listing
