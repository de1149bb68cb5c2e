"""segno's QR codes and their inline SVG, drawn with whole-symbol operations: the same bytes, several times faster.

segno (pinned at 1.6.6) draws a code in pure Python, module by module: it
places every bit of the message with a loop over the symbol, masks it with a
call per module, computes the error correction one coefficient at a time and
writes the SVG path through three generators. Most of that depends only on
the code's version, so here it is worked out once per version (with segno's
own helpers, so it is theirs by construction) and every code only fills in
its bits:

* the message bits come from segno's own encoder functions (mode, version,
  error level boost, terminator and padding, quirks included);
* the error correction uses one precomputed table per generator polynomial,
  so a data codeword costs one big-integer step instead of a loop;
* the bits go to their modules by a precomputed order (segno's own
  placement, recorded once per version);
* the mask is :mod:`.qr_mask`'s choice, and masking, function patterns,
  format and version information are an XOR and two ORs of integers;
* the SVG path is read off the symbol with one regular expression.

A symbol is laid out as in :mod:`.qr_mask`: rows of modules (0 light,
1 dark), each followed by a separator byte (2).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import zip_longest
from operator import itemgetter

from segno import consts, encoder

from .qr_mask import _as_int, _layout, best_unmasked_mask

# segno's svg_inline(scale=4, dark="#000", light="#fff", border=2, omitsize=True), the drawing of qr.py.
SCALE = 4
BORDER = 2
_BIT_STRINGS = tuple(bytes((value >> shift) & 1 for shift in range(7, -1, -1)) for value in range(256))


def qr_svg_inline(content: str, error: str = "m") -> str:
    """``segno.make(content, error=error, micro=False).svg_inline(...)`` with the parameters of :data:`SCALE`."""
    symbol, width = qr_symbol(content, error)
    return svg_inline(symbol, width)


def qr_symbol(content: str, error: str = "m") -> tuple[bytes, int]:
    """The modules of ``segno.make(content, error=error, micro=False)`` (laid out as in :mod:`.qr_mask`) and its width."""
    version, level, bits = message_bits(content, error)
    width = encoder.calc_matrix_size(version)
    data = int.from_bytes(_placement(version)(bits + b"\x00"), "big")
    mask = best_unmasked_mask(data, width)
    layout = _layout(width)
    drawn = (data ^ layout.patterns[mask]) | layout.fixed | _format_and_version(version, level, mask)
    return drawn.to_bytes(layout.length, "big"), width


def message_bits(content: str, error: str) -> tuple[int, int, bytes]:
    """The version, the (boosted) error level and the final message, one byte a bit, remainder bits included.

    The steps are segno's ``encode`` and ``_encode`` for a QR (not Micro) code
    without ECI or Structured Append, with its own functions, up to the final message.
    """
    level = encoder.normalize_errorlevel(error)
    segments = encoder.prepare_data(content, None, None)
    version = encoder.find_version(segments, level, eci=False, micro=False)
    level = encoder.boost_error_level(version, level, segments, False)
    buff = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buff, segment, None, encoder.version_range(version), False)
    capacity = consts.SYMBOL_CAPACITY[version][level]
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    return version, level, final_message(version, level, buff.getbits())


def final_message(version: int, level: int, bits: bytes | bytearray) -> bytes:
    """segno's ``make_final_message`` for a QR code: data and error codewords interleaved by block, as bits."""
    padded = bytes(bits) + bytes(-len(bits) % 8)  # segno reads a last partial codeword with zeros after it
    codewords = int(padded.translate(_AS_DIGITS), 2).to_bytes(len(padded) // 8, "big") if padded else b""
    data_blocks, error_blocks = [], []
    start = 0
    for info in consts.ECC[version][level]:
        for _ in range(info.num_blocks):
            block = codewords[start : start + info.num_data]
            start += info.num_data
            data_blocks.append(block)
            error_blocks.append(error_codewords(block, info.num_total - info.num_data))
    message = bytes(_interleaved(data_blocks) + _interleaved(error_blocks))
    return b"".join(_BIT_STRINGS[value] for value in message) + bytes(_REMAINDER_BITS.get(version, 0))


_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_REMAINDER_BITS = {**dict.fromkeys((2, 3, 4, 5, 6), 7), **dict.fromkeys((*range(14, 21), *range(28, 35)), 3), **dict.fromkeys(range(21, 28), 4)}


def _interleaved(blocks: list[bytes]) -> list[int]:
    return [value for column in zip_longest(*blocks) for value in column if value is not None]


def error_codewords(block: bytes, count: int) -> bytes:
    """The Reed-Solomon remainder of ``block`` (segno's ``make_blocks``), one table look-up and XOR a codeword."""
    table = _generator_table(count)
    shift = 8 * (count - 1)
    full = (1 << (8 * count)) - 1
    remainder = 0
    for value in block:
        remainder = ((remainder << 8) & full) ^ table[value ^ (remainder >> shift)]
    return remainder.to_bytes(count, "big")


@cache
def _generator_table(count: int) -> tuple[int, ...]:
    """For each leading coefficient, the generator polynomial times it (what segno's division XORs in), as an integer."""
    generator, log, exp = consts.GEN_POLY[count], consts.GALIOS_LOG, consts.GALIOS_EXP
    table = [0]
    for coefficient in range(1, 256):
        product = bytes(exp[log[coefficient] + power] for power in generator)
        table.append(int.from_bytes(product, "big"))
    return tuple(table)


@lru_cache(maxsize=64)
def _placement(version: int) -> itemgetter:
    """Puts the message's bits (and a 0 after them) on the symbol: segno's ``add_codewords`` order, recorded once.

    Every module outside the data region, and every separator, takes the 0
    after the message, so the result is the data region alone.
    """
    width = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    placed: list[int] = []
    rows = tuple(_RecordingRow(row, i * (width + 1), placed) for i, row in enumerate(matrix))
    size = sum(row.count(2) for row in matrix)
    encoder.add_codewords(rows, bytes(size), version)
    if len(placed) != size:  # pragma: no cover - segno's own check would have raised
        raise ValueError("the data region is not filled")
    source = [size] * (width * (width + 1))
    for bit, index in enumerate(placed):
        source[index] = bit
    return itemgetter(*source)


class _RecordingRow:
    """A row of segno's matrix that notes in ``placed`` where ``add_codewords`` puts each bit (as an index in the symbol)."""

    def __init__(self, row: bytearray, start: int, placed: list[int]) -> None:
        self.row, self.start, self.placed = row, start, placed

    def __getitem__(self, j: int) -> int:
        return self.row[j]

    def __setitem__(self, j: int, value: int) -> None:
        self.row[j] = value
        self.placed.append(self.start + j)


@lru_cache(maxsize=256)
def _format_and_version(version: int, level: int, mask: int) -> int:
    """The dark modules of the format and version information (and the dark module), segno's own helpers."""
    width = encoder.calc_matrix_size(version)
    matrix = tuple(bytearray(width) for _ in range(width))
    encoder.add_format_info(matrix, version, level, mask)
    encoder.add_version_info(matrix, version)
    return _as_int(matrix, 0)


def svg_inline(symbol: bytes, width: int) -> str:
    """segno's ``svg_inline`` of the symbol with the parameters of :data:`SCALE`: the same bytes.

    segno draws the runs of dark modules, row after row, as one path of moves
    relative to the end of the run before (``m dx dy h length``), the first
    one absolute and at the middle of its row (``y`` + 0.5, the stroke's half
    width); its background is a filled square, the shorter path drawn first.
    """
    side = width + 2 * BORDER
    dark = f'<path class="qrline" stroke="#000" d="{svg_path(symbol, width)}"/>'
    light = f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
    paths = "".join(sorted((dark, light), key=len))
    return f'<svg viewBox="0 0 {side * SCALE} {side * SCALE}" class="segno"><g transform="scale({SCALE})">{paths}</g></svg>'


def svg_path(symbol: bytes, width: int) -> str:
    """The moves of segno's path, a row at a time: after a row's first run, a move depends only on the run and the gap before it."""
    moves: list[str] = []
    end = previous = None
    for line, row in enumerate(symbol.split(b"\x02", width)[:width]):
        runs = _LIGHT_THEN_DARK.findall(row)
        if not runs:
            continue
        light, dark = runs[0]
        if end is None:
            moves.append(f"M{len(light) + BORDER} {line + BORDER + 0.5}h{len(dark)}")
        else:
            moves.append(f"m{len(light) - end} {line - previous}h{len(dark)}")
        moves.extend(map(_IN_ROW.__getitem__, runs[1:]))
        end, previous = len(row.rstrip(b"\x00")), line
    return "".join(moves)


class _MovesInRow(dict):
    """``(light, dark)`` runs to their move, made when first met (at most one per gap and length: a few thousand)."""

    def __missing__(self, runs: tuple[bytes, bytes]) -> str:
        move = self[runs] = f"m{len(runs[0])} 0h{len(runs[1])}"
        return move


_LIGHT_THEN_DARK = re.compile(rb"(\x00*)(\x01+)")
_IN_ROW = _MovesInRow()
