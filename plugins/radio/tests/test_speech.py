import random
import re

import pytest

from plugins.radio import speech
from plugins.radio.numbers import NumberStyle
from plugins.radio.speech import Speaker

SPEAKER = Speaker()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ngày 05 tháng 02 năm 2026", "ngày mùng năm tháng hai năm hai nghìn không trăm hai mươi sáu"),
        ("Ngày 05/02/2026, xã họp.", "Ngày mùng năm tháng hai năm hai nghìn không trăm hai mươi sáu, xã họp."),
        ("họp 15/3/2026", "họp ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu"),
        ("ngày 30/4", "ngày ba mươi tháng tư"),
        ("tháng 01 năm 2026", "tháng một năm hai nghìn không trăm hai mươi sáu"),
        ("tháng 3/2026", "tháng ba năm hai nghìn không trăm hai mươi sáu"),
        ("từ 7/2025", "từ tháng bảy năm hai nghìn không trăm hai mươi lăm"),
        ("đạt 92%", "đạt chín mươi hai phần trăm"),
        ("đạt 98,9 %", "đạt chín mươi tám phẩy chín phần trăm"),
        ("1.250 hồ sơ", "một nghìn hai trăm năm mươi hồ sơ"),
        ("1.500.000 đồng", "một triệu năm trăm nghìn đồng"),
        ("50.000đ", "năm mươi nghìn đồng"),
        ("2,5 ha", "hai phẩy năm héc-ta"),
        ("lúc 08:30", "lúc tám giờ ba mươi phút"),
        ("từ 7h30 đến 17h", "từ bảy giờ ba mươi phút đến mười bảy giờ"),
        ("8 giờ 15 phút", "tám giờ mười lăm phút"),
        ("13:30-17:00", "mười ba giờ ba mươi phút đến mười bảy giờ"),
        ("giai đoạn 2021–2030", "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi"),
        ("quý III năm 2025", "quý ba năm hai nghìn không trăm hai mươi lăm"),
        ("Quý IV", "Quý bốn"),
        ("khóa XV", "khóa mười lăm"),
        ("thứ 4 và lần thứ 1", "thứ tư và lần thứ nhất"),
        ("hỗ trợ 24/7", "hỗ trợ hai mươi tư trên bảy"),
        ("Nghị định số 30/2020/NĐ-CP", "Nghị định số ba mươi năm hai nghìn không trăm hai mươi của Chính phủ"),
        ("Quyết định 15/2025/QĐ-UBND", "Quyết định số mười lăm năm hai nghìn không trăm hai mươi lăm của Ủy ban nhân dân"),
        ("Điện thoại 0270 3812 345.", "Điện thoại không hai bảy không, ba tám một hai, ba bốn năm."),
        ("gọi 0912345678", "gọi không chín một hai ba bốn năm sáu bảy tám"),
        ("cách mạng 4.0", "cách mạng bốn chấm không"),
        ("mã 1.001612", "mã một chấm không không một sáu một hai"),
        ("Số 01 đường Nguyễn Huệ", "Số một đường Nguyễn Huệ"),
        ("105 hồ sơ và 21 ấp", "một trăm linh năm hồ sơ và hai mươi mốt ấp"),
        ("truy cập https://dichvucong.gov.vn/p/home.", "truy cập dichvucong chấm gov chấm vn."),
        ("thư ubnd.tanhoa@vinhlong.gov.vn", "thư ubnd chấm tanhoa a còng vinhlong chấm gov chấm vn"),
        ("phí/lệ phí & giấy tờ", "phí hoặc lệ phí và giấy tờ"),
        ("**Trực tiếp** tại # quầy", "Trực tiếp tại quầy"),
    ],
)
def test_said_as_written_rules(written, spoken):
    assert SPEAKER.say(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("CCHC", "cải cách hành chính"),
        ("TTHC", "thủ tục hành chính"),
        ("UBND xã", "Ủy ban nhân dân xã"),
        ("HĐND và UBND", "Hội đồng nhân dân và Ủy ban nhân dân"),
        ("thẻ CCCD", "thẻ căn cước công dân"),
        ("v.v.", "vân vân"),
    ],
)
def test_default_abbreviations_are_read_out(written, spoken):
    assert SPEAKER.say(written) == spoken


