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
when every registered pattern is listed there with the same regex, so an
extension adding or replacing a pattern keeps Markdown's step (emphasis
delimiters are read from the converter when it is installed, after its
extensions). Python-Markdown is pinned; the
tests compare both steps on the sample site, the benchmark corpus's kinds of
text and random Markdown.
"""

from __future__ import annotations

import re

from markdown import Markdown, inlinepatterns
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# What each of Python-Markdown 3.11's inline patterns (with the extensions
# in the MARKDOWN setting) needs in a text before its regex can match there,
# by name, with the regex it must have: an extension that registers another
# regex under a known name (smarty's "html") keeps Markdown's own step.
# Emphasis starts at any of its delimiters, read from the pattern itself
# (an extension may add one, such as "~" for strike-through).
PATTERN_STARTS = {
    "backtick": (inlinepatterns.BACKTICK_RE, ("`",)),
    "escape": (inlinepatterns.ESCAPE_RE, ("\\",)),
    "reference": (inlinepatterns.REFERENCE_RE, ("[",)),
    "link": (inlinepatterns.LINK_RE, ("[",)),
    "image_link": (inlinepatterns.IMAGE_LINK_RE, ("![",)),
    "image_reference": (inlinepatterns.IMAGE_REFERENCE_RE, ("![",)),
    "short_reference": (inlinepatterns.REFERENCE_RE, ("[",)),
    "short_image_ref": (inlinepatterns.IMAGE_REFERENCE_RE, ("![",)),
    "autolink": (inlinepatterns.AUTOLINK_RE, ("<",)),
    "automail": (inlinepatterns.AUTOMAIL_RE, ("<",)),
    "linebreak": (inlinepatterns.LINE_BREAK_RE, ("  \n",)),
    "html": (inlinepatterns.HTML_RE, ("<",)),
    "entity": (inlinepatterns.ENTITY_RE, ("&",)),
    "em_strong": (None, ()),
    "footnote": (r"\[\^([^\]]*)\]", ("[^",)),
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
    starts = pattern_starts(md)
    if not starts:
        return False
    pattern = re.compile("|".join(re.escape(start) for start in sorted(starts)))
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(QuickInlineProcessor(md, pattern), "inline", priority)
    return True


def pattern_starts(md: Markdown) -> set[str]:
    """What a text must hold for any of ``md``'s inline patterns to match in it; empty when one is not known."""
    starts: set[str] = set()
    for item in md.inlinePatterns._priority:  # the Registry lists its names only there
        pattern = md.inlinePatterns[item.name]
        regex, needs = PATTERN_STARTS.get(item.name, ("?", ()))
        if isinstance(pattern, inlinepatterns.DelimiterProcessor) and item.name == "em_strong":
            needs = tuple(pattern.tokens)
        elif getattr(getattr(pattern, "compiled_re", None), "pattern", None) != regex:
            return set()
        starts.update(needs)
    return starts
