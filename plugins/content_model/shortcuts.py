"""What Pelican would make of common header values, made directly or made early, and identically.

Reading an item, Pelican parses its ``Date`` with dateutil and converts its
``Summary`` with the whole Markdown converter (every extension's steps for one
sentence). Both cost more than the rest of the header together, and both
values are simple in nearly every item: the reader has already rewritten the
date in ``datetime.isoformat()`` form, and a summary is usually one line of
plain prose. For those, the functions here give exactly what Pelican's own
path gives (same type, same value, same bytes); for anything else they return
None and Pelican's path is taken. The tests compare both paths.

The slugs of an item's category, tags and authors are made by Pelican the
first time a page or a listing asks, in the build's own process, once for
every item naming them. :func:`with_slugs` makes them while the file is read
(in a worker process, and kept with the read result in the cache).
"""

from __future__ import annotations

import logging
import re

from dateutil.tz import tzoffset
from pelican.urlwrappers import URLWrapper
from pelican.utils import SafeDatetime

# datetime.isoformat() of a date with a UTC offset, as validate.check_dates writes it.
_ISO_WITH_OFFSET = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)")
# Characters that may start Markdown syntax anywhere in a line (emphasis, links,
# code, HTML, entities, escapes, attribute lists, tables, footnotes, abbreviations),
# control characters (line breaks, and the placeholders Markdown uses internally)
# whitespace other than the space, and double spaces (a line break when at the end).
_MARKUP_ANYWHERE = re.compile(r"[\\`*_{}\[\]<>&|~^#=!\x00-\x1f\x7f]|[^\S ]|\s\s")


def offset_datetime(value: str) -> SafeDatetime | None:
    """What Pelican's ``get_date`` returns for an ISO date with a non-zero offset, else None.

    dateutil gives such a date a ``tzoffset(None, seconds)``; a zero offset
    becomes the machine's local zone (``tzlocal()``), so it is left to dateutil.
    """
    match = _ISO_WITH_OFFSET.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, sign, offset_hours, offset_minutes = match.groups()
    seconds = (int(offset_hours) * 60 + int(offset_minutes)) * 60
    if seconds == 0:
        return None
    zone = tzoffset(None, seconds if sign == "+" else -seconds)
    try:
        return SafeDatetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone)
    except ValueError:
        return None


# The steps of a converter with the MARKDOWN setting's extensions (extra, toc,
# sane_lists, meta): with these, and only these, plain prose is its paragraph.
KNOWN_STEPS = {
    "preprocessors": {"fenced_code_block", "html_block", "meta", "normalize_whitespace"},
    "treeprocessors": {"abbr", "attr_list", "footnote", "footnote-duplicate", "inline", "prettify", "toc", "unescape"},
    "postprocessors": {"amp_substitute", "footnote", "raw_html"},
}


def makes_plain_paragraphs(md) -> bool:
    """Whether ``md`` has only the steps :func:`plain_paragraph` is known to agree with (not smarty's quotes, say)."""
    steps = {name: {item.name for item in getattr(md, name)._priority} for name in KNOWN_STEPS}  # Registry lists names only there
    return all(steps[name] <= known for name, known in KNOWN_STEPS.items())


def plain_paragraph(text: str) -> str | None:
    """The HTML Markdown makes of ``text`` when it is one line of plain prose (``<p>text</p>``), else None.

    Plain means: no character that can start inline Markdown, and a first
    character that is a letter, so the line cannot be a heading, a list item,
    a quote, a definition, code or a rule.
    """
    if not text or not text[0].isalpha() or text != text.strip() or _MARKUP_ANYWHERE.search(text):
        return None
    return f"<p>{text}</p>"


def with_slugs(metadata: dict) -> dict:
    """``metadata`` with the slug of each category, tag and author already made (Pelican's own ``slug``).

    A name that gives no slug is left to be slugged again where Pelican
    would, so that its warning is given there, once, as without this.
    """
    wrappers = [value for values in metadata.values() for value in (values if isinstance(values, list) else [values]) if isinstance(value, URLWrapper)]
    warnings = logging.getLogger("pelican.urlwrappers")
    was_disabled, warnings.disabled = warnings.disabled, True
    try:
        for wrapper in wrappers:
            if not wrapper.slug:
                wrapper._slug = None
    finally:
        warnings.disabled = was_disabled
    return metadata
