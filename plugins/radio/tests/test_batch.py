"""Scripts for many items at once: the cache and the worker processes change nothing in the text."""

import hashlib
import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from plugins.radio.batch import CACHE_FOLDER, script_key, scripts_for
from plugins.radio.inputs import ScriptItem, Voice
from plugins.radio.numbers import NumberStyle
from plugins.radio.script import radio_script

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


def cached(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / CACHE_FOLDER).iterdir())


def test_parallel_forked_and_cached_scripts_are_the_serial_scripts(tmp_path):
    voice = Voice()
    speaker = voice.speaker()
    batch = items(80)
    serial = [radio_script(item, speaker, OWNER, ZONE) for item in batch]
    assert scripts_for(batch, voice, OWNER, ZONE, None, 1) == serial
    assert scripts_for(batch, voice, OWNER, ZONE, str(tmp_path / "pool"), 2) == serial
    assert len(cached(tmp_path / "pool")) == 80
    assert scripts_for(batch, voice, OWNER, ZONE, str(tmp_path / "pool"), 2) == serial
    assert scripts_for(batch[:10], voice, OWNER, ZONE, str(tmp_path / "forked"), 2) == serial[:10], "a few: one forked process"
    assert len(cached(tmp_path / "forked")) == 10


def test_the_voice_settings_change_the_scripts(tmp_path):
    southern = Voice(style=NumberStyle(zero_tens="lẻ", thousand="ngàn"))
    item = [ScriptItem(**{**items(1)[0].__dict__, "title": "Xã tiếp nhận 1.005 hồ sơ"})]
    assert "một nghìn không trăm linh năm" in scripts_for(item, Voice(), OWNER, ZONE, str(tmp_path), 1)[0]
    assert "một ngàn không trăm lẻ năm" in scripts_for(item, southern, OWNER, ZONE, str(tmp_path), 1)[0]


def test_a_changed_item_gets_a_new_script_and_the_cache_follows_the_site(tmp_path):
    voice = Voice()
    speaker = voice.speaker()
    batch = items(5)
    scripts_for(batch, voice, OWNER, ZONE, str(tmp_path), 1)
    before = cached(tmp_path)
    changed = [*batch[:4], ScriptItem(**{**batch[4].__dict__, "title": "Xã Tân Hòa công bố 14 thủ tục"})]
    texts = scripts_for(changed, voice, OWNER, ZONE, str(tmp_path), 1)
    assert "mười bốn thủ tục" in texts[4]
    assert texts[:4] == [radio_script(item, speaker, OWNER, ZONE) for item in batch[:4]]
    after = cached(tmp_path)
    assert len(after) == 5 and len(set(before) & set(after)) == 4, "the old script of the changed item is gone"


def test_a_damaged_cache_file_is_a_script_to_make_again(tmp_path):
    voice = Voice()
    expected = [radio_script(item, voice.speaker(), OWNER, ZONE) for item in items(2)]
    scripts_for(items(2), voice, OWNER, ZONE, str(tmp_path), 1)
    for path in (tmp_path / CACHE_FOLDER).iterdir():
        path.write_bytes(b"\xff\xfe not UTF-8")
    assert scripts_for(items(2), voice, OWNER, ZONE, str(tmp_path), 1) == expected


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
    speaker = Voice().speaker()
    item = ScriptItem(**{**items(1)[0].__dict__, "title": "Lúa <em>mới</em> &amp; ngô"})
    script = radio_script(item, speaker, OWNER, ZONE)
    assert "Lúa mới và ngô" in script and "<em>" not in script and "&amp;" not in script


