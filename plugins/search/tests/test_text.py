"""Vietnamese words as the index keeps them: folded and exact keys, joined codes, plain text."""

from __future__ import annotations

import unicodedata

import pytest

from plugins.search.text import exact_key, folded_key, plain_text, words


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Đất", "dat"), ("đai", "dai"), ("ĐƯỜNG", "duong"), ("Ủy", "uy"), ("được", "duoc"), ("thủ", "thu"), ("tục", "tuc")],
)
def test_folded_key_drops_every_mark_and_turns_d_bar_into_d(word, folded):
    assert folded_key(word) == folded


@pytest.mark.parametrize(("old", "new"), [("hoà", "hòa"), ("thuỷ", "thủy"), ("uỷ", "ủy"), ("khoẻ", "khỏe"), ("hoạ", "họa"), ("Uỷ", "Ủy")])
def test_old_and_new_tone_placement_have_one_exact_key(old, new):
    assert old != new
    assert exact_key(old) == exact_key(new)
    assert folded_key(old) == folded_key(new)


def test_exact_key_keeps_letter_marks_and_tones_apart():
    keys = {exact_key(word) for word in ("đường", "dương", "duong", "đương", "dường")}
    assert len(keys) == 5
    assert exact_key("Đường") == exact_key("đường") == "đương1"
    assert exact_key("hòa") == "hoa1" and exact_key("hoa") == "hoa"


def test_exact_key_of_decomposed_text_equals_composed():
    assert exact_key(unicodedata.normalize("NFD", "Thủ tục")) == exact_key("Thủ tục")


def test_words_keep_codes_and_document_numbers_whole_and_in_parts():
    found = list(words("Mã 1.001612.000.00.00.H48; Nghị định 30/2020/NĐ-CP, năm 2025."))
    assert "1.001612.000.00.00.H48" in found and "1" in found and "001612" in found and "H48" in found
    assert "30/2020/NĐ-CP" in found and "NĐ" in found and "CP" in found
    assert "2025" in found and "2025." not in found


def test_joined_words_without_a_digit_are_only_split():
    assert list(words("Văn hóa-Xã hội, NĐ-CP")) == ["Văn", "hóa", "Xã", "hội", "NĐ", "CP"]


def test_plain_text_separates_blocks_but_not_inline_markup():
    html = "<h2>Trình tự</h2><ol><li>Nộp hồ sơ</li><li>Nhận kết quả</li></ol><p><strong>Ủy</strong> ban nhân dân.</p>"
    assert plain_text(html) == "Trình tự Nộp hồ sơ Nhận kết quả Ủy ban nhân dân."


def test_plain_text_is_nfc():
    assert plain_text(unicodedata.normalize("NFD", "<p>Đất đai</p>")) == "Đất đai"
    assert plain_text("") == "" and plain_text("  ") == ""


def test_word_counts_agree_with_words():
    from collections import Counter

    from plugins.search.text import word_counts

    text = "Mã 1.001612, mã 1.001612.000.00.00.H48; NĐ-CP và 30/2020/NĐ-CP; hồ sơ, Hồ sơ."
    assert word_counts(text) == Counter(words(text))
