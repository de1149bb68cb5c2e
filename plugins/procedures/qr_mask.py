"""segno's choice of QR data mask, reproduced fast: the codes are the ones segno draws, in a fraction of the time.

segno (pinned at 1.6.6) chooses a code's data mask by drawing all eight masks
and scoring each one (ISO/IEC 18004 penalty rules N1 to N4) with Python loops
over every module: about two thirds of the time a code takes. Here a code is
drawn once with any mask (:data:`PROBE`), the mask is taken off again, and the
eight candidates are scored with whole-symbol operations (``bytes`` searches,
regular expressions, big-integer arithmetic) instead. segno then draws the
code with the mask that won, so every module, and every SVG byte, is still
segno's own.

The scores must be segno's exactly, quirks included, or a tie could break the
other way: the format and version areas are scored light (segno scores the
masks before writing them), a 1:1:3:1:1 pattern counts when light on either
side up to four modules *or up to the symbol's edge*, and the search for the
next such pattern resumes where segno's does (overlapping patterns are not
all counted).

A symbol is handled as one ``bytes`` string of modules, row after row, each
row followed by a separator byte (2) that no penalty pattern can span; as an
integer (big-endian, one byte a module) the same string lets a single XOR
apply a mask to every module at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import segno
from segno import encoder

# Any mask will do to draw the code the first time, and its drawing is kept when it turns out best:
# segno chooses mask 2 for about half of the procedure addresses (the tests' inputs), mask 0 hardly ever.
PROBE = 2
MASKS = range(8)
SEPARATOR = 2
# N3: dark-light-dark-dark-dark-light-dark, then light up to four modules or to the edge (a separator)
# after it, or else before it. segno searches on from the end of a pattern that counted, so of two
# overlapping patterns only the first counts; after one that did not count it searches on from its
# third dark module: the regular expression's own left-to-right, non-overlapping matching does both
# (the pattern cannot overlap itself by fewer than four modules).
_FINDER_LIKE = re.compile(
    rb"\x01\x00\x01\x01\x01\x00\x01"
    rb"(?:(?=\x00{4}|\x00{0,3}\x02)"
    rb"|(?<=[\x00\x02]\x00\x00\x00[\x00-\x02]{7})|(?<=\x02\x00\x00[\x00-\x02]{7})"
    rb"|(?<=\x02\x00[\x00-\x02]{7})|(?<=\x02[\x00-\x02]{7}))"
)


def make_qr(content: str, error: str = "m") -> segno.QRCode:
    """The same code as ``segno.make(content, error=error, micro=False)``, drawn several times faster.

    segno draws it once or twice with a given mask, which costs it one
    masking instead of eight masks and their scores.
    """
    probe = segno.make(content, error=error, micro=False, mask=PROBE)
    best = best_mask(probe)
    if best == probe.mask:
        return probe
    return segno.make(content, error=error, micro=False, mask=best)


def best_mask(code: segno.QRCode) -> int:
    """The mask segno's own search would choose for the content of ``code`` (a QR code drawn with any mask)."""
    return _lowest_score(candidates(code), len(code.matrix))


def best_unmasked_mask(data: int, width: int) -> int:
    """The mask segno chooses for a symbol whose data region, not masked yet, is ``data`` (laid out as in :func:`mask_scores`)."""
    layout = _layout(width)
    lines = layout.with_columns(data)
    scores = [sum(layout.scores(lines, mask)) for mask in MASKS]
    return scores.index(min(scores))  # segno keeps the first of equal scores, as in _lowest_score


def _lowest_score(symbols: list[bytes], width: int) -> int:
    scores = [sum(mask_scores(symbol, width)) for symbol in symbols]
    # segno keeps the first of equal scores (only a strictly lower score replaces the best so far).
    return scores.index(min(scores))


def candidates(code: segno.QRCode) -> list[bytes]:
    """The symbols segno scores when it chooses the mask of ``code``'s content, mask 0 to 7, laid out as in :func:`mask_scores`.

    The mask of ``code`` is taken off its data modules again (XOR is its own
    inverse); its format and version information, written after the choice,
    are dropped: segno scores those areas light.
    """
    if code.is_micro:
        raise ValueError("segno scores the masks of Micro QR codes differently")
    layout = _layout(len(code.matrix))
    drawn = int.from_bytes(_joined(code.matrix), "big")
    data = (drawn & layout.region) ^ layout.patterns[code.mask]
    return [layout.masked(data, mask) for mask in MASKS]


def mask_scores(modules: bytes, width: int) -> tuple[int, int, int, int]:
    """The penalty scores (N1, N2, N3, N4) segno's ``encoder.mask_scores`` gives a square symbol.

    ``modules`` holds ``width`` rows of ``width`` modules (0 light, 1 dark),
    each row followed by one separator byte (2).
    """
    # Columns are scored as the rows of the transposed symbol, appended in the same layout.
    lines = modules + _columns(modules, width)
    return _line_scores(int.from_bytes(lines, "big"), lines, width)


def _line_scores(symbol: int, lines: bytes, width: int) -> tuple[int, int, int, int]:
    """:func:`mask_scores` of the rows and columns ``lines``, given as bytes and as the integer ``symbol``."""
    # One byte a module, so a shift by 8 bits moves every module one place on: a zero byte here is a
    # module of the same colour as the one before it. A separator is never 0 or 1, so it differs from
    # its neighbours and no run or block spans two lines.
    left = symbol ^ (symbol >> 8)
    return (
        _runs(left, len(lines)),
        _blocks(symbol, left, len(lines), width),
        _finder_like(lines),
        _balance(lines, width),
    )


