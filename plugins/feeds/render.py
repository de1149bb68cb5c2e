"""A :class:`~.catalog.Feed` written as RSS 2.0, Atom or a podcast (RSS with iTunes tags) by feedgen.

Everything in a feed is absolute (links, guids, images, and the links and
images inside each item's HTML), dates carry the site's offset (+07:00), and
nothing depends on the clock: the channel's date is its newest item's, so a
rebuild without content changes writes the same bytes.
"""

from __future__ import annotations

import mimetypes
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree
from markupsafe import Markup

from plugins.vntext.text import in_site_timezone

from .catalog import Feed, last_change

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
ATOM_NS = "http://www.w3.org/2005/Atom"
# Both match from the "=" of the attribute, the name tested behind it: the regex engine skips quickly
# to the next "=", where a pattern that begins with a word boundary is tried at every character.
_URL_ATTRIBUTE = re.compile(r'=(?:(?<=\bhref=)|(?<=\bsrc=)|(?<=\bposter=))"(?P<value>[^"]*)"')
_SRCSET = re.compile(r'=(?<=\bsrcset=)"(?P<value>[^"]*)"')
_KEPT_SCHEMES = ("http:", "https:", "mailto:", "tel:", "data:")
_STATIC_PREFIXES = ("{static}", "{attach}", "{filename}")


@dataclass
class FeedSite:
    """What every feed of a build shares: the absolute address, the owner, the settings.

    It also keeps each item's :class:`Entry`, made once however many feeds carry the item.
    """

    base_url: str
    name: str
    owner_name: str
    owner_email: str
    content_path: str
    timezone: str
    full_content: bool = True
    image: str = "feeds/quoc-huy-144.png"
    podcast_image: str = "feeds/quoc-huy-1400.png"
    _entries: dict = field(default_factory=dict)

    def absolute(self, url: str) -> str:
        """The absolute form of a URL relative to the site (``tin/a/``, ``/tin/a/``) or already absolute."""
        if urlsplit(url).scheme:
            return url
        return f"{self.base_url}/{url.lstrip('/')}"

    def item_html(self, item, attribute: str) -> str:
        """``item.summary`` or ``item.content`` with every URL absolute."""
        html = str(getattr(item, attribute, "") or "")
        return absolute_html(html, self.absolute(item.url), self.base_url)

    def entry(self, item) -> Entry:
        """The :class:`Entry` of ``item``, made once per build."""
        if id(item) not in self._entries:
            self._entries[id(item)] = (item, entry_of(item, self))  # the item is kept so its id stays its own
        return self._entries[id(item)][1]


@dataclass(frozen=True)
class Entry:
    """Everything a feed shows of one item, in plain values: a feed is made from its entries only.

    So the hash of a feed's entries (with its channel and the code) names its
    bytes, and an unchanged feed is not made again (:mod:`.cache`).
    """

    url: str
    title: str
    published: datetime
    updated: datetime
    unit: str | None
    categories: tuple[tuple[str, str, str], ...]
    summary: str
    content: str | None
    image: tuple[str, str, str] | None
    audio: tuple[str, str, str, str] | None


def entry_of(item, site: FeedSite) -> Entry:
    """What the feeds show of ``item``: absolute addresses, dates in the site's timezone, plain title."""
    audio = getattr(item, "audio_file", None)
    return Entry(
        url=site.absolute(item.url),
        title=plain_title(item),
        published=plain_datetime(in_site_timezone(item.date, site.timezone)),
        updated=plain_datetime(in_site_timezone(last_change(item), site.timezone)),
        unit=getattr(item, "unit", None) or None,
        categories=_categories(item, site),
        summary=site.item_html(item, "summary"),
        content=site.item_html(item, "content") if site.full_content else None,
        image=image_enclosure(item, site),
        audio=(site.absolute(audio.url), str(audio.length), audio.mime_type, audio.duration) if audio else None,
    )


def plain_datetime(moment: datetime) -> datetime:
    """``moment`` as a plain ``datetime``: Pelican's ``SafeDatetime`` formats each field of an RSS date on its own.

    Its ``strftime`` splits the format, sets the locale and formats every
    directive apart, for the same text: feedgen formats every entry's dates and each feed's.
    """
    if type(moment) is datetime:
        return moment
    return datetime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, moment.microsecond,
        moment.tzinfo, fold=moment.fold,
    )


def absolute_html(html: str, page_url: str, base_url: str) -> str:
    """``html`` with its ``href``/``src``/``srcset`` made absolute (feed readers have no base URL)."""

    def absolute(value: str) -> str:
        if not value or value.startswith(_KEPT_SCHEMES) or urlsplit(value).scheme:
            return value
        if value.startswith("/") and not value.startswith("//"):
            return base_url + value
        return urljoin(page_url, value)

    def attribute(match: re.Match) -> str:
        return f'="{absolute(match["value"])}"'

    def srcset(match: re.Match) -> str:
        candidates = [part.strip().split(" ", 1) for part in match["value"].split(",") if part.strip()]
        rewritten = ", ".join(" ".join([absolute(c[0]), *c[1:]]) for c in candidates)
        return f'="{rewritten}"'

    return _SRCSET.sub(srcset, _URL_ATTRIBUTE.sub(attribute, html))


