"""The search cache: an item read again only when what its document is made from changed; the index kept when nothing did."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from plugins.search.cache import DocumentCache, IndexRecord, input_key
from plugins.search.documents import DEFAULT_FIELD_WEIGHTS
from plugins.search.index import word_weights
from plugins.search.tests.index_reader import IndexReader
from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SETTINGS = {"PATH": "content", "SEARCH_FIELD_WEIGHTS": DEFAULT_FIELD_WEIGHTS, "SEARCH_KINDS": ["tin"], "SEARCH_CHUNK_BYTES": 20_000, "TIMEZONE": "Asia/Ho_Chi_Minh"}
GOOD_ITEM = (PROJECT_ROOT / "tests" / "fixtures" / "strict" / "good-item.md").read_text(encoding="utf-8")


def item(slug: str, text: str, **metadata) -> SimpleNamespace:
    return SimpleNamespace(
        url=f"tin/{slug}/", title=slug.replace("-", " ").title(), kind="tin", kind_label="Tin", area_code="the-che",
        category="Cải cách thể chế", tags=[], date=datetime(2026, 3, 2, 8, 0, tzinfo=ZONE), summary="",
        metadata=metadata, content=f"<p>{text}</p>",
    )


def test_an_item_is_read_again_only_when_its_inputs_change(tmp_path):
    first_items = [item("duong-day-nong", "Gọi đường dây nóng."), item("mot-cua", "Bộ phận một cửa.")]
    cache = DocumentCache.open(str(tmp_path), SETTINGS)
    documents, weights, key = cache.documents(first_items, DEFAULT_FIELD_WEIGHTS)
    assert cache.reused == 0 and weights[id(documents[0])] == word_weights(documents[0])
    cache.save(IndexRecord(key, ("meta.x.json",), "meta.x.json", [], []))

    again = DocumentCache.open(str(tmp_path), SETTINGS)
    assert again.index is not None and again.index.key == key
    same, _, same_key = again.documents(first_items, DEFAULT_FIELD_WEIGHTS)
    assert again.reused == 2 and same_key == key and same[1].text == "Bộ phận một cửa."

    edited = [first_items[0], item("mot-cua", "Bộ phận một cửa, thêm giờ làm việc thứ Bảy.")]
    third = DocumentCache.open(str(tmp_path), SETTINGS)
    changed, weights, changed_key = third.documents(edited, DEFAULT_FIELD_WEIGHTS)
    assert third.reused == 1 and changed_key != key
    assert changed[1].text.endswith("thứ Bảy.") and any(folded == "bay" for folded, _ in weights[id(changed[1])])


def test_every_input_of_a_document_is_in_its_key():
    base = item("mot-cua", "Bộ phận một cửa.", agency="UBND xã")
    variants = [
        {"title": "Khác"}, {"url": "tin/khac/"}, {"tags": ["một cửa"]}, {"summary": "Tóm tắt"},
        {"date": datetime(2026, 3, 3, tzinfo=ZONE)}, {"category": "Cải cách tài chính công"},
        {"metadata": {"agency": "UBND phường"}}, {"content": "<p>Khác.</p>"},
    ]
    keys = {input_key(base, DEFAULT_FIELD_WEIGHTS)}
    for change in variants:
        keys.add(input_key(SimpleNamespace(**{**vars(base), **change}), DEFAULT_FIELD_WEIGHTS))
    assert len(keys) == len(variants) + 1


def test_a_damaged_cache_or_other_settings_start_afresh(tmp_path):
    cache = DocumentCache.open(str(tmp_path), SETTINGS)
    _, _, key = cache.documents([item("a", "Một.")], DEFAULT_FIELD_WEIGHTS)
    cache.save(IndexRecord(key, (), "meta.x.json", [], []))
    assert DocumentCache.open(str(tmp_path), {**SETTINGS, "SEARCH_CHUNK_BYTES": 10_000}).index is None
    cache.path.write_bytes(b"\x80\x05hong")
    assert DocumentCache.open(str(tmp_path), SETTINGS).index is None


def test_a_rebuild_keeps_the_index_files_and_an_edit_reaches_the_index(tmp_path):
    content = write_content(tmp_path / "content", {"tin/good-item.md": GOOD_ITEM})
    output, cache = tmp_path / "output", tmp_path / "cache"
    settings = {"CACHE_PATH": str(cache)}
    assert run_pelican(content, output, extra_settings=settings).returncode == 0
    folder = output / "tim-kiem" / "chi-muc"
    first = {path: os.stat(path).st_ino for path in folder.rglob("*.json")}
    assert first and any(cache.glob("search-*.pickle"))

    assert run_pelican(content, output, extra_settings=settings).returncode == 0
    assert {path: os.stat(path).st_ino for path in folder.rglob("*.json")} == first, "nothing changed: the same files stay"
    unchanged = _files(folder)

    fragment = next(folder.glob("d/*.json"))
    fragment.write_text("{}", encoding="utf-8")  # edited by hand, or cut short
    assert run_pelican(content, output, extra_settings=settings).returncode == 0
    assert _files(folder) == unchanged, "a file without the bytes its name says is written again"

    (content / "tin" / "good-item.md").write_text(GOOD_ITEM.rstrip("\n") + "\n\nBổ sung: tiếp dân đến khuya thứ Năm.\n", encoding="utf-8")
    result = run_pelican(content, output, extra_settings=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    assert IndexReader.from_folder(folder).documents_with("khuya") == {0}

    fresh = tmp_path / "fresh"
    assert run_pelican(content, fresh, extra_settings={"CACHE_PATH": str(tmp_path / "other"), "SEARCH_CACHE": False}).returncode == 0
    assert _files(folder) == _files(fresh / "tim-kiem" / "chi-muc"), "the cached index is the index built without a cache"


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_each_site_address_keeps_its_cache_and_only_the_last_sites_are_kept(tmp_path):
    from plugins.search.cache import KEPT_SITES

    paths = []
    for number in range(KEPT_SITES + 2):
        cache = DocumentCache.open(str(tmp_path), {**SETTINGS, "SITEURL": f"https://xa-{number}.example.gov.vn"})
        _, _, key = cache.documents([item("a", "Một.")], DEFAULT_FIELD_WEIGHTS)
        cache.save(IndexRecord(key, (), "meta.x.json", [], []))
        os.utime(cache.path, (1_000_000 + number, 1_000_000 + number))
        paths.append(cache.path)
    assert len(set(paths)) == KEPT_SITES + 2, "make html and make publish do not share (and evict) one cache"
    assert sorted(tmp_path.glob("search-*.pickle")) == sorted(paths[-KEPT_SITES:])
