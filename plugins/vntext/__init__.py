"""Vietnamese text for templates: slugs, official dates, folding, collation.

Registers Jinja filters, all computed in the site's ``TIMEZONE`` whatever
the machine's TZ:

- ``vn_date`` → 05/02/2021; ``vn_datetime`` → 05/02/2021 08:30
- ``vn_official_date`` → ngày 05 tháng 02 năm 2021
- ``vn_iso`` → 2021-02-05T08:30:00+07:00
- ``vn_fold`` → "duong hoa" for "Đường Hòa"; ``vn_slug`` → "dat-dai"
- ``vn_sort`` → a list sorted in Vietnamese alphabetical order
  (optionally by ``attribute``)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from operator import attrgetter, itemgetter
from typing import Any

from pelican import signals

from .text import (
    SITE_TIMEZONE,
    fold,
    iso_datetime,
    month_name,
    official_date,
    short_date,
    short_datetime,
    vn_slugify,
    vn_sort_key,
)

__all__ = [
    "fold",
    "official_date",
    "short_date",
    "short_datetime",
    "vn_slugify",
    "vn_sort_key",
    "register",
]


def sorted_vietnamese(items: Iterable[Any], attribute: str | int | None = None) -> list:
    """Return ``items`` in Vietnamese alphabetical order, by ``attribute`` if given."""
    if attribute is None:
        return sorted(items, key=lambda item: vn_sort_key(str(item)))
    getter = itemgetter(attribute) if isinstance(attribute, int) else attrgetter(attribute)
    return sorted(items, key=lambda item: vn_sort_key(str(getter(item))))


def jinja_filters(timezone: str) -> dict:
    """The Jinja filters of this plugin, bound to the site's timezone."""
    return {
        "vn_date": partial(short_date, timezone=timezone),
        "vn_datetime": partial(short_datetime, timezone=timezone),
        "vn_official_date": partial(official_date, timezone=timezone),
        "vn_iso": partial(iso_datetime, timezone=timezone),
        "vn_month": month_name,
        "vn_fold": fold,
        "vn_slug": vn_slugify,
        "vn_sort": sorted_vietnamese,
    }


def toc_slug(value: str, separator: str = "-") -> str:
    """Heading anchors for Markdown's toc extension: "Thành phần hồ sơ" → "thanh-phan-ho-so"."""
    return vn_slugify(value).replace("-", separator)


def configure(pelican) -> None:
    settings = pelican.settings
    timezone = settings.get("TIMEZONE") or SITE_TIMEZONE
    settings.setdefault("JINJA_FILTERS", {}).update(jinja_filters(timezone))
    extension_configs = settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {})
    extension_configs.setdefault("markdown.extensions.toc", {})["slugify"] = toc_slug


def register() -> None:
    signals.initialized.connect(configure)
