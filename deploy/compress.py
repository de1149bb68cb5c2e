"""Precompressed copies of the text files, for the web server's ``gzip_static``.

nginx then sends ``page.html.gz`` to every browser that accepts gzip without
compressing anything per request, and at the strongest level. The copies are
byte-for-byte reproducible (no file name or time in the gzip header), so an
unchanged page gives an unchanged ``.gz`` and the upload skips both.
"""

from __future__ import annotations

import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TEXT_SUFFIXES = (".html", ".css", ".js", ".xml", ".json", ".svg", ".txt", ".csv", ".webmanifest")
GZIP_LEVEL = 9
# wbits 31: a gzip stream whose header has mtime 0 and no file name.
GZIP_WBITS = 31


def gzip_bytes(data: bytes) -> bytes:
    """``data`` as a reproducible gzip stream (``gzip -9 -n``)."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP_WBITS)
    return compressor.compress(data) + compressor.flush()


def _compress_file(path: Path) -> Path | None:
    data = path.read_bytes()
    compressed = gzip_bytes(data)
    if len(compressed) >= len(data):
        return None
    target = path.with_name(path.name + ".gz")
    target.write_bytes(compressed)
    os.chmod(target, path.stat().st_mode & 0o777)
    return target


def text_files(site: Path) -> list[Path]:
    """The files of ``site`` worth precompressing."""
    return sorted(path for path in site.rglob("*") if path.is_file() and path.name.endswith(TEXT_SUFFIXES))


def precompress(site: Path, workers: int | None = None) -> list[Path]:
    """Write ``<file>.gz`` beside every text file it makes smaller; return the written paths."""
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return [written for written in pool.map(_compress_file, text_files(site)) if written]
