import pytest

from plugins.radio.numbers import (
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

SOUTH = NumberStyle(zero_tens="lẻ", thousand="ngàn")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (55, "năm mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (205, "hai trăm linh năm"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (1015, "một nghìn không trăm mười lăm"),
        (1250, "một nghìn hai trăm năm mươi"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (2026, "hai nghìn không trăm hai mươi sáu"),
        (10_000, "mười nghìn"),
        (15_500, "mười lăm nghìn năm trăm"),
        (100_000, "một trăm nghìn"),
        (1_000_000, "một triệu"),
        (1_000_050, "một triệu không trăm năm mươi"),
        (1_050_000, "một triệu không trăm năm mươi nghìn"),
        (1_001_000, "một triệu không trăm linh một nghìn"),
        (123_456_789, "một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín"),
        (1_000_000_000, "một tỷ"),
        (2_000_000_005, "hai tỷ không trăm linh năm"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (-21, "âm hai mươi mốt"),
    ],
)
def test_number_words(value, words):
    assert number_words(value) == words


def test_southern_style_says_le_and_ngan():
    assert number_words(105, SOUTH) == "một trăm lẻ năm"
    assert number_words(2026, SOUTH) == "hai ngàn không trăm hai mươi sáu"
    assert date_words(5, 2, 2026, SOUTH) == "ngày mùng năm tháng hai năm hai ngàn không trăm hai mươi sáu"


@pytest.mark.parametrize(("day", "words"), [(1, "mùng một"), (5, "mùng năm"), (10, "mùng mười"), (11, "mười một"), (15, "mười lăm"), (21, "hai mươi mốt"), (31, "ba mươi mốt")])
def test_days_one_to_ten_take_mung(day, words):
    assert day_words(day) == words


@pytest.mark.parametrize(("month", "words"), [(1, "một"), (2, "hai"), (4, "tư"), (10, "mười"), (11, "mười một"), (12, "mười hai")])
def test_months(month, words):
    assert month_words(month) == words


def test_date_words_as_the_issue_says():
    assert date_words(5, 2, 2026) == "ngày mùng năm tháng hai năm hai nghìn không trăm hai mươi sáu"
    assert date_words(30, 4) == "ngày ba mươi tháng tư"


@pytest.mark.parametrize(
    ("hour", "minute", "words"),
    [(8, 30, "tám giờ ba mươi phút"), (8, 0, "tám giờ"), (7, 5, "bảy giờ năm phút"), (17, 15, "mười bảy giờ mười lăm phút"), (0, 0, "không giờ")],
)
def test_times(hour, minute, words):
    assert time_words(hour, minute) == words


def test_decimals_and_digits():
    assert decimal_words(98, "9") == "chín mươi tám phẩy chín"
    assert decimal_words(3, "25") == "ba phẩy hai mươi lăm"
    assert fraction_words("05") == "không năm"
    assert fraction_words("125") == "một hai năm"
    assert digit_words("0270") == "không hai bảy không"


@pytest.mark.parametrize(("value", "words"), [(1, "nhất"), (2, "hai"), (4, "tư"), (10, "mười")])
def test_ordinals(value, words):
    assert ordinal_words(value) == words


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("III", 3), ("IV", 4), ("IX", 9), ("XV", 15), ("XXXIX", 39), ("IIII", None), ("VX", None), ("ABC", None)])
def test_roman_numerals(numeral, value):
    assert roman_value(numeral) == value