def test_abbreviation_inside_a_longer_word_is_left_alone():
    assert SPEAKER.say("UBNDX và xUBND") == "UBNDX và xUBND"


def test_abbreviations_come_from_the_setting():
    speaker = Speaker({"VNeID": "Vê-en-ê-ai-đi", "CCHC": "cải cách hành chính"})
    assert speaker.say("ứng dụng VNeID, CCHC, UBND") == "ứng dụng Vê-en-ê-ai-đi, cải cách hành chính, UBND"


def test_number_style_reaches_every_number():
    speaker = Speaker(style=NumberStyle(zero_tens="lẻ", thousand="ngàn"))
    assert speaker.say("năm 2026 có 105 hồ sơ") == "năm hai ngàn không trăm hai mươi sáu có một trăm lẻ năm hồ sơ"


def test_nothing_left_to_stumble_on():
    text = (
        "Ngày 31/01/2026, Trung tâm (hotline 0270.3812.345) tiếp nhận 1.248 hồ sơ TTHC, tăng 18% so với tháng 12, "
        "đúng hạn 99,3%; mã 1.001612.000.00.00.H48; xem https://vinhlong.gov.vn; COVID-19; 3/5 ấp."
    )
    spoken = SPEAKER.say(text)
    assert not re.search(r"\d", spoken), spoken
    assert "http" not in spoken and "%" not in spoken and "TTHC" not in spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # The quick tests before the slow patterns (tabs, no-break spaces, upper-case addresses) skip nothing.
        ("Đợt\tII có  3\u00a0hồ sơ", "Đợt hai có ba hồ sơ"),
        ("Xem WWW.TanHoa.gov.vn hoặc https://dichvucong.gov.vn/p", "Xem TanHoa chấm gov chấm vn hoặc dichvucong chấm gov chấm vn"),
        ("Mở cửa 7 giờ 30 đến 11h, kỳ III", "Mở cửa bảy giờ ba mươi phút đến mười một giờ, kỳ ba"),
        ("Gọi 0270.3812.123 từ 3 – 5 ngày", "Gọi không hai bảy không, ba tám một hai, một hai ba từ ba đến năm ngày"),
    ],
)
def test_quick_tests_before_patterns_change_nothing(written, spoken):
    assert Speaker().say(written) == spoken


# The pattern as first written; speech._ROMAN is its faster spelling and must find the same matches.
ROMAN_AS_WRITTEN = re.compile(r"\b(?P<word>(?i:" + "|".join(speech.ROMAN_AFTER) + r"))\s+(?P<roman>[IVX]{1,6})\b")


def roman_texts() -> list[str]:
    """Roman numerals after the words, in every case, glued to other letters, at the edges, with several spaces."""
    generator = random.Random(2026)
    pieces = [*speech.ROMAN_AFTER, *(word.upper() for word in speech.ROMAN_AFTER), "\u212ahóa", "xquý", "Kỳ", "aKỳ", "_kỳ", "1quý"]
    pieces += ["I", "II", "IV", "XIII", "VIIII", "IVXIVXI", "Ia", "I1", " ", "  ", "\n", ",", ".", "đ", "quýt", "năm"]
    return ["".join(generator.choice(pieces) + generator.choice(("", " ", "\t")) for _ in range(30)) for _ in range(3000)]


def test_roman_pattern_matches_what_it_was_written_as():
    spans = lambda pattern, text: [(m.span(), m["word"], m["roman"]) for m in pattern.finditer(text)]  # noqa: E731
    texts = roman_texts()
    assert sum(bool(ROMAN_AS_WRITTEN.search(text)) for text in texts) > 1000
    for text in texts:
        assert spans(speech._ROMAN, text) == spans(ROMAN_AS_WRITTEN, text), text


def test_roman_first_letters_are_every_case_variant():
    letters = "".join(sorted({word[0] for word in speech.ROMAN_AFTER}))
    anyhow = re.compile(f"(?i:[{letters}])")
    expected = "".join(chr(code) for code in range(0x110000) if anyhow.fullmatch(chr(code)))
    assert sorted(speech._ROMAN_FIRST) == sorted(expected)


def test_ordinals_need_a_number_after_thu():
    assert Speaker().say("Thứ hai, thứ tự và thứ 3") == "Thứ hai, thứ tự và thứ ba"
