"""A Markdown reader that refuses, with a Vietnamese message, what Pelican would skip or misread.

It decodes strictly as UTF-8, normalises to NFC, validates the header for the
item's kind (taken from its folder) and hands Pelican canonical values. A file
with problems is reported and returned as ``status: skip``, so the build lists
every problem and then fails in :mod:`.checks`.

Reading is split in two so that it can be cached and run in other processes:
:meth:`StrictMarkdownReader.convert` depends only on the file, the settings
and the code (a :class:`ReadResult`); the build's clock then decides, on every
build, whether a future-dated item waits. A plugin that already has the
``ReadResult`` of a file (from a cache or a worker process) puts it in the
``CCHC_READ_RESULTS`` setting (absolute path → result); the reader takes it
from there instead of reading the file again.

Other plugins may parse more of a file while it is read
(:func:`~plugins.content_model.add_reading_step`, such as a procedure's
body): what a step returns is kept in the ``ReadResult``, so it is cached and
made in the worker processes with the rest, and waits in :data:`READ_EXTRAS`
until the plugin takes it for the item (:func:`take_read_extra`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from pelican.readers import MarkdownReader

from plugins.vntext.text import nfc

from .clock import build_now
from .header import Header, parse_header
from .problems import report
from .quick_inline import quicken_inline
from .schema import spelled
from .shortcuts import makes_plain_paragraphs, offset_datetime, plain_paragraph, with_slugs
from .validate import validate_header

SKIPPED = ("", {"status": "skip"})
READ_RESULTS = "CCHC_READ_RESULTS"
READ_STEPS = "CCHC_READ_STEPS"

# What a reading step makes of a file's lines (UTF-8, no BOM, NFC, every line ending as one).
ReadingStep = Callable[[list[str]], object]

# The reading steps' results of the files read so far and not yet taken: absolute path → step name → result.
READ_EXTRAS: dict[str, dict[str, object]] = {}


@dataclass
class ReadResult:
    """A file read and validated, before the build's clock is asked: what a cache may keep for it."""

    content: str
    metadata: dict
    date: str | None  # the canonical ISO date written back into the header, if the file has one
    extras: dict[str, object] = field(default_factory=dict)  # the reading steps' results, by step name


def kind_of(source_path: str, settings: dict) -> str | None:
    """The kind of item a source file is, from the first folder of its path under ``PATH``."""
    relative = os.path.relpath(source_path, settings["PATH"])
    folder = relative.replace(os.sep, "/").split("/", 1)[0]
    return settings["CCHC_KIND_FOLDERS"].get(folder)


