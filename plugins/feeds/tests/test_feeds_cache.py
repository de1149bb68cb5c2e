"""Feeds kept between builds: made again exactly when something they show changed."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from plugins.feeds.cache import CACHE_FILE, FeedCache
from plugins.feeds.catalog import Feed
from plugins.feeds.render import FeedSite, rss_bytes

ZONE = "Asia/Ho_Chi_Minh"


def site() -> FeedSite:
    return FeedSite(
        base_url="https://xa.example.gov.vn", name="Xã Tân Hòa", owner_name="UBND xã Tân Hòa",
        owner_email="ubnd@example.gov.vn", content_path="/nowhere", timezone=ZONE,
    )


def item(summary: str = "<p>Tóm tắt</p>", url: str = "tin/a/") -> SimpleNamespace:
    return SimpleNamespace(
        url=url, title="Tin &amp; bài", date=datetime(2026, 2, 5, 8, 30, tzinfo=ZoneInfo(ZONE)),
        unit="Văn phòng", summary=summary, content='<p>Xem <a href="/tin/b/">tin</a></p>',
    )


def feed(*items) -> Feed:
    return Feed("all", "", "Tất cả", "Xã – Tất cả", "Mô tả", "feeds/tat-ca.rss.xml", "feeds/tat-ca.atom.xml", "", list(items))


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, feed: Feed, feed_site: FeedSite) -> bytes:
        self.calls += 1
        return rss_bytes(feed, feed_site)


def build(folder, the_feed: Feed, render: Counting) -> bytes:
    feed_site = site()
    cache = FeedCache(str(folder), feed_site)
    data = cache.feed_bytes("rss", the_feed, feed_site, render)
    cache.save()
    return data


def test_an_unchanged_feed_comes_from_the_cache_with_the_same_bytes(tmp_path):
    render = Counting()
    first = build(tmp_path, feed(item()), render)
    assert build(tmp_path, feed(item()), render) == first == rss_bytes(feed(item()), site())
    assert render.calls == 1


def test_a_changed_entry_or_channel_makes_the_feed_again(tmp_path):
    render = Counting()
    build(tmp_path, feed(item()), render)
    changed = build(tmp_path, feed(item(summary="<p>Tóm tắt mới</p>")), render)
    assert b"T\xc3\xb3m t\xe1\xba\xaft m\xe1\xbb\x9bi" in changed
    assert render.calls == 2
    other_channel = feed(item(summary="<p>Tóm tắt mới</p>"))
    other_channel.title = "Xã – Tin tức"
    assert b"Tin t\xe1\xbb\xa9c" in build(tmp_path, other_channel, render)
    assert render.calls == 3


def test_a_damaged_cache_is_an_empty_one(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(b"\x80\x04 not a pickle")
    render = Counting()
    assert build(tmp_path, feed(item()), render) == rss_bytes(feed(item()), site())
    assert render.calls == 1
