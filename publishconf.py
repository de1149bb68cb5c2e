"""Production settings: everything of pelicanconf.py, with the public address.

``SITEURL`` comes from the environment (or ``.env``), e.g.
``SITEURL=https://xa-tanhoa.vinhlong.gov.vn/cchc``.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402,F403


def _dotenv_value(name: str) -> str | None:
    env_file = Path(__file__).resolve().parent / ".env"
    if not env_file.exists():
        return None
    for line in env_file.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() == name:
            return value.strip().strip('"').strip("'")
    return None


SITEURL = os.environ.get("SITEURL") or _dotenv_value("SITEURL") or "https://xa-tanhoa.example.gov.vn/cchc"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
