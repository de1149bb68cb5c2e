"""Checking only what a rebuild changed, with the same findings as checking every page.

Each page's findings are kept (in ``site-checks.pickle`` under ``CACHE_PATH``)
with the hash of its bytes, its size, its anchors (``id``s) and the pages its
``#anchor`` links point into. A rebuild checks again:

- every page whose bytes changed, or that is new;
- every page whose last findings were not empty (they may be fixed now);
- every page linking to an anchor of a page whose anchors changed.

The other pages' findings still hold because nothing they depend on changed,
which is only true while every file of the last build is still there (an
addition cannot break a link, a removal could), every file a page weighs
(pictures, stylesheets, scripts) has the same size, and the settings and this
plugin's code are the same; otherwise every page is checked. Stylesheets are always checked (a handful).
Findings come back in the order a full check gives them, so messages that
quote the first examples read the same.

A page whose file has the inode, size and modification time it had when last
checked is not even read (see :func:`signature`). The pages to read are read,
hashed and checked in worker processes (build_speed's pool), each page on its
own in one pass over its tree (:mod:`.onepass`); this process then settles
the links into other pages' ``#anchor``s, which need every page's ids.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from plugins.build_speed.collector import loads_uncollected
from plugins.build_speed.output import FileStat, read_bytes
from plugins.build_speed.pool import run_jobs, worker_count
from plugins.build_speed.stores import write_atomically

from .addresses import Internal
from .checks import (
    ALWAYS_PRESENT_FRAGMENTS,
    Finding,
    Pending,
    ReferenceChecker,
    SiteFiles,
    check_stylesheets,
    too_heavy,
    weight_parts,
)
from .onepass import PageChecker
from .scan import PARALLEL_FROM_PAGES, PageFacts

CACHE_FILE = "site-checks.pickle"
# Pages a worker checks per task: fewer, bigger messages between the processes.
CHUNK_PAGES = 64
REFERENCES, IMAGES, WEIGHTS = "references", "images", "weights"
_NO_FINDINGS = "no findings"


class CheckedPage(NamedTuple):
    """What the last build found on one page, and what those findings depended on.

    A named tuple: 3,500 of them are made in the workers, sent to this
    process and pickled into the cache, and a tuple is made and pickled
    several times faster than a dataclass.
    """

    digest: str
    size: int
    ids: frozenset[str]
    anchor_targets: frozenset[str]
    weighed: frozenset[str]
    findings: dict[str, tuple[Finding, ...]]


@dataclass
class CheckedSite:
    version: str
    files: frozenset[str]
    weighed_sizes: dict[str, int]
    pages: dict[str, CheckedPage]
    signatures: dict[str, Signature | None] = field(default_factory=dict)


Signature = tuple[int, int, int]
# A file written this shortly before the check could be written again within
# the same tick of the file system's clock, keeping its modification time.
RECENT_NS = 1_000_000_000


def signature(output: str, name: str, now_ns: int, known: FileStat | None = None) -> Signature | None:
    """The file's inode, size and modification time: while all three stay the same, so do its bytes.

    Reading and hashing every page again cost most of a rebuild that changed
    nothing; like ``make`` and ``git`` this trusts the file system instead.
    (build_speed puts a page it did not render again in place as a hard
    link to the same read-only stored copy, so all three stay the same.)
    ``None`` for a file changed too recently to be told apart from its next
    change, which is therefore read again next time (what git does too).
    """
    if known is None:
        status = os.stat(os.path.join(output, name))
        known = status.st_ino, status.st_size, status.st_mtime_ns
    if known[2] > now_ns - RECENT_NS:
        return None
    return known


def code_version(settings_key: str) -> str:
    """This plugin's code and the settings that decide findings."""
    hasher = hashlib.blake2b(settings_key.encode("utf-8"), digest_size=16)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _load(path: Path | None, version: str) -> CheckedSite | None:
    if path is None:
        return None
    try:
        stored = loads_uncollected(path.read_bytes())
    except Exception:  # missing, damaged or from other code: check everything
        return None
    return stored if isinstance(stored, CheckedSite) and stored.version == version else None


