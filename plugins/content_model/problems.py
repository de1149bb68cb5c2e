"""The build's list of content problems, and the failure that ends a bad build.

Readers, validators and checks add a :class:`Problem` instead of raising, so
one build lists every problem at once. The list lives for one Pelican run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix: where it is and what to do, in Vietnamese."""

    path: str
    line: int | None
    message: str

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.message)

    def located(self, base: str | None = None) -> str:
        """``path:line: message``, with ``path`` relative to ``base`` when given."""
        shown = os.path.relpath(self.path, base) if base and self.path else self.path
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ProblemLog:
    """The problems found so far in this build."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, message: str, line: int | None = None) -> None:
        problem = Problem(str(path), line, message)
        if problem not in self.problems:
            self.problems.append(problem)

    def paths(self) -> set[str]:
        return {problem.path for problem in self.problems}

    def clear(self) -> None:
        self.problems.clear()

    def __bool__(self) -> bool:
        return bool(self.problems)


BUILD_PROBLEMS = ProblemLog()


def report(path: str, message: str, line: int | None = None) -> None:
    """Record a content problem of this build (for plugins validating their own fields)."""
    BUILD_PROBLEMS.add(path, message, line)


class ContentBuildFailed(SystemExit):
    """Ends the build with exit status 2 after the problems were printed.

    A ``SystemExit`` so that the ``pelican`` command exits cleanly with our
    Vietnamese report and no Python traceback.
    """

    exitcode = 2

    def __init__(self, problems: list[Problem]):
        super().__init__(2)
        self.problems = list(problems)


def summary(problems: list[Problem], base: str | None = None) -> str:
    """The report printed when a build fails."""
    lines = [f"LỖI NỘI DUNG: bản dựng dừng lại vì {len(problems)} lỗi. Không có gì được xuất bản.", ""]
    lines += [f"  - {problem.located(base)}" for problem in sorted(problems, key=Problem.sort_key)]
    lines += ["", "Sửa các lỗi trên rồi chạy lại (xem docs/huong-dan-bien-tap.md, mục «Thông báo lỗi»)."]
    return "\n".join(lines)


# Work still going on beside a build (the pictures' pool), finished before a failing build's report so it lists
# that work's problems too.
_BEFORE_REPORT: list[Callable[[], None]] = []


def before_report(finish: Callable[[], None]) -> None:
    """Have ``finish`` run before a failing build prints its report (registered once; a no-op when nothing is pending)."""
    if finish not in _BEFORE_REPORT:
        _BEFORE_REPORT.append(finish)


def fail_if_problems(base: str | None = None) -> None:
    """Print the report to stderr and end the build when this build found problems."""
    if not BUILD_PROBLEMS:
        return
    for finish in list(_BEFORE_REPORT):
        finish()
    problems = list(BUILD_PROBLEMS.problems)
    print(summary(problems, base), file=sys.stderr, flush=True)
    raise ContentBuildFailed(problems)
