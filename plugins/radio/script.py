"""The plain-text radio script of an item: what the announcer reads on the loudspeakers.

:func:`paragraphs_of_html` turns an item's HTML into paragraphs of plain text
(images, figures and embedded media dropped, link text kept, list items and
table rows on their own lines) in one pass over an lxml tree; :func:`radio_script`
puts a heading, the title, the unit and the date in front, everything rewritten by a
:class:`~.speech.Speaker` so no digit, abbreviation, address or markup is left.
"""

from __future__ import annotations

import math
import re

import lxml.html
from lxml import etree
from markupsafe import Markup

from plugins.vntext.text import in_site_timezone

from .inputs import ScriptItem
from .numbers import date_words, number_words
from .speech import Speaker

DROPPED_TAGS = ("img", "picture", "figure", "svg", "audio", "video", "iframe", "object", "script", "style", "sup")
BLOCK_TAGS = (
    "p", "div", "section", "article", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "table", "thead",
    "tbody", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
)
LINE_TAGS = ("li", "br", "tr", "caption")
CELL_TAGS = ("td", "th")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Syllables an announcer reads in a minute at a calm loudspeaker pace.
SYLLABLES_PER_MINUTE = 160
_END_PUNCTUATION = ".!?;:…"
_BLANK_LINES = re.compile(r"\n\s*\n")
_INLINE_SPACE = re.compile(r"[ \t\u00a0]+")
_ANY_SPACE = re.compile(r"\s+")
# Whitespace other than a plain space: a text without it and without two spaces in a row needs no rewriting.
_OTHER_SPACE = re.compile(r"[^\S ]")
# The parser of lxml.html without its element classes: the walk reads tags and texts only, and
# looking up a class for every element cost as much as the parse.
_PARSER = etree.HTMLParser()
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)
_DROPPED = frozenset(DROPPED_TAGS)
_HEADINGS = frozenset(HEADING_TAGS)
_OPENING = {**{tag: "\n\n" for tag in BLOCK_TAGS}, **{tag: "\n" for tag in LINE_TAGS}}
_CLOSING = {**{tag: "\n\n" for tag in BLOCK_TAGS}, **{tag: ", " for tag in CELL_TAGS}}


class _TextWriter:
    """Walks an HTML tree once, writing its text with newlines where the structure breaks lines."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, value: str | None, in_pre: bool) -> None:
        if value:
            # Newlines in the HTML source are spaces to a reader; only the structure makes lines.
            # Every whitespace character but the space is unprintable: a printable text needs no search.
            if not in_pre and ("  " in value or (not value.isprintable() and _OTHER_SPACE.search(value))):
                value = _ANY_SPACE.sub(" ", value)
            self.parts.append(value)

    def walk(self, element, in_pre: bool = False) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _DROPPED:
            self.text(element.tail, in_pre)
            return
        in_pre = in_pre or tag == "pre"
        self.parts.append(_OPENING.get(tag, ""))
        start = len(self.parts)
        self.text(element.text, in_pre)
        for child in element:
            self.walk(child, in_pre)
        if tag in _HEADINGS:
            heading = "".join(self.parts[start:]).strip()
            if heading and heading[-1] not in _END_PUNCTUATION:
                self.parts.append(".")
        self.parts.append(_CLOSING.get(tag, ""))
        self.text(element.tail, in_pre)


def _clean_line(line: str) -> str:
    if "  " in line or "\t" in line or "\u00a0" in line:  # else each run of spaces is one space already
        line = _INLINE_SPACE.sub(" ", line)
    return line.strip().rstrip(",").strip()


def _write_fragment(writer: _TextWriter, html: str) -> None:
    """Walk ``html`` as the ``<div>`` of ``lxml.html.fragment_fromstring(html, create_parent="div")`` would be walked.

    That function parses ``<html><body>…</body></html>`` and moves the body's
    children (and its text, unless blank) into a new ``<div>``; the body is
    walked here as that ``<div>``, without the move.
    """
    if _FULL_DOCUMENT.match(html):  # a whole document is not wrapped: lxml.html's own way
        writer.walk(lxml.html.fragment_fromstring(html, create_parent="div"))
        return
    bodies = [element for element in etree.fromstring(f"<html><body>{html}</body></html>", _PARSER) if element.tag == "body"]
    if len(bodies) != 1:  # lxml.html.fragment_fromstring refuses it: so does this
        lxml.html.fragment_fromstring(html, create_parent="div")
    body = bodies[0]
    writer.parts.append(_OPENING["div"])
    if body.text and body.text.strip():
        writer.text(body.text, False)
    for child in body:
        writer.walk(child)
    writer.parts.append(_CLOSING.get("div", ""))


def paragraphs_of_html(html: str) -> list[str]:
    """The text of ``html`` as paragraphs; lines inside a paragraph (list items) joined by newlines."""
    if not html or not html.strip():
        return []
    writer = _TextWriter()
    _write_fragment(writer, html)
    paragraphs = []
    for block in _BLANK_LINES.split("".join(writer.parts)):
        lines = [cleaned for line in block.split("\n") if (cleaned := _clean_line(line))]
        if lines:
            paragraphs.append("\n".join(lines))
    return paragraphs


def reading_minutes(text: str) -> int:
    """Whole minutes an announcer needs to read ``text`` aloud (at least one)."""
    return max(1, math.ceil(len(text.split()) / SYLLABLES_PER_MINUTE))


def radio_script(item: ScriptItem, speaker: Speaker, owner_name: str, timezone: str) -> str:
    """The whole script as plain text, ending with a newline."""
    spoken_title = speaker.say(Markup(item.title).striptags())
    spoken_owner = speaker.say(owner_name)
    local = in_site_timezone(item.date, timezone)
    spoken_date = date_words(local.day, local.month, local.year, speaker.style)
    body = [speaker.say(paragraph) for paragraph in paragraphs_of_html(item.html)]
    if item.summary:
        body = [speaker.say(" ".join(paragraphs_of_html(item.summary))), *body]
    text_to_read = "\n\n".join([spoken_title, *body])
    heading = [
        f"BẢN TIN PHÁT THANH – CHUYÊN MỤC {speaker.say('CCHC').upper()}",
        spoken_owner,
        f"{item.kind_label}. Thời lượng đọc khoảng {number_words(reading_minutes(text_to_read), speaker.style)} phút.",
        "",
        spoken_title,
        f"{speaker.say(item.unit)} đưa tin {spoken_date}." if item.unit else f"Tin {spoken_date}.",
        "",
    ]
    closing = ["", f"Trên đây là bản tin của {spoken_owner}."]
    return "\n".join(heading + ["\n\n".join(body)] + closing) + "\n"
