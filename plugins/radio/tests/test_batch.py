"""Scripts for many items at once: the cache and the worker processes change nothing in the text."""

import hashlib
import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from plugins.build_speed.stores import load_dict
from plugins.radio.batch import CACHE_FILE, script_key, scripts_for
from plugins.radio.script import ScriptItem, radio_script
from plugins.radio.speech import Speaker

OWNER = "Ủy ban nhân dân xã Tân Hòa"
ZONE = "Asia/Ho_Chi_Minh"


def items(count: int) -> list[ScriptItem]:
    start = datetime(2025, 7, 1, 8, 0, tzinfo=ZoneInfo(ZONE))
    return [
        ScriptItem(
            title=f"UBND xã tiếp nhận {1000 + number} hồ sơ trong tháng {number % 12 + 1}",
            kind_label="Tin tức",
            unit="Trung tâm Phục vụ hành chính công",
            date=start + timedelta(days=number),
            html=f"<p>Tỷ lệ đúng hạn đạt {90 + number % 10},5%, gọi 0270 3812 {number:03d}.</p>",
        )
        for number in range(count)
    ]


def test_parallel_and_cached_scripts_are_the_serial_scripts(tmp_path):
    speaker = Speaker()
    batch = items(80)
    serial = [radio_script(item, speaker, OWNER, ZONE) for item in batch]
    assert scripts_for(batch, speaker, OWNER, ZONE, None, 1) == serial
    assert scripts_for(batch, speaker, OWNER, ZONE, str(tmp_path), 2) == serial
    assert len(load_dict(tmp_path / CACHE_FILE)) == 80
    assert scripts_for(batch, speaker, OWNER, ZONE, str(tmp_path), 2) == serial


def test_a_changed_item_gets_a_new_script_and_the_cache_follows_the_site(tmp_path):
    speaker = Speaker()
    batch = items(5)
    scripts_for(batch, speaker, OWNER, ZONE, str(tmp_path), 1)
    changed = [*batch[:4], ScriptItem(**{**batch[4].__dict__, "title": "Xã Tân Hòa công bố 14 thủ tục"})]
    texts = scripts_for(changed, speaker, OWNER, ZONE, str(tmp_path), 1)
    assert "mười bốn thủ tục" in texts[4]
    assert texts[:4] == [radio_script(item, speaker, OWNER, ZONE) for item in batch[:4]]
    assert len(load_dict(tmp_path / CACHE_FILE)) == 5


def test_a_damaged_cache_is_an_empty_one(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(b"\x80\x04 not a pickle")
    speaker = Speaker()
    assert scripts_for(items(2), speaker, OWNER, ZONE, str(tmp_path), 1) == [radio_script(item, speaker, OWNER, ZONE) for item in items(2)]


def test_the_key_follows_every_field_and_tells_none_from_the_text_none():
    item = items(1)[0]
    context = hashlib.sha256(b"settings")
    keys = {
        script_key(changed, context)
        for changed in (
            item,
            ScriptItem(**{**item.__dict__, "summary": "None"}),
            ScriptItem(**{**item.__dict__, "summary": ""}),
            ScriptItem(**{**item.__dict__, "html": item.html + " "}),
            ScriptItem(**{**item.__dict__, "date": item.date.replace(minute=1)}),
            ScriptItem(**{**item.__dict__, "title": "<em>" + item.title + "</em>"}),
        )
    }
    assert len(keys) == 6
    assert script_key(item, context) == script_key(items(1)[0], context)


def test_a_title_with_markup_is_read_as_plain_text():
    speaker = Speaker()
    item = ScriptItem(**{**items(1)[0].__dict__, "title": "Lúa <em>mới</em> &amp; ngô"})
    script = radio_script(item, speaker, OWNER, ZONE)
    assert "Lúa mới và ngô" in script and "<em>" not in script and "&amp;" not in script


def test_every_script_is_kept_once_new_ones_in_the_worker_processes(tmp_path):
    speaker = Speaker()
    batch = [*items(80), items(1)[0]]  # the last is the first again: one script, two files
    serial = [radio_script(item, speaker, OWNER, ZONE) for item in batch]

    def keep(index: int, text: str) -> None:
        with open(tmp_path / f"{index}.txt", "x", encoding="utf-8") as file:  # "x": twice would fail
            file.write(text)

    for workers in (2, 1):
        assert scripts_for(batch, speaker, OWNER, ZONE, str(tmp_path / "cache"), workers, keep) == serial
        assert [(tmp_path / f"{index}.txt").read_text(encoding="utf-8") for index in range(81)] == serial
        for index in range(81):
            (tmp_path / f"{index}.txt").unlink()


class _KeepWithPriority:
    """Writes each script, and the nice value of the process that kept it, into a folder (the workers' own files)."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, index: int, text: str) -> None:
        import os

        (self.folder / f"{index}.txt").write_text(f"{os.nice(0)}\n{text}", encoding="utf-8")


def test_a_started_batch_writes_while_the_caller_goes_on_at_a_lower_priority(tmp_path):
    import os

    from plugins.radio.batch import ScriptBatch

    speaker = Speaker()
    batch = items(80)
    serial = [radio_script(item, speaker, OWNER, ZONE) for item in batch]
    (tmp_path / "out").mkdir()
    started = ScriptBatch(batch, speaker, OWNER, ZONE, str(tmp_path), 2, keep=_KeepWithPriority(tmp_path / "out"), niceness=3)
    assert started.pool is not None, "the new scripts are written in worker processes"
    assert started.finish() == serial
    kept = {int(path.stem): path.read_text(encoding="utf-8").split("\n", 1) for path in (tmp_path / "out").glob("*.txt")}
    assert sorted(kept) == list(range(80))
    assert {int(niceness) for niceness, _ in kept.values()} == {os.nice(0) + 3}
    assert [kept[index][1] for index in range(80)] == serial
    again = ScriptBatch(batch, speaker, OWNER, ZONE, str(tmp_path), 2, keep=_KeepWithPriority(tmp_path / "out"))
    assert again.pool is None and again.finish() == serial, "all from the cache, kept by this process"


def test_an_unchanged_script_file_is_left_unread_and_one_changed_by_hand_is_written_again(tmp_path):
    from plugins.build_speed import output
    from plugins.radio import BYTE_ORDER_MARK, ScriptFiles
    from plugins.radio.batch import ScriptBatch

    site, cache = tmp_path / "output", tmp_path / "cache"
    site.mkdir()
    batch_items = items(5)
    paths = [str(site / f"tin-{number}" / "radio.txt") for number in range(5)]
    speaker = Speaker()

    def build() -> list[int]:
        output.clean_output_dir(str(site), [])
        written = []

        def keep(index: int, text: str) -> None:
            written.append(index)
            output.write_new_or_changed(paths[index], (BYTE_ORDER_MARK + text).encode("utf-8"))

        files = ScriptFiles(str(cache), paths)
        batch = ScriptBatch(batch_items, speaker, OWNER, ZONE, str(cache), 1, keep=keep)
        batch.finish(files.current)
        files.save(batch.keys)
        assert output.sweep() == []
        return sorted(written)

    assert build() == [0, 1, 2, 3, 4]
    assert build() == [], "the first build remembered the files it wrote"
    edited = Path(paths[2]).with_name("sua-tay.txt")
    edited.write_text("sửa tay", encoding="utf-8")
    os.replace(edited, paths[2])  # changed by hand, as an editor saves: a new file
    assert build() == [2]
    assert Path(paths[2]).read_text(encoding="utf-8-sig") == radio_script(batch_items[2], speaker, OWNER, ZONE)
    output.forget_last_build()
