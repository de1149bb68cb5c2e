"""Listings filed into MemberLists answer ``in`` as plain lists do, and the article generator uses them."""

from __future__ import annotations

import random
from collections import defaultdict
from types import SimpleNamespace

from pelican.contents import Article

from plugins.build_speed.taxonomies import MemberList, index_taxonomies


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
