"""A release's name: a hash of the built site's content, so the same build always has the same name.

Re-running an interrupted publish therefore uploads into the same
``releases/<name>/`` folder and continues where it stopped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

NAME_LENGTH = 16


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_name(site: Path) -> str:
    """The first hex digits of a SHA-256 over every file's path and content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(site).as_posix()}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()[:NAME_LENGTH]
