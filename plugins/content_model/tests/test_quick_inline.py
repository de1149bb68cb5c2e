"""The quick inline step gives the HTML Markdown's own gives, on real and random Markdown."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown import Markdown
from markdown.inlinepatterns import SimpleTextInlineProcessor
from markdown.treeprocessors import InlineProcessor

from plugins.content_model.quick_inline import QuickInlineProcessor, quicken_inline

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def settings_markdown() -> dict:
    namespace: dict = {"__file__": str(ROOT / "pelicanconf.py")}
    exec((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), namespace)  # the site's own MARKDOWN setting
    markdown = dict(namespace["MARKDOWN"])
    markdown["extensions"] = [*markdown["extension_configs"], "markdown.extensions.meta"]
    return markdown


def both(settings_markdown: dict) -> tuple[Markdown, Markdown]:
    plain, quick = Markdown(**settings_markdown), Markdown(**settings_markdown)
    assert quicken_inline(quick)
    assert isinstance(quick.treeprocessors["inline"], QuickInlineProcessor)
    return plain, quick


def converted(markdown: Markdown, text: str) -> tuple[str, str]:
    return markdown.reset().convert(text), markdown.toc


def test_the_sample_site_and_the_guides_convert_the_same(settings_markdown):
    plain, quick = both(settings_markdown)
    paths = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
    assert len(paths) > 40
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert converted(quick, text) == converted(plain, text), path


# Pieces of inline and block Markdown, and plain Vietnamese words between them.
PIECES = [
    "Ủy ban", "nhân dân", "xã", "hồ sơ", "_nghiêng_", "*nghiêng*", "__đậm__", "**đậm**", "`mã`", "a\\_b", "1.", "2)", "*", "**", "***", "_", "__", "`", "``", "\\", "\\*", "[", "]", "(", ")",
    "[liên kết](https://dichvucong.gov.vn)", "![ảnh](images/a.jpg)", "[^1]", "[tham chiếu][r]", "[r]", "<b>", "</b>", "<br>",
    "<https://a.gov.vn>", "<thu@xa.gov.vn>", "&amp;", "&", "&#123;", "<!-- ghi chú -->", "{: .lop }", "HĐND", "  \n", "\n",
    "\n\n", "\n- ", "\n1. ", "\n> ", "\n## ", "\n    ", "\n| a | b |\n|---|---|\n| c | d |\n", "\n[^1]: chú thích\n",
    "\n[r]: https://b.vn\n", "\n*[HĐND]: Hội đồng nhân dân\n", "\n```\nmã\n```\n", ":", "!", "~", "'", '"', "%", "-", "--",
]


def random_markdown(generator: random.Random) -> str:
    weights = [8 if piece.isalpha() or " " in piece.strip() else 1 for piece in PIECES]
    # Short texts often hold one kind of mark only: each pattern's start is then the only thing tried.
    pieces = generator.choices(PIECES, weights, k=generator.choice((generator.randint(1, 5), generator.randint(1, 30))))
    # Pieces run together as often as apart: emphasis and code need their marks against the words.
    return "".join(piece + generator.choice(("", " ")) for piece in pieces)


def test_random_markdown_converts_the_same(settings_markdown):
    plain, quick = both(settings_markdown)
    generator = random.Random(20261125)
    for _ in range(3000):
        text = random_markdown(generator)
        assert converted(quick, text) == converted(plain, text), repr(text)


def test_an_unknown_inline_pattern_keeps_markdowns_own_step(settings_markdown):
    markdown = Markdown(**settings_markdown)
    markdown.inlinePatterns.register(SimpleTextInlineProcessor(r"(%%)"), "percent", 5)
    assert not quicken_inline(markdown)
    assert not isinstance(markdown.treeprocessors["inline"], QuickInlineProcessor)
    assert markdown.convert("a %% b") == "<p>a %% b</p>"


def test_markdowns_private_step_is_still_the_one_overridden():
    # The override works only while Python-Markdown calls this (name-mangled) method: a rename would silently lose the speed.
    assert "_InlineProcessor__handleInline" in vars(InlineProcessor)


def test_an_added_emphasis_delimiter_is_a_start(settings_markdown):
    plain, quick = Markdown(**settings_markdown), Markdown(**settings_markdown)
    for markdown in (plain, quick):
        markdown.inlinePatterns["em_strong"].add("~", "del", double=True)
    assert quicken_inline(quick)
    assert converted(quick, "Xin ~~chào~~ bạn") == converted(plain, "Xin ~~chào~~ bạn")
    assert "<del>" in converted(quick, "Xin ~~chào~~ bạn")[0]


def test_a_known_name_with_another_pattern_keeps_markdowns_own_step(settings_markdown):
    markdown = Markdown(**settings_markdown)
    markdown.inlinePatterns.register(SimpleTextInlineProcessor(r"(<<)"), "html", 90)
    assert not quicken_inline(markdown)
