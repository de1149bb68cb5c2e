"""QR codes as inline SVG (segno, pure Python): printed on posting sheets, pointing to a procedure's page."""

from __future__ import annotations

import html

import segno


def qr_svg(url: str, label: str, scale: int = 4) -> str:
    """An accessible inline ``<svg>`` QR code of ``url``, with ``label`` as its text alternative."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=scale, dark="#000", light="#fff", border=2, omitsize=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
