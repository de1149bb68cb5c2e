"""A rebuild leaves an unchanged file alone (radio scripts, feeds), only marking it as written by this build."""

import os

from plugins.build_speed.output import write_if_changed, write_new_or_changed


def test_a_new_file_is_written_with_its_folders(tmp_path):
    path = tmp_path / "tin" / "a" / "radio.txt"
    write_if_changed(str(path), "\ufeffBản tin\n".encode())
    assert path.read_bytes() == "\ufeffBản tin\n".encode()


def test_an_unchanged_file_keeps_its_modification_time_and_gets_a_new_change_time(tmp_path):
    path = tmp_path / "radio.txt"
    path.write_bytes(b"same")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = os.stat(path)
    write_if_changed(str(path), b"same")
    after = os.stat(path)
    assert (after.st_mtime_ns, after.st_ino, path.read_bytes()) == (before.st_mtime_ns, before.st_ino, b"same")
    assert after.st_ctime_ns >= before.st_ctime_ns


def test_a_changed_or_longer_file_is_written_again(tmp_path):
    path = tmp_path / "radio.txt"
    path.write_bytes(b"same and more")
    write_if_changed(str(path), b"same")
    assert path.read_bytes() == b"same"
    write_if_changed(str(path), b"other")
    assert path.read_bytes() == b"other"


def test_a_file_shared_with_a_cache_is_replaced_never_written_through(tmp_path):
    cached, path = tmp_path / "cached", tmp_path / "radio.txt"
    cached.write_bytes(b"same")
    os.link(cached, path)
    write_if_changed(str(path), b"same")
    assert path.read_bytes() == b"same" and os.stat(path).st_nlink == 1
    write_if_changed(str(path), b"other")
    assert (cached.read_bytes(), path.read_bytes()) == (b"same", b"other")


def test_new_or_changed_creates_a_new_file_a_folder_and_leaves_an_unchanged_one(tmp_path):
    new, nested, kept = tmp_path / "radio.txt", tmp_path / "tin" / "b" / "radio.txt", tmp_path / "kept.txt"
    write_new_or_changed(str(new), b"moi")
    write_new_or_changed(str(nested), b"trong thu muc moi")
    write_new_or_changed(str(tmp_path / "tin" / "c" / "radio.txt"), b"mot thu muc moi")  # only the last folder missing
    assert (tmp_path / "tin" / "c" / "radio.txt").read_bytes() == b"mot thu muc moi"
    kept.write_bytes(b"same")
    os.utime(kept, ns=(1_000_000_000, 1_000_000_000))
    write_new_or_changed(str(kept), b"same")
    assert (new.read_bytes(), nested.read_bytes()) == (b"moi", b"trong thu muc moi")
    assert (os.stat(kept).st_mtime_ns, kept.read_bytes()) == (1_000_000_000, b"same")
    write_new_or_changed(str(kept), b"other")
    assert kept.read_bytes() == b"other"