class _Layout:
    """What every code of one size shares, as integers (one byte a module, rows as in :func:`mask_scores`).

    The ``lines_`` values hold the rows and then the columns, the symbol
    :func:`mask_scores` scores, so the eight candidates of one code need a
    single transposition (of its unmasked data) instead of eight.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self.length = width * (width + 1)
        self.fixed, self.region, self.patterns = _fixed_region_and_patterns(width)
        self.lines_fixed = self.with_columns(self.fixed)
        self.lines_patterns = tuple(self.with_columns(pattern) for pattern in self.patterns)

    def masked(self, data: int, mask: int) -> bytes:
        """The symbol segno scores for ``mask``: masked data, function patterns, light format and version areas."""
        return ((data ^ self.patterns[mask]) | self.fixed).to_bytes(self.length, "big")

    def with_columns(self, symbol: int) -> int:
        """``symbol``'s rows followed by its columns (laid out as rows), as :func:`mask_scores` scores them."""
        modules = symbol.to_bytes(self.length, "big")
        return int.from_bytes(modules + _columns(modules, self.width), "big")

    def scores(self, lines_data: int, mask: int) -> tuple[int, int, int, int]:
        """:func:`mask_scores` of the candidate for ``mask``, from the unmasked data's rows and columns."""
        symbol = (lines_data ^ self.lines_patterns[mask]) | self.lines_fixed
        return _line_scores(symbol, symbol.to_bytes(2 * self.length, "big"), self.width)


@lru_cache(maxsize=64)
def _layout(width: int) -> _Layout:
    return _Layout(width)


def _fixed_region_and_patterns(width: int) -> tuple[int, int, tuple[int, ...]]:
    """The symbol as segno has it before masking: which modules carry data, and the mask of each pattern there.

    Uses segno's own encoder helpers (1.6.6) so that the data region, the
    function patterns and the still-light reserved areas are exactly the ones
    its ``find_and_apply_best_mask`` works with: a matrix made by
    ``make_matrix`` (timing patterns, light reserved areas, 2 for "not drawn
    yet") with the finder and alignment patterns added; the modules still 2
    are the data region. Returns ``(fixed, region, patterns)``: the function
    modules and separators (region modules zero), 1 on each region module,
    and for each mask 1 on the region modules it darkens.
    """
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    fixed = _as_int((bytes(0 if value == 2 else value for value in row) for row in matrix), SEPARATOR)
    region = _as_int((bytes(value == 2 for value in row) for row in matrix), 0)
    patterns = tuple(
        _as_int((bytes(row[j] == 2 and bool(darkens(i, j)) for j in range(width)) for i, row in enumerate(matrix)), 0)
        for darkens in encoder.get_data_mask_functions(False)
    )
    return fixed, region, patterns


def _as_int(rows: Iterable[bytes], separator: int) -> int:
    return int.from_bytes(_joined(rows, separator), "big")


def _joined(rows: Iterable[bytes | bytearray], separator: int = SEPARATOR) -> bytes:
    """Rows of modules as one string, each row followed by ``separator``."""
    end = bytes((separator,))
    return end.join(rows) + end


def _columns(modules: bytes, width: int) -> bytes:
    """The symbol transposed, in the same layout."""
    stride = width + 1
    return _joined(modules[j::stride] for j in range(width))


def _runs(left: int, length: int) -> int:
    """N1: 3 points for five modules of one colour in a line, 1 more for each further module.

    A run of n >= 5 modules holds n - 4 windows of five (a zero byte in
    ``windows``) and scores n - 2: the windows plus 2 for the first one,
    which is a window whose predecessor is not.
    """
    windows = left | (left >> 8) | (left >> 16) | (left >> 24)
    pairs = windows | (windows >> 8)
    # The first four bytes compare with modules before the string: a window ends at the fifth module at the earliest.
    window_count = windows.to_bytes(length, "big").count(0, 4)
    first_count = window_count - pairs.to_bytes(length, "big").count(0, 5)
    return window_count + 2 * first_count


def _blocks(symbol: int, left: int, length: int, width: int) -> int:
    """N2: 3 points for each 2×2 block of one colour (overlapping blocks all count), on the rows only."""
    stride = width + 1
    up = symbol ^ (symbol >> (8 * stride))
    # Zero where a module matches its left and upper neighbours and its left neighbour its own upper one;
    # the first row has no upper neighbour, and the columns after the rows would count every block twice.
    differences = (left | up | (up >> 8)).to_bytes(length, "big")
    return 3 * differences.count(0, stride, width * stride)


def _finder_like(lines: bytes) -> int:
    """N3: 40 points for each 1:1:3:1:1 pattern with light modules (or the edge) up to four modules on one side.

    A separator before the first line lets the look-behinds see its edge too.
    """
    return 40 * len(_FINDER_LIKE.findall(bytes((SEPARATOR,)) + lines))


def _balance(lines: bytes, width: int) -> int:
    """N4: 10 points for each full 5 % the share of dark modules is away from half (segno's float arithmetic).

    ``lines`` starts with the symbol's rows (the columns after them, if any, are not counted).
    """
    percent = float(lines.count(1, 0, width * (width + 1))) / (width**2)
    return 10 * int(abs(percent * 100 - 50) / 5)
