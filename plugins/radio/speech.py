"""Written Vietnamese rewritten as it is read aloud on the commune loudspeakers.

:class:`Speaker` turns one line of plain text into what the announcer says:
abbreviations expanded (CCHC → cải cách hành chính), document numbers, dates,
times, phone numbers, percentages and other numbers in words, and no digit or
markup character left. Its patterns are compiled once per build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .inputs import DEFAULT_ABBREVIATIONS, DEFAULT_ISSUERS
from .numbers import (
    DEFAULT_STYLE,
    NumberStyle,
    date_words,
    day_words,
    decimal_words,
    digit_words,
    fraction_words,
    month_words,
    number_words,
    ordinal_words,
    roman_value,
    time_words,
)

UNIT_WORDS = {
    "%": "phần trăm",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "km": "ki-lô-mét",
    "kg": "ki-lô-gam",
    "ha": "héc-ta",
    "đ": "đồng",
    "VNĐ": "đồng",
    "VND": "đồng",
}

# Texts up to this length (titles, headings, the owner, units) are said once per build and then remembered.
REMEMBERED_LENGTH = 80
REMEMBERED_TEXTS = 20_000

ROMAN_AFTER = ("quý", "khóa", "khoá", "kỳ", "đợt", "phần", "chương", "mục", "lần", "giai đoạn")

# A pattern, what its match is said as, and a quick test that is true of every text the rule can change:
# the pattern is tried only on a text that passes it.
Rule = tuple[re.Pattern, Callable[[re.Match], str], Callable[[str], object]]

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"“”]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOCUMENT_NUMBER = re.compile(
    r"(?:\b(?P<so>[Ss]ố):?\s+)?(?<![\d/])(?P<number>\d{1,5})/(?:(?P<year>\d{4})/)?"
    r"(?P<code>[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)+|[A-ZĐ]{2,}\d*)(?![\w/])"
)
_FULL_DATE = re.compile(r"(?:\b(?P<word>[Nn]gày)\s+)?(?<![\d/.])(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})(?![\d/])")
_DAY = re.compile(r"(?P<word>[Nn](?<!\w[Nn])gày)\s+(?P<d>\d{1,2})(?:/(?P<m>\d{1,2}))?(?![\d/:,.]\d|\d|\s*(?:giờ|h)\b)")
_MONTH = re.compile(r"(?P<word>[Tt](?<!\w[Tt])háng)\s+(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?(?![\d/:,.]\d|\d)")
_MONTH_YEAR = re.compile(r"(?<![\d/.,])(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])")
_CLOCK = re.compile(r"(?<![\d:.,])(?P<h>\d{1,2})\s*(?::|h|giờ)\s*(?P<min>\d{2})(?:\s*phút)?(?![\d:])")
_HOUR = re.compile(r"(?<![\w.,])(?P<h>\d{1,2})h(?!\w)")
# The patterns here that begin with a digit or a word test what comes before it just after its first
# character, "0(?<![\d.,]0)" for "(?<![\d.,])0" and "[Tt](?<!\w[Tt])" for "\b[Tt]": the same matches,
# but the regex engine can skip quickly to the next place that first character is. A pattern that
# begins with a group of alternatives (the two forms of a phone number) gets no such skip.
_PHONE = re.compile(r"0(?<![\d.,]0)(?:\d{2,3}(?P<sep>[ .])\d{3,4}(?:(?P=sep)\d{3,4})?|\d{8,10})(?![\d])")


def _case_variants(letters: str) -> str:
    """Every character a case-insensitive ``re`` pattern matches for one of ``letters`` (the Kelvin sign for k, ...)."""
    candidates = {variant for letter in letters for variant in (letter, letter.upper(), letter.lower())}
    candidates |= {"\u212a", "\u017f", "\u0131", "\u0130", "\u212b"}  # the case folding beyond upper and lower
    return "".join(sorted(c for c in candidates if re.fullmatch(f"(?i:[{re.escape(letters)}])", c)))


# "\b(?i:quý|khóa|...)\s+[IVX]{1,6}\b", written to begin with a plain set of characters (each word's first
# letter in every case) so the regex engine skips quickly to the next one of them; the boundary and the
# rest of the word are tested after it: the same matches, where a leading "\b" and "(?i:" made the engine
# try the whole pattern at every character of the text.
_ROMAN_FIRST = _case_variants("".join(sorted({word[0] for word in ROMAN_AFTER})))
_ROMAN = re.compile(
    rf"(?P<word>[{_ROMAN_FIRST}](?<!\w[{_ROMAN_FIRST}])(?i:"
    + "|".join(f"(?<={re.escape(word[0])}){re.escape(word[1:])}" for word in ROMAN_AFTER)
    + r"))\s+(?P<roman>[IVX]{1,6})\b"
)
_ORDINAL = re.compile(r"(?P<word>[Tt](?<!\w[Tt])hứ)\s+(?P<n>\d{1,3})(?![\d.,]\d|\d)")
_RANGE = re.compile(r"(?<=\d)\s*[–—-]\s*(?=\d)")
_RATIO = re.compile(r"(?<![\w/.,])(?P<a>\d+)/(?P<b>\d+)(?![\w/])")
# A number (its digits after the first in "whole"), or else the digits of a run no number can begin
# ("A1", "x1.5"), said as a whole number. A number takes whole runs of digits and leaves no digit in
# what it is said as, so this one pass reads what a pass for numbers followed by one for the digits
# left would, without searching every text a second time for a digit that is almost never there.
_NUMBER = re.compile(
    r"\d(?:(?<![\w.,]\d)(?P<whole>\d*(?:\.\d+)*)(?:,(?P<fraction>\d+))?"
    r"(?:\s?(?P<unit>%|m²|m2|km|kg|ha|đ|VNĐ|VND)(?!\w))?(?![\w]|[.,]\d)|\d*)"
)
# Quick tests before the patterns, each true of every text its pattern can change. They look for
# plain strings (``in``) or begin with one plain character: the regex engine scans a text for one
# character many times faster than for a class ("\d", "[:h]"), which it tests character by character.
_DATE_HINTS = (re.compile(r"/(?<=\d/)\d"), re.compile(r"-(?<=\d-)\d"))
_CLOCK_HINTS = (re.compile(r":\s*\d"), re.compile(r"h\s*\d"), re.compile(r"ờ\s*\d"))  # ":", "h", "giờ", then the minutes
_HOUR_HINT = re.compile(r"h(?<=\dh)")
_PHONE_HINT = re.compile(r"0\d")
_ORDINAL_HINT = re.compile(r"hứ\s+\d")  # "thứ" alone is a common word ("thứ hai", "thứ tự"): only one with a number
_ROMAN_HINTS = tuple(re.compile(rf"{letter}(?<=\s{letter})[IVX]{{0,5}}\b") for letter in "IVX")
_HAS_DIGIT = re.compile(r"\d")
_WORD_SLASH = re.compile(r"(?<=\w)\s*/\s*(?=\w)")
_MARKUP_CHARACTERS = "*_#`|<>[]{}~^•▪►"
_MARKUP = re.compile(f"[{re.escape(_MARKUP_CHARACTERS)}]+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _apply(rules: list[Rule], text: str) -> str:
    """``text`` rewritten by each rule in turn; a rule is tried only on a text that passes its test."""
    for pattern, spoken, may_change in rules:
        if may_change(text):
            text = pattern.sub(spoken, text)
    return text


def _holds(needed: str) -> Callable[[str], bool]:
    return lambda text: needed in text


def _any_found(patterns: tuple[re.Pattern, ...]) -> Callable[[str], bool]:
    return lambda text: any(pattern.search(text) for pattern in patterns)


def _may_be_address(text: str) -> bool:
    """True of every text with "http://", "https://" or "www." in any case."""
    return "://" in text or "ww." in text or "WW." in text or "wW." in text or "Ww." in text


def _has_dash(text: str) -> bool:
    return "-" in text or "–" in text or "—" in text


def _has_markup(text: str) -> bool:
    return any(character in text for character in _MARKUP_CHARACTERS)


def _keep_case(original: str, spoken: str) -> str:
    return spoken[:1].upper() + spoken[1:] if original[:1].isupper() else spoken


def _valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


class Speaker:
    """Rewrites text for reading aloud; one instance per build, patterns compiled once."""

    def __init__(
        self,
        abbreviations: Mapping[str, str] | None = None,
        style: NumberStyle = DEFAULT_STYLE,
        issuers: Mapping[str, str] | None = None,
    ) -> None:
        self.abbreviations = dict(DEFAULT_ABBREVIATIONS if abbreviations is None else abbreviations)
        self.issuers = dict(DEFAULT_ISSUERS if issuers is None else issuers)
        self.style = style
        self._abbreviation_pattern = self._compile_abbreviations()
        self._said: dict[str, str] = {}
        self._numbers: dict[str, str] = {}
        # Addresses and document numbers go first: their letters are not abbreviations to expand.
        self._before_abbreviations: list[Rule] = [
            (_URL, self._address, _may_be_address),
            (_EMAIL, self._email, _holds("@")),
            (_DOCUMENT_NUMBER, self._document_number, _holds("/")),
        ]
        # Most text has no digit: these rules all need one, so they are skipped as a group.
        self._number_rules: list[Rule] = [
            (_FULL_DATE, self._full_date, _any_found(_DATE_HINTS)),
            (_RANGE, lambda m: " đến ", _has_dash),
            (_CLOCK, self._clock, _any_found(_CLOCK_HINTS)),
            (_HOUR, lambda m: f"{number_words(int(m['h']), style)} giờ" if int(m["h"]) <= 24 else m[0], _HOUR_HINT.search),
            (_DAY, self._day, _holds("gày")),
            (_MONTH, self._month, _holds("háng")),
            (_MONTH_YEAR, self._month_year, _holds("/")),
            (_PHONE, self._phone, _PHONE_HINT.search),
            (_ORDINAL, lambda m: f"{m['word']} {ordinal_words(int(m['n']), style)}", _ORDINAL_HINT.search),
            (_RATIO, lambda m: f"{number_words(int(m['a']), style)} trên {number_words(int(m['b']), style)}", _holds("/")),
            (_NUMBER, self._number, _HAS_DIGIT.search),
        ]

    def say(self, text: str) -> str:
        """``text`` as the announcer reads it: no digits, no markup characters."""
        # Only a plain str is remembered: a subclass such as Markup has string methods of its own.
        if len(text) > REMEMBERED_LENGTH or type(text) is not str:
            return self._say(text)
        spoken = self._said.get(text)
        if spoken is None:
            spoken = self._say(text)
            if len(self._said) < REMEMBERED_TEXTS:
                self._said[text] = spoken
        return spoken

    def _say(self, text: str) -> str:
        text = _apply(self._before_abbreviations, text)
        if self._abbreviation_pattern is not None:
            text = self._abbreviation_pattern.sub(lambda m: self.abbreviations[m[0]], text)
        if any(hint.search(text) for hint in _ROMAN_HINTS):
            text = _ROMAN.sub(self._roman, text)
        if _HAS_DIGIT.search(text):
            text = _apply(self._number_rules, text)
        # After the numbers, so that 24/7 was read as a ratio, not as "24 hoặc 7".
        if "/" in text:
            text = _WORD_SLASH.sub(" hoặc ", text)
        text = text.replace("&", " và ")
        if _has_markup(text):
            text = _MARKUP.sub(" ", text)
        if "  " in text or "\t" in text or "\u00a0" in text:  # else every run of spaces is one space already
            text = _SPACES.sub(" ", text)
        return text.strip()

    def _compile_abbreviations(self) -> re.Pattern | None:
        if not self.abbreviations:
            return None
        # Longest first, so a key containing another one ("NĐ-CP" and "NĐ") wins.
        keys = sorted(self.abbreviations, key=len, reverse=True)
        # Each key tests what comes before it after it ("CCHC(?<!\wCCHC)" for "(?<!\w)CCHC"): the same
        # matches, but the regex engine can skip quickly to the next first letter of a key.
        choices = "|".join(f"{re.escape(key)}(?<!\\w{re.escape(key)})" for key in keys)
        return re.compile(f"(?:{choices})(?!\\w)")

    def _address(self, match: re.Match) -> str:
        address = match[0]
        trailing = len(address) - len(address.rstrip(".,;:!?"))
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", address[: len(address) - trailing], flags=re.IGNORECASE)
        host = host.split("/", 1)[0]
        return " chấm ".join(host.split(".")) + address[len(address) - trailing :]

    def _email(self, match: re.Match) -> str:
        user, _, domain = match[0].partition("@")
        return f"{' chấm '.join(user.split('.'))} a còng {' chấm '.join(domain.split('.'))}"

    def _document_number(self, match: re.Match) -> str:
        spoken = f"{match['so'] or 'số'} {number_words(int(match['number']), self.style)}"
        if match["year"]:
            spoken += f" năm {number_words(int(match['year']), self.style)}"
        issuer_code = re.sub(r"\d+$", "", match["code"].rsplit("-", 1)[-1])
        issuer = self.issuers.get(issuer_code)
        return f"{spoken} của {issuer}" if issuer else spoken

    def _full_date(self, match: re.Match) -> str:
        day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
        if not _valid_date(day, month):
            return match[0]
        return _keep_case(match["word"] or "ngày", date_words(day, month, year, self.style))

    def _clock(self, match: re.Match) -> str:
        hour, minute = int(match["h"]), int(match["min"])
        if hour > 24 or minute > 59:
            return match[0]
        return time_words(hour, minute, self.style)

    def _day(self, match: re.Match) -> str:
        day = int(match["d"])
        month = int(match["m"]) if match["m"] else None
        if not _valid_date(day, month or 1):
            return match[0]
        spoken = f"{match['word']} {day_words(day, self.style)}"
        return f"{spoken} tháng {month_words(month, self.style)}" if month else spoken

    def _month(self, match: re.Match) -> str:
        month = int(match["m"])
        if not 1 <= month <= 12:
            return match[0]
        spoken = f"{match['word']} {month_words(month, self.style)}"
        return f"{spoken} năm {number_words(int(match['y']), self.style)}" if match["y"] else spoken

    def _month_year(self, match: re.Match) -> str:
        month = int(match["m"])
        if not 1 <= month <= 12:
            return match[0]
        return f"tháng {month_words(month, self.style)} năm {number_words(int(match['y']), self.style)}"

    def _phone(self, match: re.Match) -> str:
        groups = match[0].split(match["sep"]) if match["sep"] else [match[0]]
        return ", ".join(digit_words(group) for group in groups)

    def _roman(self, match: re.Match) -> str:
        value = roman_value(match["roman"])
        if value is None:
            return match[0]
        return f"{match['word']} {number_words(value, self.style)}"

    def _number(self, match: re.Match) -> str:
        # A match's parts follow from its text alone (digits and dots, a comma, a unit), and so does
        # what it is said as: years, dates and counts come back in every item.
        written = match[0]
        spoken = self._numbers.get(written)
        if spoken is None:
            spoken = self._new_number(match)
            if len(self._numbers) < REMEMBERED_TEXTS:
                self._numbers[written] = spoken
        return spoken

    def _new_number(self, match: re.Match) -> str:
        if match.start("whole") < 0:
            return number_words(int(match[0]), self.style)
        whole = match.string[match.start() : match.end("whole")]
        fraction, unit = match["fraction"], match["unit"]
        if "." in whole and not _THOUSANDS.fullmatch(whole):
            spoken = " chấm ".join(self._part(part) for part in whole.split("."))
        else:
            spoken = decimal_words(int(whole.replace(".", "")), fraction, self.style)
            fraction = None
        if fraction:
            spoken += f" phẩy {fraction_words(fraction, self.style)}"
        return f"{spoken} {UNIT_WORDS[unit]}" if unit else spoken

    def _part(self, digits: str) -> str:
        """One part of a dotted code (4.0, 1.001612): leading zeros are read digit by digit."""
        if digits.startswith("0") and len(digits) > 1:
            return digit_words(digits)
        return number_words(int(digits), self.style)
