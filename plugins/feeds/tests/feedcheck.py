"""The W3C feed validator's rules we rely on, checked on a written feed file."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
NS = {"atom": ATOM, "content": CONTENT, "dc": DC, "itunes": ITUNES}
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} \+0700$"
)
ISO_VIETNAM = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$")
URL_IN_HTML = re.compile(r'\b(?:href|src)="([^"]*)"')


def parsed(path: Path):
    """feedparser's reading of the file; a bozo flag means a reader would complain."""
    result = feedparser.parse(path.read_bytes())
    assert not result.bozo, f"{path}: {result.get('bozo_exception')}"
    return result


def tree(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def is_absolute(url: str, base: str) -> bool:
    return url.startswith(base + "/") or url == base


def html_urls(html: str) -> list[str]:
    return [url for url in URL_IN_HTML.findall(html) if not url.startswith(("mailto:", "tel:"))]


def check_rss(path: Path, self_url: str, base: str) -> etree._Element:
    """RSS 2.0 rules: one self link, RFC 822 dates, absolute URLs, unique permanent guids."""
    root = tree(path)
    channel = root.find("channel")
    selves = channel.findall("atom:link[@rel='self']", NS)
    assert [link.get("href") for link in selves] == [self_url], path
    assert channel.findtext("language") == "vi"
    assert is_absolute(channel.findtext("link"), base)
    assert is_absolute(channel.findtext("image/url"), base) and channel.findtext("image/url").endswith(".png")
    assert int(channel.findtext("image/width")) <= 144
    dates = [channel.findtext("lastBuildDate")] + [item.findtext("pubDate") for item in channel.iter("item")]
    assert all(RFC822.match(date) for date in dates), [d for d in dates if not RFC822.match(d)]
    guids = [item.find("guid") for item in channel.iter("item")]
    assert all(guid is not None and guid.get("isPermaLink") == "true" for guid in guids)
    assert len({guid.text for guid in guids}) == len(guids), f"{path}: guids repeat"
    for item in channel.iter("item"):
        assert is_absolute(item.findtext("link"), base) and item.findtext("guid") == item.findtext("link")
        for category in item.findall("category"):
            assert is_absolute(category.get("domain"), base)
        for enclosure in item.findall("enclosure"):
            assert is_absolute(enclosure.get("url"), base) and enclosure.get("length").isdigit()
        for html in (item.findtext("description") or "", item.findtext("content:encoded", namespaces=NS) or ""):
            relative = [url for url in html_urls(html) if not url.startswith(("http://", "https://"))]
            assert not relative, f"{path}: relative URLs in an item: {relative}"
    newest = max(parsedate_to_datetime(d) for d in dates[1:])
    assert parsedate_to_datetime(dates[0]) >= newest
    return root


def check_atom(path: Path, self_url: str, base: str) -> etree._Element:
    """Atom rules: one self link, ids unique, dates with the +07:00 offset, an author for every entry."""
    root = tree(path)
    selves = root.findall("atom:link[@rel='self']", NS)
    assert [link.get("href") for link in selves] == [self_url], path
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert root.find("atom:author/atom:name", NS) is not None
    entries = root.findall("atom:entry", NS)
    ids = [entry.findtext("atom:id", namespaces=NS) for entry in entries]
    assert len(set(ids)) == len(ids) and all(is_absolute(i, base) for i in ids)
    stamps = [root.findtext("atom:updated", namespaces=NS)]
    for entry in entries:
        stamps += [entry.findtext("atom:updated", namespaces=NS), entry.findtext("atom:published", namespaces=NS)]
        assert entry.find("atom:author/atom:name", NS) is not None
        assert entry.find("atom:link[@rel='alternate']", NS) is not None
    assert all(ISO_VIETNAM.match(stamp) for stamp in stamps), stamps
    assert datetime.fromisoformat(stamps[0]) == max(datetime.fromisoformat(s) for s in stamps[1::2])
    return root