def image_enclosure(item, site: FeedSite) -> tuple[str, str, str] | None:
    """``(url, length, type)`` of an item's ``image``, if it has one."""
    image = getattr(item, "image", None)
    if not image:
        return None
    url = str(getattr(image, "url", image)).strip()
    length = getattr(image, "length", None)
    relative = url
    for prefix in _STATIC_PREFIXES:
        relative = relative.removeprefix(prefix)
    relative = relative.lstrip("/")
    source = os.path.join(site.content_path, relative)
    if length is None:
        length = os.path.getsize(source) if not urlsplit(url).scheme and os.path.isfile(source) else 0
    mime_type = getattr(image, "mime_type", None) or mimetypes.guess_type(relative)[0] or "image/jpeg"
    return site.absolute(relative), str(length), mime_type


def plain_title(item) -> str:
    return Markup(str(item.title)).striptags()


def _channel(feed: Feed, site: FeedSite, self_url: str, self_type: str) -> FeedGenerator:
    generator = FeedGenerator()
    page = site.absolute(feed.page_url)
    generator.id(self_url)
    generator.title(feed.title)
    generator.description(feed.description)
    # feedgen takes the last link as RSS's <link>: the page must come after self.
    generator.link(href=self_url, rel="self", type=self_type)
    generator.link(href=page, rel="alternate", type="text/html")
    generator.language("vi")
    generator.author(name=site.owner_name, email=site.owner_email)
    generator.image(url=site.absolute(site.image), title=feed.title, link=page, width="144", height="144")
    generator.icon(site.absolute(site.image))
    generator.updated(plain_datetime(in_site_timezone(feed.updated, site.timezone)))
    return generator


def _categories(item, site: FeedSite) -> tuple[tuple[str, str, str], ...]:
    """``(term, label, scheme)`` of the item's category and tags."""
    category = getattr(item, "category", None)
    named = ([category] if category is not None else []) + list(getattr(item, "tags", None) or [])
    return tuple((taxonomy.slug, str(taxonomy), site.absolute(taxonomy.url)) for taxonomy in named)


def _entry(generator: FeedGenerator, data: Entry, with_content: bool):
    entry = generator.add_entry(order="append")
    entry.guid(data.url, permalink=True)
    entry.title(data.title)
    entry.link(href=data.url, rel="alternate", type="text/html")
    entry.published(data.published)
    entry.updated(data.updated)
    if data.unit:
        entry.author(name=data.unit)
        entry.dc.dc_creator(data.unit)
    if data.categories:
        entry.category([{"term": term, "label": label, "scheme": scheme} for term, label, scheme in data.categories])
    entry.summary(data.summary, type="html")
    if with_content and data.content is not None:
        entry.content(data.content, type="html")
    return entry


def _with_items(generator: FeedGenerator, entries: list[Entry], with_enclosures: bool) -> FeedGenerator:
    generator.load_extension("dc", atom=False, rss=True)
    for data in entries:
        entry = _entry(generator, data, with_content=True)
        if with_enclosures and data.image:
            entry.enclosure(*data.image)
    return generator


def rss_bytes(feed: Feed, site: FeedSite) -> bytes:
    """The feed as RSS 2.0."""
    generator = _channel(feed, site, site.absolute(feed.rss_url), RSS_TYPE)
    return _with_items(generator, feed_entries(feed, site), with_enclosures=True).rss_str(pretty=True)


def feed_entries(feed: Feed, site: FeedSite) -> list[Entry]:
    return [site.entry(item) for item in feed.items]


def _restore_entry_links(root: etree._Element, entries: list[Entry]) -> None:
    """Put back what feedgen 1.0.0 drops from an Atom entry's links: ``rel`` and ``type``.

    Without them an image enclosure would read as a second "alternate" link,
    which RFC 4287 forbids; so enclosures are added here, not by feedgen.
    ``root`` is feedgen's own tree, whose elements have no namespace (the
    Atom namespace is an ``xmlns`` attribute of the root): the new links have none either.
    """
    for entry, data in zip(root.iterfind("entry"), entries, strict=True):
        page = entry.find("link")
        page.set("rel", "alternate")
        page.set("type", "text/html")
        if data.image:
            url, length, mime_type = data.image
            page.addnext(etree.Element("link", href=url, rel="enclosure", type=mime_type, length=length))


def atom_bytes(feed: Feed, site: FeedSite) -> bytes:
    """The feed as Atom 1.0."""
    generator = _channel(feed, site, site.absolute(feed.atom_url), ATOM_TYPE)
    entries = feed_entries(feed, site)
    # The tree atom_str would print (feedgen==1.0.0 is pinned), instead of printing it and parsing it back: the same bytes.
    root, _ = _with_items(generator, entries, with_enclosures=False)._create_atom()
    _restore_entry_links(root, entries)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def podcast_bytes(feed: Feed, site: FeedSite) -> bytes:
    """The recordings as a podcast: RSS 2.0 with iTunes tags and the MP3 as each item's enclosure."""
    generator = _channel(feed, site, site.absolute(feed.rss_url), RSS_TYPE)
    generator.load_extension("podcast")
    generator.load_extension("dc", atom=False, rss=True)
    generator.podcast.itunes_author(site.owner_name)
    generator.podcast.itunes_owner(name=site.owner_name, email=site.owner_email)
    generator.podcast.itunes_image(site.absolute(site.podcast_image))
    generator.podcast.itunes_category("Government")
    generator.podcast.itunes_explicit("no")
    generator.podcast.itunes_summary(feed.description)
    generator.podcast.itunes_type("episodic")
    for data in feed_entries(feed, site):
        url, length, mime_type, duration = data.audio
        entry = _entry(generator, data, with_content=False)
        entry.enclosure(url, length, mime_type)
        entry.podcast.itunes_duration(duration)
        entry.podcast.itunes_explicit("no")
        entry.podcast.itunes_summary(Markup(data.summary).striptags())
    return generator.rss_str(pretty=True)
