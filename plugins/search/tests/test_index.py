"""The index builder on documents made here: keys, weights, order, chunks, names."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from plugins.search.index import SearchDocument, SearchIndex, delta_encoded, word_weights
from plugins.search.tests.index_reader import IndexReader

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def document(title: str, text: str, day: int | None, kind: str = "tin", area: str = "the-che", **extra) -> SearchDocument:
    labels = {"the-che": "Cải cách thể chế", "cong-vu": "Cải cách chế độ công vụ", "": ""}
    return SearchDocument(
        url=f"{kind}/{title.lower().replace(' ', '-')}/", title=title, kind=kind, kind_label=kind.upper(), area=area,
        area_label=labels[area], date=datetime(2026, 3, day, 8, 0, tzinfo=ZONE) if day else None,
        summary="", text=text, **extra,
    )


DOCUMENTS = [
    document("Đường dây nóng", "Gọi đường dây nóng.", 2),
    document("Biểu dương tập thể", "Biểu dương Tổ công nghệ số. Hoà giải ở cơ sở.", 9, kind="dien-hinh", area="cong-vu"),
    document("Giới thiệu", "Ủy ban nhân dân xã.", None, kind="trang", area=""),
    document("Đăng ký hộ kinh doanh", "Hồ sơ đăng ký.", 5, kind="thu-tuc", code="1.001612",
             fields=(("1.001612", 10),)),
]


def built(chunk_bytes: int = 20_000) -> IndexReader:
    return IndexReader(SearchIndex.build(DOCUMENTS, chunk_bytes, "Asia/Ho_Chi_Minh", kind_order=["tin", "dien-hinh", "thu-tuc", "trang"]).files)


def test_items_are_numbered_newest_first_with_pages_last():
    index = built()
    assert [index.fragment(n)["title"] for n in range(4)] == [
        "Biểu dương tập thể", "Đăng ký hộ kinh doanh", "Đường dây nóng", "Giới thiệu"]


def test_a_word_is_kept_under_its_folded_key_with_each_spelling():
    postings = built().postings("duong")
    assert set(postings) == {"đương1", "dương"}
    assert [number for number, _ in postings["đương1"]] == [2]
    assert [number for number, _ in postings["dương"]] == [0]


def test_old_tone_placement_is_indexed_as_the_new_one():
    assert set(built().postings("hoa")) == {"hoa1"}


def test_a_word_without_marks_is_stored_under_an_empty_spelling():
    postings = built().postings("1.001612")
    assert postings == {"": [(1, postings[""][0][1])]}
    assert built().documents_with("001612") == {1}


def test_title_weighs_more_than_text():
    weights = word_weights(DOCUMENTS[0])
    text_only = word_weights(document("Tin", "Gọi đường dây nóng.", 1))
    assert weights["duong", "đương1"] > text_only["duong", "đương1"] > 0


def test_a_repeated_word_is_capped():
    weights = word_weights(document("Tin", "hồ sơ " * 500, 1))
    assert weights["ho", "hô1"] == 10


def test_meta_lists_kinds_in_the_given_order_and_areas_in_vietnamese_order():
    meta = built().meta
    assert [kind for kind, _ in meta["kinds"]] == ["tin", "dien-hinh", "thu-tuc", "trang"]
    assert [label for _, label in meta["areas"]] == ["Cải cách chế độ công vụ", "Cải cách thể chế"]
    assert meta["docKinds"] == [1, 2, 0, 3]
    assert meta["docAreas"] == [0, 1, 1, -1]
    assert meta["count"] == 4


def test_fragments_carry_what_a_result_shows():
    fragment = built().fragment(2)
    assert fragment == {"url": "tin/đường-dây-nóng/", "title": "Đường dây nóng", "kind": "tin", "kindLabel": "TIN",
                        "area": "Cải cách thể chế", "summary": "", "text": "Gọi đường dây nóng.",
                        "date": "02/03/2026", "iso": "2026-03-02T08:00:00+07:00"}
    assert "date" not in built().fragment(3)


def test_small_chunks_split_the_words_in_order_and_every_word_is_found():
    index = built(chunk_bytes=60)
    firsts = [first for first, _ in index.meta["chunks"]]
    assert len(firsts) > 3
    assert firsts == sorted(firsts, key=lambda word: word.encode("utf-16-be"))
    every_word = {}
    for _, name in index.meta["chunks"]:
        chunk = json.loads(index.files[f"t/{name}.json"])
        assert not set(chunk) & set(every_word), "a word is in one chunk only"
        every_word.update(chunk)
    for word in every_word:
        assert word in index.chunk_of(word)


def test_file_names_are_hashes_of_their_bytes_and_builds_repeat():
    first = SearchIndex.build(DOCUMENTS, 100, "Asia/Ho_Chi_Minh").files
    assert first == SearchIndex.build(list(reversed(DOCUMENTS)), 100, "Asia/Ho_Chi_Minh").files
    for name, data in first.items():
        assert hashlib.sha256(data).hexdigest()[:10] in name


def test_delta_encoding():
    from array import array

    assert delta_encoded(array("I", [3, 1, 7, 2, 20, 5])) == [3, 1, 4, 2, 13, 5]


def test_fragments_carry_the_other_searched_fields_for_the_excerpt():
    story = SearchDocument(url="dien-hinh/a/", title="A", kind="dien-hinh", kind_label="", area="", area_label="",
                           date=None, summary="Tóm tắt.", text="", fields=(("Tóm tắt.", 3), ("Chị Lê Thị Hồng Nhung", 4)))
    fragment = IndexReader(SearchIndex.build([story], 100, "Asia/Ho_Chi_Minh").files).fragment(0)
    assert fragment["facts"] == "Chị Lê Thị Hồng Nhung"
    assert "facts" not in built().fragment(1), "the code is shown on its own"
