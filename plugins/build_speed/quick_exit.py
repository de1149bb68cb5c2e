"""The ``pelican`` command ends as soon as a build has succeeded, without tearing down its objects.

When a build is done, Python still deallocates every object the build made
(millions for a department's site) and clears every module before the
process ends: about 0.15 s on the benchmark corpus, a tenth of a rebuild
that changed nothing, with one core busy and nothing left to do. So when
the ``pelican`` command's build succeeded, the last exit handler flushes the
logs and the standard streams and ends the process at once with status 0.

Only there: a build that failed, an error logged after the build was done,
a process forked from the build, a command that goes on building
(``pelican -r``, ``-l``), or a build run inside another program (the preview
server, the tests, ``make check``) all end as Python ends them.
``BUILD_SPEED_QUICK_EXIT = False`` turns it off.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
from pathlib import Path

from pelican import signals


class _State:
    succeeded = False
    pid: int | None = None
    registered = False


class _ErrorWatch(logging.Handler):
    """An error logged after the build succeeded (Pelican's own last steps): exit as Python would."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        _State.succeeded = False


_error_watch = _ErrorWatch()


def is_pelican_command() -> bool:
    """Whether this process is the ``pelican`` command (``pelican …`` or ``python -m pelican …``)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == "pelican.__main__":
        return True
    return bool(sys.argv) and Path(sys.argv[0]).name == "pelican"


# Pelican's options that keep the command running for more builds (or a server) after the first.
LASTING_OPTIONS = ("-r", "--autoreload", "-l", "--listen")


def arm(pelican) -> None:
    """At ``initialized``: watch for the build's end (after every plugin's own ``finalized`` work)."""
    _State.succeeded = False
    if not pelican.settings.get("BUILD_SPEED_QUICK_EXIT", True) or not is_pelican_command() or runs_on(sys.argv):
        return
    _State.pid = os.getpid()
    # Connected now, after every plugin's register(): runs after their finalized receivers (site_checks's last).
    signals.finalized.connect(mark_succeeded, weak=False)
    if not _State.registered:
        atexit.register(end_quickly)  # registered early, so it runs after the handlers registered later
        _State.registered = True


def runs_on(argv: list[str]) -> bool:
    """Whether the command goes on after its first build (``-r``, ``-l``; short options may be joined, as ``-rl``)."""
    for argument in argv[1:]:
        if argument in LASTING_OPTIONS or (argument.startswith("-") and not argument.startswith("--") and set(argument[1:]) & {"r", "l"}):
            return True
    return False


def mark_succeeded(pelican) -> None:
    _State.succeeded = True
    for logger in (logging.getLogger(), logging.getLogger("pelican")):
        if _error_watch not in logger.handlers:
            logger.addHandler(_error_watch)


def end_quickly() -> None:
    """The last exit handler: flush what was written, then end without deallocating the build."""
    if not _State.succeeded or os.getpid() != _State.pid:
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed or gone: nothing left to flush
            stream.flush()
    os._exit(0)
