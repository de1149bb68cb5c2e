"""Keeping the output folder between builds, and deleting only what this build did not write.

Pelican deletes the last build's thousands of files and folders before it
reads anything, and the build then creates them all again; on this kind of
site (one folder per item) creating files and folders is a large part of a
build that reuses most pages. :func:`clean_output_dir` takes the place of
Pelican's function of that name, which ``Pelican.run`` calls (and nothing
else: ``make check`` and the report read the content without cleaning). It
deletes nothing: it records every file of the output folder with its inode
and change time (``st_ctime``). Every writer then writes its files as before:
a write, a copy, a new link or a rename gives the file a new change time or a
new inode. :func:`write_if_changed` leaves a file that already holds the
right bytes alone but touches its change time (which works from any
process). Files that are hard links to a cache (rendered pages, pictures)
are put in place by :func:`publish_link`, which leaves a link that is
already right as it is (same file, same modification time, so ``rsync``
sends nothing) and notes the path (:func:`note_written`); the build notes
the static files Pelican copied or left as they were.

Once every writer is done, :func:`sweep` deletes what this build did not
write: every file that was not noted and is either exactly as it was recorded
(same inode, same change time) or another link to a noted file's inode (an
old page sharing a stored page with a current one), then the folders left
empty, except ``OUTPUT_RETENTION`` (such as ``.git``). It decides for every
file before deleting any (deleting one link changes the change time of the
others), and compares change times with what they were, not with a clock, so
a clock set back or a file system with coarse times keeps no stale file.
Caches must not delete their files before the sweep. The checks run after
the sweep, on exactly what this build made.

Work done beside the build (radio scripts, feeds) registers with
:func:`before_sweep`: the sweep collects it first, whatever order Pelican
calls the plugins' ``finalized`` receivers in.

The first walk is made by a forked process (:class:`~.pool.ForkedCall`; a
megabyte of result for 2,000 items, and a twentieth of a rebuild's time
saved) while the build reads its content, and collected before anything is
written to the output:
at ``get_writer`` (build_speed's :func:`~plugins.build_speed.provide_writer`),
and by every writing function of this module should one come first. Nothing
writes to the output before ``get_writer``: the content model stops a build
with problems before then, and every generator writes in ``generate_output``.

When the output folder is new or was deleted by hand, nothing is swept. With
``DELETE_OUTPUT_DIRECTORY = False`` Pelican does not call this function, and
nothing is swept, as in Pelican. A build that stops before the sweep leaves
the last build's leftovers for the next one to sweep.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable

import pelican as pelican_module

from .pool import ForkedCall

Identity = tuple[int, int]  # inode, change time in nanoseconds
FileStat = tuple[int, int, int]  # inode, size, modification time in nanoseconds


class _Sweep:
    """The output folder of the running build, its files when the build started, and the paths noted since."""

    output: str | None = None
    retention: tuple[str, ...] = ()
    walking: ForkedCall | None = None  # the first walk, until it is collected into ``before``
    before: dict[str, Identity] = {}
    noted: set[str] = set()
    swept: tuple[str, dict[str, FileStat]] | None = None  # the output folder's files just after the sweep
    finishing: list[Callable[[], None]] = []  # work beside the build, collected before the sweep
    in_background = True  # the first walk made by a forked process (build_speed: when it may use more than one)


def forget_last_build() -> None:
    """No record of an earlier build of this process (one that failed, or whose files were never checked) is used."""
    collect_first_walk()
    _Sweep.output, _Sweep.retention, _Sweep.before, _Sweep.noted, _Sweep.swept = None, (), {}, set(), None
    _Sweep.finishing = []


def before_sweep(finish: Callable[[], None]) -> None:
    """Have ``finish`` (which writes this build's last files, and does nothing when called again) run before the sweep."""
    _Sweep.finishing.append(finish)


def clean_output_dir(path: str, retention) -> None:
    """Pelican's ``clean_output_dir``: deletes nothing now; :func:`sweep` deletes what this build does not write."""
    forget_last_build()
    if not os.path.exists(path):
        return
    if not os.path.isdir(path):
        os.remove(path)  # Pelican's rule: a file where the output folder goes is removed
        return
    _Sweep.output, _Sweep.retention = os.path.abspath(path), tuple(retention)
    if _Sweep.in_background:
        output, retention = _Sweep.output, _Sweep.retention
        _Sweep.walking = ForkedCall(lambda: files_with_identity(output, retention)[0])
    else:
        _Sweep.before, _ = files_with_identity(_Sweep.output, _Sweep.retention)


def collect_first_walk() -> None:
    """The output's files as the build began, from the walking process: before anything is written to the output.

    Only the build's own process collects it (a worker forked meanwhile
    writes nothing to the output, and the pipe is the build's).
    """
    walking = _Sweep.walking
    if walking is None or walking.parent != os.getpid():
        return
    _Sweep.walking = None
    _Sweep.before = walking.result()


def walk_in_background(allowed: bool) -> None:
    """Whether builds from now on walk the output in a forked process (build_speed: when it may use more than one)."""
    _Sweep.in_background = allowed


def files_with_identity(
    output: str, retention: tuple[str, ...] = (), listing: dict[str, FileStat] | None = None
) -> tuple[dict[str, Identity], bool]:
    """Every file (or link) under ``output`` except the top-level ``retention`` names, with its inode and change time;
    and whether ``listing`` (when given) is every file as a walk following links sees them.

    ``listing`` receives every file by its name relative to ``output`` (``/``
    separators) with its inode, size and modification time. It is not that
    walk's list where this one met a link or a ``retention`` name.
    """
    found: dict[str, Identity] = {}
    complete = True
    folders = [(output, "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if not prefix and entry.name in retention:
                    complete = False
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                    continue
                status = entry.stat(follow_symlinks=False)
                found[entry.path] = (status.st_ino, status.st_ctime_ns)
                if listing is not None:
                    complete = complete and not stat.S_ISLNK(status.st_mode)
                    listing[prefix + entry.name] = (status.st_ino, status.st_size, status.st_mtime_ns)
    return found, complete


def write_if_changed(path: str, data: bytes) -> None:
    """Write ``data`` at ``path`` unless the file there already holds exactly it.

    Rewriting an unchanged file is the dearest part of a rebuild (ext4 flushes
    a file rewritten in place when it is closed). A file kept is touched, its
    change time and not its modification time (so ``rsync`` sends nothing),
    and :func:`sweep` keeps it. A file shared with another link (a cache, a
    backup) is never written through: it is replaced.
    """
    collect_first_walk()
    try:
        with open(path, "rb") as existing:
            status = os.fstat(existing.fileno())
            if status.st_nlink == 1 and existing.read(len(data) + 1) == data:
                try:
                    os.utime(existing.fileno(), ns=(status.st_atime_ns, status.st_mtime_ns))
                    return
                except PermissionError:  # another user's file in a shared folder: write it
                    pass
        os.unlink(path)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as new:
        new.write(data)


def write_new_or_changed(path: str, data: bytes) -> None:
    """Write ``data`` at ``path``: as a new file if there is none, else through ``write_if_changed``.

    On a first build no file is there yet: creating it straight away
    spares ``write_if_changed`` its failed open and folder check, and
    ``os.write`` spares ``open`` its buffer and its terminal check. When
    its folder is missing too (a radio script written before its page),
    the folder is made with one ``mkdir`` and the file created there.
    """
    collect_first_walk()
    handle = _created(path)
    if handle is None:  # an older script
        write_if_changed(path, data)
        return
    write_and_close(handle, data)


def write_and_close(handle: int, data: bytes) -> None:
    """Write all of ``data`` to the open file ``handle`` (a write may take less than it is given), then close it."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def _created(path: str) -> int | None:
    """A descriptor of a new, empty file at ``path`` (its folder made if missing), or None when a file is there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        return os.open(path, flags, 0o666)
    except FileExistsError:
        return None
    except FileNotFoundError:  # no folder yet
        _make_folder(os.path.dirname(path))
    try:
        return os.open(path, flags, 0o666)
    except FileExistsError:  # written meanwhile by another process
        return None


def _make_folder(folder: str) -> None:
    """``os.makedirs(folder, exist_ok=True)``, in one system call when only the last folder is missing."""
    try:
        os.mkdir(folder)
    except FileExistsError:  # made meanwhile by another process (its page)
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def publish_link(cached: str | os.PathLike, target: str) -> None:
    """Put ``cached`` at ``target`` as a hard link (a copy on another file system); a link already there is kept.

    Never writes through ``target`` into the cache: what is there is unlinked first.
    ``FileNotFoundError`` when ``cached`` is gone.
    """
    collect_first_walk()
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


def read_bytes(path: str) -> bytes:
    """The file's bytes (``os.read`` skips ``pathlib``'s and the buffered reader's work: a third less CPU for a 16 KB page)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        chunks = [os.read(descriptor, _READ_SIZE)]
        while chunks[-1]:  # until the end of the file: a read may return less than asked before it (network file systems)
            chunks.append(os.read(descriptor, _READ_SIZE))
    finally:
        os.close(descriptor)
    return chunks[0] if len(chunks) <= 2 else b"".join(chunks)


_READ_SIZE = 1 << 20


def kept_as_it_was(path: str, identity: Identity | None) -> bool:
    """Whether the file at ``path`` was, when this build began, the file of ``identity`` (inode, change time); if so it is noted.

    A writer that remembers what it wrote, and the identity the file then
    had, knows without opening it that an unchanged file holds its text.
    """
    collect_first_walk()
    path = os.path.abspath(path)
    if identity is None or _Sweep.output is None or _Sweep.before.get(path) != identity:
        return False
    _Sweep.noted.add(path)
    return True


def identity_of(path: str) -> Identity | None:
    """The file's inode and change time (what :func:`kept_as_it_was` compares), or None when it is missing."""
    try:
        status = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_ctime_ns


def note_written(path: str) -> None:
    """Count ``path`` as written by this build (a link to a cache, a file a writer found right and left alone)."""
    _Sweep.noted.add(os.path.abspath(path))


def sweep() -> list[str]:
    """Delete the files in the output folder this build did not write, and empty folders; return what was deleted."""
    finishing, _Sweep.finishing = _Sweep.finishing, []
    for finish in finishing:
        finish()
    collect_first_walk()
    output = _Sweep.output
    _Sweep.output, _Sweep.swept = None, None
    if output is None or not os.path.isdir(output):
        return []
    listing: dict[str, FileStat] = {}
    now, complete = files_with_identity(output, _Sweep.retention, listing)
    noted_inodes = {now[path][0] for path in _Sweep.noted if path in now}
    stale = [
        path for path, identity in now.items()
        if path not in _Sweep.noted and (_Sweep.before.get(path) == identity or identity[0] in noted_inodes)
    ]
    for path in stale:
        os.unlink(path)
        listing.pop(os.path.relpath(path, output).replace(os.sep, "/"), None)
    _remove_emptied_folders(output, {os.path.dirname(path) for path in stale})
    _Sweep.swept = (output, listing) if complete else None
    return stale


def take_swept_files(output: str | os.PathLike) -> dict[str, FileStat] | None:
    """The files of ``output`` as the sweep just left them (see :func:`files_with_identity`), once; None if unknown.

    The checks read the output right after the sweep: this spares them walking
    its thousands of folders again and asking each page's size and times.
    """
    swept, _Sweep.swept = _Sweep.swept, None
    if swept is None or swept[0] != os.path.abspath(output):
        return None
    return swept[1]


def _remove_emptied_folders(output: str, folders: set[str]) -> None:
    """Remove the folders that deleting files left empty, deepest first, and their parents that became empty."""
    pending = sorted(folders, key=lambda folder: folder.count(os.sep), reverse=True)
    while pending:
        folder = pending.pop(0)
        if folder == output or not folder.startswith(output + os.sep):
            continue
        try:
            os.rmdir(folder)
        except OSError:  # not empty, or gone already
            continue
        parent = os.path.dirname(folder)
        if parent not in pending:
            pending.append(parent)
            pending.sort(key=lambda name: name.count(os.sep), reverse=True)


def install() -> None:
    """Put :func:`clean_output_dir` where ``Pelican.run`` looks for it (once)."""
    if pelican_module.clean_output_dir is not clean_output_dir:
        pelican_module.clean_output_dir = clean_output_dir