def _save(path: Path, site: CheckedSite) -> None:
    write_atomically(path, pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL), 0o600)


def anchor_targets(page: PageFacts, site: SiteFiles) -> frozenset[str]:
    """The pages whose ``id``s the page's ``#anchor`` links rely on (what :mod:`.onepass` works out while checking)."""
    targets = set()
    for reference in page.references:
        if "#" not in reference.url:
            continue
        target = site.target(reference.url, page.path)
        if isinstance(target, Internal) and target.fragment not in (None, *ALWAYS_PRESENT_FRAGMENTS):
            found = site.existing(target.path)
            if found:
                targets.add(found)
    return frozenset(targets)


def _still_valid(earlier: CheckedSite | None, site: SiteFiles) -> bool:
    if earlier is None or not earlier.files <= site.files:
        return False
    return all(_size(site, name) == size for name, size in earlier.weighed_sizes.items())


def _size(site: SiteFiles, name: str) -> int | None:
    if site.stats is not None:
        known = site.stats.get(name)
        return None if known is None else known[1]
    try:
        return os.stat(site.output / name).st_size
    except FileNotFoundError:
        return None


def _digest(data: bytes) -> str:
    # SHA-256 is computed by the CPU's SHA instructions (x86 since 2017-2019, ARMv8): twice as fast as blake2b there.
    return hashlib.sha256(data).hexdigest()


class _Checked(NamedTuple):
    """One page checked again by a worker: its record, whose link findings wait for every page's anchors."""

    page: CheckedPage
    references: list[Pending]


@dataclass
class _Rebuild:
    """What a check of the site needs, prepared before the worker processes are forked (they inherit it)."""

    output: str
    site: SiteFiles
    checker: ReferenceChecker
    budget_bytes: int
    earlier: CheckedSite | None
    pages: PageChecker = field(init=False)
    # Equal sets as one object, which the results' pickling then sends once per chunk of pages.
    _shared: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.pages = PageChecker(self.site, self.checker)

    def check(self, name: str, force: bool = False) -> _Checked | str:
        """The page checked again, or only its digest when its last findings still hold."""
        data = read_bytes(os.path.join(self.output, name))
        digest = _digest(data)
        if not force and self._unchanged(name, digest):
            return digest
        result = self.pages.check(data, name)
        parts = weight_parts(name, len(data), result.weighed, self.site)
        weights = ()
        if sum(parts.values()) > self.budget_bytes:  # rare: weighed again with the page's compressed size
            finding = too_heavy(name, len(data), result.weighed, self.site, self.budget_bytes)
            weights = () if finding is None else (finding,)
        shared = self._shared
        findings = {REFERENCES: (), IMAGES: tuple(result.images_without_alt), WEIGHTS: weights}
        if not any(findings.values()):
            findings = shared.setdefault(_NO_FINDINGS, findings)
        weighed = frozenset(parts) - {name}
        anchors = frozenset(result.anchor_targets)
        page = CheckedPage(digest, len(data), result.ids, shared.setdefault(anchors, anchors), shared.setdefault(weighed, weighed), findings)
        return _Checked(page, result.pending)

    def _unchanged(self, name: str, digest: str) -> bool:
        earlier = self.earlier.pages.get(name) if self.earlier else None
        return earlier is not None and earlier.digest == digest and not any(earlier.findings.values())

    def untouched(self, name: str, now: Signature | None) -> bool:
        """Whether the page is the file the last build checked and found nothing on (so it need not be read)."""
        if now is None or self.earlier is None or self.earlier.signatures.get(name) != now:
            return False
        return self._unchanged(name, self.earlier.pages[name].digest)

    def check_all(self, names: list[str], workers: int | None, force: bool = False) -> dict[str, _Checked | str]:
        workers = worker_count(workers) if len(names) >= PARALLEL_FROM_PAGES else 1
        results = run_jobs(len(names), lambda index: self.check(names[index], force), workers, chunk=CHUNK_PAGES)
        return dict(zip(names, results, strict=True))


