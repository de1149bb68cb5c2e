"""Emptying the output folder without waiting for it.

Pelican deletes the last build's thousands of files before it reads
anything; on a build that reuses most pages that deletion is a tenth of the
time. :func:`clean_output_dir` takes the place of Pelican's function of that
name, which ``Pelican.run`` calls (and nothing else: ``make check`` and the
report read the content without cleaning): every entry of the output folder
(except ``OUTPUT_RETENTION``) is renamed into a hidden sibling folder, which
takes no time on one file system, and a forked process deletes that folder
while the build runs on the other core. The output folder itself stays (a
server or a mount may hold it). What cannot be renamed (another file system,
no right to write beside the output folder) is deleted by Pelican's own
function, as without this plugin.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pelican as pelican_module
from pelican.utils import clean_output_dir as _plain_clean_output_dir

_deleting: list[int] = []


def clean_output_dir(path: str, retention) -> None:
    """Pelican's ``clean_output_dir``: the folder emptied, except ``retention``; the deleting done aside."""
    reap(block=False)
    if os.path.isdir(path) and not os.path.islink(path):
        _move_aside(os.path.abspath(path), list(retention))
    _plain_clean_output_dir(path, retention)  # whatever could not be moved (usually nothing)


def _move_aside(output: str, retention: list[str]) -> None:
    try:
        trash = tempfile.mkdtemp(prefix=f".{os.path.basename(output)}-old-", dir=os.path.dirname(output))
    except OSError:
        return
    for name in os.listdir(output):
        if name in retention:
            continue
        try:
            os.rename(os.path.join(output, name), os.path.join(trash, name))
        except OSError:
            break
    pid = os.fork()
    if pid == 0:  # the child only deletes, and leaves without running the build's exit handlers
        try:
            shutil.rmtree(trash, ignore_errors=True)
        finally:
            os._exit(0)
    _deleting.append(pid)


def install() -> None:
    """Put :func:`clean_output_dir` where ``Pelican.run`` looks for it (once)."""
    if pelican_module.clean_output_dir is not clean_output_dir:
        pelican_module.clean_output_dir = clean_output_dir


def reap(block: bool = True) -> None:
    """Collect the deleting processes that ended (all of them, waiting, when ``block``)."""
    for pid in list(_deleting):
        try:
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _deleting.remove(pid)
