"""Page facts kept by the hash of the page's bytes: a rebuild scans only what changed, and sees the same facts."""

from pathlib import Path

from plugins.site_checks.scan import FACTS_CACHE_FILE, FactsCache, scan_pages

PAGE = '<!doctype html><html><body><a href="/tin/a/">A</a><img src="/anh/x.webp"><p id="{anchor}">x</p></body></html>'


def write_pages(output: Path, count: int, anchor: str = "doan-1") -> list[str]:
    names = []
    for number in range(count):
        path = output / "tin" / f"bai-{number}" / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(anchor=f"{anchor}-{number}"), encoding="utf-8")
        names.append(path.relative_to(output).as_posix())
    return names


def test_cached_facts_are_the_scanned_facts_and_follow_changes(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    names = write_pages(output, 5)
    uncached = scan_pages(output, names, workers=1)
    assert scan_pages(output, names, workers=1, cache_folder=str(cache)) == uncached
    assert len(FactsCache(cache / FACTS_CACHE_FILE).facts) == 5
    assert scan_pages(output, names, workers=1, cache_folder=str(cache)) == uncached

    (output / names[2]).write_text(PAGE.format(anchor="moi"), encoding="utf-8")
    rescanned = scan_pages(output, names, workers=1, cache_folder=str(cache))
    assert rescanned[names[2]].ids == frozenset({"moi"})
    assert [facts.path for facts in rescanned.values()] == names
    assert rescanned[names[1]] == uncached[names[1]]


def test_a_damaged_cache_means_scanning_again(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    names = write_pages(output, 2)
    cache.mkdir()
    (cache / FACTS_CACHE_FILE).write_bytes(b"garbage")
    assert scan_pages(output, names, workers=1, cache_folder=str(cache)) == scan_pages(output, names, workers=1)
