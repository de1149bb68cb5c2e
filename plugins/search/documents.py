"""Pelican items and pages as search documents, read from what the content model gave every item."""

from __future__ import annotations

from collections.abc import Mapping

from plugins.vntext.text import nfc

from .index import SearchDocument
from .text import plain_text

# Header fields searched besides title and text, with their weight (title 10, text 1).
DEFAULT_FIELD_WEIGHTS = {
    "code": 10,
    "keywords": 4,
    "field": 3,
    "honoree": 4,
    "criticized": 4,
    "honoreeunit": 2,
    "achievement": 2,
    "shortcoming": 2,
    "remedy": 1,
    "agency": 1,
    "subjects": 1,
    "result": 1,
    "duration": 1,
    "fees": 1,
    "address": 1,
    "decision": 1,
    "authority": 1,
    "coordinating": 1,
    "delegated": 1,
}
SUMMARY_WEIGHT = 3
TAG_WEIGHT = 3
AREA_WEIGHT = 1
UNIT_WEIGHT = 1
PAGE_KIND_LABEL = "Trang"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(part) for part in value)
    return nfc(str(value)).strip()


def searched_metadata(field_weights: Mapping[str, int]) -> tuple[str, ...]:
    """The header fields :func:`document_of` reads besides title, date, area and tags."""
    return ("unit", "code", *field_weights)


def document_of(content, field_weights: Mapping[str, int]) -> SearchDocument:
    """The search document of an item or a page (``content.kind`` is "trang" for pages)."""
    metadata = content.metadata
    summary = plain_text(_text(getattr(content, "summary", "")))
    category = getattr(content, "category", None) if getattr(content, "area_code", None) else None
    fields = [(summary, SUMMARY_WEIGHT), (_text(getattr(content, "tags", None)), TAG_WEIGHT),
              (_text(category), AREA_WEIGHT), (_text(metadata.get("unit")), UNIT_WEIGHT)]
    fields += [(_text(metadata.get(key)), weight) for key, weight in field_weights.items() if metadata.get(key)]
    return SearchDocument(
        url=content.url,
        title=_text(content.title),
        kind=getattr(content, "kind", "trang"),
        kind_label=getattr(content, "kind_label", PAGE_KIND_LABEL),
        area=getattr(content, "area_code", None) or "",
        area_label=_text(category),
        date=getattr(content, "date", None),
        summary=summary,
        text=plain_text(content.content),
        fields=tuple((text, weight) for text, weight in fields if text),
        code=_text(metadata.get("code")),
    )

