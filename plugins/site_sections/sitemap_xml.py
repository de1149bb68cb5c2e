"""``sitemap.xml`` (sitemaps.org protocol 0.9) and ``robots.txt`` for search engines.

The sitemap lists every HTML page the build wrote through Pelican's writer
(whichever plugin wrote it), recorded as it is written: first pages of
listings, not their «trang-2…» continuations, and not the 404 page. Items and
pages carry their date as ``lastmod``. One entry per written page, no pass
over all items per page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from plugins.vntext.text import in_site_timezone

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    """One address of the site (relative to SITEURL) and when its content last changed."""

    url: str
    lastmod: datetime | date | None = None


def absolute_url(site_url: str, relative: str) -> str:
    """``https://x.gov.vn/cchc`` + ``tin/a/`` → ``https://x.gov.vn/cchc/tin/a/``."""
    if relative.startswith(("http://", "https://")):
        return relative
    return f"{site_url.rstrip('/')}/{relative.lstrip('/')}"


def lastmod_text(moment: datetime | date, timezone: str) -> str:
    local = in_site_timezone(moment, timezone)
    return local.isoformat() if isinstance(local, datetime) else local.isoformat()


def written_page_entry(context: dict) -> SitemapEntry | None:
    """The sitemap entry of a page Pelican just wrote with ``context``, or None if it does not belong there."""
    name = context.get("output_file") or ""
    if not name.endswith(".html") or name == context.get("NOT_FOUND_SAVE_AS"):
        return None
    listing_page = context.get("articles_page")
    if listing_page is not None and getattr(listing_page, "number", 1) > 1:
        return None
    content = context.get("article") or context.get("page")
    lastmod = (getattr(content, "modified", None) or getattr(content, "date", None)) if content is not None else None
    return SitemapEntry(name.removesuffix("index.html"), lastmod)


def unique_entries(entries: Iterable[SitemapEntry]) -> list[SitemapEntry]:
    """Each address once, keeping the first entry (the one with a date, when items come first)."""
    seen: dict[str, SitemapEntry] = {}
    for entry in entries:
        seen.setdefault(entry.url, entry)
    return list(seen.values())


def sitemap_xml(entries: Iterable[SitemapEntry], site_url: str, timezone: str) -> str:
    """The XML text of the sitemap."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NAMESPACE}">']
    for entry in sorted(unique_entries(entries), key=lambda entry: entry.url):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute_url(site_url, entry.url))}</loc>")
        if entry.lastmod is not None:
            lines.append(f"    <lastmod>{lastmod_text(entry.lastmod, timezone)}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str, sitemap_name: str = "sitemap.xml") -> str:
    """Allow everything; name the sitemap when the site has an absolute address (robots.txt requires one)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url.startswith(("http://", "https://")):
        lines += ["", f"Sitemap: {absolute_url(site_url, sitemap_name)}"]
    return "\n".join(lines) + "\n"
