"""Running the editors' commands as ``make`` runs them, for tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.sitebuild import PROJECT_ROOT

FIXED_NOW = "2026-11-25T08:30:00+07:00"


def run_workflow(*args: str, content: Path | None = None, env: dict | None = None, settings: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m plugins.editor_workflow [--settings …] [--content …] args…`` with ``CCHC_NOW`` fixed."""
    command = [sys.executable, "-m", "plugins.editor_workflow"]
    if settings:
        command += ["--settings", str(settings)]
    if content:
        command += ["--content", str(content)]
    return subprocess.run(
        command + list(args),
        cwd=PROJECT_ROOT,
        env={**os.environ, "CCHC_NOW": FIXED_NOW, "TZ": "UTC", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def uncomment_first_choice(text: str, key: str) -> str:
    """The scaffold with the first listed value of ``key`` chosen, as an editor does: remove its «# »."""
    return re.sub(rf"^# ({re.escape(key)}: .+)$", r"\1", text, count=1, flags=re.MULTILINE)


def published(text: str) -> str:
    """The scaffold without its ``Status: draft`` line: what an editor does to publish."""
    return re.sub(r"^Status: draft\n", "", text, flags=re.MULTILINE)


def filled(text: str, values: dict[str, str], body: str) -> str:
    """The scaffold with each «[điền: …]» header value replaced from ``values`` and the body replaced."""
    header, _, _ = text.partition("\n\n")
    for key, value in values.items():
        header = re.sub(rf"^{re.escape(key)}: \[điền: .*\]$", f"{key}: {value}", header, flags=re.MULTILINE)
    return f"{header}\n\n{body}\n"
