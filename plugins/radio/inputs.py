"""What a radio script is made of: the item's parts (:class:`ScriptItem`) and the way it is said (:class:`Voice`).

Kept apart from the code that writes scripts (:mod:`.script`, :mod:`.speech`,
whose patterns take a twentieth of a second to compile and which load lxml):
a rebuild whose scripts are all current needs only these to know it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from .numbers import DEFAULT_STYLE, NumberStyle

if TYPE_CHECKING:
    from .speech import Speaker

DEFAULT_ABBREVIATIONS = {
    "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "CCCD": "căn cước công dân",
    "DVCTT": "dịch vụ công trực tuyến",
    "CNTT": "công nghệ thông tin",
    "CĐS": "chuyển đổi số",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "CBCC": "cán bộ, công chức",
    "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế",
    "QSDĐ": "quyền sử dụng đất",
    "NĐ-CP": "Nghị định của Chính phủ",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "v.v.": "vân vân",
}

# The issuer at the end of a document number: 30/2020/NĐ-CP → "của Chính phủ".
DEFAULT_ISSUERS = {
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "QH": "Quốc hội",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "VPCP": "Văn phòng Chính phủ",
}


@dataclass(frozen=True)
class ScriptItem:
    """What a script needs to know about an item; built from a Pelican article.

    ``title`` is Pelican's title, which may hold markup (``&amp;``, ``<em>``):
    it is made plain only when the script is written, so building an item for
    the cache's key costs nothing.
    """

    title: str
    kind_label: str
    unit: str
    date: datetime
    html: str
    summary: str | None = None


@dataclass(frozen=True)
class Voice:
    """How the scripts are said (the ``RADIO_*`` settings): what a :class:`~.speech.Speaker` is made of."""

    abbreviations: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ABBREVIATIONS))
    issuers: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ISSUERS))
    style: NumberStyle = DEFAULT_STYLE

    def settings_text(self) -> str:
        """The voice as text for a cache key (the same in every process)."""
        return repr((sorted(self.abbreviations.items()), sorted(self.issuers.items()), self.style))

    def speaker(self) -> Speaker:
        """A :class:`~.speech.Speaker` for this voice (its patterns compiled now)."""
        from .speech import Speaker

        return Speaker(self.abbreviations, self.style, self.issuers)
