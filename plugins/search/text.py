"""Vietnamese words for the search index: tokens, folded keys and exact keys.

Every word of the index is kept under two keys:

- its **folded** key (``plugins.vntext.text.fold``: no tones, no letter marks,
  đ→d, lower case), which a query typed without diacritics matches:
  "dat" finds "đất", "uy" finds "Ủy";
- its **exact** key: lower case with its letter marks (ă â ê ô ơ ư đ) and its
  tones moved to the end as digits, so old and new tone placement are one
  word (hoà/hòa → "hoa1", thuỷ/thủy → "thuy2") and a query typed with
  diacritics can rank "đường" above "dương".

``search.js`` computes the same keys in the browser; the browser tests check
that both sides agree on real text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from lxml import html as lxml_html

from plugins.vntext.text import fold, nfc

# A word: letters and digits, possibly joined by . / - (codes 1.001612, numbers
# 30/2020/NĐ-CP). Joined words with a digit are kept whole as well as in parts.
WORD = re.compile(r"[^\W_]+(?:[./\-][^\W_]+)*")
JOINER = re.compile(r"[./\-]")
DIGIT = re.compile(r"[0-9]")
# Tone marks in NFD, numbered as in plugins.vntext (huyền 1, hỏi 2, ngã 3, sắc 4, nặng 5).
TONE_DIGITS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=500_000)
def folded_key(word: str) -> str:
    """The key a query without diacritics matches: ``folded_key("Đường")`` → ``"duong"``."""
    return fold(word)


@lru_cache(maxsize=500_000)
def exact_key(word: str) -> str:
    """The word with its diacritics, tones moved to the end: "hoà" and "hòa" → "hoa1", "Đường" → "đương1"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(TONE_DIGITS[mark] for mark in decomposed if mark in TONE_DIGITS)
    letters = "".join(char for char in decomposed if char not in TONE_DIGITS)
    return unicodedata.normalize("NFC", letters) + tones


@lru_cache(maxsize=500_000)
def word_keys(word: str) -> tuple[str, str]:
    """(folded key, exact key) of ``word``."""
    return folded_key(word), exact_key(word)


def words(text: str) -> Iterator[str]:
    """The words of ``text`` as the index holds them; a joined word with a digit also whole ("1.001612")."""
    for match in WORD.finditer(text):
        token = match.group()
        parts = JOINER.split(token)
        if len(parts) > 1 and DIGIT.search(token):
            yield token
        yield from parts


def word_counts(text: str) -> Counter[str]:
    """How often each of ``words(text)`` occurs; counted in C, joined words split once per distinct token."""
    counts = Counter(WORD.findall(text))
    for token in [token for token in counts if JOINER.search(token)]:
        count = counts[token] if DIGIT.search(token) else counts.pop(token)
        for part in JOINER.split(token):
            counts[part] += count
    return counts


def plain_text(html: str) -> str:
    """The readable text of an item's HTML, blocks separated by spaces, NFC."""
    if not html or not html.strip():
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in root.iter(*BLOCK_TAGS):
        element.tail = " " + (element.tail or "")
    return nfc(_SPACES.sub(" ", root.text_content()).strip())
