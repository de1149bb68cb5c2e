"""Markdown's inline step, skipped for text in which no inline pattern can start.

Python-Markdown's inline step tries each of its fifteen inline patterns
(links, emphasis, code, HTML, entities…) on every piece of text, one regex
search and several Python calls each. Most of an item's text is plain prose
that none of them can match: each pattern needs one of a few characters to
begin (``[``, ``*``, ``<``…). :class:`QuickInlineProcessor` is Markdown's own
inline step that first looks for those characters and, when a text has none,
leaves it as it is, which is what trying every pattern gives. It is about a
third of reading an item.

The characters each pattern needs are listed by pattern name in
:data:`PATTERN_STARTS`; :func:`quicken_inline` installs the quick step only
when every registered pattern is listed there, so an extension adding a
pattern of its own keeps Markdown's step. Python-Markdown is pinned; the
tests compare both steps on the sample site, the benchmark corpus's kinds of
text and random Markdown.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# What each of Python-Markdown 3.11's inline patterns (with the extensions
# in the MARKDOWN setting) needs in a text before its regex can match there.
PATTERN_STARTS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "footnote": ("[^",),
}


class QuickInlineProcessor(InlineProcessor):
    """Markdown's inline step, which leaves a text where no pattern can start as it is."""

    def __init__(self, md: Markdown, starts: re.Pattern) -> None:
        super().__init__(md)
        self.starts = starts

    # Markdown's step calls its private ``__handleInline`` for every text and
    # tail; this is that method (by its mangled name), tried on the starts first.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if patternIndex == 0 and not isinstance(data, AtomicString) and self.starts.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


def quicken_inline(md: Markdown) -> bool:
    """Replace ``md``'s inline step by :class:`QuickInlineProcessor`; False (nothing changed) when a pattern is not known."""
    names = [item.name for item in md.inlinePatterns._priority]  # Registry has no public list of names
    if not names or any(name not in PATTERN_STARTS for name in names):
        return False
    starts = sorted({start for name in names for start in PATTERN_STARTS[name]})
    pattern = re.compile("|".join(re.escape(start) for start in starts))
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(QuickInlineProcessor(md, pattern), "inline", priority)
    return True
