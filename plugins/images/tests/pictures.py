"""Pictures for the tests, made in memory: ordinary photos, a phone photo full of metadata, and hostile files."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw

from plugins.images.sample_photos import exif_with_thumbnail

PHONE_MAKE = "TestPhone"
PHONE_OWNER = "Nguoi Chup Anh"
PHONE_COMMENT = b"binh luan rieng tu"


def scene(size: tuple[int, int], seed: int = 0) -> Image.Image:
    """A picture with detail in it (blocks of colour and noise), so encoders have work to do."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle((x, y, x + size[0] // 6, y + size[1] // 6), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    return Image.blend(image, Image.effect_noise(size, 40).convert("RGB"), 0.15)


def jpeg(size: tuple[int, int] = (1700, 1200), seed: int = 0, **options) -> bytes:
    buffer = io.BytesIO()
    scene(size, seed).save(buffer, "JPEG", quality=85, **options)
    return buffer.getvalue()


def png(size: tuple[int, int] = (600, 400), alpha: bool = False) -> bytes:
    buffer = io.BytesIO()
    image = scene(size, 7).convert("RGBA" if alpha else "RGB")
    if alpha:
        image.putalpha(Image.linear_gradient("L").resize(size))
    image.save(buffer, "PNG")
    return buffer.getvalue()


def phone_photo(stored_size: tuple[int, int] = (1200, 1600), orientation: int = 6) -> bytes:
    """A JPEG as a phone saves it: stored sideways with orientation 6, GPS, camera, owner, thumbnail, XMP, comment, ICC."""
    exif = Image.Exif()
    exif[0x010F] = PHONE_MAKE
    exif[0x0110] = "Model X"
    exif[0x013B] = PHONE_OWNER
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (10.0, 15.0, 21.0), "E", (105.0, 58.0, 12.0)
    thumbnail = io.BytesIO()
    scene((120, 160)).save(thumbnail, "JPEG")
    buffer = io.BytesIO()
    scene(stored_size, 3).save(
        buffer, "JPEG", quality=85,
        exif=exif_with_thumbnail(exif, thumbnail.getvalue()),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
        comment=PHONE_COMMENT,
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    """A photo cut off halfway, as an interrupted copy leaves it."""
    whole = jpeg((800, 600), seed=5)
    return whole[: len(whole) // 2]


def text_named_jpg() -> bytes:
    return "<!DOCTYPE html><html><body>Trang lỗi 404 được lưu thành ảnh</body></html>\n".encode()


def heic_header() -> bytes:
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def decompression_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few hundred bytes that declares ``width × height`` pixels (ten gigapixels by default)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")
