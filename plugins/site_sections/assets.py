"""Fingerprinted theme assets: ``css/site.css`` is published as ``css/site.<hash>.css``.

A name that changes with the content lets the web server tell browsers to keep
the file for a year; a new build with changed CSS gets a new name, so nobody is
left with a stale stylesheet.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path, PurePosixPath

FINGERPRINTED_SUFFIXES = (".css", ".js")
HASH_LENGTH = 10


class UnknownAsset(KeyError):
    """A template asked for a theme file that does not exist."""


def content_hash(path: Path) -> str:
    """The first characters of the file's SHA-256, enough to tell versions apart."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]


def fingerprinted_name(relative: str, digest: str) -> str:
    """``css/site.css`` with digest ``abc`` → ``css/site.abc.css``."""
    path = PurePosixPath(relative)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def fingerprint_assets(static_dir: Path, suffixes: tuple[str, ...] = FINGERPRINTED_SUFFIXES) -> dict[str, str]:
    """Map each CSS/JS file under ``static_dir`` (relative POSIX path) to its fingerprinted name."""
    if not static_dir.is_dir():
        return {}
    found = sorted(p for p in static_dir.rglob("*") if p.is_file() and p.suffix in suffixes)
    return {
        p.relative_to(static_dir).as_posix(): fingerprinted_name(p.relative_to(static_dir).as_posix(), content_hash(p))
        for p in found
    }


def asset_url_filter(fingerprints: dict[str, str], static_url_dir: str):
    """A Jinja filter: ``'css/site.css'|asset_url`` → ``theme/css/site.<hash>.css``."""

    def asset_url(relative: str) -> str:
        try:
            published = fingerprints[relative]
        except KeyError:
            raise UnknownAsset(f"theme has no static file {relative!r} to fingerprint") from None
        return f"{static_url_dir}/{published}" if static_url_dir else published

    return asset_url


def write_fingerprinted_copies(static_dir: Path, fingerprints: dict[str, str], target_dir: Path) -> list[Path]:
    """Copy every fingerprinted asset under ``target_dir``; return the written paths."""
    written = []
    for source, published in fingerprints.items():
        target = target_dir / published
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(static_dir / source, target)
        written.append(target)
    return written
