"""The output sweep on its own: what the last build left and this one did not write goes, nothing else."""

from __future__ import annotations

import os

from plugins.build_speed import output


def start(folder, retention=(".git",)) -> None:
    """A build's start, up to ``get_writer``: the output walked (by a forked process), and collected before any write."""
    output.clean_output_dir(str(folder), list(retention))
    output.collect_first_walk()


def test_old_links_of_one_inode_all_go_and_a_noted_link_stays(tmp_path):
    site = tmp_path / "output"
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    (site / "c").mkdir()
    stored = tmp_path / "stored"
    stored.write_text("trang")
    for name in ("a", "b", "c"):
        os.link(stored, site / name / "index.html")
    start(site)
    output.publish_link(stored, str(site / "c" / "index.html"))  # this build's page, the same stored file
    deleted = output.sweep()
    assert sorted(os.path.relpath(path, site) for path in deleted) == ["a/index.html", "b/index.html"]
    assert sorted(os.listdir(site)) == ["c"], "folders left empty go too"


def test_rewritten_touched_and_new_files_stay_untouched_ones_go_retention_stays(tmp_path):
    site = tmp_path / "output"
    for name in ("rewritten.txt", "touched.txt", "untouched.txt", ".git/HEAD", "sub/old.txt"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("cũ")
    start(site)
    (site / "rewritten.txt").write_text("mới")
    output.write_if_changed(str(site / "touched.txt"), "cũ".encode())
    output.write_if_changed(str(site / "new" / "file.txt"), b"new")
    output.sweep()
    left = sorted(str(path.relative_to(site)) for path in site.rglob("*") if path.is_file())
    assert left == [".git/HEAD", "new/file.txt", "rewritten.txt", "touched.txt"]
    assert (site / "touched.txt").read_text() == "cũ"


def test_a_static_file_left_as_it_was_is_kept_when_noted(tmp_path):
    site = tmp_path / "output"
    (site / "audio").mkdir(parents=True)
    (site / "audio" / "ban-tin.mp3").write_bytes(b"ID3")
    start(site)
    output.note_written(str(site / "audio" / "ban-tin.mp3"))
    assert output.sweep() == []
    assert (site / "audio" / "ban-tin.mp3").exists()


def test_the_swept_files_are_what_is_left_with_their_inode_size_and_time(tmp_path):
    site = tmp_path / "output"
    for name in ("index.html", "tin/a/index.html", "tin/old/index.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    start(site, retention=())
    output.write_if_changed(str(site / "index.html"), b"index.html")
    output.write_if_changed(str(site / "tin/a/index.html"), "trang mới".encode())
    output.sweep()
    files = output.take_swept_files(site)
    assert sorted(files) == ["index.html", "tin/a/index.html"]
    for name, (inode, size, modified_ns) in files.items():
        status = os.stat(site / name)
        assert (inode, size, modified_ns) == (status.st_ino, status.st_size, status.st_mtime_ns)
    assert output.take_swept_files(site) is None, "given once: anything written later would not be in it"


def test_no_swept_files_where_a_walk_following_links_would_see_others(tmp_path):
    site = tmp_path / "output"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref")
    (site / "index.html").write_text("trang")
    start(site)
    output.note_written(str(site / "index.html"))
    output.sweep()
    assert output.take_swept_files(site) is None, "the checks see the kept .git folder; the sweep does not list it"
    (site / ".git" / "HEAD").unlink()
    (site / ".git").rmdir()
    os.symlink(site / "index.html", site / "link.html")
    start(site)
    output.note_written(str(site / "index.html"))
    output.note_written(str(site / "link.html"))
    output.sweep()
    assert output.take_swept_files(site) is None


def test_a_file_is_kept_unread_only_while_it_is_the_file_recorded(tmp_path):
    site = tmp_path / "output"
    site.mkdir()
    script = site / "radio.txt"
    script.write_text("bản tin")
    recorded = output.identity_of(str(script))
    start(site)
    assert output.kept_as_it_was(str(script), recorded)
    assert output.sweep() == [], "a kept file is noted: the sweep leaves it"
    edited = site / "edited.txt"
    edited.write_text("sửa tay")
    os.replace(edited, script)  # changed by hand since, as editors save: a new file
    start(site)
    assert not output.kept_as_it_was(str(script), recorded)
    assert not output.kept_as_it_was(str(script), None)
    assert output.identity_of(str(site / "missing.txt")) is None
    output.forget_last_build()
    assert not output.kept_as_it_was(str(script), output.identity_of(str(script))), "no build going on: nothing is kept"


def test_a_build_that_does_not_sweep_gets_no_file_list_of_an_earlier_one(tmp_path):
    site = tmp_path / "output"
    site.mkdir()
    (site / "index.html").write_text("trang")
    start(site, retention=())
    output.note_written(str(site / "index.html"))
    output.sweep()
    output.forget_last_build()  # the next build starts (and skips clean_output_dir: DELETE_OUTPUT_DIRECTORY = False)
    assert output.sweep() == []
    assert output.take_swept_files(site) is None


def test_an_output_of_kept_names_only_gives_no_file_list(tmp_path):
    site = tmp_path / "output"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref")
    start(site)
    output.sweep()
    assert output.take_swept_files(site) is None


def test_kept_files_are_left_alone_while_key_and_file_are_the_same(tmp_path):
    from plugins.build_speed.stores import KeptFiles

    site, cache = tmp_path / "output", tmp_path / "cache"
    site.mkdir()
    data = str(site / "du-lieu.json")

    def build(key: str, text: str) -> bool:
        """One build writing ``text`` for ``key`` unless the file is current; whether it wrote."""
        start(site)
        files = KeptFiles(str(cache), "kept.pickle")
        wrote = not files.current(data, key)
        if wrote:
            output.write_if_changed(data, text.encode("utf-8"))
            files.made(data, key)
        files.save()
        assert output.sweep() == [], "a kept file is this build's: the sweep leaves it"
        return wrote

    assert build("k1", "một")
    assert not build("k1", "một"), "same key, same file: not made again"
    assert build("k2", "hai") and (site / "du-lieu.json").read_text(encoding="utf-8") == "hai"
    edited = site / "sua.json"
    edited.write_text("sửa tay", encoding="utf-8")
    os.replace(edited, data)
    assert build("k2", "hai"), "a file changed by hand is made again"
    assert (site / "du-lieu.json").read_text(encoding="utf-8") == "hai"
    (cache / "kept.pickle").write_bytes(b"not a pickle")
    assert build("k2", "hai"), "a damaged record: everything is made again"
    assert not build("k2", "hai")
    output.forget_last_build()


def sample_output(site) -> None:
    for name in ("index.html", "tin/a/index.html", "tin/a/radio.txt", ".git/HEAD", "theme/css/site.css"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    os.symlink(site / "index.html", site / "link.html")


def test_the_walk_made_by_a_forked_process_is_the_walk_made_here(tmp_path):
    site = tmp_path / "output"
    sample_output(site)
    here, _ = output.files_with_identity(str(site), (".git",))
    output.clean_output_dir(str(site), [".git"])
    assert output._Sweep.walking is not None and output._Sweep.walking.pid, "walked by another process"
    assert output._Sweep.before == {}
    output.collect_first_walk()
    assert output._Sweep.before == here and len(here) == 5
    output.forget_last_build()


def test_a_write_before_the_walk_is_collected_waits_for_it(tmp_path):
    """A writer that came first would have its new file taken for the last build's, and swept."""
    site = tmp_path / "output"
    sample_output(site)
    output.clean_output_dir(str(site), [".git"])
    output.write_if_changed(str(site / "tin/a/index.html"), "trang mới".encode())
    output.write_new_or_changed(str(site / "tin/b/radio.txt"), "bản tin".encode())
    assert output._Sweep.walking is None
    deleted = sorted(os.path.relpath(path, site) for path in output.sweep())
    assert deleted == ["index.html", "link.html", "theme/css/site.css", "tin/a/radio.txt"]
    assert (site / "tin/a/index.html").read_text(encoding="utf-8") == "trang mới" and (site / "tin/b/radio.txt").exists()


def test_without_a_forked_process_the_folder_is_walked_here(tmp_path, monkeypatch):
    site = tmp_path / "output"
    sample_output(site)
    here, _ = output.files_with_identity(str(site), (".git",))

    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    start(site)
    assert output._Sweep.before == here
    monkeypatch.undo()
    output.walk_in_background(False)
    try:
        output.clean_output_dir(str(site), [".git"])
        assert output._Sweep.walking is None and output._Sweep.before == here, "one process only: walked at once"
    finally:
        output.walk_in_background(True)
    output.forget_last_build()


def test_a_walking_process_that_fails_is_replaced_by_a_walk_here(tmp_path, monkeypatch):
    site = tmp_path / "output"
    sample_output(site)
    here, _ = output.files_with_identity(str(site), (".git",))
    monkeypatch.setattr(output, "files_with_identity", lambda *args: os._exit(3))  # what the forked process runs: it dies
    output.clean_output_dir(str(site), [".git"])
    monkeypatch.undo()
    output.collect_first_walk()
    assert output._Sweep.before == here
    output.forget_last_build()


def test_work_beside_the_build_is_collected_before_the_sweep(tmp_path):
    site = tmp_path / "output"
    sample_output(site)
    start(site)
    calls = []

    def finish() -> None:
        calls.append(1)
        output.write_if_changed(str(site / "feeds" / "tat-ca.rss.xml"), b"<rss/>")

    output.before_sweep(finish)
    deleted = output.sweep()
    assert calls == [1] and (site / "feeds" / "tat-ca.rss.xml").exists(), "written before the sweep, so kept"
    assert str(site / "feeds" / "tat-ca.rss.xml") not in deleted
    output.sweep()
    assert calls == [1], "collected once"
