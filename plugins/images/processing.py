"""Making the published files of one source image, in a worker process.

Each job decodes its source once (JPEG at a reduced scale when no file needs
the full size), turns it upright by its EXIF orientation, converts it to sRGB,
and writes each missing rendition into the cache. Nothing of the source's
metadata is carried over: every file is saved from pixels alone (no EXIF, GPS,
XMP, comment, thumbnail or ICC profile; sRGB is the web's default). Files are
written under a temporary name and renamed, so a cache file is always whole,
and the same source and settings always give the same bytes.
"""

from __future__ import annotations

import io
import os
import zlib
from dataclasses import dataclass, field

from PIL import Image, ImageCms, ImageFile, ImageOps

from . import messages
from .renditions import COVER, Params, Rendition
from .sources import ALLOWED_FORMATS, QUARTER_TURNS, ImageProblem, check_pixels, exif_orientation

RESAMPLE = Image.Resampling.LANCZOS
# Shrink by whole steps first while the last resampling still shrinks at least this much:
# at 3 and above Pillow documents the result as indistinguishable from a direct resampling.
REDUCING_GAP = 3.0
# A photo's rendition is resized from the smallest picture already made (a smaller width of it, or the
# decoded picture) that is still this many times as large in each direction, not always from the full
# picture: shrinking 2400 px to 480 costs five times as much as 960 to 480. Lanczos twice stays sharp
# (no softer, by a mean edge strength within 2 %) and within a mean 0.5 of 255 of the direct resize.
# Graphics (charts, text) are always resized from the picture: their edges show every difference.
CASCADE_RATIO = 1.5
COVER_CENTRE = (0.5, 0.45)  # a little above the middle: faces and banners sit high in event photos
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, zlib.error, Image.DecompressionBombError)


@dataclass(frozen=True)
class Job:
    """Make ``renditions`` of the image at ``source`` into ``cache_dir``."""

    source: str
    shown: str
    graphic: bool
    renditions: tuple[Rendition, ...]
    cache_dir: str
    params: Params = field(default_factory=Params)

    def run(self) -> JobResult:
        start_worker(self.params.max_pixels)
        return run_job(self)


@dataclass(frozen=True)
class JobResult:
    source: str
    made: int
    problem: str | None
    worker: int


def perform(job) -> JobResult:
    """What a pool worker runs: any job with a ``run()`` (a source's files, or the site's default picture)."""
    return job.run()


def start_worker(max_pixels: int) -> None:
    """Pillow's own limits in a worker: no truncated image is ever accepted, and its bomb check matches ours."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    Image.MAX_IMAGE_PIXELS = max_pixels


def run_job(job: Job) -> JobResult:
    """Do ``job``; a source that cannot be used comes back as a Vietnamese ``problem``, never as an exception."""
    try:
        picture = upright_srgb(job)
        resized: dict[tuple[int, int, str], Image.Image] = {}  # a WebP and its fallback share their pixels
        for rendition in largest_first(job.renditions):
            save_atomically(render(picture, rendition, job.graphic, resized), rendition, job)
    except ImageProblem as problem:
        return JobResult(job.source, 0, str(problem), os.getpid())
    except MemoryError:
        return JobResult(job.source, 0, messages.failed(job.shown, "không đủ bộ nhớ"), os.getpid())
    except _DECODE_ERRORS:
        return JobResult(job.source, 0, messages.broken(job.shown), os.getpid())
    except Exception as error:  # a worker must answer for every job, whatever Pillow raises
        return JobResult(job.source, 0, messages.failed(job.shown, type(error).__name__), os.getpid())
    return JobResult(job.source, len(job.renditions), None, os.getpid())


def upright_srgb(job: Job) -> Image.Image:
    """The decoded picture, upright, in sRGB (or L for greyscale), with no metadata attached."""
    with Image.open(job.source, formats=ALLOWED_FORMATS) as image:
        check_pixels(job.shown, image.width, image.height, os.path.getsize(job.source), job.params.max_pixels)
        _decode_reduced(image, job.renditions, exif_orientation(image) in QUARTER_TURNS)
        image.load()
        upright = ImageOps.exif_transpose(image)
    picture = _normalised(upright)
    picture.info = {}
    return picture


def _decode_reduced(image: Image.Image, renditions: tuple[Rendition, ...], turned: bool) -> None:
    """Ask the JPEG decoder for the smallest scale (1/2, 1/4, 1/8) still as large as every rendition needs."""
    if image.format not in ("JPEG", "MPO"):
        return
    width, height = (image.height, image.width) if turned else image.size
    scale = max(max(r.width / width, r.height / height) for r in renditions)
    needed = (width * scale, height * scale)
    requested = (needed[1], needed[0]) if turned else needed
    image.draft(image.mode, (int(requested[0]) + 1, int(requested[1]) + 1))


def _normalised(image: Image.Image) -> Image.Image:
    """RGB, RGBA or L, converted from the embedded colour profile to sRGB when there is one."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode == "P" or image.mode == "PA":
        image = image.convert("RGBA" if "transparency" in image.info or image.mode == "PA" else "RGB")
    if image.mode == "LA":
        image = image.convert("RGBA")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        image = _to_srgb(image, icc)
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGB")
    return image


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    """The picture in sRGB; a profile LittleCMS cannot read is ignored (the pixels are then taken as sRGB)."""
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image.convert(output_mode)


