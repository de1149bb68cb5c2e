"""The reader's shortcuts give exactly what Pelican's own path gives: dateutil for dates, Markdown for summaries."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from markdown import Markdown
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import get_date

from plugins.content_model.shortcuts import makes_plain_paragraphs, offset_datetime, plain_paragraph, with_slugs

ROOT = Path(__file__).resolve().parents[3]
MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.toc", "markdown.extensions.sane_lists"],
    "output_format": "html5",
}
# Letters (with Vietnamese diacritics), digits and every ASCII character, so the
# random lines hit both the shortcut and each character that must refuse it.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyÁàẢãẠỳỹĐ0123456789 " + "".join(chr(code) for code in range(33, 127)) + "\t\u00a0\u2028"


def markdown_html(text: str) -> str:
    return Markdown(**MARKDOWN).convert(text)


def random_lines(count: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    lines = []
    for _ in range(count):
        length = generator.randint(1, 40)
        # Mostly prose-like lines, so that many of them take the shortcut.
        weights = [30 if character.isalnum() or character == " " else 1 for character in ALPHABET]
        lines.append("".join(generator.choices(ALPHABET, weights, k=length)))
    return lines


def sample_summaries() -> list[str]:
    summaries = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("summary:"):
                summaries.append(line.split(":", 1)[1].strip())
    return summaries


def test_the_sample_site_has_summaries_that_take_the_shortcut():
    summaries = sample_summaries()
    assert sum(plain_paragraph(summary) is not None for summary in summaries) >= 10


@pytest.mark.parametrize("text", sample_summaries())
def test_a_sample_summary_converts_as_markdown_does(text):
    html = plain_paragraph(text)
    assert html is None or html == markdown_html(text)


def test_random_lines_convert_as_markdown_does():
    taken = 0
    for text in random_lines(3000, seed=20261125):
        html = plain_paragraph(text)
        if html is not None:
            taken += 1
            assert html == markdown_html(text), text
    assert taken > 300  # the comparison covered many shortcut lines


@pytest.mark.parametrize(
    "text",
    ["1. Mục một", "- gạch đầu dòng", "# Tiêu đề", "> trích dẫn", ": định nghĩa", "Có **đậm** chữ", "A & B", "Xem [liên kết](https://a.vn)",
     "Hai dòng\nliền nhau", " thụt đầu dòng", "Kết thúc bằng hai dấu cách  ", "Có <b>thẻ</b>", "Tab\tở giữa", "", "Chữ\u2028tách dòng"],
)
def test_markdown_syntax_is_left_to_markdown(text):
    assert plain_paragraph(text) is None


def test_iso_dates_with_an_offset_parse_as_dateutil_does():
    generator = random.Random(7)
    for _ in range(500):
        moment = datetime(2000, 1, 1) + timedelta(minutes=generator.randint(0, 30 * 365 * 24 * 60))
        offset = timedelta(minutes=15 * generator.randint(-48, 56))
        text = moment.replace(tzinfo=timezone(offset)).isoformat()
        fast = offset_datetime(text)
        if offset:
            assert fast is not None
            slow = get_date(text)
            assert (type(fast), fast, repr(fast), fast.utcoffset()) == (type(slow), slow, repr(slow), slow.utcoffset())
        else:
            assert fast is None  # dateutil makes +00:00 the machine's local zone: left to it


@pytest.mark.parametrize("text", ["2024-03-15 08:30", "2024-03-15T08:30:00", "15/03/2024 08:30", "2024-02-30T08:30:00+07:00", "2024-03-15T08:30:00.5+07:00"])
def test_other_dates_are_left_to_dateutil(text):
    assert offset_datetime(text) is None


def test_slugs_are_made_while_reading_as_pelican_makes_them(caplog):
    settings = {"SLUG_REGEX_SUBSTITUTIONS": [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]}
    metadata = {
        "category": Category("Cải cách thủ tục hành chính", settings),
        "tags": [Tag("số hóa hồ sơ", settings), Tag("Đường dây nóng", settings), Tag("!!!", settings)],
        "authors": [Author("Trần Thị Mai", settings)],
        "title": "Tiêu đề",
    }
    expected = [Tag(tag.name, settings).slug for tag in metadata["tags"][:2]]
    with caplog.at_level("WARNING"):
        with_slugs(metadata)
    assert not caplog.records  # the empty slug's warning is left to Pelican's own place
    assert [tag._slug for tag in metadata["tags"]] == [*expected, None]
    assert metadata["category"]._slug == Category(metadata["category"].name, settings).slug == "cai-cach-thu-tuc-hanh-chinh"
    assert metadata["authors"][0]._slug == "tran-thi-mai"


def site_markdown() -> dict:
    namespace: dict = {"__file__": str(ROOT / "pelicanconf.py")}
    exec((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), namespace)  # the site's own MARKDOWN setting
    return {**namespace["MARKDOWN"], "extensions": list(namespace["MARKDOWN"]["extension_configs"])}


def test_the_sites_converter_takes_the_summary_shortcut_and_smarty_does_not():
    assert makes_plain_paragraphs(Markdown(**site_markdown()))
    with_smarty = site_markdown()
    with_smarty["extensions"] = [*with_smarty["extensions"], "markdown.extensions.smarty"]
    converter = Markdown(**with_smarty)
    assert not makes_plain_paragraphs(converter)
    assert plain_paragraph("Xã tổ chức \"Ngày hội\" -- tuyên truyền...") != converter.convert("Xã tổ chức \"Ngày hội\" -- tuyên truyền...")
