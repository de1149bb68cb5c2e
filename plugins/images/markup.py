"""The HTML of a published image: ``<picture>`` with WebP first, then the JPEG or PNG every browser reads.

``width`` and ``height`` give the browser the aspect ratio before any byte
arrives, so nothing shifts while a page loads on a slow connection; images
below the first one load only when the reader scrolls near them.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .renditions import Plan, Rendition

FALLBACK_WIDTH = 960


def _url(base: str, rendition: Rendition) -> str:
    return f"{base}/{rendition.name}"


def _srcset_by_width(base: str, renditions: list[Rendition]) -> str:
    return ", ".join(f"{_url(base, r)} {r.width}w" for r in renditions)


def _srcset_by_density(base: str, renditions: list[Rendition]) -> str:
    return ", ".join(f"{_url(base, r)} {scale}x" for scale, r in enumerate(renditions, start=1))


def _attributes(pairs: list[tuple[str, str | int | None]]) -> Markup:
    # Plain strings joined once: Markup.format per attribute cost most of this module's time.
    return Markup("".join(f' {name}="{escape(value)}"' for name, value in pairs if value is not None))


def fallback_of(renditions: list[Rendition]) -> Rendition:
    """The file named in ``src``: the largest up to 960 px wide, for browsers that ignore ``srcset``."""
    fitting = [r for r in renditions if r.width <= FALLBACK_WIDTH]
    return fitting[-1] if fitting else renditions[0]


def picture(plan: Plan, base: str, alt: str, sizes: str, eager: bool = False, title: str | None = None) -> Markup:
    """An image in an item's text or at its top: responsive widths, ``sizes`` as the layout sets them."""
    webp, fallback = plan.responsive("WEBP"), plan.responsive(plan.fallback_format)
    largest = fallback[-1]
    img = _attributes([
        ("src", _url(base, fallback_of(fallback))),
        ("srcset", _srcset_by_width(base, fallback)),
        ("sizes", sizes),
        ("width", largest.width),
        ("height", largest.height),
        ("alt", escape(alt)),
        ("title", escape(title) if title else None),
        ("loading", None if eager else "lazy"),
        ("decoding", "async"),
    ])
    source = _attributes([("type", "image/webp"), ("srcset", _srcset_by_width(base, webp)), ("sizes", sizes)])
    return Markup("<picture><source{}><img{}></picture>").format(source, img)


def thumbnail(renditions_webp: list[Rendition], renditions_fallback: list[Rendition], base: str, css_class: str) -> Markup:
    """A listing's small picture at 1x and 2x; decorative (``alt=""``), as the title beside it says it all."""
    first = renditions_fallback[0]
    source = _attributes([("type", "image/webp"), ("srcset", _srcset_by_density(base, renditions_webp))])
    img = _attributes([
        ("src", _url(base, first)),
        ("srcset", _srcset_by_density(base, renditions_fallback)),
        ("width", first.width),
        ("height", first.height),
        ("alt", ""),
        ("loading", "lazy"),
        ("decoding", "async"),
    ])
    return Markup('<picture class="{}"><source{}><img{}></picture>').format(css_class, source, img)
