"""Vietnamese numbers, dates and times as an announcer says them.

``number_words(2026)`` → "hai nghìn không trăm hai mươi sáu". The spoken
forms follow common usage: "mốt" for a final one after "mươi" (21 "hai mươi
mốt", but 11 "mười một", 101 "một trăm linh một"), "tư" for a final four after
"mươi" (24 "hai mươi tư", but 14 "mười bốn"), "lăm" for a final five after
"mười"/"mươi" (15 "mười lăm", but 105 "một trăm linh năm"), and "linh" (or
"lẻ" in the South) for an empty tens place. A group after the first is read in
full ("không trăm"), so 2026 is never "hai nghìn hai mươi sáu".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_AFTER_MUOI = {1: "mốt", 4: "tư", 5: "lăm"}
_BILLION = 10**9


@dataclass(frozen=True)
class NumberStyle:
    """Regional words: "linh"/"nghìn" (North, the default) or "lẻ"/"ngàn" (South)."""

    zero_tens: str = "linh"
    thousand: str = "nghìn"


DEFAULT_STYLE = NumberStyle()


def _final_after_tens(units: int) -> str:
    """The last digit after "hai mươi" … "chín mươi"."""
    return _AFTER_MUOI.get(units, DIGITS[units])


def _final_after_ten(units: int) -> str:
    """The last digit after "mười"."""
    return "lăm" if units == 5 else DIGITS[units]


def _group_words(value: int, in_full: bool, style: NumberStyle) -> list[str]:
    """Words of 0 < ``value`` < 1000; ``in_full`` says the hundreds even when zero."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or in_full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += [style.zero_tens, DIGITS[units]] if words else [DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append(_final_after_ten(units))
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append(_final_after_tens(units))
    return words


def _below_billion_words(value: int, in_full: bool, style: NumberStyle) -> list[str]:
    """Words of 0 <= ``value`` < 10⁹; ``in_full`` when a higher part was already said."""
    scales = ("triệu", style.thousand, "")
    groups = (value // 1_000_000, value // 1000 % 1000, value % 1000)
    words: list[str] = []
    for group, scale in zip(groups, scales, strict=True):
        if group == 0:
            continue
        words += _group_words(group, in_full or bool(words), style)
        if scale:
            words.append(scale)
    return words


def _natural_words(value: int, style: NumberStyle) -> list[str]:
    if value < _BILLION:
        return _below_billion_words(value, False, style)
    billions, rest = divmod(value, _BILLION)
    return _natural_words(billions, style) + ["tỷ"] + _below_billion_words(rest, True, style)


# Years, days, months and small counts come back in every item: a lookup costs a fraction of the words.
@lru_cache(maxsize=4096)
def number_words(value: int, style: NumberStyle = DEFAULT_STYLE) -> str:
    """A whole number in words: 1250 → "một nghìn hai trăm năm mươi"."""
    if value == 0:
        return DIGITS[0]
    sign = ["âm"] if value < 0 else []
    return " ".join(sign + _natural_words(abs(value), style))


def digit_words(digits: str) -> str:
    """Each digit on its own, as phone numbers and codes are read: "0270" → "không hai bảy không"."""
    return " ".join(DIGITS[int(digit)] for digit in digits if digit.isdigit())


def fraction_words(digits: str, style: NumberStyle = DEFAULT_STYLE) -> str:
    """The part after a decimal comma: "9" → "chín", "25" → "hai mươi lăm", "05" → "không năm"."""
    if len(digits) <= 2 and not digits.startswith("0"):
        return number_words(int(digits), style)
    return digit_words(digits)


def decimal_words(whole: int, fraction: str | None = None, style: NumberStyle = DEFAULT_STYLE) -> str:
    """98,9 → "chín mươi tám phẩy chín" (Vietnamese writes a decimal comma)."""
    spoken = number_words(whole, style)
    return f"{spoken} phẩy {fraction_words(fraction, style)}" if fraction else spoken


def day_words(day: int, style: NumberStyle = DEFAULT_STYLE) -> str:
    """Day of the month: 5 → "mùng năm", 10 → "mùng mười", 15 → "mười lăm"."""
    return f"mùng {number_words(day, style)}" if 1 <= day <= 10 else number_words(day, style)


def month_words(month: int, style: NumberStyle = DEFAULT_STYLE) -> str:
    """Month number: 4 → "tư" (tháng tư), 2 → "hai", 12 → "mười hai"."""
    return "tư" if month == 4 else number_words(month, style)


def date_words(day: int, month: int, year: int | None = None, style: NumberStyle = DEFAULT_STYLE) -> str:
    """"ngày mùng năm tháng hai năm hai nghìn không trăm hai mươi sáu" (year optional)."""
    spoken = f"ngày {day_words(day, style)} tháng {month_words(month, style)}"
    return f"{spoken} năm {number_words(year, style)}" if year is not None else spoken


def time_words(hour: int, minute: int, style: NumberStyle = DEFAULT_STYLE) -> str:
    """08:30 → "tám giờ ba mươi phút"; 08:00 → "tám giờ"."""
    spoken = f"{number_words(hour, style)} giờ"
    return f"{spoken} {number_words(minute, style)} phút" if minute else spoken


def ordinal_words(value: int, style: NumberStyle = DEFAULT_STYLE) -> str:
    """The number after "thứ": 1 → "nhất", 4 → "tư", 2 → "hai"."""
    return {1: "nhất", 4: "tư"}.get(value) or number_words(value, style)


_ROMAN_VALUES = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral up to XXXIX (quý III, khóa XV), or None if it is not one."""
    rest, total = numeral.upper(), 0
    for symbol, value in _ROMAN_VALUES:
        while rest.startswith(symbol):
            total += value
            rest = rest[len(symbol) :]
    return total if not rest and 0 < total < 40 and _to_roman(total) == numeral.upper() else None


def _to_roman(value: int) -> str:
    parts = []
    for symbol, amount in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        parts.append(symbol * count)
    return "".join(parts)
