"""The fast choice of QR mask (qr_mask) gives segno's own codes: same mask, same modules, same SVG."""

from __future__ import annotations

import random

import pytest
import segno
from segno import encoder

from plugins.procedures.qr import qr_drawing
from plugins.procedures.qr_mask import best_mask, candidates, make_qr, mask_scores

DOMAINS = (
    "https://xa-example.gov.vn",
    "https://phuongbinhtrung.hochiminhcity.gov.vn",
    "http://ubnd.tanlap.vinhphuc.gov.vn",
)
SLUGS = (
    "cap-ban-sao-trich-luc-ho-tich",
    "dang-ky-khai-sinh",
    "dang-ky-ket-hon",
    "chung-thuc-ban-sao-tu-ban-chinh",
    "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho-quyen-su-dung-dat",
    "hoa-giai-tranh-chap-dat-dai",
    "tro-cap-xa-hoi-hang-thang",
)
TEXTS = (
    "Cấp bản sao trích lục hộ tịch",
    "Đăng ký khai sinh, khai tử và kết hôn tại Ủy ban nhân dân cấp xã",
    "Thủ tục hành chính: giải quyết hồ sơ đúng hạn, trả kết quả qua bưu chính công ích",
    "Xác nhận tình trạng hôn nhân — người dân nộp hồ sơ trực tuyến toàn trình",
)
SHORT = ("a", "1", "x.vn", "0123456789", "HELLO WORLD", "Ủy", "https://a.vn/")


def procedure_urls() -> list[str]:
    """Addresses of procedure pages, from short to several path segments long."""
    urls = []
    for n in range(300):
        domain = DOMAINS[n % len(DOMAINS)]
        slug = SLUGS[n % len(SLUGS)]
        deeper = "/".join(SLUGS[: n % 5])
        urls.append(f"{domain}/thu-tuc/{deeper + '/' if deeper else ''}{slug}-{n}.html")
    return urls


def texts() -> list[str]:
    """Vietnamese text with diacritics (byte mode, UTF-8), short strings in every mode, and a few long ones."""
    long = [" ".join(TEXTS[: k + 1]) * (k + 1) for k in range(len(TEXTS))]
    numbered = [f"{text} số {n}" for n in range(12) for text in TEXTS]
    return [*SHORT, *numbered, *long, "https://xa-example.gov.vn/" + "thu-tuc/" * 40]


INPUTS = procedure_urls() + texts()


def segno_code(content: str) -> segno.QRCode:
    return segno.make(content, error="m", micro=False)


@pytest.fixture(scope="module")
def segno_codes() -> dict[str, segno.QRCode]:
    """segno's own codes (its full search of the mask), drawn once for the tests of this file."""
    return {content: segno_code(content) for content in INPUTS}


def test_inputs_cover_many_sizes(segno_codes):
    versions = {code.version for code in segno_codes.values()}
    assert len(INPUTS) >= 300 and len(versions) >= 8, sorted(versions)


def test_codes_have_segnos_mask_and_modules(segno_codes):
    different = []
    for content, expected in segno_codes.items():
        code = make_qr(content)
        if (code.mask, code.matrix) != (expected.mask, expected.matrix):
            different.append((content, code.mask, expected.mask))
    assert different == []


def test_drawings_are_the_svg_segno_draws(segno_codes):
    for content in INPUTS[::3]:
        expected = segno_codes[content].svg_inline(scale=4, dark="#000", light="#fff", border=2, omitsize=True)
        assert qr_drawing(content) == expected, content


def test_the_mask_does_not_depend_on_the_mask_drawn_first(segno_codes):
    for content in INPUTS[::25]:
        expected = segno_codes[content].mask
        probes = [segno.make(content, error="m", micro=False, mask=mask) for mask in range(8)]
        assert [best_mask(probe) for probe in probes] == [expected] * 8, content


def test_the_symbols_scored_are_the_ones_segno_scores(monkeypatch):
    scored: list[bytes] = []
    evaluate = encoder.evaluate_mask

    def recording(matrix, width, height):
        scored.append(b"\x02".join(matrix) + b"\x02")
        return evaluate(matrix, width, height)

    monkeypatch.setattr(encoder, "evaluate_mask", recording)
    for content in INPUTS[::11] + texts()[-5:]:
        scored.clear()
        code = segno_code(content)
        assert len(scored) == 8
        for mask in (0, 5, code.mask):
            assert candidates(segno.make(content, error="m", micro=False, mask=mask)) == scored


def symbol(rows: list[bytes]) -> bytes:
    return b"\x02".join(rows) + b"\x02"


def random_rows(generator: random.Random, width: int) -> list[bytes]:
    """Noise, long runs, blocks or strings of finder-like patterns (overlapping ones too), by row."""
    pieces = (
        b"\x01\x00\x01\x01\x01\x00\x01",
        b"\x01\x00\x01\x01\x01\x00\x01\x01\x01\x00\x01",
        b"\x00\x00\x00\x00",
        b"\x00",
        b"\x01",
    )
    density = generator.random()
    rows = []
    for _ in range(width):
        kind = generator.randrange(4)
        if kind == 0:
            row = bytes(generator.random() < density for _ in range(width))
        elif kind == 1:
            row = b"".join(generator.choice(pieces) for _ in range(width))[:width]
        elif kind == 2:
            row = bytes([generator.randrange(2)]) * width
        else:
            row = rows[-1] if rows else bytes(width)
        rows.append(row)
    if generator.randrange(2):  # the same pieces down the columns
        rows = [bytes(column) for column in zip(*rows, strict=True)]
    return rows


def test_scores_are_segnos_on_random_symbols():
    generator = random.Random(20261125)
    finder_like_seen = 0
    for _ in range(400):
        width = generator.choice((21, 25, 29, 33, 37, 41, 45, 49, 53, 57, 61, 77, 101))
        rows = random_rows(generator, width)
        expected = encoder.mask_scores([bytearray(row) for row in rows], width, width)
        assert mask_scores(symbol(rows), width) == expected
        finder_like_seen += expected[2] > 0
    assert finder_like_seen > 100  # the patterns N3 counts did come up


@pytest.mark.parametrize(
    "row",
    [
        "1011101" + "0" * 14,  # at the edge
        "0" * 14 + "1011101",
        "01011101" + "1" * 13,  # one light module to the edge before it
        "1" * 5 + "0000" + "1011101" + "1" * 5,
        "1" * 4 + "10111011101" + "1101" + "0000",  # overlapping: the first does not count, the second does
        "0000" + "10111011101" + "0000",  # overlapping: the first counts, so segno skips the second
        "0000" + "1011101011101" + "0000",  # overlapping by one module: the same
        "111" + "1011101" + "1" + "1011101" + "000",  # light to the edge after the second
    ],
)
def test_finder_like_patterns_count_as_segno_counts_them(row):
    line = bytes(int(module) for module in row)
    width = len(line)
    rows = [line] + [bytes(width)] * (width - 1)
    expected = encoder.mask_scores([bytearray(row) for row in rows], width, width)
    assert mask_scores(symbol(rows), width) == expected


def test_micro_codes_are_refused():
    with pytest.raises(ValueError):
        best_mask(segno.make("1", micro=True))
