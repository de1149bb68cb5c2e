"""The reader keeps its Markdown converters from file to file: each file must read as with fresh ones."""

import copy

from pelican.settings import DEFAULT_CONFIG

from plugins.content_model.reader import StrictMarkdownReader
from plugins.vntext import toc_slug

TEXTS = [
    "Title: Một\nSummary: Tóm tắt có *nhấn mạnh*[^a] và HTML.\n\n## Thành phần hồ sơ\n\nChữ[^a] về HTML.\n\n[^a]: Chú thích.\n\n*[HTML]: HyperText Markup Language\n",
    "Title: Hai\nSummary: Không chú thích, không viết tắt: HTML.\n\n## Thành phần hồ sơ\n\n## Thành phần hồ sơ\n\nHTML và chữ[^b].\n\n[^b]: Khác.\n",
    "Title: Ba\nTags: a\nTags: b\n\n| Cột | Cột 2 |\n|---|---|\n| 1 | 2 |\n\n<div markdown=\"1\">*trong HTML*</div>\n",
    "Title: Bốn\n\nKhông có tóm tắt.\n",
]


def settings() -> dict:
    values = copy.deepcopy(DEFAULT_CONFIG)
    values["MARKDOWN"] = {
        "extension_configs": {
            "markdown.extensions.extra": {},
            "markdown.extensions.toc": {"slugify": toc_slug},
            "markdown.extensions.sane_lists": {},
        },
        "output_format": "html5",
    }
    return values


def test_a_reused_reader_converts_every_file_as_a_fresh_reader_does():
    reused = StrictMarkdownReader(settings())
    for round_ in range(2):
        for number, text in enumerate(TEXTS):
            path = f"/tmp/tep-{number}.md"
            expected = StrictMarkdownReader(settings())._converted(path, text)
            assert reused._converted(path, text) == expected, (round_, number)


def test_the_summary_is_converted_without_reading_it_as_a_header():
    content, metadata = StrictMarkdownReader(settings())._converted("/tmp/a.md", TEXTS[1])
    assert str(metadata["summary"]) == "<p>Không chú thích, không viết tắt: HTML.</p>"
    assert 'id="thanh-phan-ho-so_1"' in content
