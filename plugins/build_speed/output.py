"""Keeping the output folder between builds, and deleting only what this build did not write.

Pelican deletes the last build's thousands of files and folders before it
reads anything, and the build then creates them all again; on this kind of
site (one folder per item) creating files and folders is a large part of a
build that reuses most pages. :func:`clean_output_dir` takes the place of
Pelican's function of that name, which ``Pelican.run`` calls (and nothing
else: ``make check`` and the report read the content without cleaning). It
deletes nothing: it notes the file system's time when the build starts.
Every writer then writes its files as before: a write, a copy or a rename
gives the file a new change time (``st_ctime``). Files that are hard links to
a cache (rendered pages, pictures) share their inode, and so their change
time, with the cache and with other links; they are put in place by
:func:`publish_link`, which leaves a link that is already right as it is
(same file, same modification time, so ``rsync`` sends nothing) and notes
every path it publishes. Once every writer is done, :func:`sweep` deletes
what this build did not write (the last build's files: a deleted item's
page, a renamed item's pictures) and the folders left empty, except
``OUTPUT_RETENTION`` (such as ``.git``): a file with one link is kept when
its change time is after the start (:func:`write_if_changed` leaves a file
that already holds the right bytes alone but touches its change time, which
works from any process), a file with more links only when it was noted with
:func:`note_written`. The checks run after the sweep, on exactly what this build made.
Caches must not delete their files before the sweep (deleting a link
changes the change time of the others).

When the output folder is new or was deleted by hand, nothing is swept. With
``DELETE_OUTPUT_DIRECTORY = False`` Pelican does not call this function, and
nothing is swept, as in Pelican.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pelican as pelican_module


class _Sweep:
    """The output folder of the running build, and the file system's time when the build started."""

    output: str | None = None
    retention: tuple[str, ...] = ()
    started_ns: int = 0
    linked: set[str] = set()


def clean_output_dir(path: str, retention) -> None:
    """Pelican's ``clean_output_dir``: deletes nothing now; :func:`sweep` deletes what this build does not write."""
    _Sweep.output, _Sweep.retention, _Sweep.started_ns, _Sweep.linked = None, (), 0, set()
    if not os.path.exists(path):
        return
    if not os.path.isdir(path):
        os.remove(path)  # Pelican's rule: a file where the output folder goes is removed
        return
    _Sweep.output, _Sweep.retention = os.path.abspath(path), tuple(retention)
    _Sweep.started_ns = file_system_now(_Sweep.output)


def file_system_now(folder: str) -> int:
    """The change time the file system gives a file made now in ``folder`` (its clock, not this process's)."""
    handle, probe = tempfile.mkstemp(dir=folder, prefix=".build-started-")
    try:
        return os.fstat(handle).st_ctime_ns
    finally:
        os.close(handle)
        os.unlink(probe)


def publish_link(cached: str | os.PathLike, target: str) -> None:
    """Put ``cached`` at ``target`` as a hard link (a copy on another file system); a link already there is kept.

    Never writes through ``target`` into the cache: what is there is unlinked first.
    ``FileNotFoundError`` when ``cached`` is gone.
    """
    try:
        if os.path.samefile(cached, target):
            note_written(target)
            return
        os.unlink(target)
    except FileNotFoundError:
        if not os.path.exists(cached):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(cached, target)
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)
    note_written(target)


def write_if_changed(path: str, data: bytes) -> None:
    """Write ``data`` at ``path`` unless the file there already holds exactly it.

    Rewriting an unchanged file is the dearest part of a rebuild (ext4 flushes
    a file rewritten in place when it is closed). A file kept is touched, its
    change time and not its modification time (so ``rsync`` sends nothing),
    and :func:`sweep` keeps it. A file shared with a cache is never written
    through: it is replaced.
    """
    try:
        with open(path, "rb") as existing:
            status = os.fstat(existing.fileno())
            if status.st_nlink == 1 and existing.read(len(data) + 1) == data:
                os.utime(existing.fileno(), ns=(status.st_atime_ns, status.st_mtime_ns))
                return
        if status.st_nlink > 1:
            os.unlink(path)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as new:
        new.write(data)


def note_written(path: str) -> None:
    """Count ``path``, a hard link to a cache put there by this build or a process it forked, as written."""
    _Sweep.linked.add(os.path.abspath(path))


def sweep() -> list[str]:
    """Delete the files in the output folder this build did not write, and empty folders; return what was deleted."""
    output = _Sweep.output
    _Sweep.output = None
    if output is None or not os.path.isdir(output):
        return []
    deleted: list[str] = []
    for entry in os.scandir(output):
        if entry.name in _Sweep.retention:
            continue
        if entry.is_dir(follow_symlinks=False):
            _sweep_folder(entry.path, deleted)
        elif _stale(entry):
            os.unlink(entry.path)
            deleted.append(entry.path)
    return deleted


def _stale(entry: os.DirEntry) -> bool:
    if entry.path in _Sweep.linked:
        return False
    status = entry.stat(follow_symlinks=False)
    return status.st_nlink > 1 or status.st_ctime_ns < _Sweep.started_ns


def _sweep_folder(folder: str, deleted: list[str]) -> bool:
    """Sweep ``folder``; delete it when nothing is left in it; True when it was deleted."""
    left = 0
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            left += not _sweep_folder(entry.path, deleted)
        elif _stale(entry):
            os.unlink(entry.path)
            deleted.append(entry.path)
        else:
            left += 1
    if left:
        return False
    os.rmdir(folder)
    return True


def install() -> None:
    """Put :func:`clean_output_dir` where ``Pelican.run`` looks for it (once)."""
    if pelican_module.clean_output_dir is not clean_output_dir:
        pelican_module.clean_output_dir = clean_output_dir
