"""What the plugin makes of one source image: the files (renditions), their names, sizes and formats.

Everything here is decided from the source's content hash, its displayed size
(after EXIF orientation) and the settings, before any pixel is decoded, so an
item's HTML can name its files while it is read and the pool only has to make
the ones not already in the cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import PIL

# Bump when the processing changes in a way the settings do not show: every
# cached file is then made again.
PROCESSING_VERSION = "4"  # 4: smaller photo renditions resized from larger ones (processing.CASCADE_RATIO)

FIT = "fit"  # resize to a width, keeping the aspect ratio
COVER = "cover"  # scale and centre-crop to exactly width × height

MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
SUFFIXES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class Params:
    """The settings that change the bytes of a rendition; part of every cache key."""

    widths: tuple[int, ...] = (480, 960, 1600)
    thumbnail: tuple[int, int] = (128, 96)
    og: tuple[int, int] = (1200, 630)
    jpeg_quality: int = 80
    webp_quality: int = 75
    max_pixels: int = 50_000_000

    def fingerprint(self) -> str:
        """What the cache key adds to the source's hash: these values, the processing and Pillow's version."""
        return f"{PROCESSING_VERSION}|{PIL.__version__}|{self.widths}|{self.thumbnail}|{self.og}|{self.jpeg_quality}|{self.webp_quality}"


@dataclass(frozen=True)
class Rendition:
    """One published file made from a source: ``name`` under the images folder of the site."""

    name: str
    width: int
    height: int
    format: str
    mode: str = FIT

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


@dataclass(frozen=True)
class Plan:
    """A source image and everything the site publishes from it."""

    source: str  # absolute path
    key: str  # content hash of the source bytes and the Params
    width: int  # as displayed, after EXIF orientation
    height: int
    graphic: bool  # PNG fallback (drawings, screenshots, transparency) instead of JPEG
    params: Params = field(default_factory=Params)

    stem: str = "anh"  # from the source's file name, for people who save the picture

    def file_name(self, variant: str, suffix: str) -> str:
        """``quay-mot-cua-960.<key>.webp``: the hash just before the extension marks it as never changing
        (the web server lets browsers keep such files a year; deploy/nginx/cchc.conf)."""
        return f"{self.stem}-{variant}.{self.key}.{suffix}"

    @property
    def fallback_format(self) -> str:
        return "PNG" if self.graphic else "JPEG"

    def widths(self) -> list[int]:
        """The widths of the responsive variants, never wider than the source.

        A source narrower than the largest configured width adds its own width
        as the top variant, unless a configured one is already within 15 % of it.
        """
        fitting = sorted(width for width in self.params.widths if width <= self.width)
        if self.width < max(self.params.widths) and (not fitting or self.width > fitting[-1] * 1.15):
            fitting.append(self.width)
        return fitting

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))

    def responsive(self, image_format: str) -> list[Rendition]:
        suffix = SUFFIXES[image_format]
        return [Rendition(self.file_name(str(w), suffix), w, self.height_at(w), image_format) for w in self.widths()]

    def thumbnails(self, image_format: str) -> list[Rendition]:
        """The listing thumbnail at 1x and 2x (2x only when the source has the pixels for it)."""
        base_w, base_h = self.params.thumbnail
        suffix = SUFFIXES[image_format]
        made = []
        for scale in (1, 2):
            width, height = cover_size(self.width, self.height, base_w * scale, base_h * scale)
            if scale == 2 and width < base_w * 2:
                break
            made.append(Rendition(self.file_name(f"t{width}", suffix), width, height, image_format, COVER))
        return made

    def og_image(self) -> Rendition:
        """The 1200×630 card for Zalo and Facebook; enlarged if the source is smaller (a card, not the page)."""
        width, height = self.params.og
        return Rendition(self.file_name("og", "jpg"), width, height, "JPEG", COVER)

    def page_renditions(self) -> list[Rendition]:
        return self.responsive("WEBP") + self.responsive(self.fallback_format)

    def lead_renditions(self) -> list[Rendition]:
        return self.thumbnails("WEBP") + self.thumbnails(self.fallback_format) + [self.og_image()]


def cover_size(width: int, height: int, wanted_w: int, wanted_h: int) -> tuple[int, int]:
    """``wanted_w × wanted_h``, scaled down to fit inside ``width × height`` when the source is smaller."""
    scale = min(1.0, width / wanted_w, height / wanted_h)
    return max(1, round(wanted_w * scale)), max(1, round(wanted_h * scale))


def cache_key(source_digest: str, params: Params) -> str:
    """The name stem of every file made from a source: 20 hex digits of its content hash and the params."""
    return hashlib.sha256(f"{source_digest}|{params.fingerprint()}".encode()).hexdigest()[:20]


def file_digest(path: str) -> str:
    """SHA-256 of a file's bytes, read in blocks (phone photos are 4-12 MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
