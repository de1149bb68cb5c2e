"""Feeds kept between builds: made again exactly when something they show changed."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from plugins.feeds.cache import CACHE_FOLDER, FeedCache
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


def build(folder, the_feed: Feed, render: Counting, forked: bool = False) -> bytes:
    """One build's feed file (in ``folder``/output, cached in ``folder``/cache), made now or by a forked process."""
    path = folder / "output" / "tat-ca.rss.xml"
    cache = FeedCache(str(folder / "cache"), site())
    cache.write(str(path), "rss", the_feed, render)
    cache.start(forked)
    cache.finish()
    return path.read_bytes()


def test_an_unchanged_feed_comes_from_the_cache_with_the_same_bytes(tmp_path):
    render = Counting()
    first = build(tmp_path, feed(item()), render)
    (tmp_path / "output" / "tat-ca.rss.xml").unlink()
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
    assert len(list((tmp_path / "cache" / CACHE_FOLDER).iterdir())) == 1, "the cache keeps the feeds of the last build"


def test_a_feed_made_by_a_forked_process_is_the_same_and_cached(tmp_path):
    render = Counting()
    assert build(tmp_path, feed(item()), render, forked=True) == rss_bytes(feed(item()), site())
    assert render.calls == 0, "made in the other process"
    (tmp_path / "output" / "tat-ca.rss.xml").unlink()
    assert build(tmp_path, feed(item()), render) == rss_bytes(feed(item()), site())
    assert render.calls == 0, "from the cache the forked process filled"


def test_a_damaged_cache_file_is_a_feed_to_make_again(tmp_path):
    render = Counting()
    build(tmp_path, feed(item()), render)
    (stored,) = (tmp_path / "cache" / CACHE_FOLDER).iterdir()
    stored.unlink()
    (stored / "khong-doc-duoc").mkdir(parents=True)  # where the feed was, something that cannot be read as one
    (tmp_path / "output" / "tat-ca.rss.xml").unlink()
    cache = FeedCache(str(tmp_path / "cache"), site())
    cache.write(str(tmp_path / "output" / "tat-ca.rss.xml"), "rss", feed(item()), render)
    assert cache.made == 1 and render.calls == 1, "not taken from the cache: made again"
