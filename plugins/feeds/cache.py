"""Feed files kept between builds under ``CACHE_PATH``, named by the hash of everything they are made from.

A feed's bytes depend only on its channel (title, description, addresses,
date), the build's :class:`~.render.FeedSite`, its :class:`~.render.Entry`
values, this plugin's code and the feedgen and lxml versions. The hash of all
that is the feed's key. A rebuild

- leaves alone a feed file the last build wrote for the same key and nobody
  touched since (build_speed's :class:`~plugins.build_speed.stores.KeptFiles`,
  recorded in ``feeds-written.pickle``);
- copies a feed whose key is in the cache (``feeds/<key>.xml``, one file per
  key, so an edit writes a few files and reads none of the others);
- makes the others (feedgen builds and prints an XML tree for every entry of
  every feed, the most of a feed's cost) in a forked process beside the build,
  collected by :meth:`FeedCache.finish` before the output is swept.

The cache keeps the feeds of the last build that made one; a file it cannot
read is a feed to make again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from importlib.metadata import version
from pathlib import Path

from plugins.build_speed.fingerprint import digest, folder_code_digest
from plugins.build_speed.output import write_if_changed
from plugins.build_speed.pool import ForkedCall
from plugins.build_speed.stores import KeptFiles, KeyedFiles

from .catalog import Feed
from .render import Entry, FeedSite

CACHE_FOLDER = "feeds"
WRITTEN_FILE = "feeds-written.pickle"
_ENTRY_FIELDS = tuple(field.name for field in fields(Entry))


def code_digest() -> str:
    """This plugin's Python files and the versions of the libraries that print the XML."""
    return digest(f"feedgen {version('feedgen')} lxml {version('lxml')}", folder_code_digest(Path(__file__).parent))


def _feed_value(hasher, value: object) -> None:
    # Long texts go in as they are, after their length: hashing their repr would escape them first.
    marker, text = (b"s", value) if isinstance(value, str) else (b"r", repr(value))
    data = text.encode("utf-8", "surrogatepass")
    hasher.update(marker + b"%d:" % len(data) + data)


def entry_digest(entry: Entry) -> bytes:
    hasher = hashlib.sha256()
    for name in _ENTRY_FIELDS:
        _feed_value(hasher, getattr(entry, name))
    return hasher.digest()


@dataclass
class _ToMake:
    path: str
    key: str
    feed: Feed
    render: Callable[[Feed, FeedSite], bytes]


class FeedCache:
    """The build's feed files: :meth:`write` each one, then :meth:`finish` once (``finalized``)."""

    def __init__(self, cache_folder: str | None, site: FeedSite) -> None:
        self.stored = KeyedFiles(Path(cache_folder) / CACHE_FOLDER if cache_folder else None, ".xml")
        self.site = site
        self.kept = KeptFiles(cache_folder, WRITTEN_FILE)
        self.keys: set[str] = set()
        self.to_make: list[_ToMake] = []
        self.making: ForkedCall | None = None
        site_values = [getattr(site, name.name) for name in fields(site) if not name.name.startswith("_")]
        self.context = hashlib.sha256(repr((site_values, code_digest())).encode("utf-8", "surrogatepass"))
        self.entry_digests: dict[int, bytes] = {}

    @property
    def made(self) -> int:
        return len(self.to_make)

    def write(self, path: str, form: str, feed: Feed, render: Callable[[Feed, FeedSite], bytes]) -> None:
        """Put the feed written as ``form`` ("rss", "atom", "podcast") by ``render`` at ``path`` (absolute):
        left as it is, copied from the cache, or made by :meth:`start` (and collected by :meth:`finish`)."""
        key = self.key(form, feed, self.site)
        self.keys.add(key)
        if self.kept.current(path, key):
            return
        data = self.stored.get(key)
        if data is None:
            self.to_make.append(_ToMake(path, key, feed, render))
            return
        write_if_changed(path, data)
        self.kept.made(path, key)

    def start(self, forked: bool, niceness: int = 0) -> None:
        """Make the feeds not in the cache: in a forked process beside the build when ``forked``, else now."""
        if not self.to_make:
            return
        if forked:
            self.making = ForkedCall(self._make_all, niceness)
        else:
            self._make_all()

    def finish(self) -> None:
        """Every feed written, the record of the files kept, and the cache following the site."""
        making, self.making = self.making, None
        if making is not None:
            making.result()
        for made in self.to_make:
            self.kept.made(made.path, made.key)
        self.kept.save()
        if self.to_make:
            self.stored.keep_only(self.keys)

    def cancel(self) -> None:
        if self.making is not None:
            self.making.abandon()
            self.making = None

    def _make_all(self) -> int:
        for made in self.to_make:
            data = made.render(made.feed, self.site)
            write_if_changed(made.path, data)
            self.stored.put(made.key, data)
        return len(self.to_make)

    def key(self, form: str, feed: Feed, site: FeedSite) -> str:
        hasher = self.context.copy()
        channel = (form, feed.title, feed.description, feed.page_url, feed.rss_url, feed.atom_url, feed.updated)
        _feed_value(hasher, repr(channel))
        for item in feed.items:
            if id(item) not in self.entry_digests:
                self.entry_digests[id(item)] = entry_digest(site.entry(item))
            hasher.update(self.entry_digests[id(item)])
        return hasher.hexdigest()
