"""The editors' guide's complete example of each kind builds with the real Pelican and is published where it says."""

from __future__ import annotations

import re

from plugins.vntext.text import vn_slugify
from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

GUIDE = PROJECT_ROOT / "docs" / "huong-dan-bien-tap.md"
_EXAMPLE = re.compile(r"<!-- ví dụ: (?P<path>\S+) -->\n```markdown\n(?P<text>.*?)\n```", re.DOTALL)


def guide_examples() -> dict[str, str]:
    return {match["path"]: match["text"] + "\n" for match in _EXAMPLE.finditer(GUIDE.read_text(encoding="utf-8"))}


def address_of(text: str) -> str:
    header = dict(line.split(": ", 1) for line in text.partition("\n\n")[0].splitlines())
    return header.get("Slug") or vn_slugify(header["Title"])


def test_the_guide_has_a_complete_example_of_each_kind():
    kinds = {path.split("/", 1)[0] for path in guide_examples()}
    assert kinds == {"tin", "dien-hinh", "phe-binh", "thu-tuc"}


def test_every_example_in_the_guide_builds_and_is_published(tmp_path):
    examples = guide_examples()
    content = write_content(tmp_path / "content", examples)
    result = run_pelican(content, tmp_path / "output", env={"CCHC_NOW": "2026-11-25T08:30:00+07:00", "TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    for path, text in examples.items():
        kind = path.split("/", 1)[0]
        page = tmp_path / "output" / kind / address_of(text) / "index.html"
        assert page.exists(), f"{path} not published at {page}"
        assert path.rsplit("/", 1)[1] == f"{address_of(text)}.md", "the file name the guide gives is the item's address"
