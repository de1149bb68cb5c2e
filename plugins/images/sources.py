"""Reading what a source image claims to be, safely, without decoding its pixels.

Only the header is read here (format, size, EXIF orientation), with an
allow-list of formats (no EPS/PDF, whose loaders run other programs), so a
hostile file is refused before anything large is allocated: a text file named
``.jpg``, an unsupported format (HEIC from an iPhone), or a size above
``IMAGE_MAX_PIXELS``, the last told apart from a decompression bomb (a tiny
file declaring a huge picture). A truncated file is only found by decoding it,
in :mod:`.processing`.
"""

from __future__ import annotations

import os
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import (
    BmpImagePlugin,  # noqa: F401 (each plugin registers its format on import)
    GifImagePlugin,  # noqa: F401
    Image,
    JpegImagePlugin,  # noqa: F401
    PngImagePlugin,  # noqa: F401
    TiffImagePlugin,  # noqa: F401
    UnidentifiedImageError,
    WebPImagePlugin,  # noqa: F401
    features,
)

from . import messages

# JPEG covers MPO (the multi-picture JPEG of many phones); AVIF when Pillow was built with it.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP") + (("AVIF",) if features.check("avif") else ())
GRAPHIC_FORMATS = frozenset({"PNG", "GIF", "BMP"})
HEADER_EXIF_FORMATS = frozenset({"JPEG", "MPO", "WEBP", "TIFF", "AVIF"})
RASTER_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".heif", ".avif"})
# EXIF orientations 5-8 turn the picture a quarter: its width is the stored height.
QUARTER_TURNS = frozenset({5, 6, 7, 8})
EXIF_ORIENTATION = 0x0112
# A photo holds a few pixels per byte of file; a file declaring a thousand
# times more than its bytes can hold is built to exhaust memory.
BOMB_PIXELS_PER_BYTE = 1000
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1")

# Only the allowed formats are registered at once (their plugins are imported above and here):
# Image.init() would import every plugin Pillow has (about 30 ms at the start of every build).
# Naming a refused format (_other_format) lets Pillow register the others then.
if "AVIF" in ALLOWED_FORMATS:
    from PIL import AvifImagePlugin  # noqa: F401


class ImageProblem(Exception):
    """A source image the site cannot use; ``str()`` is the Vietnamese message for the editor."""


@dataclass(frozen=True)
class Probe:
    """What a source's header says: its displayed size and whether it is a drawing rather than a photo."""

    width: int
    height: int
    graphic: bool


def is_raster_name(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in RASTER_SUFFIXES


@contextmanager
def pillow_size_check_off():
    """Let Pillow read a header whatever size it declares; :func:`probe` judges the size itself."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def check_pixels(shown: str, width: int, height: int, file_size: int, max_pixels: int) -> None:
    """Raise :class:`ImageProblem` when the picture has more pixels than the site allows."""
    pixels = width * height
    if pixels <= max_pixels:
        return
    if pixels > file_size * BOMB_PIXELS_PER_BYTE:
        raise ImageProblem(messages.decompression_bomb(shown, width, height, file_size))
    raise ImageProblem(messages.too_many_pixels(shown, width, height, max_pixels))


def probe(path: str, shown: str, max_pixels: int) -> Probe:
    """The header facts of the image at ``path``; ``shown`` is how the item names it (for messages)."""
    file_size = os.path.getsize(path)
    with pillow_size_check_off():
        try:
            with Image.open(path, formats=ALLOWED_FORMATS) as image:
                width, height = image.size
                check_pixels(shown, width, height, file_size, max_pixels)
                orientation = exif_orientation(image)
                graphic = image.format in GRAPHIC_FORMATS or _has_alpha(image)
        except UnidentifiedImageError:
            raise ImageProblem(_unreadable(path, shown, file_size)) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise ImageProblem(messages.broken(shown)) from None
    if orientation in QUARTER_TURNS:
        width, height = height, width
    return Probe(width, height, graphic)


def exif_orientation(image: Image.Image) -> int:
    """The EXIF orientation, read from the header only (``getexif()`` of a PNG decodes the whole picture)."""
    if image.format in HEADER_EXIF_FORMATS:
        return image.getexif().get(EXIF_ORIENTATION, 1)
    if image.info.get("exif"):
        exif = Image.Exif()
        exif.load(image.info["exif"])
        return exif.get(EXIF_ORIENTATION, 1)
    return 1


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info


def _unreadable(path: str, shown: str, file_size: int) -> str:
    """Why Pillow could not open an image: a format the site refuses, or not an image at all."""
    with open(path, "rb") as source:
        head = source.read(32)
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return messages.unsupported(shown, "HEIC")
    other = _other_format(path)
    return messages.unsupported(shown, other) if other else messages.not_an_image(shown, file_size)


def _other_format(path: str) -> str | None:
    """The name of a format Pillow knows but the site refuses (PSD, ICO, EPS…); only the header is read."""
    try:
        with Image.open(path) as image:
            return image.format
    except Exception:  # any failure here just means "not an image we can name"
        return None
