"""The Atom feed is printed from feedgen's own tree (a private method of the pinned feedgen): it must print as atom_str does."""

from __future__ import annotations

from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from lxml import etree


def sample_feed() -> FeedGenerator:
    feed = FeedGenerator()
    feed.id("https://xa.gov.vn/")
    feed.title("Cải cách hành chính & chuyển đổi số")
    feed.link(href="https://xa.gov.vn/", rel="alternate")
    feed.updated(datetime(2025, 12, 1, 8, 0, tzinfo=UTC))
    for number in range(3):
        entry = feed.add_entry(order="append")
        entry.id(f"https://xa.gov.vn/tin/{number}/")
        entry.title(f"Tin số {number}: «một cửa» ]]> & <liên thông>")
        entry.link(href=f"https://xa.gov.vn/tin/{number}/")
        entry.updated(datetime(2025, 11, number + 1, 8, 0, tzinfo=UTC))
        entry.summary("Tóm tắt\u2028có ký tự lạ\r\n", type="html")
    return feed


def test_feedgens_tree_is_the_feed_atom_str_prints():
    feed = sample_feed()
    root, _ = feed._create_atom()
    printed = etree.fromstring(feed.atom_str(pretty=False))
    assert etree.tostring(root, method="c14n") == etree.tostring(printed, method="c14n")
    assert len(root.findall("entry")) == 3
