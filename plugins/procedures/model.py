"""A procedure as templates and exports see it: header facts, sections and documents.

:func:`procedure_from` builds one from a Pelican article of kind ``thu-tuc``
and its source file (read once). HTML of the sections comes from the article's
own rendered content, split at its ``<h2>`` headings, so Pelican's link
resolution and the site's Markdown extensions apply unchanged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from markdown import Markdown

from plugins.content_model.header import parse_header
from plugins.vntext.text import fold, nfc, vn_slugify

from .body import SECTIONS, Document, DocumentGroup, ProcedureBody, parse_body
from .fields import (
    LEVELS,
    ONLINE_SERVICES,
    Level,
    OnlineService,
    ProcedureCode,
    parse_code,
    parse_levels,
    parse_online,
)
from .qr import QrCache

SHEET_PATH = "niem-yet/"
_H2 = re.compile(r"<h2\b[^>]*>(?P<title>.*?)</h2>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_MARKDOWN_SYNTAX = re.compile(r"[\[\]*_`<>&\\]")
_inline_markdown = Markdown(output_format="html")


def source_lines(source_path: str) -> list[str]:
    """The file's lines as the content model reads them: UTF-8, no BOM, NFC."""
    text = Path(source_path).read_text(encoding="utf-8").removeprefix("\ufeff")
    return [line.rstrip("\r") for line in nfc(text).split("\n")]


def inline_html(text: str) -> str:
    """HTML of a short Markdown text (a document's name or form), without a wrapping paragraph."""
    if not _MARKDOWN_SYNTAX.search(text):
        return html.escape(text, quote=False)
    _inline_markdown.reset()
    # A «<» in a document's name is text, not the start of an HTML tag.
    rendered = _inline_markdown.convert(text.replace("<", "&lt;")).strip()
    return rendered.removeprefix("<p>").removesuffix("</p>")


def split_rendered_sections(content_html: str) -> tuple[str, list[tuple[str, str]]]:
    """The HTML before the first ``<h2>`` and each ``(heading text, HTML below it)``."""
    matches = list(_H2.finditer(content_html))
    if not matches:
        return content_html, []
    intro = content_html[: matches[0].start()]
    sections = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(content_html)
        title = html.unescape(_TAG.sub("", match.group("title"))).strip()
        sections.append((title, content_html[match.end() : end].strip()))
    return intro.strip(), sections


def metadata_text(metadata: dict, key: str) -> str:
    """A header value as one line of text (continuation lines joined)."""
    value = metadata.get(key, "")
    if isinstance(value, (list, tuple)):
        value = " ".join(str(part) for part in value)
    return " ".join(str(value).split())


@dataclass
class RenderedSections:
    """The article's HTML by fixed section key (and ``intro``), and the editor's other sections in order."""

    fixed: dict[str, str]
    extras: list[tuple[str, str]] = field(default_factory=list)


class ParsedSource(NamedTuple):
    """A procedure file's body and the line of its ``Code:`` field (see :func:`parsed_source`)."""

    body: ProcedureBody
    code_line: int | None


