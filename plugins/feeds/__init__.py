"""RSS 2.0 and Atom feeds written with feedgen, the podcast of the commune radio, and the "Theo dõi qua RSS" page.

Pelican's own feeds are switched off in ``pelicanconf.py``; this plugin writes:

- ``feeds/tat-ca.rss.xml`` / ``.atom.xml``: every item;
- ``feeds/loai/<kind>``, ``feeds/linh-vuc/<area_code>``, ``feeds/don-vi/<unit_slug>``
  (``.rss.xml`` / ``.atom.xml``): one feed per kind, reform area and unit;
- ``feeds/podcast.rss.xml``: items with a recording (``audio_file``, set by
  ``plugins.radio``), with feedgen's podcast extension;
- ``theo-doi-rss/index.html``: a page for people listing every feed
  (template ``feeds/theo-doi-rss.html``).

Templates find the feeds in the context: ``FEEDS_INDEX`` (every feed, in
listing order), ``FEEDS_BY_KEY`` (``"all"``, ``"kind:tin"``,
``"area:the-che"``, ``"unit:van-phong"``, ``"podcast"``), ``FEEDS_BY_PAGE``
(the feed of a listing page, by the page's address: ``tin/``, ``don-vi/van-phong/``),
``FEEDS_BASE_URL`` and ``FEEDS_PAGE_URL``. The feeds page is added to the
sitemap through the ``SITEMAP_SECTIONS`` setting.

Feeds need absolute addresses: they use ``SITEURL`` when it is absolute
(``publishconf.py``), else ``FEED_SITEURL`` (``pelicanconf.py``, for
development). ``FEED_FULL_CONTENT`` (default True) puts each item's full text
in the feeds, besides its summary; ``FEED_MAX_ITEMS`` limits each feed.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import ArticlesGenerator

from plugins.build_speed.output import before_sweep, write_if_changed
from plugins.build_speed.pool import worker_count
from plugins.content_model import before_report

from .cache import FeedCache
from .catalog import PODCAST, Feed, build_catalog, feeds_by_key, feeds_by_page
from .render import FeedSite, atom_bytes, podcast_bytes, rss_bytes

__all__ = ["Feed", "feed_base_url", "register"]

ASSETS = os.path.join(os.path.dirname(__file__), "assets")
DEFAULTS = {
    "FEED_FULL_CONTENT": True,
    "FEED_IMAGE": "feeds/quoc-huy-144.png",
    "FEED_PODCAST_IMAGE": "feeds/quoc-huy-1400.png",
    "FEEDS_PAGE_URL": "theo-doi-rss/",
    "FEEDS_PAGE_SAVE_AS": "theo-doi-rss/index.html",
}
SITEMAP_DESCRIPTION = "Nguồn tin RSS, Atom và bản tin phát thanh để nhận tin, bài mới."
BUNDLED_IMAGES = {
    "feeds/quoc-huy-144.png": "quoc-huy-144.png",
    "feeds/quoc-huy-1400.png": "quoc-huy-1400.png",
}


def feed_base_url(settings: dict) -> str | None:
    """The absolute address feeds use: ``SITEURL`` if absolute, else ``FEED_SITEURL``; None if neither is."""
    for candidate in (settings.get("SITEURL"), settings.get("FEED_SITEURL")):
        parts = urlsplit(candidate or "")
        if parts.scheme in ("http", "https") and parts.netloc:
            return candidate.rstrip("/")
    return None


def configure(pelican) -> None:
    discard_feeds()  # an earlier build of this process (the preview server) that stopped before finishing them
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    list_in_sitemap(settings)
    if feed_base_url(settings) is None:
        raise SystemExit(
            "LỖI CẤU HÌNH: nguồn tin RSS cần địa chỉ đầy đủ của trang (bắt đầu bằng https://). "
            f"SITEURL hiện là «{settings.get('SITEURL', '')}». Đặt SITEURL trong publishconf.py (hoặc tệp .env), "
            "hoặc FEED_SITEURL = \"http://127.0.0.1:8000\" trong pelicanconf.py khi chạy thử trên máy."
        )


def list_in_sitemap(settings: dict) -> None:
    """Add the feeds page to ``SITEMAP_SECTIONS``, which the sitemap page and sitemap.xml list."""
    sections = settings.setdefault("SITEMAP_SECTIONS", [])
    url = settings["FEEDS_PAGE_URL"]
    if not any((entry.get("url") if isinstance(entry, dict) else getattr(entry, "url", None)) == url for entry in sections):
        sections.append({"url": url, "title": "Theo dõi qua RSS", "description": SITEMAP_DESCRIPTION, "order": 60})


def feed_site(settings: dict) -> FeedSite:
    owner = settings.get("SITE_OWNER", {})
    return FeedSite(
        base_url=feed_base_url(settings) or "",
        name=settings.get("SITENAME", ""),
        owner_name=owner.get("name") or settings.get("SITENAME", ""),
        owner_email=owner.get("email", ""),
        content_path=settings["PATH"],
        timezone=settings["TIMEZONE"],
        full_content=bool(settings["FEED_FULL_CONTENT"]),
        image=settings["FEED_IMAGE"],
        podcast_image=settings["FEED_PODCAST_IMAGE"],
    )


def publish_catalog(generators) -> None:
    """Decide the feeds once every item is read, so every page can link to them."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    feeds = build_catalog(articles.articles, articles.settings)
    articles.context.update(
        FEEDS_INDEX=feeds,
        FEEDS_BY_KEY=feeds_by_key(feeds),
        FEEDS_BY_PAGE=feeds_by_page(feeds),
        FEEDS_BASE_URL=feed_base_url(articles.settings),
    )


