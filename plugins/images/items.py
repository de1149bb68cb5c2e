"""An item's images, found while it is read: its text's ``<img>`` rewritten, its lead image, thumbnail and card.

Every image is checked where the editor wrote it (a missing file, a file that
is not an image, too many pixels, no description) and reported with the
item's file and line; a reported image is left out of the HTML, since the
build will stop anyway and one message per mistake is enough. An image with
no description is the exception when the post-build checks (``site_checks``)
are on: it is left as written for them, since they report it at its line
together with what only the written site shows (broken links, weight).

What templates and other plugins read on each item:

- ``image``: the item's picture for feeds (``url``, ``length``, ``mime_type``;
  the 960 px JPEG/PNG), from ``Image:`` or else the first image of its text;
- ``image_alt``: its description;
- ``lead_image_html``: the ``Image:`` picture for the top of the item page
  (empty when the text shows the same file);
- ``thumbnail_html``: the listing thumbnail (the site's default without an image);
- ``og_image``, ``og_image_alt``: the 1200×630 card (``None`` without an image:
  templates use ``site_og_image``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup

from plugins.content_model import report

from . import markup, messages
from .build import ImageBuild, Use
from .references import IMG_TAG, SourceLines, is_local, tag_attributes
from .renditions import Plan, Rendition
from .sources import ImageProblem, is_raster_name

THUMBNAIL_CLASS = "item-card__thumb"
_SRC_ATTRIBUTE = re.compile(r"""\bsrc\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


@dataclass
class PublishedImage:
    """The item's picture as a feed enclosure: ``url`` relative to ``SITEURL``, its length read once written."""

    url: str
    cached_file: Path
    mime_type: str

    @property
    def length(self) -> int:
        return self.cached_file.stat().st_size if self.cached_file.is_file() else 0

    def __str__(self) -> str:
        return self.url


@dataclass
class FoundImage:
    """An image the item uses, once located and planned."""

    plan: Plan
    alt: str
    use: Use
    title: str | None = None
    tag_span: tuple[int, int] = (0, 0)


@dataclass
class ItemImages:
    """What :func:`attach_images` found in one item."""

    lead: FoundImage | None = None
    body: list[FoundImage] = field(default_factory=list)
    dropped_tags: list[tuple[int, int]] = field(default_factory=list)
    kept_tags: dict[tuple[int, int], str] = field(default_factory=dict)  # left for the post-build checks


def wanted_image(address: str | None) -> bool:
    return bool(address) and is_local(address) and is_raster_name(address.split("?", 1)[0].split("#", 1)[0])


def _planned(build: ImageBuild, content, address: str, line: int | None, header: bool) -> Plan | None:
    """The plan of the file ``address`` names, or None after reporting why it cannot be used."""
    located = build.locate(address, content.source_path, header=header)
    if located.outside:
        report(content.source_path, messages.outside_content(address), line)
        return None
    if located.path is None:
        report(content.source_path, messages.missing(address, list(located.looked_at)), line)
        return None
    try:
        return build.plan(located.path, address)
    except ImageProblem as problem:
        report(content.source_path, str(problem), line)
        return None


def _description_problem(address: str, alt: str | None) -> str | None:
    text = (alt or "").strip()
    if not text:
        return messages.no_description(address)
    if is_raster_name(text) or text.lower() == os.path.basename(address).lower():
        return messages.description_is_file_name(address, text)
    return None


def _left_for_checks(build: ImageBuild, content, tag: str, address: str, alt: str | None) -> str | None:
    """The tag of an image without a description, pointing at its original, when the post-build checks
    (``site_checks``, on when its ``SITE_CHECKS`` setting is) will report it at its line, together with what only
    a written site shows; None otherwise. The build fails after writing; the original is kept so that no broken
    link is reported on top."""
    if (alt or "").strip() or not build.settings.get("SITE_CHECKS"):
        return None
    located = build.locate(address, content.source_path)
    if located.path is None:
        return None
    build.left_as_written.add(str(located.path))
    original = f"{build.settings.get('SITEURL', '')}/{located.path.relative_to(build.content_root.resolve()).as_posix()}"
    return _SRC_ATTRIBUTE.sub(lambda match: f'src="{original}"', tag, count=1)


def body_images(build: ImageBuild, content, lines: SourceLines) -> ItemImages:
    """The images of the item's text, each checked; the ones that failed are marked to be dropped."""
    found = ItemImages()
    occurrences: dict[str, int] = {}
    for match in IMG_TAG.finditer(content._content or ""):
        attributes = tag_attributes(match.group(0))
        address = attributes.get("src")
        if not wanted_image(address) or attributes.get("srcset"):
            continue
        line = lines.body_line(address, occurrences.get(address, 0))
        occurrences[address] = occurrences.get(address, 0) + 1
        problem = _description_problem(address, attributes.get("alt"))
        kept = _left_for_checks(build, content, match.group(0), address, attributes.get("alt")) if problem else None
        if kept is not None:
            found.kept_tags[match.span()] = kept
            continue
        plan = _planned(build, content, address, line, header=False)
        if problem:
            report(content.source_path, problem, line)
        if problem or plan is None:
            found.dropped_tags.append(match.span())
            continue
        use = Use(content.source_path, line, address)
        found.body.append(FoundImage(plan, attributes["alt"].strip(), use, attributes.get("title"), match.span()))
    return found