def decoded_text(source_path: str) -> str | None:
    """The file's text as NFC, or None after reporting that it is not UTF-8."""
    raw = Path(source_path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report(
            source_path,
            "tệp không được lưu bằng bảng mã UTF-8 (gặp byte lạ ở dòng này). Mở tệp trong trình soạn thảo, chọn «Lưu với bảng mã UTF-8» (Save with encoding UTF-8) rồi lưu lại.",
            line,
        )
        return None
    return nfc(text.removeprefix("\ufeff"))


def step_lines(text: str) -> list[str]:
    """The lines a reading step gets: ``\\r\\n`` and a lone ``\\r`` end a line too, as when Python reads a text file."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def take_read_extra(source_path: str, name: str) -> object | None:
    """What the reading step ``name`` made of the file when this build read it, once; None if it did not run."""
    key = os.path.abspath(source_path)
    extras = READ_EXTRAS.get(key)
    if extras is None:
        return None
    value = extras.pop(name, None)
    if not extras:
        del READ_EXTRAS[key]
    return value


def with_canonical_values(lines: list[str], header: Header, rewrites: dict[str, str]) -> str:
    """The file's text with the rewritten header fields, each on one line, and without header comments."""
    replaced = list(lines)
    dropped: set[int] = {number - 1 for number in header.comment_lines}
    for key, value in rewrites.items():
        found = header.fields[key]
        replaced[found.line - 1] = f"{spelled(key)}: {value}"
        dropped.update(range(found.line, found.last_line))
    return "\n".join(line for index, line in enumerate(replaced) if index not in dropped)


def is_scheduled(date: str | None, metadata: dict, settings: dict) -> bool:
    """Whether a published item's date is after the build's now, so it must wait."""
    if date is None or metadata.get("status", "published") != "published":
        return False
    return datetime.fromisoformat(date) > build_now(settings)


class _RemovedMetaStep(Preprocessor):
    """Stands in for the ``meta`` step that Pelican's ``_parse_metadata`` removes from the converter it is given."""

    def run(self, lines: list[str]) -> list[str]:
        return lines


class _FormattedValues:
    """The converter Pelican's ``_parse_metadata`` gets for formatted values (the summary).

    One line of plain prose becomes its paragraph directly (see
    :func:`.shortcuts.plain_paragraph`) when the converter has only the steps
    that shortcut agrees with; anything else goes through Markdown, which is
    reset only then.
    """

    def __init__(self, markdown: Markdown, shortcut: bool) -> None:
        self.markdown = markdown
        self.preprocessors = markdown.preprocessors
        self.shortcut = shortcut

    def reset(self) -> _FormattedValues:
        return self

    def convert(self, text: str) -> str:
        html = plain_paragraph(text) if self.shortcut else None
        return html if html is not None else self.markdown.reset().convert(text)


class StrictMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader behind the project's header validation.

    Building a ``Markdown`` converter costs about as much as converting an item,
    so each reader keeps two and resets them between files (what Pelican does
    between a body and its summary): one for bodies, and one without the
    ``meta`` step for the formatted header values (the summary). Both skip
    Markdown's inline patterns on text where none can start (:mod:`.quick_inline`).
    """

    _body_converter: Markdown | None = None
    _values_converter: Markdown | None = None
    _values_shortcut = False

    def read(self, source_path: str):
        result = self.settings.get(READ_RESULTS, {}).pop(os.path.abspath(source_path), None) or self.convert(source_path)
        if result is None:
            return SKIPPED
        if result.extras:
            READ_EXTRAS[os.path.abspath(source_path)] = dict(result.extras)
        metadata = dict(result.metadata)
        if is_scheduled(result.date, metadata, self.settings):
            metadata["status"] = "draft"
            metadata["scheduled"] = True
        return result.content, metadata

    def convert(self, source_path: str) -> ReadResult | None:
        """The file as HTML and metadata, or None after reporting its problems (or when it is no item)."""
        text = decoded_text(source_path)
        if text is None:
            return None
        lines = text.split("\n")
        header = parse_header(lines)
        kind = kind_of(source_path, self.settings)
        if kind is None:
            return None  # outside the kinds' folders: checks.py reports it
        findings, rewrites = validate_header(header, kind, self.settings)
        for line, message in findings:
            report(source_path, message, line)
        if findings:
            return None
        content, metadata = self._converted(source_path, with_canonical_values(lines, header, rewrites))
        metadata["kind"] = kind
        steps = self.settings.get(READ_STEPS, {}).get(kind, ())
        extras = {}
        if steps:
            lines_for_steps = step_lines(text)
            extras = {name: step(lines_for_steps) for name, step in steps}
        return ReadResult(content, metadata, rewrites.get("date"), extras)

    def _converted(self, source_path: str, text: str):
        self._source_path = source_path
        if self._body_converter is None:
            self._body_converter = Markdown(**self.settings["MARKDOWN"])
            quicken_inline(self._body_converter)
        body = self._body_converter.reset()
        content = body.convert(text)
        return content, with_slugs(self._parse_metadata(body.Meta))

    def _parse_metadata(self, meta: dict) -> dict:
        if self._values_converter is None:
            self._values_converter = Markdown(**self.settings["MARKDOWN"])
            self._values_converter.preprocessors.deregister("meta")
            quicken_inline(self._values_converter)
            self._values_shortcut = makes_plain_paragraphs(self._values_converter)
        # Pelican's method removes the ``meta`` step from ``self._md`` before converting the summary.
        self._md = _FormattedValues(self._values_converter, self._values_shortcut)
        self._md.preprocessors.register(_RemovedMetaStep(self._values_converter), "meta", 0)
        return super()._parse_metadata(meta)

    def process_metadata(self, name: str, value: object) -> object:
        # The date was rewritten in isoformat; parsing it back needs no dateutil (see shortcuts.py).
        if name in ("date", "modified") and isinstance(value, str) and (moment := offset_datetime(value)) is not None:
            return moment
        return super().process_metadata(name, value)
