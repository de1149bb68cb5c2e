"""``make new KIND=thu-tuc``: a new procedure offers only today's levels and starts with every fixed section."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.sitebuild import PROJECT_ROOT, run_pelican


def test_new_procedure_scaffold_never_offers_the_district_level_and_builds_as_a_draft(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "plugins.editor_workflow", "--settings", "pelicanconf.py", "--content", str(content), "new"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "KIND": "thu-tuc", "TITLE": "Đăng ký giám hộ"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / "thu-tuc" / "dang-ky-giam-ho.md"
    text = path.read_text(encoding="utf-8")
    assert "# Level: cấp xã" in text and "# Level: cấp tỉnh" in text
    assert "huyện" not in text.lower()
    assert "# Online: toàn trình" in text and "# Online: một phần" in text
    for heading in ("## Trình tự thực hiện", "## Cách thức thực hiện", "## Thành phần hồ sơ", "## Yêu cầu, điều kiện", "## Căn cứ pháp lý"):
        assert heading in text
    path.write_text(text.replace("# Level: cấp xã", "Level: cấp xã").replace("# Online: toàn trình", "Online: toàn trình"), encoding="utf-8")
    build = run_pelican(content, tmp_path / "output")
    assert build.returncode == 0, build.stdout + build.stderr