def largest_first(renditions: tuple[Rendition, ...]) -> list[Rendition]:
    """The renditions by decreasing size, so each one can be resized from a larger one already made."""
    return sorted(renditions, key=lambda rendition: -rendition.width * rendition.height)


def render(picture: Image.Image, rendition: Rendition, graphic: bool, resized: dict | None = None) -> Image.Image:
    """The picture at the rendition's size (resized, or scaled and centre-cropped), in a mode its format takes.

    ``resized`` keeps each size made for this picture, for the next rendition
    of that size in another format and, for a photo, as the source of smaller ones.
    """
    key = (rendition.width, rendition.height, rendition.mode)
    result = resized.get(key) if resized is not None else None
    if result is None:
        source = picture if graphic or not resized else cascade_source(picture, rendition, resized)
        result = _resized(source, rendition)
        if resized is not None:
            resized[key] = result
    if rendition.format == "JPEG" and result.mode == "RGBA":
        result = _on_white(result)
    return result


def cascade_source(picture: Image.Image, rendition: Rendition, resized: dict) -> Image.Image:
    """The smallest of ``picture`` and its whole (not cropped) resized copies at least :data:`CASCADE_RATIO` times ``rendition``."""
    size = (rendition.width, rendition.height)
    wholes = [image for (_, _, mode), image in resized.items() if mode != COVER]
    large_enough = [image for image in wholes if _shrinks_by(image, size, rendition.mode) >= CASCADE_RATIO]
    return min(large_enough, key=lambda image: image.width * image.height, default=picture)


def _shrinks_by(source: Image.Image, size: tuple[int, int], mode: str) -> float:
    """How many times smaller the rendition is than the part of ``source`` it is made from, in its tighter direction."""
    if mode == COVER:
        left, top, right, bottom = cover_box(source.size, size, COVER_CENTRE)
        return min((right - left) / size[0], (bottom - top) / size[1])
    return min(source.width / size[0], source.height / size[1])


def _resized(picture: Image.Image, rendition: Rendition) -> Image.Image:
    size = (rendition.width, rendition.height)
    if rendition.mode == COVER:
        result = picture.resize(size, RESAMPLE, box=cover_box(picture.size, size, COVER_CENTRE), reducing_gap=REDUCING_GAP)
    elif picture.size == size:
        result = picture.copy()
    else:
        result = picture.resize(size, RESAMPLE, reducing_gap=REDUCING_GAP)
    result.info = {}
    return result


def cover_box(source: tuple[int, int], size: tuple[int, int], centering: tuple[float, float]) -> tuple[float, float, float, float]:
    """The part of ``source`` that ``ImageOps.fit`` scales to ``size``: the largest box of its proportions, placed at ``centering``.

    ``ImageOps.fit`` resizes that box without ``reducing_gap``, so a thumbnail
    of a large photo costs as much as its largest rendition; resizing the box
    ourselves lets Pillow shrink by whole steps first.
    """
    width, height = source
    if width * size[1] == height * size[0]:  # same proportions: the whole picture (no rounding left of its edge)
        return (0.0, 0.0, float(width), float(height))
    ratio = size[0] / size[1]
    if width / height >= ratio:
        crop_width, crop_height = min(ratio * height, float(width)), float(height)
    else:
        crop_width, crop_height = float(width), min(width / ratio, float(height))
    left = max(0.0, (width - crop_width) * centering[0])
    top = max(0.0, (height - crop_height) * centering[1])
    return (left, top, min(left + crop_width, float(width)), min(top + crop_height, float(height)))


def _on_white(image: Image.Image) -> Image.Image:
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def encoder_options(rendition: Rendition, graphic: bool, params: Params) -> dict:
    """Pillow's save options for a rendition: deterministic, and with nothing but pixels."""
    if rendition.format == "JPEG":
        return {"quality": params.jpeg_quality, "optimize": True, "progressive": True}
    if rendition.format == "PNG":
        return {"optimize": True}
    if graphic:
        return {"lossless": True, "quality": 80, "method": 4}
    return {"quality": params.webp_quality, "method": 4}


def save_atomically(image: Image.Image, rendition: Rendition, job: Job) -> None:
    target = os.path.join(job.cache_dir, rendition.name)
    temporary = os.path.join(job.cache_dir, f".{rendition.name}.{os.getpid()}.tmp")
    image.save(temporary, rendition.format, **encoder_options(rendition, job.graphic, job.params))
    os.replace(temporary, target)
