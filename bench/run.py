"""``make bench``: time the build against plain Pelican and Hugo on one generated corpus, in one run.

``python -m bench.run --items 2000 --scale 10000`` generates the corpus (see
:mod:`bench.corpus`) in a temporary folder, copies the project's code there
(so edits made while it runs do not change what is measured), and times, each
``--repeat`` times, keeping the fastest:

- plain Pelican 4.12 with its default theme and no plugins (``bench/plain/``);
- Hugo (Debian's ``hugo``) with a minimal theme, when it is installed;
- our full build (every plugin, search off): cold (no cache), again with
  nothing changed (warm), after editing one item's text, after editing one
  item's title, and cold in one process (``BUILD_SPEED_WORKERS=1``);

then our cold build and plain Pelican on ``--scale`` items. Each build runs as
a child process; its time is wall-clock, its CPU time and peak memory (the
largest resident set of any of its processes) come from ``wait4``. Before each
build, outside its time, what the builds before it wrote is flushed to disk
(``sync``): a cold build leaves 140 MB that the kernel writes back half a
minute later, in the middle of whichever build then runs. The table goes to
``bench/results.md`` and to the terminal.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import CORPUS_NOW, generate_corpus
from bench.hugo_site import write_hugo_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT_ROOT / "bench" / "results.md"
SNAPSHOT = ("pelicanconf.py", "plugins", "theme", "bench")
TARGETS = {"cold_vs_plain": 1.0, "warm_vs_cold": 0.3, "edit_vs_cold": 0.3, "peak_mb": 300, "scale": 5.5}


@dataclass(frozen=True)
class Measure:
    """One build: wall-clock seconds, CPU seconds of all its processes, peak resident memory in MB."""

    wall: float
    cpu: float
    peak_mb: float


@dataclass
class Row:
    key: str
    label: str
    runs: list[Measure]

    @property
    def best(self) -> Measure:
        return min(self.runs, key=lambda measure: measure.wall)


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None, log: Path | None = None) -> Measure:
    """Run ``command`` to the end; fail loudly if it fails."""
    log = log or cwd / "bench-last.log"
    os.sync()  # the earlier builds' writes are not this one's to wait for
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode}):\n{log.read_text(errors='replace')[-4000:]}")
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


class Bench:
    """One benchmark run in its own folder."""

    def __init__(self, workdir: Path, items: int):
        self.workdir = workdir
        self.items = items
        self.project = workdir / "project"
        self.python = sys.executable
        self.trash = workdir / f"trash-{os.getpid()}"  # a run killed before emptying its trash leaves another name
        self.trashed = 0

    def set_aside(self, folder: Path) -> None:
        """Move ``folder`` out of the way, to be deleted after the timings (see :meth:`empty_trash`).

        Deleting thousands of files just before a timed build would charge the
        clean-up to that build: on an ext4 file system without a journal (this
        machine's), every file created in the minutes after a large delete makes
        the kernel skip over the recently freed inodes one by one. The outputs
        of a whole run (a few GB with ``--scale 10000``) wait in the trash.
        """
        if folder.exists():
            self.trash.mkdir(exist_ok=True)
            self.trashed += 1
            folder.rename(self.trash / f"{self.trashed}-{folder.name}")

    def empty_trash(self) -> None:
        shutil.rmtree(self.trash, ignore_errors=True)

    def snapshot_project(self) -> None:
        """Copy the code, and compile it as a user's first build leaves it.

        Python writes each module's compiled file on first import, and later
        builds only load it (Pelican's own modules in the virtual environment
        were compiled when pip installed them). Where ``PYTHONDONTWRITEBYTECODE``
        is set, as on this workplace's machines, nothing would be written and every
        timed build would compile our modules again, which no user's build does.
        """
        ignore = shutil.ignore_patterns("__pycache__", "tests", "results.md", "*.pyc")
        for name in SNAPSHOT:
            source = PROJECT_ROOT / name
            if source.is_dir():
                shutil.copytree(source, self.project / name, ignore=ignore)
            else:
                self.project.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, self.project / name)
        subprocess.run([self.python, "-m", "compileall", "-q", str(self.project)], check=True)

    def corpus(self, items: int) -> Path:
        folder = self.workdir / f"content-{items}"
        if not folder.exists():
            summary = generate_corpus(folder, items)
            print(f"corpus: {summary.items} items {summary.kinds}, {summary.pages} pages, {summary.with_image} pictures, {summary.with_audio} recordings", flush=True)
        return folder

    def plain(self, content: Path) -> Measure:
        output = self.workdir / f"out-plain-{content.name}"
        self.set_aside(output)
        conf = self.project / "bench" / "plain" / "pelicanconf.py"
        return run_measured([self.python, "-m", "pelican", str(content), "-o", str(output), "-s", str(conf), "-q"], self.project)

    def hugo(self, content: Path) -> Measure:
        site = self.workdir / f"hugo-{content.name}"
        if not site.exists():
            write_hugo_site(content, site)
        output = self.workdir / f"out-hugo-{content.name}"
        self.set_aside(output)
        self.set_aside(site / "resources")
        return run_measured(["hugo", "--source", str(site), "--destination", str(output), "--quiet"], self.workdir)

    def ours(self, content: Path, output_name: str = "out-ours", cold: bool = False, extra: tuple[str, ...] = ()) -> Measure:
        output = self.workdir / f"{output_name}-{content.name}"
        if cold:  # as on a fresh clone: no cache and no output folder
            self.set_aside(self.project / "cache")
            self.set_aside(output)
        command = [self.python, "-m", "pelican", str(content), "-o", str(output), "-s", str(self.project / "pelicanconf.py"), "--fatal", "errors", "-q", "-e", "SEARCH_ENABLED=false", *extra]  # one -e: a second would replace the first
        return run_measured(command, self.project, {"CCHC_NOW": CORPUS_NOW})


def newest_news_item(content: Path) -> Path:
    """The most recent news item: the one an editor is most likely to correct."""
    dated = []
    for path in (content / "tin").glob("*.md"):
        match = re.search(r"^Date: (.+)$", path.read_text(encoding="utf-8"), re.M)
        if match:
            dated.append((match.group(1), path))
    return max(dated)[1]


def edit_text(path: Path, round_number: int) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\nCập nhật lần {round_number}: bổ sung số liệu theo báo cáo của Trung tâm Phục vụ hành chính công.\n", encoding="utf-8")


def edit_title(path: Path, round_number: int) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^Title: (.+)$", lambda m: f"Title: {m.group(1).split(' (sửa lần')[0]} (sửa lần {round_number})", text, count=1, flags=re.M), encoding="utf-8")


def same_tree(first: Path, second: Path) -> bool:
    """Whether two output folders hold the same files with the same bytes."""
    def files(root: Path) -> dict[str, bytes]:
        return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}

    return files(first) == files(second)


def measure_all(bench: Bench, repeat: int, with_hugo: bool) -> tuple[list[Row], bool]:
    content = bench.corpus(bench.items)
    rows = {key: Row(key, label, []) for key, label in [
        ("plain", "Plain Pelican, default theme, no plugins"),
        ("hugo", "Hugo, minimal theme"),
        ("cold", "Ours, cold (no cache)"),
        ("warm", "Ours, warm, nothing changed"),
        ("edit", "Ours, after editing one item's text"),
        ("title", "Ours, after editing one item's title"),
        ("serial", "Ours, cold, one process (BUILD_SPEED_WORKERS=1)"),
    ]}
    edited = newest_news_item(content)
    for round_number in range(1, repeat + 1):
        print(f"round {round_number}/{repeat}", flush=True)
        rows["plain"].runs.append(bench.plain(content))
        if with_hugo:
            rows["hugo"].runs.append(bench.hugo(content))
        rows["cold"].runs.append(bench.ours(content, cold=True))
        rows["warm"].runs.append(bench.ours(content))
        edit_text(edited, round_number)
        rows["edit"].runs.append(bench.ours(content))
        edit_title(edited, round_number)
        rows["title"].runs.append(bench.ours(content))
        rows["serial"].runs.append(bench.ours(content, "out-serial", cold=True, extra=("BUILD_SPEED_WORKERS=1", "BUILD_SPEED_CACHE=false")))
    identical = same_tree(bench.workdir / f"out-ours-{content.name}", bench.workdir / f"out-serial-{content.name}")
    return [row for row in rows.values() if row.runs], identical


def measure_scale(bench: Bench, items: int, repeat: int) -> tuple[Measure, Measure]:
    content = bench.corpus(items)
    print(f"scale: {items} items", flush=True)
    ours = [bench.ours(content, "out-scale", cold=True) for _ in range(repeat)]
    plain = [bench.plain(content) for _ in range(repeat)]
    return min(ours, key=lambda m: m.wall), min(plain, key=lambda m: m.wall)


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base else "–"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(items: int, rows: list[Row], identical: bool, scale: tuple[int, Measure, Measure] | None, repeat: int, load: tuple[str, str], command: str) -> str:
    by_key = {row.key: row.best for row in rows}
    plain, cold = by_key["plain"], by_key["cold"]
    lines = [
        "# Benchmark results",
        "",
        f"N = {items} items, best of {repeat} (fastest wall-clock time of each build), measured {datetime.date.today().isoformat()}",
        f"on {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), Python {platform.python_version()}; load average {load[0]} before, {load[1]} after.",
        "The machine is shared and noisy: compare the ratios (measured in one run), not the seconds.",
        "",
        f"Reproduce: `{command}`",
        "",
        "| build | wall s | CPU s | peak MB | vs plain Pelican | vs our cold |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        best = row.best
        lines.append(f"| {row.label} | {best.wall:.2f} | {best.cpu:.2f} | {best.peak_mb:.0f} | {_ratio(best.wall, plain.wall)} | {_ratio(best.wall, cold.wall)} |")
    peak = max(by_key[key].peak_mb for key in ("cold", "warm", "edit", "title") if key in by_key)
    lines += [
        "",
        "| target | measured | |",
        "| --- | ---: | --- |",
        f"| cold build no slower than plain Pelican | {_ratio(cold.wall, plain.wall)} | {verdict(cold.wall <= plain.wall * TARGETS['cold_vs_plain'])} |",
        f"| warm, nothing changed, within 0.3× of cold | {_ratio(by_key['warm'].wall, cold.wall)} | {verdict(by_key['warm'].wall <= cold.wall * TARGETS['warm_vs_cold'])} |",
        f"| after editing one item, within 0.3× of cold | {_ratio(by_key['edit'].wall, cold.wall)} | {verdict(by_key['edit'].wall <= cold.wall * TARGETS['edit_vs_cold'])} |",
        f"| peak memory under 300 MB | {peak:.0f} MB | {verdict(peak < TARGETS['peak_mb'])} |",
    ]
    if scale:
        big, ours_big, plain_big = scale
        lines.append(f"| N = {big} no more than 5.5× N = {items} (cold) | {_ratio(ours_big.wall, cold.wall)} | {verdict(ours_big.wall <= cold.wall * TARGETS['scale'])} |")
        lines += [
            "",
            f"Scaling, cold builds: N = {big}: ours {ours_big.wall:.2f} s ({ours_big.cpu:.2f} s CPU, {ours_big.peak_mb:.0f} MB), "
            f"plain Pelican {plain_big.wall:.2f} s ({plain_big.cpu:.2f} s CPU, {plain_big.peak_mb:.0f} MB); "
            f"ours {_ratio(ours_big.wall, cold.wall)} and plain Pelican {_ratio(plain_big.wall, plain.wall)} their N = {items} time.",
        ]
    lines += ["", f"Parallel cached output identical to a serial cold build without cache: {'yes' if identical else '**NO**'}.", ""]
    return "\n".join(lines)


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--scale", type=int, default=10000, help="items for the scaling run (0: skip)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale-repeat", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep everything here (default: a temporary folder, removed)")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS)
    options = parser.parse_args(argv)
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    command = f"make bench N={options.items}" + (f" SCALE={options.scale}" if options.scale != 10000 else "") + (f" REPEAT={options.repeat}" if options.repeat != 5 else "")
    bench = Bench(workdir, options.items)
    try:
        bench.snapshot_project()
        before = load_average()
        with_hugo = not options.no_hugo and shutil.which("hugo") is not None
        rows, identical = measure_all(bench, options.repeat, with_hugo)
        scale = None
        if options.scale:
            ours_big, plain_big = measure_scale(bench, options.scale, options.scale_repeat)
            scale = (options.scale, ours_big, plain_big)
        text = report(options.items, rows, identical, scale, options.repeat, (before, load_average()), command)
    finally:
        bench.empty_trash()
        if options.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    options.results.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