class _Writing:
    """The feeds being made beside the build, until :func:`finish_feeds`."""

    cache: FeedCache | None = None


def write_feeds(generator, writer) -> None:
    discard_feeds()
    settings = generator.settings
    output = os.path.abspath(writer.output_path)
    # Feeds whose channel and entries are the last build's are left alone or copied; the others are made
    # by a forked process while the build goes on (cache.py), and collected before the output is swept.
    cache = FeedCache(settings.get("CACHE_PATH"), feed_site(settings))
    for feed in generator.context.get("FEEDS_INDEX", []):
        if feed.scope == PODCAST:
            cache.write(os.path.join(output, feed.rss_url), "podcast", feed, podcast_bytes)
            continue
        cache.write(os.path.join(output, feed.rss_url), "rss", feed, rss_bytes)
        cache.write(os.path.join(output, feed.atom_url), "atom", feed, atom_bytes)
    cache.start(forked=worker_count(settings.get("BUILD_SPEED_WORKERS")) > 1)
    _Writing.cache = cache
    before_sweep(collect_feeds)
    for target, source in BUNDLED_IMAGES.items():
        if target in (cache.site.image, cache.site.podcast_image):
            write_if_changed(os.path.join(writer.output_path, target), Path(ASSETS, source).read_bytes())
    write_feeds_page(generator, writer)


def write_feeds_page(generator, writer) -> None:
    """The page for people, "Theo dõi qua RSS", listing every feed."""
    settings = generator.settings
    writer.write_file(
        settings["FEEDS_PAGE_SAVE_AS"],
        generator.get_template("feeds/theo-doi-rss"),
        generator.context,
        relative_urls=settings.get("RELATIVE_URLS", False),
        url=settings["FEEDS_PAGE_URL"],
        feeds_page=True,
    )


def finish_feeds(pelican) -> None:
    """``finalized``: :func:`collect_feeds`, for a build without build_speed's sweep (which collects them first)."""
    collect_feeds()


def collect_feeds() -> None:
    """Every feed written and the record saved, before the output is swept and checked."""
    cache, _Writing.cache = _Writing.cache, None
    if cache is not None:
        cache.finish()


def discard_feeds() -> None:
    """Stop making the feeds of a build that ended without collecting them (the preview server's)."""
    cache, _Writing.cache = _Writing.cache, None
    if cache is not None:
        cache.cancel()


def register() -> None:
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(publish_catalog)
    signals.article_writer_finalized.connect(write_feeds)
    signals.finalized.connect(finish_feeds)
    before_report(discard_feeds)  # a failing build ends the process making its feeds before it reports
