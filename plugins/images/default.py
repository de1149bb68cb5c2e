"""The site's own picture for what has none: a 1200×630 card (emblem and the site's name) and a listing thumbnail.

Shared links to a page or an item without an image show the card; listings
show the emblem thumbnail beside an item without an image, so every row has
the same shape. The emblem comes from ``IMAGE_DEFAULT_EMBLEM``, else
``SITE_OWNER["emblem"]`` when it is a raster file, else the theme's simplified
emblem (``images/quoc-huy.svg``), drawn here with Pillow. The name is drawn with ``IMAGE_FONT``, else the first
Vietnamese-capable system font found (DejaVu, Liberation, Noto); without one
the card is the emblem alone.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont, ImageOps

from . import markup
from .processing import JobResult, save_atomically, start_worker
from .renditions import COVER, Params, Plan, Rendition
from .sources import ALLOWED_FORMATS, is_raster_name

DEFAULT_VERSION = "2"  # 2: the drawn emblem reduced by 4×4 means instead of Lanczos
BRAND = (138, 16, 32)
RED = (218, 37, 29)
GOLD = (242, 194, 0)
EMBLEM_DRAWING_SIDE = 512
SUPERSAMPLING = 4
WHITE = (255, 255, 255)
TILE_SIZE = (512, 384)
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/opentype/noto/NotoSans-Bold.ttf",
)


def default_font(settings: dict) -> str | None:
    """``IMAGE_FONT``, else the first system font of :data:`FONT_CANDIDATES` that exists."""
    configured = settings.get("IMAGE_FONT")
    if configured:
        return configured if os.path.isfile(configured) else None
    return next((path for path in FONT_CANDIDATES if os.path.isfile(path)), None)


def default_emblem(settings: dict) -> str | None:
    """The raster picture the default is made from (see the module's docstring)."""
    content, theme_static = Path(settings["PATH"]), Path(settings["THEME"]) / "static"
    wanted = [settings.get("IMAGE_DEFAULT_EMBLEM"), (settings.get("SITE_OWNER") or {}).get("emblem")]
    for relative in filter(None, wanted):
        if not is_raster_name(relative):
            continue
        for folder in (content, theme_static):
            candidate = folder / relative.strip().lstrip("/")
            if candidate.is_file():
                return str(candidate)
    return None


@dataclass(frozen=True)
class DefaultJob:
    """Draw the card and the tile, and save the renditions of each into ``cache_dir``."""

    emblem: str | None
    owner: str
    site_name: str
    font: str | None
    card: Rendition
    thumbnails: tuple[Rendition, ...]
    cache_dir: str
    params: Params = field(default_factory=Params)
    graphic: bool = False
    shown: str = "ảnh mặc định của trang"

    @property
    def source(self) -> str:
        return self.emblem or ""

    @property
    def renditions(self) -> tuple[Rendition, ...]:
        return (self.card, *self.thumbnails)

    def run(self) -> JobResult:
        start_worker(self.params.max_pixels)
        emblem = _emblem_picture(self.emblem)
        card = draw_card(emblem, self.owner, self.site_name, self.font, (self.card.width, self.card.height))
        save_atomically(card, self.card, self)
        tile = draw_tile(emblem, TILE_SIZE)
        for rendition in self.thumbnails:
            save_atomically(ImageOps.fit(tile, (rendition.width, rendition.height), Image.Resampling.LANCZOS), rendition, self)
        return JobResult(self.source, len(self.renditions), None, os.getpid())


@dataclass(frozen=True)
class DefaultImage:
    """The default's files and the HTML of its thumbnail."""

    job: DefaultJob
    og_url: str
    thumbnail_html: Markup

    @property
    def renditions(self) -> tuple[Rendition, ...]:
        return self.job.renditions


def default_image(settings: dict, params: Params, cache_dir: Path, base_url: str, folder: str) -> DefaultImage:
    """The site's default card and thumbnail, named by a hash of everything drawn into them."""
    emblem, font = default_emblem(settings), default_font(settings)
    owner = (settings.get("SITE_OWNER") or {}).get("name", "")
    site_name = settings.get("SITENAME", "")
    digest = hashlib.sha256(f"{DEFAULT_VERSION}|{params.fingerprint()}|{owner}|{site_name}".encode())
    for path in filter(None, (emblem, font)):
        digest.update(Path(path).read_bytes())
    tile = Plan("", digest.hexdigest()[:20], TILE_SIZE[0], TILE_SIZE[1], False, params, stem="mac-dinh")
    webp, jpeg = tile.thumbnails("WEBP"), tile.thumbnails("JPEG")
    # Flat colours and text: PNG is both smaller and sharper than JPEG here.
    card = Rendition(tile.file_name("og", "png"), *params.og, "PNG", COVER)
    job = DefaultJob(emblem, owner, site_name, font, card, tuple(webp + jpeg), str(cache_dir), params)
    html = markup.thumbnail(webp, jpeg, base_url, "item-card__thumb item-card__thumb--default")
    return DefaultImage(job, f"{folder}/{job.card.name}", html)


def _emblem_picture(path: str | None) -> Image.Image:
    if not path:
        return drawn_emblem(EMBLEM_DRAWING_SIDE)
    with Image.open(path, formats=ALLOWED_FORMATS) as image:
        return image.convert("RGBA")


def drawn_emblem(side: int) -> Image.Image:
    """The theme's simplified emblem (theme/static/images/quoc-huy.svg, a 100×100 drawing) at ``side`` pixels."""
    scale = side * SUPERSAMPLING / 100  # drawn four times larger, then reduced: smooth edges
    emblem = Image.new("RGBA", (side * SUPERSAMPLING, side * SUPERSAMPLING), (0, 0, 0, 0))
    draw = ImageDraw.Draw(emblem)

    def circle(cx: float, cy: float, r: float, fill) -> None:
        draw.ellipse([(cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale], fill=fill)

    circle(50, 50, 48, GOLD)
    circle(50, 50, 41, RED)
    for start, end in ((148, 238), (302, 392)):  # the two ears of rice, as dashed arcs
        for dash in range(start, end, 9):
            draw.arc([14 * scale, 14 * scale, 86 * scale, 86 * scale], dash, dash + 4, fill=GOLD, width=round(5 * scale))
    star = (50, 15, 57.6, 37.5, 81.4, 37.8, 62.4, 52, 69.4, 74.8, 50, 61, 30.6, 74.8, 37.6, 52, 18.6, 37.8, 42.4, 37.5)
    draw.polygon([value * scale for value in star], fill=GOLD)
    circle(50, 86, 9, GOLD)
    draw.rectangle([47.5 * scale, 74 * scale, 52.5 * scale, 98 * scale], fill=GOLD)
    draw.rectangle([38 * scale, 83.5 * scale, 62 * scale, 88.5 * scale], fill=GOLD)
    circle(50, 86, 4, RED)
    # Each pixel the mean of its 4×4 drawn ones (the share of it each shape covers): the usual smoothing
    # of a drawing made larger, a quarter of the cost of a Lanczos resize of 2048² RGBA.
    return emblem.reduce(SUPERSAMPLING)


def _emblem_square(emblem: Image.Image, side: int) -> Image.Image:
    """The emblem fitted, whole, in a transparent square."""
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    fitted = ImageOps.contain(emblem, (side, side), Image.Resampling.LANCZOS)
    square.paste(fitted, ((side - fitted.width) // 2, (side - fitted.height) // 2))
    return square


def draw_tile(emblem: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The emblem centred on its background, at ``size`` (4:3)."""
    tile = Image.new("RGB", size, BRAND)
    side = round(size[1] * 0.8)
    square = _emblem_square(emblem, side)
    tile.paste(square, ((size[0] - side) // 2, (size[1] - side) // 2), square)
    return tile


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_card(emblem: Image.Image, owner: str, site_name: str, font_path: str | None, size: tuple[int, int]) -> Image.Image:
    """Emblem on the left, the owner's name (gold capitals) and the site's name (white) on the right."""
    width, height = size
    card = Image.new("RGB", size, BRAND)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, height - 24, width, height), fill=GOLD)
    side = round(height * 0.62)
    left = 70 if font_path else (width - side) // 2
    square = _emblem_square(emblem, side)
    card.paste(square, (left, (height - 24 - side) // 2), square)
    if font_path:
        _draw_names(draw, owner, site_name, font_path, left + side + 60, width - 60, height - 24)
    return card


def _draw_names(draw: ImageDraw.ImageDraw, owner: str, site_name: str, font_path: str, left: int, right: int, bottom: int) -> None:
    owner_font = ImageFont.truetype(font_path, 34)
    name_font = ImageFont.truetype(font_path, 54)
    owner_lines = _wrapped(draw, owner.upper(), owner_font, right - left)
    name_lines = _wrapped(draw, site_name, name_font, right - left)
    total = len(owner_lines) * 46 + 24 + len(name_lines) * 70
    y = max(40, (bottom - total) // 2)
    for line in owner_lines:
        draw.text((left, y), line, font=owner_font, fill=GOLD)
        y += 46
    y += 24
    for line in name_lines:
        draw.text((left, y), line, font=name_font, fill=WHITE)
        y += 70
