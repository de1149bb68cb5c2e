"""The scaffold's placeholders: allowed in a draft, refused in anything to be published."""

from __future__ import annotations

import pytest

from plugins.content_model.header import parse_header
from plugins.editor_workflow.placeholders import has_placeholder, header_placeholders, placeholder


@pytest.mark.parametrize("text", [placeholder("tên"), "[Điền: tên]", "[dien: ten]", "Ông [ điền : tên ] ở ấp"])
def test_placeholders_are_found_with_or_without_accents(text):
    assert has_placeholder(text)


@pytest.mark.parametrize("text", ["Điền vào tờ khai", "[xem: mẫu]", "Chị Lê Thị Điền"])
def test_ordinary_text_is_no_placeholder(text):
    assert not has_placeholder(text)


def findings(header_text: str) -> list:
    return list(header_placeholders(parse_header(header_text.split("\n")), {}))


def test_a_draft_may_keep_placeholders():
    assert findings("Title: A\nHonoree: [điền: tên]\nStatus: draft\n") == []
    assert findings("Title: A\nHonoree: [điền: tên]\nStatus: nháp\n") == []


def test_an_item_to_be_published_may_not_and_each_line_is_named():
    found = findings("Title: A\nHonoree: [điền: tên]\nTags: x\nAchievement: [điền: vì sao]\n")
    assert [line for line, _ in found] == [2, 4]
    assert "trường «Honoree» vẫn còn chữ mẫu «[điền: tên]»" in found[0][1]
    assert findings("Title: A\nHonoree: [điền: tên]\nStatus: hidden\n")[0][0] == 2
