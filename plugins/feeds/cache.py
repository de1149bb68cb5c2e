"""Feed files kept between builds under ``CACHE_PATH``, named by the hash of everything they are made from.

A feed's bytes depend only on its channel (title, description, addresses,
date), the build's :class:`~.render.FeedSite`, its :class:`~.render.Entry`
values, this plugin's code and the feedgen and lxml versions. The hash of all
that is the feed file's key in ``feeds.pickle``; a rebuild makes again only
the feeds whose key is new (feedgen builds and prints an XML tree for every
entry of every feed, the most of a feed's cost). The cache keeps the last
build's feeds only, and a damaged cache is an empty one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import fields
from importlib.metadata import version
from pathlib import Path

from plugins.build_speed.fingerprint import digest, folder_code_digest

from .catalog import Feed
from .render import Entry, FeedSite

CACHE_FILE = "feeds.pickle"
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


class FeedCache:
    """The feed files of the last build, by key; :meth:`save` keeps those of this build."""

    def __init__(self, cache_folder: str | None, site: FeedSite) -> None:
        self.path = Path(cache_folder) / CACHE_FILE if cache_folder else None
        self.stored = self._load()
        self.used: dict[str, bytes] = {}
        self.made = 0
        site_values = [getattr(site, name.name) for name in fields(site) if not name.name.startswith("_")]
        self.context = hashlib.sha256(repr((site_values, code_digest())).encode("utf-8", "surrogatepass"))
        self.entry_digests: dict[int, bytes] = {}

    def feed_bytes(self, form: str, feed: Feed, site: FeedSite, render: Callable[[Feed, FeedSite], bytes]) -> bytes:
        """The feed written as ``form`` ("rss", "atom", "podcast") by ``render``, or its bytes from the last build."""
        key = self.key(form, feed, site)
        data = self.stored.get(key)
        if data is None:
            data = render(feed, site)
            self.made += 1
        self.used[key] = data
        return data

    def key(self, form: str, feed: Feed, site: FeedSite) -> str:
        hasher = self.context.copy()
        channel = (form, feed.title, feed.description, feed.page_url, feed.rss_url, feed.atom_url, feed.updated)
        _feed_value(hasher, repr(channel))
        for item in feed.items:
            if id(item) not in self.entry_digests:
                self.entry_digests[id(item)] = entry_digest(site.entry(item))
            hasher.update(self.entry_digests[id(item)])
        return hasher.hexdigest()

    def save(self) -> None:
        """Keep this build's feeds, if any was made or dropped."""
        if self.path is None or (not self.made and self.used.keys() == self.stored.keys()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".feeds-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(self.used, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temporary, 0o644)
        os.replace(temporary, self.path)

    def _load(self) -> dict[str, bytes]:
        if self.path is None:
            return {}
        try:
            stored = pickle.loads(self.path.read_bytes())
        except Exception:  # missing, cut short or from other code: start again
            return {}
        return stored if isinstance(stored, dict) else {}
