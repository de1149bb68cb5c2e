"""Valid feeds and sitemap: what feed readers and search engines fetch without a person looking.

Every RSS or Atom file of the release is read with feedparser, as a feed
reader would: it must parse cleanly, and each entry needs a title, a date, an
id (unique in its feed) and a link to a page of this release under the public
address; an enclosure (the radio podcast) must exist with the length it
declares. ``sitemap.xml`` must be well-formed and list only existing pages.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
from lxml import etree

from plugins.site_checks import Internal, SiteAddress, SiteFiles

FEED_SUFFIXES = (".xml", ".rss", ".atom")
FEED_VERSIONS = {"rss20": "RSS 2.0", "atom10": "Atom 1.0"}
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
PROBLEMS_SHOWN_PER_FILE = 10


def _kind_of(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"<urlset" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head:
        return "feed"
    return None


class ReleaseAddresses:
    """Absolute addresses of the public site, checked against the files of the release."""

    def __init__(self, site: Path, siteurl: str):
        self.siteurl = siteurl.rstrip("/")
        self.address = SiteAddress.from_siteurl(siteurl)
        self.files = SiteFiles(site, self.address)

    def problem_with(self, url: str) -> str | None:
        """Why ``url`` is not a page or file of this release (``None`` if it is)."""
        if not url:
            return "thiếu địa chỉ"
        if not (url == self.siteurl or url.startswith(self.siteurl + "/")):
            return f"«{url}» không nằm dưới địa chỉ của trang {self.siteurl}"
        target = self.address.resolve(url, "index.html")
        if not isinstance(target, Internal) or self.files.existing(target.path) is None:
            return f"«{url}» không dẫn tới trang hay tệp nào của bản xuất bản"
        return None

    def size_of(self, url: str) -> int | None:
        target = self.address.resolve(url, "index.html")
        found = self.files.existing(target.path) if isinstance(target, Internal) else None
        return (self.files.output / found).stat().st_size if found else None


def _entry_problems(entry, addresses: ReleaseAddresses) -> list[str]:
    name = entry.get("title") or entry.get("id") or "?"
    problems = []
    if not entry.get("title"):
        problems.append("một mục không có tiêu đề")
    if not (entry.get("published_parsed") or entry.get("updated_parsed")):
        problems.append(f"mục «{name}» không có ngày đăng đọc được")
    if reason := addresses.problem_with(entry.get("link", "")):
        problems.append(f"liên kết của mục «{name}»: {reason}")
    for enclosure in entry.get("enclosures", []):
        href = enclosure.get("href", "")
        if reason := addresses.problem_with(href):
            problems.append(f"tệp đính kèm của mục «{name}»: {reason}")
        elif enclosure.get("length") and str(addresses.size_of(href)) != str(enclosure.get("length")):
            problems.append(
                f"tệp đính kèm «{href}» của mục «{name}» khai báo dài {enclosure.get('length')} byte "
                f"nhưng tệp thật dài {addresses.size_of(href)} byte"
            )
    return problems


def feed_problems_of(path: Path, addresses: ReleaseAddresses) -> list[str]:
    """What a feed reader would stumble on in one feed file."""
    parsed = feedparser.parse(path.read_bytes())
    if parsed.get("bozo"):
        return [f"không đọc được như một nguồn tin: {parsed.get('bozo_exception')}"]
    problems = []
    if parsed.get("version") not in FEED_VERSIONS:
        problems.append(f"không phải RSS 2.0 hay Atom 1.0 (feedparser nhận ra: «{parsed.get('version') or 'không rõ'}»)")
    if not parsed.feed.get("title"):
        problems.append("nguồn tin không có tiêu đề")
    seen_ids: set[str] = set()
    for entry in parsed.entries:
        problems += _entry_problems(entry, addresses)
        entry_id = entry.get("id")
        if not entry_id:
            problems.append(f"mục «{entry.get('title', '?')}» không có mã (guid/id)")
        elif entry_id in seen_ids:
            problems.append(f"mã «{entry_id}» dùng cho hai mục")
        seen_ids.add(entry_id or "")
    return problems


def sitemap_problems_of(path: Path, addresses: ReleaseAddresses) -> list[str]:
    """Addresses in ``sitemap.xml`` that are not pages of the release."""
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as error:
        return [f"không phải XML hợp lệ: {error}"]
    locations = root.findall(f"{{{SITEMAP_NAMESPACE}}}url/{{{SITEMAP_NAMESPACE}}}loc")
    if not locations:
        return [f"không có địa chỉ <loc> nào theo chuẩn {SITEMAP_NAMESPACE}"]
    problems = []
    for location in locations:
        if reason := addresses.problem_with((location.text or "").strip()):
            problems.append(reason)
    return problems


def feed_problems(site: Path, siteurl: str, require_feeds: bool = True) -> list[str]:
    """Every problem of the feeds and sitemap of ``site``, as ``file: what`` lines in Vietnamese."""
    addresses = ReleaseAddresses(site, siteurl)
    problems = []
    feeds = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name.endswith(FEED_SUFFIXES)):
        kind = _kind_of(path)
        if kind is None:
            continue
        relative = path.relative_to(site).as_posix()
        found = feed_problems_of(path, addresses) if kind == "feed" else sitemap_problems_of(path, addresses)
        feeds += kind == "feed"
        if len(found) > PROBLEMS_SHOWN_PER_FILE:
            found = found[:PROBLEMS_SHOWN_PER_FILE] + [f"và {len(found) - PROBLEMS_SHOWN_PER_FILE} lỗi khác"]
        problems += [f"{relative}: {problem}" for problem in found]
    if require_feeds and not feeds:
        problems.append("bản xuất bản không có nguồn tin RSS hay Atom nào (kiểm tra plugin feeds trong PLUGINS).")
    return problems