def test_every_script_is_kept_once_new_ones_in_the_worker_processes(tmp_path):
    voice = Voice()
    batch = [*items(80), items(1)[0]]  # the last is the first again: one script, two files
    serial = [radio_script(item, voice.speaker(), OWNER, ZONE) for item in batch]

    def keep(index: int, text: str) -> None:
        with open(tmp_path / f"{index}.txt", "x", encoding="utf-8") as file:  # "x": twice would fail
            file.write(text)

    for workers in (2, 1):
        assert scripts_for(batch, voice, OWNER, ZONE, str(tmp_path / "cache"), workers, keep) == serial
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

    voice = Voice()
    for count, pooled in ((80, True), (5, False)):
        batch = items(count)
        serial = [radio_script(item, voice.speaker(), OWNER, ZONE) for item in batch]
        out, cache = tmp_path / f"out-{count}", tmp_path / f"cache-{count}"
        out.mkdir()
        started = ScriptBatch(batch, voice, OWNER, ZONE, str(cache), 2, keep=_KeepWithPriority(out), niceness=3)
        assert (started.pool is not None) is pooled and (started.forked is not None) is not pooled, "a pool for many, one process for a few"
        started.finish()
        kept = {int(path.stem): path.read_text(encoding="utf-8").split("\n", 1) for path in out.glob("*.txt")}
        assert sorted(kept) == list(range(count))
        assert {int(niceness) for niceness, _ in kept.values()} == {os.nice(0) + 3}
        assert [kept[index][1] for index in range(count)] == serial
        again = ScriptBatch(batch, voice, OWNER, ZONE, str(cache), 2, keep=_KeepWithPriority(out))
        assert again.pool is None and again.forked is None and again.new == [], "all from the cache, kept by this process"
        again.finish()
        assert {int(path.read_text(encoding="utf-8").split("\n", 1)[0]) for path in out.glob("*.txt")} == {os.nice(0)}


def test_an_unchanged_script_file_is_left_unread_and_one_changed_by_hand_is_written_again(tmp_path):
    from plugins.build_speed import output
    from plugins.radio import BYTE_ORDER_MARK, ScriptFiles
    from plugins.radio.batch import ScriptBatch

    site, cache = tmp_path / "output", tmp_path / "cache"
    site.mkdir()
    batch_items = items(5)
    paths = [str(site / f"tin-{number}" / "radio.txt") for number in range(5)]

    def build() -> list[int]:
        output.clean_output_dir(str(site), [])
        written = []

        def keep(index: int, text: str) -> None:
            written.append(index)
            output.write_new_or_changed(paths[index], (BYTE_ORDER_MARK + text).encode("utf-8"))

        files = ScriptFiles(str(cache), paths)
        batch = ScriptBatch(batch_items, Voice(), OWNER, ZONE, str(cache), 1, keep=keep, current=files.current)
        batch.finish()
        files.save(batch.keys)
        assert output.sweep() == []
        return sorted(written)

    assert build() == [0, 1, 2, 3, 4]
    assert build() == [], "the first build remembered the files it wrote"
    edited = Path(paths[2]).with_name("sua-tay.txt")
    edited.write_text("sửa tay", encoding="utf-8")
    os.replace(edited, paths[2])  # changed by hand, as an editor saves: a new file
    assert build() == [2]
    assert Path(paths[2]).read_text(encoding="utf-8-sig") == radio_script(batch_items[2], Voice().speaker(), OWNER, ZONE)
    output.forget_last_build()


def test_a_build_whose_scripts_are_all_current_does_not_load_the_script_writer():
    """Its patterns take a twentieth of a second to compile, and it loads lxml: a rebuild that changed nothing needs neither."""
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from plugins.radio import ScriptFiles, Voice\n"
        "from plugins.radio.batch import ScriptBatch\n"
        "from datetime import datetime\n"
        "from plugins.radio.inputs import ScriptItem\n"
        "items = [ScriptItem('Tin', 'Tin tức', 'Văn phòng', datetime(2025, 7, 1), '<p>1 tin</p>')] * 3\n"
        "batch = ScriptBatch(items, Voice(), 'UBND', 'Asia/Ho_Chi_Minh', None, 2, keep=print, current=lambda index, key: True)\n"
        "batch.finish()\n"
        "print(sorted(name for name in ('plugins.radio.speech', 'plugins.radio.script', 'lxml.html') if name in sys.modules))\n"
    )
    finished = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[3], check=True)
    assert finished.stdout.strip() == "[]", finished.stdout + finished.stderr
