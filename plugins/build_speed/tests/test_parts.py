"""The pieces of build_speed on their own: fingerprints, the stores, the pool, the read tracker."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from zoneinfo import ZoneInfo

from jinja2 import Environment

from plugins.build_speed.fingerprint import Fingerprint, ItemView, context_signature, stable_repr
from plugins.build_speed.pool import run_jobs
from plugins.build_speed.rendering import ReadTracker
from plugins.build_speed.stores import PageRecord, PageStore, ReadCache


class Thing:
    def __init__(self, value):
        self.value = value


def test_stable_repr_has_no_address_and_sorts_sets():
    assert "0x" not in stable_repr(Thing(1))
    assert stable_repr({"b", "a"}) == stable_repr({"a", "b"}) == "{'a', 'b'}"
    assert stable_repr({"x": [1, 2]}) != stable_repr({"x": [2, 1]})
    moment = datetime(2025, 2, 5, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert stable_repr(moment) == "datetime(2025-02-05T08:30:00+07:00, Asia/Ho_Chi_Minh)"
    assert stable_repr(len) == "builtins.len"


def test_stable_repr_of_an_items_metadata_by_exact_type_is_what_the_general_rules_give():
    from markupsafe import Markup
    from pelican.urlwrappers import Category, Tag
    from pelican.utils import SafeDatetime

    settings = {"SLUG_REGEX_SUBSTITUTIONS": [], "CATEGORY_REGEX_SUBSTITUTIONS": [], "TAG_REGEX_SUBSTITUTIONS": []}
    metadata = {
        "title": "Tin", "summary": Markup("<p>Tóm tắt</p>"), "date": SafeDatetime(2025, 2, 5, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        "category": Category("Cải cách thể chế", settings), "tags": [Tag("VNeID", settings)], "count": 3, "none": None,
    }
    assert stable_repr(metadata) == (
        f"{{'category': Category('Cải cách thể chế', {metadata['category'].slug!r}), 'count': 3, "
        "'date': datetime(2025-02-05T08:30:00+07:00, Asia/Ho_Chi_Minh), 'none': None, "
        f"'summary': Markup('<p>Tóm tắt</p>'), 'tags': [Tag('VNeID', {metadata['tags'][0].slug!r})], 'title': 'Tin'}}"
    )
    deep: list = [5]
    for _ in range(6):
        deep = [deep]
    assert stable_repr(deep) == "[[[[[[[int]]]]]]]", "past the depth limit only the type is written, for leaves too"
    loop: list = []
    loop.append(loop)
    assert "list" in stable_repr(loop)


def test_fingerprint_names_what_changed():
    before = Fingerprint({"setting:UNITS": "1", "item:tin/a.md": "2", "day": "3"})
    after = Fingerprint({"setting:UNITS": "1", "item:tin/a.md": "9", "day": "3", "item:tin/b.md": "4"})
    assert before.total != after.total
    assert after.changes(before) == "item:tin/a.md, item:tin/b.md"
    assert after.changes(None) == "no earlier build"
    assert Fingerprint(dict(before.parts)).total == before.total


def test_context_signature_sees_plain_values_not_object_contents():
    assert context_signature({"meta": "chi-muc.1.json"}) != context_signature({"meta": "chi-muc.2.json"})
    assert context_signature({"catalogue": Thing(1)}) == context_signature({"catalogue": Thing(2)})


def test_page_store_reuses_a_page_only_while_its_items_are_unchanged(tmp_path):
    store = PageStore.open(tmp_path, "v1", Fingerprint({"a": "1"}))
    assert store.why_not == "no earlier build"
    store.keep_blob("abc123", b"<p>trang</p>")
    store.record("tin/a/index.html", PageRecord("abc123", "vars", (("/c/tin/a.md", "h1"),)))
    store.save()

    again = PageStore.open(tmp_path, "v1", Fingerprint({"a": "1"}))
    assert again.why_not == ""
    assert again.reusable("tin/a/index.html", "vars", {"/c/tin/a.md": "h1"}) is not None
    assert again.reusable("tin/a/index.html", "vars", {"/c/tin/a.md": "h2"}) is None
    assert again.reusable("tin/a/index.html", "other", {"/c/tin/a.md": "h1"}) is None
    target = tmp_path / "out" / "tin" / "a" / "index.html"
    again.copy_to("abc123", str(target))
    assert target.read_bytes() == b"<p>trang</p>"

    changed = PageStore.open(tmp_path, "v1", Fingerprint({"a": "2"}))
    assert changed.why_not == "a" and changed.reusable("tin/a/index.html", "vars", {"/c/tin/a.md": "h1"}) is None
    changed.save()
    changed.prune()  # nothing recorded: the stored page is deleted
    assert not changed.blob("abc123").exists()


def test_a_rendered_page_is_written_once_and_stored_as_the_same_file(tmp_path):
    store = PageStore.open(tmp_path / "cache", "v1", Fingerprint({"a": "1"}))
    old_page = tmp_path / "out" / "tin" / "a" / "index.html"
    store.keep_blob("old", "<p>cũ</p>".encode())
    store.copy_to("old", str(old_page))  # last build's page, a link to its stored copy

    store.publish_rendered("new", "<p>mới</p>".encode(), str(old_page))
    assert old_page.read_bytes() == "<p>mới</p>".encode()
    assert os.path.samefile(old_page, store.blob("new"))
    assert store.blob("old").read_bytes() == "<p>cũ</p>".encode()  # not written through
    assert stat.S_IMODE(os.stat(store.blob("new")).st_mode) == 0o444

    twin = tmp_path / "out" / "tin" / "b" / "index.html"
    store.publish_rendered("new", "<p>mới</p>".encode(), str(twin))  # same bytes: linked from the store
    assert os.path.samefile(twin, store.blob("new"))


def test_read_cache_keeps_only_this_builds_files(tmp_path):
    cache = ReadCache.open(tmp_path, "v1")
    cache.put("tin/a.md", "k1", b"a")
    cache.put("tin/b.md", "k2", b"b")
    cache.save()
    again = ReadCache.open(tmp_path, "v1")
    assert again.get("tin/a.md", "k1") == b"a"
    assert ReadCache.open(tmp_path, "v1").get("tin/a.md", "other key") is None
    again.save()
    assert ReadCache.open(tmp_path, "v1").get("tin/b.md", "k2") is None


def test_unreadable_cache_is_an_empty_cache(tmp_path):
    (tmp_path / "read-v1.pickle").write_bytes(b"not a pickle")
    (tmp_path / "pages-v1.pickle").write_bytes(b"\x80\x04garbage")
    assert ReadCache.open(tmp_path, "v1").get("tin/a.md", "k") is None
    assert PageStore.open(tmp_path, "v1", Fingerprint({})).records == {}


def test_jobs_run_in_forked_processes_and_come_back_in_order():
    parent = os.getpid()
    results = run_jobs(40, lambda index: (index * index, os.getpid()), workers=2, chunk=3)
    assert [value for value, _ in results] == [index * index for index in range(40)]
    assert any(pid != parent for _, pid in results)
    assert [value for value, _ in run_jobs(3, lambda index: (index, 0), workers=1)] == [0, 1, 2]


class Article:
    def __init__(self, path):
        self.source_path, self.title, self._content = path, "Tiêu đề", "<p>thân bài</p>"

    @property
    def content(self):
        return self._content


def test_tracker_records_reads_of_an_items_text_not_of_its_fingerprinted_fields():
    article = Article("/c/tin/a.md")
    tracker = ReadTracker({id(article): ItemView(article.source_path, "fp", frozenset({"title"}), ())})
    environment = Environment()
    environment.filters["shout"] = lambda text: str(text).upper()
    tracker.watch(environment)
    assert environment.from_string("{{ a.title }}").render(a=article) == "Tiêu đề"
    assert tracker.read == set()
    assert environment.from_string("{{ a.content }}").render(a=article) == "<p>thân bài</p>"
    assert tracker.read == {"/c/tin/a.md"}
    tracker.read = set()
    environment.from_string("{{ a|shout }}").render(a=article)
    assert tracker.read == {"/c/tin/a.md"}



def _die_at_five(index: int) -> int:
    if index == 5 and os.getpid() != PARENT:
        os._exit(1)  # as when the system, out of memory, kills a worker
    return index * 10


PARENT = os.getpid()


def test_a_worker_that_dies_leaves_its_jobs_to_the_build_process():
    assert run_jobs(40, _die_at_five, 2, chunk=1) == [index * 10 for index in range(40)]


def _cacher(tmp_path, caching: bool):
    from pelican.cache import FileStampDataCacher
    from pelican.settings import DEFAULT_CONFIG

    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path)}
    return FileStampDataCacher(settings, "test", caching, caching)


def test_file_stamps_are_skipped_only_for_content_caches_that_keep_nothing(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from plugins.build_speed import skip_unused_file_stamps

    looked_up = []
    monkeypatch.setattr(os.path, "getmtime", lambda path: looked_up.append(path) or 1.0)
    source = str(tmp_path / "a.md")
    generator, readers, caching = _cacher(tmp_path, False), _cacher(tmp_path, False), _cacher(tmp_path, True)
    generator.readers = readers
    skip_unused_file_stamps(generator)
    skip_unused_file_stamps(SimpleNamespace(_cache_data_policy=True, _cache={}, readers=caching))
    for cacher in (generator, readers):
        cacher.cache_data(source, "not kept")
        assert cacher.get_cached_data(source, "default") == "default"
    assert looked_up == []
    caching.cache_data(source, "kept")
    assert caching.get_cached_data(source, "default") == "kept"
    assert looked_up == [source, source]


def test_a_first_build_stores_pages_without_searching_the_empty_store_and_keeps_one_file_per_bytes(tmp_path):
    store = PageStore.open(tmp_path / "cache", "v1", Fingerprint({"a": "1"}))
    assert not store.held_pages
    first, second = tmp_path / "out" / "a" / "index.html", tmp_path / "out" / "b" / "index.html"
    store.publish_rendered("d1", b"<p>same</p>", str(first))
    store.publish_rendered("d1", b"<p>same</p>", str(second))
    assert first.read_bytes() == second.read_bytes() == b"<p>same</p>"
    assert os.stat(first).st_ino == os.stat(second).st_ino == os.stat(store.blob("d1")).st_ino
    store.save()
    assert PageStore.open(tmp_path / "cache", "v1", Fingerprint({"a": "1"})).held_pages


def test_a_read_only_run_shares_the_builds_read_cache():
    from plugins.build_speed import UNCOUNTED_SETTINGS
    from plugins.build_speed.fingerprint import settings_parts
    from plugins.content_model import READ_ONLY

    assert settings_parts({READ_ONLY: True, "SITENAME": "Xã"}, UNCOUNTED_SETTINGS) == settings_parts({"SITENAME": "Xã"}, UNCOUNTED_SETTINGS)


def test_module_paths_are_resolved_as_realpath_resolves_them(tmp_path):
    from plugins.build_speed.fingerprint import _real_path

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.py").write_text("", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "b.py").symlink_to(tmp_path / "real" / "a.py")
    folders: dict[str, str] = {}
    for location in (tmp_path / "linked" / "a.py", tmp_path / "real" / "a.py", tmp_path / "linked" / "b.py"):
        assert _real_path(str(location), folders) == os.path.realpath(location)


def test_read_bytes_reads_every_size(tmp_path, monkeypatch):
    from plugins.build_speed import output

    for size in (0, 1, 1 << 20, (1 << 20) + 7):
        path = tmp_path / f"f{size}"
        path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        assert output.read_bytes(str(path)) == path.read_bytes()
    monkeypatch.setattr(output, "_READ_SIZE", 4)
    for size in (0, 3, 4, 9, 12):
        path = tmp_path / f"small{size}"
        path.write_bytes(bytes(range(size)))
        assert output.read_bytes(str(path)) == path.read_bytes()


def test_a_forked_call_returns_what_its_process_made_at_a_lower_priority():
    from plugins.build_speed.pool import ForkedCall

    parent, niceness = os.getpid(), os.nice(0)
    call = ForkedCall(lambda: (os.getpid(), os.nice(0), ["kết", "quả"]), niceness=4)
    assert call.pid is not None
    pid, its_niceness, value = call.result()
    assert pid not in (parent, None) and its_niceness == niceness + 4 and value == ["kết", "quả"]


def test_a_forked_call_whose_process_dies_or_cannot_start_is_done_here(monkeypatch):
    from plugins.build_speed.pool import ForkedCall

    parent = os.getpid()
    assert ForkedCall(lambda: os._exit(1) if os.getpid() != parent else "ở đây").result() == "ở đây"

    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    call = ForkedCall(lambda: os.getpid())
    assert call.pid is None and call.result() == parent


def test_an_abandoned_forked_call_is_ended_even_with_a_large_result_or_a_handler_for_sigterm(tmp_path):
    import signal
    import time

    from plugins.build_speed.pool import ForkedCall

    finished = ForkedCall(lambda: "x" * 1_000_000)  # blocked writing its result into a full pipe
    time.sleep(0.3)
    started = time.monotonic()
    finished.abandon()
    assert time.monotonic() - started < 10
    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)  # as the preview server has
    try:
        call = ForkedCall(lambda: time.sleep(30))
    finally:
        signal.signal(signal.SIGTERM, previous)
    pid = call.pid
    started = time.monotonic()
    call.abandon()
    assert time.monotonic() - started < 10 and call.pid is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError("the process is still there")


def test_a_file_written_atomically_replaces_the_old_one_and_leaves_nothing_beside_it(tmp_path, monkeypatch):
    from plugins.build_speed.stores import write_atomically

    target = tmp_path / "new" / "folder" / "page.html"
    write_atomically(target, b"first", 0o644)
    old_link = tmp_path / "old-link.html"
    os.link(target, old_link)
    write_atomically(str(target), "thứ hai".encode(), 0o444)
    assert target.read_bytes() == "thứ hai".encode() and old_link.read_bytes() == b"first", "a new file, never written through"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(path.name for path in target.parent.iterdir()) == ["page.html"]
    stale = target.parent / f".page.html.{os.getpid()}.999999"
    stale.write_bytes(b"left by a stopped process")
    from plugins.build_speed import stores

    monkeypatch.setattr(stores, "_temporary_numbers", iter([999999, 1000000]))
    write_atomically(target, b"third")
    assert target.read_bytes() == b"third" and stale.exists()


def test_a_source_path_relative_to_the_content_folder_is_what_relpath_gives(tmp_path):
    from plugins.build_speed.reading import relative_to

    root = str(tmp_path / "content")
    for path in (f"{root}/tin/a.md", f"{root}/tin/../dien-hinh/b.md", f"{root}x/c.md", "/khac/d.md", "tin/e.md", f"{root}/", f"{root}//tin//f.md"):
        assert relative_to(path, root) == os.path.relpath(path, root), path
    assert relative_to(f"{root}/tin/a.md", root + "/") == "tin/a.md"


def test_the_read_ahead_listing_is_given_to_the_generators_own_next_listing_once():
    from plugins.build_speed import listing_once

    class Generator:
        def __init__(self):
            self.walks = 0

        def get_files(self, paths, exclude=None, extensions=None):
            self.walks += 1
            return {f"{path}/a.md" for path in paths}

    generator = Generator()
    listed = listing_once(generator, ["tin"], ["nhap"])
    assert generator.walks == 1
    assert generator.get_files(["tin"], exclude=["nhap"]) is listed and generator.walks == 1
    assert generator.get_files(["tin"], exclude=["nhap"]) == listed and generator.walks == 2, "once only"
    other = Generator()
    listing_once(other, ["tin"], [])
    assert other.get_files(["trang"], exclude=[]) == {"trang/a.md"} and other.walks == 2, "other arguments: listed again"


def test_remembered_slugs_and_relative_paths_are_pelicans():
    from markupsafe import Markup
    from pelican.settings import DEFAULT_CONFIG

    from plugins.build_speed import _plain_relative_source_path, _plain_slugify, relative_source_path, slugify

    rules = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    for value in ("Cải cách thủ tục hành chính", "VNeID", Markup("<em>Chuyển đổi số</em> &amp; dữ liệu"), "Đ-ƯỜNG 2/9", ""):
        for preserve_case, use_unicode in ((False, False), (True, False), (False, True)):
            expected = _plain_slugify(value, regex_subs=rules, preserve_case=preserve_case, use_unicode=use_unicode)
            assert slugify(value, regex_subs=rules, preserve_case=preserve_case, use_unicode=use_unicode) == expected
            assert slugify(value, regex_subs=rules, preserve_case=preserve_case, use_unicode=use_unicode) == expected, "remembered"
    assert slugify("a b", regex_subs=[[r"\s", "_"]]) == _plain_slugify("a b", regex_subs=[[r"\s", "_"]])

    class Item:
        settings = {"PATH": "/srv/xa/content"}

    for source in ("/srv/xa/content/tin/a.md", "/srv/xa/content/../khac/b.md", "/srv/khac/c.md", "tin/d.md"):
        item = Item()
        item.source_path = source
        assert relative_source_path(item) == _plain_relative_source_path(item), source


def test_read_results_of_an_edit_are_appended_and_read_over_the_whole_cache(tmp_path):
    cache = ReadCache.open(tmp_path, "v1")
    for number in range(300):
        cache.put(f"tin/{number}.md", f"k{number}", b"x" * number)
    cache.save()
    whole = (tmp_path / "read-v1.pickle").read_bytes()
    for edit in range(3):  # three edits of one file, one new file
        again = ReadCache.open(tmp_path, "v1")
        for number in range(300):
            assert again.get(f"tin/{number}.md", f"k{number}" if number else f"e{edit - 1}" if edit else "k0") is not None
        again.put("tin/0.md", f"e{edit}", f"sửa {edit}".encode())
        again.save()
    again = ReadCache.open(tmp_path, "v1")
    for number in range(300):
        assert again.get(f"tin/{number}.md", f"k{number}" if number else "e2") is not None
    again.put("tin/moi.md", "m", b"new")
    again.save()
    assert (tmp_path / "read-v1.pickle").read_bytes() == whole, "an edit appends, the whole cache is not written again"
    reopened = ReadCache.open(tmp_path, "v1")
    assert reopened.appended == 4 and reopened.get("tin/0.md", "e2") == "sửa 2".encode() and reopened.get("tin/moi.md", "m") == b"new"
    with open(tmp_path / "read-v1.added", "ab") as appended:
        appended.write(b"\x05\x00\x00\x00\x00\x00\x00\x00cut")  # a write cut short by a crash
    damaged = ReadCache.open(tmp_path, "v1")
    assert damaged.get("tin/moi.md", "m") == b"new", "what was appended before it is read"
    for number in range(1, 300):
        damaged.get(f"tin/{number}.md", f"k{number}")
    damaged.get("tin/0.md", "e2")
    damaged.put("tin/khac.md", "n", b"other")
    damaged.save()
    assert not (tmp_path / "read-v1.added").exists(), "after a damaged record the whole cache is written again"
    assert ReadCache.open(tmp_path, "v1").get("tin/khac.md", "n") == b"other"


def test_the_whole_read_cache_is_written_again_when_a_file_is_gone_or_the_appended_grow(tmp_path):
    cache = ReadCache.open(tmp_path, "v1")
    for number in range(20):
        cache.put(f"tin/{number}.md", "k", b"x")
    cache.save()
    for edit in range(20):
        again = ReadCache.open(tmp_path, "v1")
        for number in range(1, 20):
            again.get(f"tin/{number}.md", "k")
        again.put("tin/0.md", f"e{edit}", b"y")
        again.save()
        assert again.appended <= 16
    assert (tmp_path / "read-v1.added").exists()
    gone = ReadCache.open(tmp_path, "v1")
    gone.get("tin/1.md", "k")
    gone.save()
    assert not (tmp_path / "read-v1.added").exists()
    assert ReadCache.open(tmp_path, "v1").entries.keys() == {"tin/1.md"}


def test_without_the_whole_cache_nothing_is_only_appended(tmp_path):
    cache = ReadCache.open(tmp_path, "v1")
    cache.put("tin/a.md", "k", b"a")
    cache.save()
    assert ReadCache.open(tmp_path, "v1").get("tin/a.md", "k") == b"a", "a small first build writes the whole cache"


def test_keyed_files_leave_files_being_written_and_take_no_empty_file(tmp_path):
    from plugins.build_speed.stores import KeyedFiles

    files = KeyedFiles(tmp_path / "keyed", ".txt")
    files.put("a", b"mot")
    files.put("b", b"hai")
    (tmp_path / "keyed" / ".b.txt.4242.0").write_bytes(b"another build writing")
    files.keep_only({"a"})
    assert sorted(path.name for path in (tmp_path / "keyed").iterdir()) == [".b.txt.4242.0", "a.txt"]
    (tmp_path / "keyed" / "c.txt").write_bytes(b"")  # what a power cut can leave
    assert files.get("a") == b"mot" and files.get("b") is None and files.get("c") is None
