"""The site's procedures as lists: grouped by field, and filtered by level or online-service level.

Everything is computed once per build in one pass over the procedures (a
dict per grouping), and sorted with the Vietnamese collation of
``plugins.vntext``: «Đất đai» comes after «Chứng thực», not after «Xây dựng».
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from plugins.vntext.text import vn_slugify, vn_sort_key

from .fields import LEVELS, ONLINE_SERVICES
from .model import Procedure


@dataclass
class FieldGroup:
    """The procedures of one field (lĩnh vực), in alphabetical order, and its booklet's address."""

    name: str
    slug: str
    url: str
    procedures: list[Procedure] = field(default_factory=list)

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def count(self) -> int:
        return len(self.procedures)


@dataclass(frozen=True)
class Filter:
    """A pre-built filter page: all procedures of one level or one online-service level."""

    kind: str  # "level" or "online"
    slug: str
    label: str
    description: str
    url: str
    count: int
    legacy: bool = False

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"


@dataclass
class Catalogue:
    """Every published procedure, its field groups and its filter pages."""

    index_url: str
    procedures: list[Procedure]
    fields: list[FieldGroup]
    level_filters: list[Filter]
    online_filters: list[Filter]
    members: dict[str, list[Procedure]]

    @property
    def filters(self) -> list[Filter]:
        return self.level_filters + self.online_filters

    @property
    def count(self) -> int:
        return len(self.procedures)

    def field_groups_of(self, procedures: Iterable[Procedure]) -> list[FieldGroup]:
        """``procedures`` grouped like the index (same order), for a filter page."""
        wanted = {id(procedure) for procedure in procedures}
        groups = []
        for group in self.fields:
            kept = [procedure for procedure in group.procedures if id(procedure) in wanted]
            if kept:
                groups.append(FieldGroup(group.name, group.slug, group.url, kept))
        return groups


def build_catalogue(procedures: Iterable[Procedure], index_url: str = "thu-tuc/") -> Catalogue:
    """Group and filter ``procedures`` in one pass."""
    ordered = sorted(procedures, key=lambda procedure: vn_sort_key(procedure.title))
    by_field: dict[str, list[Procedure]] = defaultdict(list)
    members: dict[str, list[Procedure]] = defaultdict(list)
    for procedure in ordered:
        by_field[procedure.field_name].append(procedure)
        for level in procedure.levels:
            members[level.slug].append(procedure)
        members[procedure.online.slug].append(procedure)
    fields = [
        FieldGroup(name, vn_slugify(name), f"{index_url}linh-vuc/{vn_slugify(name)}/", by_field[name])
        for name in sorted(by_field, key=vn_sort_key)
    ]
    level_filters = [
        Filter("level", level.slug, level.label, _level_description(level.label, level.legacy), f"{index_url}{level.slug}/", len(members[level.slug]), level.legacy)
        for level in sorted(LEVELS.values(), key=lambda level: level.order)
        if members[level.slug] or not level.legacy
    ]
    online_filters = [
        Filter("online", service.slug, service.label, service.description, f"{index_url}{service.slug}/", len(members[service.slug]))
        for service in sorted(ONLINE_SERVICES.values(), key=lambda service: service.order)
        if members[service.slug] or service.slug != "chua-truc-tuyen"
    ]
    return Catalogue(index_url, ordered, fields, level_filters, online_filters, dict(members))


def _level_description(label: str, legacy: bool) -> str:
    if legacy:
        return f"Thủ tục còn ghi «{label.lower()}» theo quyết định công bố cũ (cấp huyện đã kết thúc hoạt động từ ngày 01/7/2025)."
    return f"Thủ tục hành chính do {label.lower()} thực hiện."


RESERVED_SLUGS = frozenset({"linh-vuc", "du-lieu", *LEVELS, *ONLINE_SERVICES})
