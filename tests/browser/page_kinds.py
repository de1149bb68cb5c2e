"""One page of every kind of the built sample site, for the browser tests.

Add a kind by adding a line: the value is a path under the site, where ``*``
picks the first matching folder (so the list survives changes to the sample).
"""

from __future__ import annotations

from pathlib import Path

PAGE_KINDS = {
    "home": "",
    "news listing": "tin/",
    "news item": "tin/*/",
    "story listing": "dien-hinh/",
    "story": "dien-hinh/*/",
    "criticism listing": "phe-binh/",
    "criticism": "phe-binh/*/",
    "page": "gioi-thieu/",
    "area index": "linh-vuc/",
    "area listing": "linh-vuc/*/",
    "archives": "luu-tru/",
    "archive year": "luu-tru/*/",
    "archive month": "luu-tru/*/*/",
    "tag index": "the/",
    "tag": "the/*/",
    "unit index": "don-vi/",
    "unit": "don-vi/*/",
    "sitemap": "so-do-trang/",
    "404": "404.html",
    "second page of a listing": "tin/trang-2/",
    # Other plugins' pages.
    "procedure index": "thu-tuc/",
    "procedure": "thu-tuc/cap-*/",
    "feeds page": "theo-doi-rss/",
    "search page": "tim-kiem/",
    "news item with a recording": "tin/xa-tan-hoa-dat-ty-le-92-ho-so-truc-tuyen-trong-quy-iii/",
}


def resolve(site_root: Path, pattern: str) -> str:
    """The URL path (relative to the site root) of the first folder matching ``pattern``."""
    if "*" not in pattern:
        return pattern
    matches = sorted(p for p in site_root.glob(pattern.rstrip("/")) if (p / "index.html").is_file()
                     and not p.name.startswith("trang-"))
    assert matches, f"the sample site has no page matching {pattern!r}"
    return matches[0].relative_to(site_root).as_posix() + "/"


def page_kind_urls(site_root: Path) -> dict[str, str]:
    return {kind: resolve(site_root, pattern) for kind, pattern in PAGE_KINDS.items()}