@dataclass
class Procedure:
    """One administrative procedure of the site."""

    article: object
    code: ProcedureCode
    field_name: str
    levels: tuple[Level, ...]
    online: OnlineService
    facts: dict[str, str]
    body: ProcedureBody
    portal_url: str
    qr_base_url: str = ""
    index_url: str = "thu-tuc/"
    code_line: int | None = None
    qr_cache: QrCache | None = field(default=None, repr=False)
    _sections_html: RenderedSections | None = field(default=None, repr=False)

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def slug(self) -> str:
        return self.article.slug

    @property
    def url(self) -> str:
        return self.article.url

    @property
    def sheet_url(self) -> str:
        return f"{self.url.rstrip('/')}/{SHEET_PATH}" if self.url else SHEET_PATH

    @property
    def sheet_save_as(self) -> str:
        return f"{self.sheet_url}index.html"

    @property
    def field_slug(self) -> str:
        return vn_slugify(self.field_name)

    @property
    def field_url(self) -> str:
        """The address of the field's booklet (all procedures of the field)."""
        return f"{self.index_url}linh-vuc/{self.field_slug}/"

    @property
    def updated(self) -> datetime:
        """The date it was last updated: ``Modified`` if given, else ``Date``."""
        return getattr(self.article, "modified", None) or self.article.date

    @property
    def public_url(self) -> str:
        """The address the QR code and the open data point to (absolute when the site's address is)."""
        return f"{self.qr_base_url.rstrip('/')}/{self.url}" if self.qr_base_url else f"/{self.url}"

    @property
    def public_sheet_url(self) -> str:
        return f"{self.public_url.rstrip('/')}/{SHEET_PATH}"

    @property
    def legacy_level(self) -> bool:
        return any(level.legacy for level in self.levels)

    @property
    def level_label(self) -> str:
        return ", ".join(level.label for level in self.levels)

    @property
    def is_online(self) -> bool:
        return self.online.slug != "chua-truc-tuyen"

    @property
    def summary_text(self) -> str:
        summary = self.article.metadata.get("summary", "")
        return html.unescape(_TAG.sub("", str(summary))).strip()

    def fact(self, key: str) -> str:
        return self.facts.get(key, "")

    @property
    def search_text(self) -> str:
        """Folded words a reader may type: name, code, field, keywords."""
        return fold(" ".join([self.title, self.code.full, self.field_name, self.fact("keywords")]))

    def _rendered(self) -> RenderedSections:
        if self._sections_html is None:
            intro, sections = split_rendered_sections(self.article.content)
            rendered = RenderedSections({"intro": intro})
            for title, section_html in sections:
                spec = next((spec for spec in SECTIONS if spec.matches(title)), None)
                if spec and spec.key not in rendered.fixed:
                    rendered.fixed[spec.key] = section_html
                else:
                    rendered.extras.append((title, section_html))
            self._sections_html = rendered
        return self._sections_html

    def section_html(self, key: str) -> str:
        return self._rendered().fixed.get(key, "")

    @property
    def intro_html(self) -> str:
        return self.section_html("intro")

    @property
    def extra_sections(self) -> list[tuple[str, str]]:
        """Sections the editor added beyond the fixed ones (``## Lưu ý`` …), as (title, HTML)."""
        return self._rendered().extras

    @property
    def document_groups(self) -> list[DocumentGroup]:
        return self.body.document_groups

    @property
    def documents(self) -> list[Document]:
        return self.body.documents

    def document_html(self, document: Document) -> dict[str, str]:
        return document_html(document)

    def section_text(self, key: str) -> str:
        section = self.body.section(key)
        return section.text if section else ""

    @cached_property
    def qr_svg(self) -> str:
        cache = self.qr_cache if self.qr_cache is not None else QrCache(None)
        return cache.svg(self.public_url, f"Mã QR dẫn tới trang thủ tục {self.title}")


def document_html(document: Document) -> dict[str, str]:
    """HTML of a document's parts, for templates."""
    return {
        "name": inline_html(document.name),
        "form": inline_html(document.form) if document.form else "",
        "copies": inline_html(document.copies),
        "note": inline_html(document.note) if document.note else "",
    }


def portal_url(template: str, code: ProcedureCode, title: str, own_url: str = "") -> str:
    """The online-service address: the procedure's own ``Portal`` or the site's template with its code."""
    if own_url:
        return own_url
    return (
        template.replace("{code}", quote(code.base))
        .replace("{full_code}", quote(code.full))
        .replace("{name}", quote(title))
    )


FACT_KEYS = (
    "agency",
    "subjects",
    "duration",
    "fees",
    "result",
    "address",
    "decision",
    "type",
    "authority",
    "delegated",
    "coordinating",
    "keywords",
)


def parsed_source(lines: list[str]) -> ParsedSource:
    """What a procedure's file says beyond its header values: the body's sections and the code field's line.

    It depends only on the lines, so it is made while the file is read
    (a content-model reading step) and cached with the read.
    """
    return ParsedSource(parse_body(lines), parse_header(lines).line_of("code"))


def procedure_from(article, settings: dict, lines: list[str] | None = None, parsed: ParsedSource | None = None) -> Procedure:
    """The procedure of ``article`` (kind ``thu-tuc``): from ``parsed`` when the read gave it, else from its source file."""
    metadata = article.metadata
    code = parse_code(metadata_text(metadata, "code")) or ProcedureCode(metadata_text(metadata, "code"), "")
    levels, _ = parse_levels(metadata_text(metadata, "level"))
    online = parse_online(metadata_text(metadata, "online")) or ONLINE_SERVICES["chua-truc-tuyen"]
    facts = {key: metadata_text(metadata, key) for key in FACT_KEYS}
    if parsed is None:
        parsed = parsed_source(lines if lines is not None else source_lines(article.source_path))
    return Procedure(
        article=article,
        code=code,
        field_name=metadata_text(metadata, "field"),
        levels=levels or (LEVELS["cap-xa"],),
        online=online,
        facts=facts,
        body=parsed.body,
        portal_url=portal_url(settings["PROCEDURE_PORTAL_URL"], code, article.title, metadata_text(metadata, "portal")),
        qr_base_url=qr_base_url(settings),
        index_url=settings.get("PROCEDURES_URL", "thu-tuc/"),
        code_line=parsed.code_line,
    )


def qr_base_url(settings: dict) -> str:
    """The site's public address for QR codes: ``PROCEDURE_PUBLIC_SITEURL``, else ``SITEURL`` if absolute."""
    explicit = settings.get("PROCEDURE_PUBLIC_SITEURL") or ""
    if explicit:
        return explicit
    siteurl = settings.get("SITEURL") or ""
    return siteurl if siteurl.startswith(("http://", "https://")) else ""

