"""Pelican's listings (categories, tags, authors, and the year and month archives) in linear time.

For every category, tag and author page, Pelican keeps the dated articles
that are in that listing: ``[article for article in self.dates if article in
articles]``. With plain lists that is every article times the listing's
length, for every listing: about half a second of the build's own (serial)
process at 2,000 items, and 25 times that at 10,000. Filled into
:class:`MemberList` s instead, the same expression gives the same lists in
one pass. The period archives do the same with each period's articles
(``[a for a in articles if a in dates]``); :func:`linear_period_archives`
lets Pelican build them without it and fills them in one pass.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable


class MemberList(list):
    """A list that also knows its elements by identity, for a constant-time ``in``.

    Identity answers ``in`` exactly for elements that compare by identity
    (Pelican's content objects define no ``__eq__``); for any other value the
    list is searched as usual. A change to the list makes it index again.
    """

    _members: set[int] | None = None

    def __init__(self, *elements) -> None:
        super().__init__(*elements)
        self._members = None

    def __reduce__(self):
        # Pickled as a plain list of its elements: the ids of this process mean nothing in another.
        return (type(self), (list(self),))

    def __contains__(self, value: object) -> bool:
        if type(value).__eq__ is not object.__eq__:
            return super().__contains__(value)
        if self._members is None:
            self._members = {id(element) for element in self}
        return id(value) in self._members

    def _changed(self) -> None:
        self._members = None

    def append(self, value: object) -> None:
        super().append(value)
        if self._members is not None:
            self._members.add(id(value))

    def extend(self, values) -> None:
        super().extend(values)
        self._changed()

    def insert(self, index, value) -> None:
        super().insert(index, value)
        self._changed()

    def remove(self, value) -> None:
        super().remove(value)
        self._changed()

    def pop(self, index=-1):
        self._changed()
        return super().pop(index)

    def clear(self) -> None:
        super().clear()
        self._changed()

    def __setitem__(self, index, value) -> None:
        super().__setitem__(index, value)
        self._changed()

    def __delitem__(self, index) -> None:
        super().__delitem__(index)
        self._changed()

    def __iadd__(self, values):
        self._changed()
        return super().__iadd__(values)

    def __imul__(self, count):
        self._changed()
        return super().__imul__(count)


def index_taxonomies(generator: object) -> None:
    """Make the article generator file its articles into :class:`MemberList` s (before it fills its listings),
    and build its period archives with :func:`linear_period_archives`."""
    for name in ("categories", "tags", "authors"):
        listings = getattr(generator, name, None)
        if isinstance(listings, dict):
            indexed: defaultdict = defaultdict(MemberList)
            indexed.update((key, MemberList(articles)) for key, articles in listings.items())
            setattr(generator, name, indexed)
    build = getattr(generator, "_build_period_archives", None)
    if callable(build) and not isinstance(build, functools.partial):
        generator._build_period_archives = functools.partial(linear_period_archives, build)


def linear_period_archives(build: Callable, sorted_articles: list, articles: list, settings: dict) -> dict:
    """Pelican's period archives (``build`` is its method), each period's ``articles`` filled in one pass.

    Pelican is given no articles to filter, so it makes everything else of
    each archive (dates, addresses, period names); then every article goes,
    in the order of ``articles``, into the archive of each granularity whose
    dates hold it, which is what Pelican's filter keeps.
    """
    archives = build(sorted_articles, [], settings)
    for periods in archives.values():
        listing_of: dict[int, list] = {}
        for archive in periods:
            archive["articles"] = []
            listing_of.update((id(dated), archive["articles"]) for dated in archive["dates"])
        for article in articles:
            listing = listing_of.get(id(article))
            if listing is not None:
                listing.append(article)
    return archives
