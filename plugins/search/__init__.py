"""Search that works in Vietnamese typed with or without diacritics.

At build time the ``SearchGenerator`` indexes every published item (news,
stories, criticism, procedures) and page in one pass and writes a small
static index under ``tim-kiem/chi-muc/`` (see :mod:`.index`) and the search
page ``tim-kiem/`` (template ``search/tim-kiem.html``). In the browser,
``theme/static/search/tim-kiem.js`` loads the index only on that page and
only the parts a query needs.

Vietnamese (see :mod:`.text`): every word is indexed under its folded key
(no diacritics, đ→d) and its exact key (diacritics kept, tone placement
normalised: hoà = hòa), so "dat dai" finds "đất đai", a query with
diacritics ranks exact matches first ("đường" above "dương"), and codes
such as 1.001612 stay one word.

The header of every page carries a search box (``search/header.html``, a
plain GET form to the search page); ``search/head.html`` links its stylesheet.

Settings (defaults in :data:`DEFAULT_SETTINGS`): ``SEARCH_ENABLED``,
``SEARCH_URL``, ``SEARCH_SAVE_AS``, ``SEARCH_INDEX_PATH``, ``SEARCH_KINDS``,
``SEARCH_FIELD_WEIGHTS``, ``SEARCH_CHUNK_BYTES``, ``SEARCH_CACHE`` (see :mod:`.cache`).
"""

from __future__ import annotations

from pelican import signals

from plugins.site_sections import add_site_section

from .documents import DEFAULT_FIELD_WEIGHTS
from .generator import SearchGenerator

DEFAULT_SETTINGS = {
    "SEARCH_ENABLED": True,
    "SEARCH_URL": "tim-kiem/",
    "SEARCH_SAVE_AS": "tim-kiem/index.html",
    "SEARCH_INDEX_PATH": "tim-kiem/chi-muc",
    "SEARCH_KINDS": ["tin", "dien-hinh", "phe-binh", "thu-tuc", "trang"],
    "SEARCH_FIELD_WEIGHTS": DEFAULT_FIELD_WEIGHTS,
    # About 6 KB gzipped: a query of three words loads three or four chunks.
    "SEARCH_CHUNK_BYTES": 20_000,
    # Keep each item's search document under CACHE_PATH, so a rebuild reads only the items that changed.
    "SEARCH_CACHE": True,
}


def configure(pelican) -> None:
    settings = pelican.settings
    for key, value in DEFAULT_SETTINGS.items():
        settings.setdefault(key, value)
    if settings["SEARCH_ENABLED"]:
        add_site_section(settings, settings["SEARCH_URL"], "Tìm kiếm",
                         "Tìm tin, bài, thủ tục và trang theo từ khóa, gõ có dấu hay không dấu đều được.", order=40)


def add_generator(pelican):
    return SearchGenerator


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