def check_site_incrementally(
    output: Path, site: SiteFiles, budget_bytes: int, ignore: list[str], workers: int | None, cache_folder: str | None, settings_key: str
) -> list[Finding]:
    """Every finding of the built site, as :func:`.checks.check_site` gives them, checking only what may have changed."""
    html = sorted(path for path in site.files if path.endswith(".html"))
    path = Path(cache_folder) / CACHE_FILE if cache_folder else None
    version = code_version(settings_key)
    earlier = _load(path, version)
    if not _still_valid(earlier, site):
        earlier = None
    rebuild = _Rebuild(str(output), site, ReferenceChecker(site, ignore, set(html)), budget_bytes, earlier)
    now_ns = time.time_ns()
    known = site.stats or {}
    signatures = {name: signature(str(output), name, now_ns, known.get(name)) for name in html}
    checked: dict[str, _Checked | str] = {name: earlier.pages[name].digest for name in html if rebuild.untouched(name, signatures[name])}
    checked.update(rebuild.check_all([name for name in html if name not in checked], workers))
    checked = {name: checked[name] for name in html}
    if earlier is not None:
        checked.update(rebuild.check_all(_linking_into_changed(checked, earlier), workers, force=True))
    pages = _records(checked, earlier)
    if path is not None and _changed(checked, earlier, site, signatures):
        weighed = set().union(*(page.weighed for page in pages.values()))
        sizes = {name: _size(site, name) for name in sorted(weighed)}
        _save(path, CheckedSite(version, frozenset(site.files), sizes, pages, signatures))
    findings = [finding for name in html for finding in pages[name].findings.get(REFERENCES, ())]
    findings += check_stylesheets(site, ignore)
    findings += [finding for name in html for finding in pages[name].findings.get(IMAGES, ())]
    findings += [finding for name in html for finding in pages[name].findings.get(WEIGHTS, ())]
    return findings


def _linking_into_changed(checked: dict[str, _Checked | str], earlier: CheckedSite) -> list[str]:
    """The unchanged pages with an ``#anchor`` link into a page whose ids changed: their links are checked again."""
    changed_ids = {
        name for name, result in checked.items()
        if isinstance(result, _Checked) and (name not in earlier.pages or earlier.pages[name].ids != result.page.ids)
    }
    if not changed_ids:
        return []
    return sorted(name for name, result in checked.items() if isinstance(result, str) and earlier.pages[name].anchor_targets & changed_ids)


def _records(checked: dict[str, _Checked | str], earlier: CheckedSite | None) -> dict[str, CheckedPage]:
    """Every page's record: the earlier one when unchanged, else the new one with its link findings settled."""
    def ids_of(name: str) -> frozenset[str]:
        result = checked[name]
        return result.page.ids if isinstance(result, _Checked) else earlier.pages[name].ids

    shared: dict = {}
    pages = {}
    for name, result in checked.items():
        if isinstance(result, str):
            pages[name] = earlier.pages[name]
            continue
        references = tuple(pending.finding for pending in result.references if ReferenceChecker.holds(pending, ids_of))
        findings = {**result.page.findings, REFERENCES: references}
        pages[name] = _shared_parts(result.page, findings, shared)
    return pages


def _shared_parts(page: CheckedPage, findings: dict[str, tuple[Finding, ...]], shared: dict) -> CheckedPage:
    """The record with ``findings``, and its sets (and empty findings) shared with the other pages' equal ones.

    Most pages load the same stylesheet and pictures and have no findings:
    shared, those are stored once, which makes the kept records a fraction as
    long to load.
    """
    if not any(findings.values()):
        findings = shared.setdefault(tuple(findings), findings)
    return CheckedPage(
        page.digest,
        page.size,
        shared.setdefault(page.ids, page.ids),
        shared.setdefault(page.anchor_targets, page.anchor_targets),
        shared.setdefault(page.weighed, page.weighed),
        findings,
    )


def _changed(checked: dict[str, _Checked | str], earlier: CheckedSite | None, site: SiteFiles, signatures: dict[str, Signature | None]) -> bool:
    """Whether the kept records must be written again (not after a rebuild that changed no file)."""
    if earlier is None or earlier.files != site.files or earlier.signatures != signatures:
        return True
    return any(isinstance(result, _Checked) for result in checked.values())
