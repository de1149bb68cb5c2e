"""Images with Pillow: light, responsive, private and safe.

Editors drop phone photos (4-12 MB, often rotated, with GPS position and
camera data in EXIF) into ``content/images/`` and name them in an item, as
``Image:`` (with ``ImageAlt:``) in the header or ``![mô tả](images/anh.jpg)``
in the text. For each image an item uses, the site publishes, under
``anh/<file-name>-<variant>.<hash>.<ext>`` (a content-hashed name, so browsers
may keep it a year):

- variants 480, 960 and 1600 px wide (``IMAGE_WIDTHS``), never enlarged, in
  WebP and in JPEG (PNG for drawings and transparency), as ``<picture>`` with
  ``srcset``/``sizes``, ``width``/``height`` and lazy loading after the first;
- for the item's picture (``Image:``, else the first of its text): a listing
  thumbnail (128×96 and 256×192) and a 1200×630 Open Graph card; the site's
  default (:mod:`.default`) stands in for items without a picture;
- nothing but pixels: EXIF orientation is applied, then every file is saved
  without EXIF, GPS, XMP, comments, thumbnail or ICC profile (colours are
  converted to sRGB first). The originals are not published unless
  ``IMAGE_PUBLISH_ORIGINALS`` is true.

A missing file, a file that is not an image, an unsupported format, a
truncated file, a decompression bomb, an image above ``IMAGE_MAX_PIXELS``, or
an image without a description fails the build with a Vietnamese message
naming the item's file and line (``content_model.report``).

Work is cached by content hash (source bytes + settings + Pillow's version)
in ``IMAGE_CACHE_PATH`` (default ``cache/images``): a rebuild with unchanged
images makes no file. Missing files are made in a pool of processes, one per
core (``IMAGE_WORKERS``), at a lower priority (``IMAGE_NICENESS``) while the
build goes on, and collected before anything is written (:mod:`.generator`).
Every source is hashed and probed once per build, when the first item naming
it is read.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.contents import Static

from plugins.content_model import add_validator, before_report, extend_fields

from . import messages
from .build import DEFAULTS, ImageBuild
from .default import default_image
from .generator import ImageGenerator, ImageStats, collect_before_writing, collect_images
from .items import PublishedImage, attach_images
from .references import is_local
from .sources import is_raster_name

__all__ = ["ImageGenerator", "ImageStats", "PublishedImage", "register"]

ITEM_FIELDS = {"imagealt": False}
NOTE_SUFFIXES = (".md", ".txt")
FIELD_HELP = {
    "image": "ảnh đại diện của bài: một tệp JPEG, PNG hoặc WebP trong content/images/, ví dụ images/quay-mot-cua.jpg",
    "imagealt": "mô tả ngắn ảnh đại diện (bắt buộc khi có Image), cho người khiếm thị và khi ảnh chưa tải được",
}


def header_problems(header, settings: dict):
    """``ImageAlt`` without ``Image``, and an ``Image`` on another site (the page would load it from there)."""
    image, alt = header.value("image"), header.value("imagealt")
    if alt and not image:
        yield header.line_of("imagealt"), messages.description_without_lead()
    if image and not is_local(image):
        yield header.line_of("image"), messages.lead_elsewhere(image)


def configure(pelican) -> None:
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    item_kinds = [kind for kind, fields in settings.get("CCHC_FIELDS", {}).items() if "image" in fields]
    for kind in item_kinds:
        extend_fields(settings, kind, ITEM_FIELDS)
        add_validator(settings, kind, header_problems)
    help_texts = settings.setdefault("CCHC_FIELD_HELP", {})
    for key, text in FIELD_HELP.items():
        help_texts.setdefault(key, text)
    build = ImageBuild(settings)
    build.default = default_image(settings, build.params, build.cache_dir, build.base_url, build.folder)
    ImageGenerator.build = build


def is_published(content) -> bool:
    """Whether this build writes the item: drafts only when a preview publishes them."""
    if getattr(content, "status", "published") != "draft":
        return True
    key = "DRAFT_PAGE_SAVE_AS" if getattr(content, "kind", None) == "trang" else "DRAFT_SAVE_AS"
    return bool(content.settings.get(key))


def process_item(content) -> None:
    build = ImageGenerator.build
    if build is None or isinstance(content, Static) or not getattr(content, "source_path", None):
        return
    if is_published(content):
        attach_images(content, build)


def add_generator(pelican):
    return ImageGenerator


def withhold_originals(generator) -> None:
    """Leave out of the static copy every raster original (the files in ``IMAGE_SOURCE_DIRS`` and every file an
    item uses), except the site's emblem, and the notes kept beside the photos (``SOURCES.md``);
    ``IMAGE_PUBLISH_ORIGINALS = True`` keeps them."""
    settings = generator.settings
    build = ImageGenerator.build
    if settings.get("IMAGE_PUBLISH_ORIGINALS") or build is None:
        return
    root = os.path.abspath(settings["PATH"])
    folders = tuple(os.path.join(root, folder.strip("/")) + os.sep for folder in settings["IMAGE_SOURCE_DIRS"])
    emblem = (settings.get("SITE_OWNER") or {}).get("emblem") or ""
    kept_emblem = os.path.join(root, emblem.strip().lstrip("/")) if emblem else None
    used = set(build.sources())

    def withheld(static) -> bool:
        path = os.path.abspath(static.source_path)
        if path == kept_emblem or os.path.realpath(path) in build.left_as_written:
            return False
        if path.endswith(NOTE_SUFFIXES):
            return path.startswith(folders)
        return is_raster_name(path) and (path.startswith(folders) or os.path.realpath(path) in used)

    generator.staticfiles[:] = [static for static in generator.staticfiles if not withheld(static)]


def register() -> None:
    signals.initialized.connect(configure)
    signals.content_object_init.connect(process_item)
    signals.get_generators.connect(add_generator)
    signals.static_generator_finalized.connect(withhold_originals)
    signals.article_writer_finalized.connect(collect_before_writing)
    before_report(collect_images)
