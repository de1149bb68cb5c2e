"""A large sample site, to measure the search index: ``python -m plugins.search.corpus --items 2000``.

Copies the sample commune and adds news, stories and criticism made from the
sample's own items (titles numbered, paragraphs of other items mixed in, dated
over 2023–2025, images and recordings left out) until the site has ``--items``
items and pages; builds it with the real Pelican and prints the index's size
as the README reports it. Not a test: a full build of 2,000 items takes a few
minutes on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from plugins.vntext.text import vn_slugify

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CONTENT = PROJECT_ROOT / "content"
CLONED_KINDS = ("tin", "dien-hinh", "phe-binh")
DROPPED_FIELDS = re.compile(r"^(Image\w*|Audio\w*|Slug|Status):.*\n", re.MULTILINE)
IMAGE_LINE = re.compile(r"^!\[.*\n", re.MULTILINE)
FIRST_DAY = datetime(2023, 1, 2, 8, 0)
DAYS = 900


@dataclass(frozen=True)
class SourceItem:
    kind: str
    header: str
    paragraphs: list[str]


def sample_items(content: Path = SAMPLE_CONTENT) -> list[SourceItem]:
    """The sample's published news, stories and criticism, split into header and paragraphs."""
    items = []
    for kind in CLONED_KINDS:
        for path in sorted((content / kind).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            if re.search(r"^Status:\s*(draft|nhap|hidden)", text, re.MULTILINE | re.IGNORECASE):
                continue
            header, _, body = text.partition("\n\n")
            body = IMAGE_LINE.sub("", body)
            items.append(SourceItem(kind, DROPPED_FIELDS.sub("", header + "\n"), [p for p in body.split("\n\n") if p.strip()]))
    return items


def generated_item(source: SourceItem, number: int, donors: list[SourceItem], rng: random.Random) -> tuple[str, str]:
    """(file name, text) of item ``number``: ``source``'s header renumbered and redated, its text mixed with others'."""
    title = re.search(r"^Title: (.*)$", source.header, re.MULTILINE).group(1)
    new_title = f"{title} (bản {number})"
    moment = FIRST_DAY + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(600))
    header = re.sub(r"^Title: .*$", f"Title: {new_title}", source.header, count=1, flags=re.MULTILINE)
    header = re.sub(r"^Date: .*$", f"Date: {moment:%Y-%m-%d %H:%M} +07:00", header, count=1, flags=re.MULTILINE)
    paragraphs = list(source.paragraphs)
    for donor in rng.sample(donors, 2):
        paragraphs.append(rng.choice(donor.paragraphs))
    rng.shuffle(paragraphs)
    return f"{source.kind}/{vn_slugify(new_title)}.md", header.rstrip("\n") + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(target: Path, items: int, seed: int = 8) -> int:
    """Copy the sample content to ``target`` and add generated items until it holds ``items``; return how many were added."""
    shutil.copytree(SAMPLE_CONTENT, target)
    sources = sample_items(target)
    existing = len(sources) + len(list((target / "thu-tuc").glob("*.md"))) + len(list((target / "pages").glob("*.md")))
    rng = random.Random(seed)
    added = max(0, items - existing)
    for number in range(1, added + 1):
        source = sources[(number - 1) % len(sources)]
        name, text = generated_item(source, number, sources, rng)
        (target / name).write_text(text, encoding="utf-8")
    return added


@dataclass(frozen=True)
class IndexSize:
    items: int
    files: int
    raw_bytes: int
    gzip_bytes: int
    meta_gzip: int
    chunk_gzip_median: int
    fragment_gzip_median: int

    @property
    def first_query_gzip(self) -> int:
        """What a first two-word query transfers: meta, two chunks and ten result fragments."""
        return self.meta_gzip + 2 * self.chunk_gzip_median + 10 * self.fragment_gzip_median


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def index_size(folder: Path) -> IndexSize:
    """Sizes of the index under ``folder`` (``tim-kiem/chi-muc``), gzip as the deploy precompresses."""
    files = sorted(folder.rglob("*.json"))
    meta = next(path for path in files if path.name.startswith("meta."))
    meta_text = meta.read_text(encoding="utf-8")
    items = int(re.search(r'"count":(\d+)', meta_text).group(1))
    chunks = [gzip_size(path.read_bytes()) for path in files if path.parent.name == "t"]
    fragments = [gzip_size(path.read_bytes()) for path in files if path.parent.name == "d"]
    return IndexSize(
        items=items,
        files=len(files),
        raw_bytes=sum(path.stat().st_size for path in files),
        gzip_bytes=sum(gzip_size(path.read_bytes()) for path in files),
        meta_gzip=gzip_size(meta.read_bytes()),
        chunk_gzip_median=int(statistics.median(chunks)),
        fragment_gzip_median=int(statistics.median(fragments)),
    )


def size_row(label: str, size: IndexSize) -> str:
    kb = 1024
    return (f"| {label} | {size.items} | {size.files} | {size.raw_bytes / kb:,.0f} KB | {size.gzip_bytes / kb:,.0f} KB "
            f"| {size.meta_gzip / kb:.1f} KB | {size.chunk_gzip_median / kb:.1f} KB | {size.fragment_gzip_median / kb:.1f} KB "
            f"| {size.first_query_gzip / kb:.0f} KB |")


TABLE_HEADER = ("| site | items | files | raw | gzip | meta (gzip) | term chunk (median, gzip) "
                "| result fragment (median, gzip) | first query (gzip) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def build(content: Path, output: Path) -> tuple[float, str]:
    """Build with the real Pelican; return the seconds taken and the search plugin's log line."""
    started = datetime.now()
    process = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(PROJECT_ROOT / "pelicanconf.py"),
         "--fatal", "errors", "-v"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "COLUMNS": "300"},  # Pelican's log handler wraps lines at the terminal's width
    )
    if process.returncode != 0:
        raise SystemExit(f"Dựng trang thất bại:\n{process.stdout[-3000:]}\n{process.stderr[-3000:]}")
    line = next((line for line in process.stdout.splitlines() if "Chỉ mục tìm kiếm" in line), "")
    return (datetime.now() - started).total_seconds(), line.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo kích thước chỉ mục tìm kiếm của trang mẫu và của một trang lớn.")
    parser.add_argument("--items", type=int, default=2000, help="số mục (tin, bài, thủ tục, trang) của trang lớn")
    parser.add_argument("--keep", type=Path, help="thư mục giữ lại nội dung và trang đã dựng")
    arguments = parser.parse_args(argv)
    work = arguments.keep or Path(tempfile.mkdtemp(prefix="cchc-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for label, items in (("sample", 0), (f"{arguments.items}-item corpus", arguments.items)):
        content, output = work / f"content-{items}", work / f"output-{items}"
        shutil.rmtree(content, ignore_errors=True)
        write_corpus(content, items)
        seconds, log_line = build(content, output)
        rows.append(size_row(label, index_size(output / "tim-kiem" / "chi-muc")))
        print(f"{label}: dựng trong {seconds:.0f} giây; {log_line}", file=sys.stderr)
    print(TABLE_HEADER)
    print("\n".join(rows))
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