def lead_image(build: ImageBuild, content, lines: SourceLines, body: list[FoundImage]) -> FoundImage | None:
    """The ``Image:`` of the header, described by ``ImageAlt:`` or by the same file's description in the text."""
    address = (content.metadata.get("image") or "").strip()
    if not address:
        return None
    line = lines.header_line("image")
    if not wanted_image(address):
        return None  # an address of another site: the header validator reported it
    plan = _planned(build, content, address, line, header=True)
    if plan is None:
        return None
    alt = (content.metadata.get("imagealt") or "").strip()
    alt = alt or next((image.alt for image in body if image.plan.source == plan.source), "")
    if not alt:
        report(content.source_path, messages.lead_without_description(address), line)
        return None
    return FoundImage(plan, alt, Use(content.source_path, line, address))


def rewritten_text(html: str, images: ItemImages, build: ImageBuild, first_eager: bool) -> str:
    """The item's HTML with each image as a ``<picture>``, and the reported ones left out."""
    replacements = {image.tag_span: image for image in images.body}
    pieces, position = [], 0
    for span in sorted([*replacements, *images.dropped_tags, *images.kept_tags]):
        pieces.append(html[position : span[0]])
        image = replacements.get(span)
        if span in images.kept_tags:
            pieces.append(images.kept_tags[span])
        elif image is not None:
            eager = first_eager and image is images.body[0]
            sizes = build.settings["IMAGE_SIZES"]
            pieces.append(markup.picture(image.plan, build.base_url, image.alt, sizes, eager=eager, title=image.title))
        position = span[1]
    pieces.append(html[position:])
    return "".join(pieces)


def attach_images(content, build: ImageBuild) -> None:
    """Find, check and register the item's images; set the attributes templates and feeds read."""
    lines = SourceLines(content.source_path)
    images = body_images(build, content, lines)
    images.lead = lead_image(build, content, lines, images.body)
    lead_shown_on_top = images.lead is not None and all(b.plan.source != images.lead.plan.source for b in images.body)
    for image in images.body:
        build.need(image.plan, image.plan.page_renditions(), image.use)
    if images.body or images.dropped_tags or images.kept_tags:
        content._content = rewritten_text(content._content, images, build, first_eager=not lead_shown_on_top)
    representative = images.lead or (images.body[0] if images.body else None)
    _set_attributes(content, build, representative, lead_shown_on_top)


def _set_attributes(content, build: ImageBuild, picture: FoundImage | None, lead_on_top: bool) -> None:
    content.lead_image_html = Markup("")
    content.og_image = content.og_image_alt = None
    if picture is None:
        content.image = None
        content.image_alt = None
        content.thumbnail_html = build.default.thumbnail_html if build.default else Markup("")
        return
    plan = picture.plan
    build.need(plan, plan.page_renditions() + plan.lead_renditions(), picture.use)
    shown = _shown_markup(build, plan, picture.alt, lead_on_top)
    # A new object for each item: the page cache tracks reads of an item's own objects.
    content.image = PublishedImage(f"{build.folder}/{shown.fallback.name}", build.cached(shown.fallback), shown.fallback.mime_type)
    content.image_alt = picture.alt
    if lead_on_top:
        content.lead_image_html = shown.lead_html
    content.thumbnail_html = shown.thumbnail_html
    content.og_image = f"{build.folder}/{shown.og_name}"
    content.og_image_alt = picture.alt


class _ShownMarkup(NamedTuple):
    fallback: Rendition
    lead_html: Markup
    thumbnail_html: Markup
    og_name: str


def _shown_markup(build: ImageBuild, plan: Plan, alt: str, lead_on_top: bool) -> _ShownMarkup:
    """The markup of one picture with one description, made once per build: hundreds of items may share a photo."""
    key = (plan.source, alt, lead_on_top)
    found = build.shown_markup.get(key)
    if found is None:
        fallback = markup.fallback_of(plan.responsive(plan.fallback_format))
        lead_html = markup.picture(plan, build.base_url, alt, build.settings["IMAGE_SIZES"], eager=True) if lead_on_top else Markup("")
        thumbnail_html = markup.thumbnail(plan.thumbnails("WEBP"), plan.thumbnails(plan.fallback_format), build.base_url, THUMBNAIL_CLASS)
        found = build.shown_markup[key] = _ShownMarkup(fallback, lead_html, thumbnail_html, plan.og_image().name)
    return found
