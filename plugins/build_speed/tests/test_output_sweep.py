"""The output sweep on its own: what the last build left and this one did not write goes, nothing else."""

from __future__ import annotations

import os

from plugins.build_speed import output


def start(folder, retention=(".git",)) -> None:
    output.clean_output_dir(str(folder), list(retention))


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
