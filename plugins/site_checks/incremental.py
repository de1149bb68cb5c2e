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
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .addresses import Internal
from .checks import (
    ALWAYS_PRESENT_FRAGMENTS,
    Finding,
    SiteFiles,
    check_images,
    check_references,
    check_stylesheets,
    check_weights,
    page_weight,
)
from .scan import PageFacts, scan_pages

CACHE_FILE = "site-checks.pickle"
REFERENCES, IMAGES, WEIGHTS = "references", "images", "weights"


@dataclass(frozen=True)
class CheckedPage:
    """What the last build found on one page, and what those findings depended on."""

    digest: str
    size: int
    ids: frozenset[str]
    anchor_targets: frozenset[str]
    weighed: frozenset[str]
    findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)


@dataclass
class CheckedSite:
    version: str
    files: frozenset[str]
    weighed_sizes: dict[str, int]
    pages: dict[str, CheckedPage]


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
        stored = pickle.loads(path.read_bytes())
    except Exception:  # missing, damaged or from other code: check everything
        return None
    return stored if isinstance(stored, CheckedSite) and stored.version == version else None


def _save(path: Path, site: CheckedSite) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".site-checks-")
    with os.fdopen(handle, "wb") as stream:
        pickle.dump(site, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def anchor_targets(page: PageFacts, site: SiteFiles) -> frozenset[str]:
    """The pages whose ``id``s the page's ``#anchor`` links rely on."""
    targets = set()
    for reference in page.references:
        if "#" not in reference.url:
            continue
        target = site.address.resolve(reference.url, page.path)
        if isinstance(target, Internal) and target.fragment not in (None, *ALWAYS_PRESENT_FRAGMENTS):
            found = site.existing(target.path)
            if found:
                targets.add(found)
    return frozenset(targets)


def _still_valid(earlier: CheckedSite | None, site: SiteFiles, output: Path) -> bool:
    if earlier is None or not earlier.files <= site.files:
        return False
    return all(_size(output, name) == size for name, size in earlier.weighed_sizes.items())


def _size(output: Path, name: str) -> int | None:
    try:
        return os.stat(output / name).st_size
    except FileNotFoundError:
        return None


def _pages_to_check(html: list[str], digests: dict[str, str], earlier: CheckedSite) -> set[str]:
    return {path for path in html if path not in earlier.pages or earlier.pages[path].digest != digests[path] or any(earlier.pages[path].findings.values())}


def check_site_incrementally(
    output: Path, site: SiteFiles, budget_bytes: int, ignore: list[str], workers: int | None, cache_folder: str | None, settings_key: str
) -> list[Finding]:
    """Every finding of the built site, as :func:`.checks.check_site` gives them, checking only what may have changed."""
    html = sorted(path for path in site.files if path.endswith(".html"))
    path = Path(cache_folder) / CACHE_FILE if cache_folder else None
    version = code_version(settings_key)
    earlier = _load(path, version)
    digests = {name: hashlib.blake2b((output / name).read_bytes(), digest_size=20).hexdigest() for name in html}
    if not _still_valid(earlier, site, output):
        earlier = None
    affected = set(html) if earlier is None else _pages_to_check(html, digests, earlier)
    if len(affected) == len(html):
        earlier = None
    facts = scan_pages(output, sorted(affected), workers)
    if earlier is not None:
        changed_ids = {name for name in affected if name not in earlier.pages or earlier.pages[name].ids != facts[name].ids}
        linking = {name for name, page in earlier.pages.items() if name in digests and name not in affected and page.anchor_targets & changed_ids}
        facts.update(scan_pages(output, sorted(linking), workers))
        affected |= linking
    pages = {name: facts[name] if name in facts else _stand_in(name, earlier.pages[name]) for name in html}
    found = {
        REFERENCES: _by_page(check_references(pages, site, ignore, affected)),
        IMAGES: _by_page(check_images(pages, affected)),
        WEIGHTS: _by_page(check_weights(pages, site, budget_bytes, affected)),
    }
    checked = {
        name: _record(digests[name], pages[name], site, found) if earlier is None or name in affected else earlier.pages[name]
        for name in html
    }
    if path is not None:
        weighed = set().union(*(page.weighed for page in checked.values()))
        _save(path, CheckedSite(version, frozenset(site.files), {name: _size(output, name) for name in sorted(weighed)}, checked))
    findings = [finding for name in html for finding in checked[name].findings.get(REFERENCES, ())]
    findings += check_stylesheets(site, ignore)
    findings += [finding for name in html for finding in checked[name].findings.get(IMAGES, ())]
    findings += [finding for name in html for finding in checked[name].findings.get(WEIGHTS, ())]
    return findings


def _stand_in(name: str, page: CheckedPage) -> PageFacts:
    """An unchanged page as the checks of other pages see it: its anchors (its own findings are kept)."""
    return PageFacts(path=name, size=page.size, ids=page.ids)


def _by_page(findings) -> dict[str, tuple[Finding, ...]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.page].append(finding)
    return {page: tuple(items) for page, items in grouped.items()}


def _record(digest: str, page: PageFacts, site: SiteFiles, found: dict) -> CheckedPage:
    findings = {kind: by_page.get(page.path, ()) for kind, by_page in found.items()}
    weighed = frozenset(page_weight(page, site, page.size)) - {page.path}
    return CheckedPage(digest, page.size, page.ids, anchor_targets(page, site), weighed, findings)
