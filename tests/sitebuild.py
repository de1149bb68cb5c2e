"""Helpers that build a real site with the real Pelican, for tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = PROJECT_ROOT / "content"
DEV_SETTINGS = PROJECT_ROOT / "pelicanconf.py"


def run_pelican(
    content: Path,
    output: Path,
    settings: Path = DEV_SETTINGS,
    extra_settings: dict | None = None,
    env: dict | None = None,
    quiet: bool = True,
) -> subprocess.CompletedProcess:
    """Run the ``pelican`` command as ``make html`` does; return the finished process."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), "--fatal", "errors"]
    if quiet:
        command.append("-q")
    if extra_settings:
        # One -e with every pair: Pelican keeps only the last of several -e flags.
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra_settings.items())]
    return subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


def write_content(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create a content folder with ``files`` (relative path → text or bytes)."""
    for relative, body in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


@dataclass
class BuiltSite:
    """A site that Pelican built, and ways to read it."""

    output: Path
    process: subprocess.CompletedProcess

    def path(self, url: str) -> Path:
        relative = url.strip("/")
        target = self.output / relative
        return target / "index.html" if not relative or not Path(relative).suffix else target

    def html(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))
