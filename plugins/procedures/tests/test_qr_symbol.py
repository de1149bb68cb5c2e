"""qr_symbol draws segno's own codes: the same message, error correction, modules and SVG bytes."""

from __future__ import annotations

import random

import pytest
import segno
from segno import consts, encoder

from plugins.procedures.qr import qr_drawing
from plugins.procedures.qr_symbol import error_codewords, message_bits, qr_svg_inline, qr_symbol

from .test_qr_mask import INPUTS


def segno_svg(content: str) -> str:
    code = segno.make(content, error="m", micro=False)
    return code.svg_inline(scale=4, dark="#000", light="#fff", border=2, omitsize=True)


def random_texts(count: int) -> list[str]:
    """Strings in every mode segno picks (numeric, alphanumeric, byte with Vietnamese letters, kanji), short and long."""
    generator = random.Random(20261207)
    alphabets = (
        "0123456789",
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:",
        "abcdefghijklmnopqrstuvwxyz0123456789-/._~?=&#",
        "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợ ",
        "漢字日本語",
    )
    texts = []
    for n in range(count):
        alphabet = alphabets[n % len(alphabets)]
        length = generator.choice((1, 2, 7, 17, 30, 60, 120, 250, 400))
        texts.append("".join(generator.choice(alphabet) for _ in range(length)))
    return texts


def test_drawings_are_the_svg_segno_draws():
    for content in INPUTS + random_texts(60):
        assert qr_svg_inline(content) == segno_svg(content), content


def test_the_plugins_drawing_is_qr_symbols():
    assert qr_drawing(INPUTS[0]) == segno_svg(INPUTS[0])


@pytest.mark.parametrize("length", [300, 700, 1200])
def test_large_versions_have_segnos_modules(length):
    content = "https://xa-example.gov.vn/" + "thu-tuc-" * (length // 8)
    code = segno.make(content, error="m", micro=False)
    symbol, width = qr_symbol(content)
    assert code.version >= 10 and width == len(code.matrix)
    assert symbol == b"\x02".join(code.matrix) + b"\x02"


def test_error_levels_other_than_m_are_segnos():
    for content in INPUTS[::37]:
        for error in ("l", "q", "h"):
            expected = segno.make(content, error=error, micro=False)
            assert qr_symbol(content, error)[0] == b"\x02".join(expected.matrix) + b"\x02", (content, error)


def test_message_is_segnos_final_message():
    for content in INPUTS[::7] + random_texts(40):
        version, level, bits = message_bits(content, "m")
        segments = encoder.prepare_data(content, None, None)
        buff = encoder.Buffer()
        for segment in segments:
            encoder.write_segment(buff, segment, None, encoder.version_range(version), False)
        capacity = consts.SYMBOL_CAPACITY[version][level]
        encoder.write_terminator(buff, capacity, None, len(buff))
        encoder.write_padding_bits(buff, version, len(buff))
        encoder.write_pad_codewords(buff, version, capacity, len(buff))
        assert bits == bytes(encoder.make_final_message(version, level, buff).getbits()), content


def test_error_codewords_are_segnos_for_every_generator():
    generator = random.Random(7)
    for count in sorted(consts.GEN_POLY):
        block = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 120)))
        expected = encoder.make_blocks([consts.ECC[1][consts.ERROR_LEVEL_M][0]._replace(num_blocks=1, num_data=len(block), num_total=len(block) + count)], iter_bits(block))
        assert error_codewords(block, count) == bytes(expected[1][0]), count


def iter_bits(block: bytes) -> encoder.Buffer:
    buff = encoder.Buffer()
    for value in block:
        buff.append_bits(value, 8)
    return buff
